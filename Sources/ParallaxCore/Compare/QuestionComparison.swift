/// `compare QUESTION`: every analyst's position on one question, with a summary.
public struct QuestionComparison: Codable, Equatable, Sendable {
    /// The question, with its scale.
    public var question: Question
    /// Set names the codings were restricted to, sorted; `nil` when every set was used.
    public var sets: [String]?
    /// One row per analyst: the analysts compared by default in manifest order, then any other
    /// voice coded on the question (manifest order, then unknown ids alphabetically).
    public var rows: [AnalystPosition]
    /// Counts, median, spread and pattern of the positions.
    public var summary: ComparisonSummary

    /// Creates a comparison from its parts.
    public init(question: Question, sets: [String]?, rows: [AnalystPosition], summary: ComparisonSummary) {
        self.question = question; self.sets = sets; self.rows = rows; self.summary = summary
    }

    /// Every key is written, `null` for a missing value, so the JSON shape is fixed.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(question, forKey: .question)
        try c.encode(sets, forKey: .sets)
        try c.encode(rows, forKey: .rows)
        try c.encode(summary, forKey: .summary)
    }
}
