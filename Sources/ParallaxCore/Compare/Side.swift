/// Which side of a question's scale a stance lies on: below 0, at 0, above 0.
///
/// The default scales run from -2 to +2 with 0 meaning uncertain or conditional, so the sign
/// of a stance is what separates "no" from "yes" readings.
public enum Side: String, Codable, Equatable, Hashable, Sendable, CaseIterable {
    /// Below 0: the "no" end of the scale.
    case negative
    /// Exactly 0: uncertain or conditional.
    case neutral
    /// Above 0: the "yes" end of the scale.
    case positive

    /// The side of a stance value (aggregated values may be half-points).
    public init(_ value: Double) {
        self = value < 0 ? .negative : value > 0 ? .positive : .neutral
    }
}
