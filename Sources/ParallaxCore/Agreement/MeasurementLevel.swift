/// How the values coders assign are compared, which decides what counts as disagreement and
/// how much (Krippendorff's difference functions δ²).
///
/// - `nominal`: any two different values disagree equally (δ² = 1).
/// - `ordinal`: values are ranks; the disagreement between two ranks grows with how many
///   pairable values lie between them (δ²_ck = (Σ_{g=c…k} n_g − (n_c + n_k)/2)²).
/// - `interval`: δ² = (c − k)².
/// - `ratio`: δ² = ((c − k)/(c + k))²; values must not be negative.
public enum MeasurementLevel: String, Codable, Sendable, CaseIterable, CustomStringConvertible {
    /// Unordered categories.
    case nominal
    /// Ordered categories without a distance between them.
    case ordinal
    /// Numbers with meaningful differences.
    case interval
    /// Non-negative numbers with a meaningful zero.
    case ratio

    public var description: String { rawValue }
}
