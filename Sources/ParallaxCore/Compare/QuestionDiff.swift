/// One question of a diff: both analysts' positions, how far apart they are and the verdict.
public struct QuestionDiff: Codable, Equatable, Sendable {
    /// The question, with its scale.
    public var question: Question
    /// The first analyst's position (stance `nil` when silent).
    public var first: AnalystPosition
    /// The second analyst's position.
    public var second: AnalystPosition
    /// |first − second| in scale points; `nil` unless both take a position.
    public var distance: Double?
    /// How the positions relate (see ``DiffVerdict``).
    public var verdict: DiffVerdict

    /// Compares two positions on a question.
    /// - Parameters:
    ///   - question: The question.
    ///   - first: The first analyst's position.
    ///   - second: The second analyst's position.
    public init(question: Question, first: AnalystPosition, second: AnalystPosition) {
        self.question = question
        self.first = first
        self.second = second
        if let a = first.stance, let b = second.stance { distance = abs(a - b) } else { distance = nil }
        verdict = DiffVerdict(first.stance, second.stance)
    }

    /// Every key is written, `null` for a missing value, so the JSON shape is fixed.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(question, forKey: .question)
        try c.encode(first, forKey: .first)
        try c.encode(second, forKey: .second)
        try c.encode(distance, forKey: .distance)
        try c.encode(verdict, forKey: .verdict)
    }
}
