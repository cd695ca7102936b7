/// Where one analyst stands on one question: the aggregated stance, the codings behind it,
/// each coder's own reading and a quote as evidence. An analyst who takes no position has a
/// `nil` stance and no codings.
public struct AnalystPosition: Codable, Equatable, Sendable {
    /// Analyst id.
    public var analyst: String
    /// Display name (the id when the analyst is not in the corpus manifest).
    public var name: String
    /// Median of all the analyst's codings on the question (see ``Aggregation``); `nil` for no
    /// position.
    public var stance: Double?
    /// What the stance means on the question's scale (`unlikely`, `no – unlikely` for a
    /// half-point); `nil` for no position.
    public var label: String?
    /// The codings, ordered by set, then by place in the corpus.
    public var codings: [IndividualCoding]
    /// Each set's own median, in set-name order (one entry when a single set codes the analyst).
    public var coders: [CoderStance]
    /// The passage quoted for the position (see ``Evidence``).
    public var evidence: Evidence?

    /// Creates a position from its parts.
    public init(analyst: String, name: String, stance: Double?, label: String?,
                codings: [IndividualCoding], coders: [CoderStance], evidence: Evidence?) {
        self.analyst = analyst; self.name = name; self.stance = stance; self.label = label
        self.codings = codings; self.coders = coders; self.evidence = evidence
    }

    /// Whether the analyst takes a position (has at least one coding).
    public var hasPosition: Bool { stance != nil }

    /// Whether the analyst's codings fall on both sides of 0 (one below, one above): the
    /// aggregated stance then hides a contradiction worth reading.
    public var codedOnBothSides: Bool {
        codings.contains { $0.stance < 0 } && codings.contains { $0.stance > 0 }
    }

    /// Whether the coders' own medians differ (only possible with several sets).
    public var codersDisagree: Bool {
        Set(coders.map(\.stance)).count > 1
    }

    /// Every key is written, `null` for a missing value, so the JSON shape is fixed.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(analyst, forKey: .analyst)
        try c.encode(name, forKey: .name)
        try c.encode(stance, forKey: .stance)
        try c.encode(label, forKey: .label)
        try c.encode(codings, forKey: .codings)
        try c.encode(coders, forKey: .coders)
        try c.encode(evidence, forKey: .evidence)
    }
}
