/// Why an agreement coefficient has no value for some data.
///
/// Alpha and kappa are ratios of observed to chance disagreement; when chance disagreement is
/// zero, or there is nothing to compare, the ratio is 0 / 0. The coefficient is then reported as
/// missing together with one of these reasons, never as NaN.
public enum AgreementUndefinedReason: String, Codable, Sendable, CaseIterable, CustomStringConvertible {
    /// No unit was coded by two or more coders, so there are fewer than two pairable values
    /// (Krippendorff's alpha).
    case noPairableValues
    /// No item was coded by both coders (Cohen's kappa).
    case noItems
    /// Chance would produce no disagreement at all: every compared value is the same, so
    /// agreement cannot be told apart from chance.
    case noVariation
    /// No coder marked any unit (Krippendorff's unitizing alpha).
    case noUnits

    /// One sentence for people.
    public var description: String {
        switch self {
        case .noPairableValues: "no unit was coded by two or more coders"
        case .noItems: "no item was coded by both coders"
        case .noVariation: "every compared value is the same, so agreement cannot be told from chance"
        case .noUnits: "no coder marked a passage"
        }
    }
}
