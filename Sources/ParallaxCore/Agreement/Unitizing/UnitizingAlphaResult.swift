/// Krippendorff's unitizing alpha for one category (or pooled over categories), with the
/// disagreements it is the ratio of.
///
/// αu = 1 − D_o / D_e. When D_e is zero, or there is no unit at all, ``alpha`` is `nil` and
/// ``undefinedReason`` says why.
public struct UnitizingAlphaResult: Codable, Equatable, Sendable {
    /// Observed disagreement D_o.
    public var observedDisagreement: Double
    /// Expected disagreement D_e.
    public var expectedDisagreement: Double
    /// αu: 1 when the coders cut the continuum identically, 0 at chance level, below 0
    /// systematic disagreement. `nil` when undefined.
    public var alpha: Double?
    /// Why ``alpha`` is `nil`; `nil` when it has a value.
    public var undefinedReason: AgreementUndefinedReason?

    /// Creates a result from the two disagreements: αu = 1 − D_o / D_e, undefined when D_e is 0.
    /// - Parameters:
    ///   - observed: D_o.
    ///   - expected: D_e.
    public init(observed: Double, expected: Double) {
        self.observedDisagreement = observed
        self.expectedDisagreement = expected
        if expected > 0 {
            alpha = 1 - observed / expected
            undefinedReason = nil
        } else {
            alpha = nil
            undefinedReason = .noVariation
        }
    }

    /// A result with no value.
    /// - Parameter reason: Why there is none.
    public init(undefined reason: AgreementUndefinedReason) {
        observedDisagreement = 0
        expectedDisagreement = 0
        alpha = nil
        undefinedReason = reason
    }

    /// Every key is written, `null` for a missing value, so the JSON shape is fixed.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(observedDisagreement, forKey: .observedDisagreement)
        try c.encode(expectedDisagreement, forKey: .expectedDisagreement)
        try c.encode(alpha, forKey: .alpha)
        try c.encode(undefinedReason, forKey: .undefinedReason)
    }
}
