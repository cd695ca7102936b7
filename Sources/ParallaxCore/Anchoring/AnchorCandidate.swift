/// A place in the new text where a target could go, with how well it agrees with what was
/// recorded. Orphans carry the best rejected one so a user can be shown what was nearly taken.
public struct AnchorCandidate: Equatable, Hashable, Sendable {
    /// First scalar of the span in the new text.
    public var start: Int
    /// Scalar just after the span in the new text.
    public var end: Int
    /// Scalar edits between the recorded quote and the new span's text (0 for an exact match).
    public var edits: Int
    /// Scalars of recorded prefix and suffix that agree with the text around the span.
    public var contextAgreement: Int
    /// Share of the recorded quote and context that agrees here, in 0...1:
    /// `(quote length − edits + contextAgreement) / (quote length + context length)`.
    public var score: Double

    /// Creates a candidate.
    public init(start: Int, end: Int, edits: Int, contextAgreement: Int, score: Double) {
        self.start = start; self.end = end; self.edits = edits
        self.contextAgreement = contextAgreement; self.score = score
    }
}
