/// The summary line of a comparison: how many analysts take a position, where the middle is,
/// how far the positions spread, and their pattern (see ``PositionPattern``).
public struct ComparisonSummary: Codable, Equatable, Sendable {
    /// Analysts listed (with or without a position).
    public var analysts: Int
    /// Analysts who take a position.
    public var positions: Int
    /// Positions below 0.
    public var below: Int
    /// Positions at exactly 0.
    public var neutral: Int
    /// Positions above 0.
    public var above: Int
    /// Median of the analysts' stances (see ``Aggregation``); `nil` with no positions.
    public var median: Double?
    /// Lowest stance; `nil` with no positions.
    public var min: Double?
    /// Highest stance; `nil` with no positions.
    public var max: Double?
    /// Highest − lowest; `nil` with no positions.
    public var range: Double?
    /// The pattern of the positions.
    public var pattern: PositionPattern
    /// The side a ``PositionPattern/consensus`` or ``PositionPattern/lean`` is on; `nil` for
    /// the other patterns.
    public var side: Side?

    /// Summarises analysts' aggregated stances.
    /// - Parameters:
    ///   - stances: One value per analyst who takes a position.
    ///   - analysts: How many analysts are listed in all.
    public init(stances: [Double], analysts: Int) {
        self.analysts = analysts
        positions = stances.count
        below = stances.filter { $0 < 0 }.count
        neutral = stances.filter { $0 == 0 }.count
        above = stances.filter { $0 > 0 }.count
        median = Aggregation.median(stances)
        let low = stances.min(), high = stances.max()
        min = low
        max = high
        if let low, let high { range = high - low } else { range = nil }
        (pattern, side) = PositionPattern.classify(stances)
    }

    /// Every key is written, `null` for a missing value, so the JSON shape is fixed.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(analysts, forKey: .analysts)
        try c.encode(positions, forKey: .positions)
        try c.encode(below, forKey: .below)
        try c.encode(neutral, forKey: .neutral)
        try c.encode(above, forKey: .above)
        try c.encode(median, forKey: .median)
        try c.encode(min, forKey: .min)
        try c.encode(max, forKey: .max)
        try c.encode(range, forKey: .range)
        try c.encode(pattern, forKey: .pattern)
        try c.encode(side, forKey: .side)
    }
}
