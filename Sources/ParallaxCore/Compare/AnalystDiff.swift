/// `diff ANALYST ANALYST`: two analysts across every question of the codebook, sharpest
/// disagreement first.
///
/// **Order.** By verdict (``DiffVerdict/opposite``, ``DiffVerdict/differ``,
/// ``DiffVerdict/sameSide``, ``DiffVerdict/agree``, ``DiffVerdict/onlyOne``,
/// ``DiffVerdict/neither``), within a verdict by distance, largest first, then in codebook
/// order. Questions neither analyst speaks to are kept, last, so that every question is
/// accounted for.
public struct AnalystDiff: Codable, Equatable, Sendable {
    /// The first analyst's id.
    public var first: String
    /// The first analyst's display name.
    public var firstName: String
    /// The second analyst's id.
    public var second: String
    /// The second analyst's display name.
    public var secondName: String
    /// Set names the codings were restricted to, sorted; `nil` when every set was used.
    public var sets: [String]?
    /// One entry per question of the codebook, in diff order.
    public var entries: [QuestionDiff]

    /// Builds a diff and sorts its entries.
    /// - Parameters:
    ///   - first: The first analyst's id.
    ///   - firstName: Their display name.
    ///   - second: The second analyst's id.
    ///   - secondName: Their display name.
    ///   - sets: The set filter used, if any.
    ///   - entries: One entry per question, in codebook order (ties keep this order).
    public init(first: String, firstName: String, second: String, secondName: String,
                sets: [String]?, entries: [QuestionDiff]) {
        self.first = first; self.firstName = firstName
        self.second = second; self.secondName = secondName
        self.sets = sets
        self.entries = entries.enumerated().sorted { x, y in
            let (i, a) = x, (j, b) = y
            if a.verdict != b.verdict { return a.verdict < b.verdict }
            let da = a.distance ?? -1, db = b.distance ?? -1
            if da != db { return da > db }
            return i < j
        }.map(\.element)
    }

    /// How many entries have each verdict (every verdict present, zeros included).
    public var counts: [DiffVerdict: Int] {
        var out = Dictionary(uniqueKeysWithValues: DiffVerdict.allCases.map { ($0, 0) })
        for e in entries { out[e.verdict, default: 0] += 1 }
        return out
    }

    /// Every key is written, `null` for a missing value, so the JSON shape is fixed.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(first, forKey: .first)
        try c.encode(firstName, forKey: .firstName)
        try c.encode(second, forKey: .second)
        try c.encode(secondName, forKey: .secondName)
        try c.encode(sets, forKey: .sets)
        try c.encode(entries, forKey: .entries)
    }
}
