/// Krippendorff's alpha for one variable, with the quantities it is computed from.
///
/// α = 1 − D_o / D_e. When D_e is zero or there are no pairable values, ``alpha`` is `nil` and
/// ``undefinedReason`` says why; the other fields are still filled in.
public struct AlphaResult<Value: Hashable & Sendable>: Equatable, Sendable {
    /// The measurement level whose difference function was used.
    public let level: MeasurementLevel
    /// Krippendorff's alpha: 1 is perfect agreement, 0 agreement at chance level, below 0
    /// systematic disagreement. `nil` when undefined.
    public let alpha: Double?
    /// Why ``alpha`` is `nil`; `nil` when alpha has a value.
    public let undefinedReason: AgreementUndefinedReason?
    /// n, the number of pairable values (values in units coded by at least two coders).
    public let pairableValues: Int
    /// The number of units coded by at least two coders.
    public let pairableUnits: Int
    /// D_o = (1/n) Σ_c Σ_k o_ck δ²_ck; 0 when there are no pairable values.
    public let observedDisagreement: Double
    /// D_e = 1/(n(n − 1)) Σ_c Σ_k n_c n_k δ²_ck; 0 when there are no pairable values.
    public let expectedDisagreement: Double
    /// The coincidence matrix the disagreements are computed from.
    public let coincidences: CoincidenceMatrix<Value>

    /// Creates a result from its parts (the computation lives in ``KrippendorffAlpha``).
    /// - Parameters:
    ///   - level: The measurement level used.
    ///   - alpha: The coefficient, `nil` when undefined.
    ///   - undefinedReason: Why the coefficient is undefined.
    ///   - pairableValues: n.
    ///   - pairableUnits: Units with at least two values.
    ///   - observedDisagreement: D_o.
    ///   - expectedDisagreement: D_e.
    ///   - coincidences: The coincidence matrix.
    public init(level: MeasurementLevel, alpha: Double?, undefinedReason: AgreementUndefinedReason?,
                pairableValues: Int, pairableUnits: Int, observedDisagreement: Double,
                expectedDisagreement: Double, coincidences: CoincidenceMatrix<Value>) {
        self.level = level
        self.alpha = alpha
        self.undefinedReason = undefinedReason
        self.pairableValues = pairableValues
        self.pairableUnits = pairableUnits
        self.observedDisagreement = observedDisagreement
        self.expectedDisagreement = expectedDisagreement
        self.coincidences = coincidences
    }
}

extension AlphaResult: Codable where Value: Codable {}
