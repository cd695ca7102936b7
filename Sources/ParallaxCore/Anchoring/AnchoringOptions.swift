/// The thresholds of re-anchoring. The defaults are what Parallax uses; tests and benchmarks
/// may change them.
///
/// All lengths are in Unicode scalars. "Agreement" is counted in scalars too: an exact quote of
/// m scalars whose prefix agrees on 30 scalars and suffix on 32 agrees on m + 62.
public struct AnchoringOptions: Equatable, Hashable, Sendable {
    /// A quote at least this long identifies its place by itself when it occurs exactly; a
    /// shorter one also needs ``minimumContextAgreement`` scalars of its context and
    /// ``minimumScore`` of everything recorded to agree. 32 is the length of one side of
    /// recorded context, so a long quote carries as much evidence as a full side.
    public var selfEvidentQuoteLength = 32
    /// Scalars of recorded context that must agree before a short quote is placed (capped at
    /// half of the context recorded, for spans near the ends of a document). 16 is half a
    /// side: one side intact is enough, a chance agreement like " of the " is not.
    public var minimumContextAgreement = 16
    /// Two candidates whose agreement differs by less than this many scalars are a tie, broken
    /// by distance from the old (or predicted) position, with low confidence.
    public var tieMargin = 8
    /// The least score (share of the recorded quote and context that agrees) a fuzzy match or
    /// a short quote needs. At 0.5 a short quote with one side of context intact always
    /// qualifies, whatever happened on the other side, while a phrase that merely recurs in
    /// similar words ("…in U.S.-Russia relations, I would s…", 21 of 64 context scalars
    /// agreeing by chance around a 15-scalar quote: 0.46) does not.
    public var minimumScore = 0.5
    /// Scalars searched on each side of the expected position before the whole text is.
    public var localWindow = 4096
    /// Exact occurrences compared precisely (by edit distance of their context) when a quote
    /// occurs very often; the others are ranked by their common prefix and suffix only.
    public var preciseCandidates = 64
    /// Seeds (8-byte pieces of quote and context) that occur more often than this are too
    /// common to locate anything and are ignored by the fuzzy search.
    public var maximumSeedHits = 2000
    /// Candidate regions the fuzzy search examines per target, best-supported first.
    public var maximumFuzzyWindows = 16

    /// The default thresholds.
    public init() {}

    /// The most scalar edits a fuzzy match of an m-scalar quote may need: none under 5 scalars
    /// (exact search already covers them and a single edit changes their meaning), 1 under 10,
    /// 20% under 32 and 25% from there on.
    public func editBudget(quoteLength m: Int) -> Int {
        switch m {
        case ..<5: return 0
        case ..<10: return 1
        case ..<32: return m / 5
        default: return m / 4
        }
    }
}
