/// Where a target now lies in the changed text, and how it was found.
public struct AnchorPlacement: Equatable, Hashable, Sendable {
    /// First scalar of the span in the new text.
    public var start: Int
    /// Scalar just after the span in the new text.
    public var end: Int
    /// The step that found it.
    public var method: AnchorMethod
    /// Share of the recorded quote and context that agrees at the new place, in 0...1
    /// (1 when nothing changed around the span).
    public var score: Double
    /// Whether another candidate was about as good (see ``AnchorConfidence``).
    public var confidence: AnchorConfidence
    /// Scalar edits between the recorded quote and the new span's text (0 unless fuzzy).
    public var edits: Int

    /// Creates a placement.
    public init(start: Int, end: Int, method: AnchorMethod, score: Double, confidence: AnchorConfidence, edits: Int) {
        self.start = start; self.end = end; self.method = method
        self.score = score; self.confidence = confidence; self.edits = edits
    }
}
