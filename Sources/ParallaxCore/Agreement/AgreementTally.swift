/// One coder's codings as `agree` reads them: per question id (as coded), per analyst, the
/// stances coded there. What ``AgreementReport`` computes from, made once per coder.
///
/// A tally depends only on the coder's codings, not on the codebook or the questions asked
/// for, so a session keeps one per set until the set changes (keyed by
/// ``AnnotationSet/revision``): a repeated `agree` over 100,000 codings then costs a pass over
/// its units, not over the codings.
///
/// ```swift
/// let tallies = try ["alice", "bob"].map { AgreementTally(annotations: try store.set($0).placed) }
/// let report = try AgreementReport(codebook: codebook, coders: ["alice", "bob"], tallies: tallies)
/// ```
public struct AgreementTally: Equatable, Sendable {
    /// Question id → analyst id → the stances coded there, in coding order.
    public private(set) var stances: [String: [String: [Int]]] = [:]
    /// Codings tallied.
    public private(set) var count = 0

    /// An empty tally.
    public init() {}

    /// The tally of a coder's annotations (orphans left out by the caller).
    /// - Complexity: O(*n*) for *n* annotations.
    public init(annotations: some Sequence<Annotation>) {
        for a in annotations { add(a) }
    }

    /// The tally of the codings of one set among `codings` (those of other sets ignored).
    /// - Complexity: O(*n*) for *n* codings.
    public init(codings: some Sequence<Coding>, set: String) {
        for c in codings where c.set == set { add(c.annotation) }
    }

    /// Adds one coding.
    public mutating func add(_ a: Annotation) {
        stances[a.question, default: [:]][a.analyst, default: []].append(a.stance)
        count += 1
    }
}
