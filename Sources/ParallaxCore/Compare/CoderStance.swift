/// One coder's own reading of an analyst on a question: the median of that set's codings.
///
/// When several sets code the same analyst, the position pools every coding (see
/// ``Aggregation``); these per-set medians show whether the coders read the analyst alike.
public struct CoderStance: Codable, Equatable, Sendable {
    /// Set (coder) name.
    public var set: String
    /// Median of the set's stances for this analyst and question (may be a half-point).
    public var stance: Double
    /// How many codings the set has for this analyst and question.
    public var codings: Int

    /// Creates a per-coder stance.
    public init(set: String, stance: Double, codings: Int) {
        self.set = set; self.stance = stance; self.codings = codings
    }
}
