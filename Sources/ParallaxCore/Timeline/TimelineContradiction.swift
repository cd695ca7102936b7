/// A tension within one text: codings of one analyst on one question on opposite sides of 0
/// within one document, or within documents of one date (the same day's interview and
/// op-ed). Kept apart from ``TimelineShift``: nothing changed over time.
public struct TimelineContradiction: Codable, Equatable, Sendable {
    /// The question.
    public var question: String
    /// The date shared by the codings, `nil` for an undated document.
    public var date: PartialDate?
    /// The documents involved, in order (one for a single text).
    public var docs: [String]
    /// The coding furthest below 0 (the first such in the text on a tie).
    public var negative: TimelinePoint
    /// The coding furthest above 0.
    public var positive: TimelinePoint
    /// How many codings of the group lie below 0, and how many above.
    public var below: Int, above: Int

    /// Creates a contradiction.
    public init(question: String, date: PartialDate?, docs: [String], negative: TimelinePoint, positive: TimelinePoint,
                below: Int, above: Int) {
        self.question = question; self.date = date; self.docs = docs
        self.negative = negative; self.positive = positive; self.below = below; self.above = above
    }
}
