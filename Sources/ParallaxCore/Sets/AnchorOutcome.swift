/// Where re-anchoring put a span whose document changed.
public enum AnchorOutcome: Equatable, Sendable {
    /// Placed at `[start, end)` of the new text.
    case placed(start: Int, end: Int)
    /// Could not be placed with confidence, for this reason.
    case orphan(String)
}
