/// Cohen's kappa for two coders, with the agreements it is computed from.
///
/// κ = (p_o − p_e) / (1 − p_e). When p_e is 1 or no item was coded by both coders, ``kappa``
/// is `nil` and ``undefinedReason`` says why.
public struct KappaResult<Category: Hashable & Sendable>: Equatable, Sendable {
    /// The weights used.
    public let weighting: KappaWeighting
    /// Cohen's kappa (weighted unless ``weighting`` is `.unweighted`): 1 is perfect agreement,
    /// 0 agreement at chance level. `nil` when undefined.
    public let kappa: Double?
    /// Why ``kappa`` is `nil`; `nil` when kappa has a value.
    public let undefinedReason: AgreementUndefinedReason?
    /// p_o, the (weighted) proportion of agreement; 0 when no item was compared.
    public let observedAgreement: Double
    /// p_e, the (weighted) proportion of agreement expected from the two coders' marginals;
    /// 0 when no item was compared.
    public let expectedAgreement: Double
    /// Items coded by both coders, the n of the table.
    public let itemsCompared: Int
    /// Items left out because one coder or both had no value for them.
    public let itemsSkipped: Int
    /// The confusion table of the compared items.
    public let table: ConfusionTable<Category>

    /// Creates a result from its parts (the computation lives in ``CohenKappa``).
    /// - Parameters:
    ///   - weighting: The weights used.
    ///   - kappa: The coefficient, `nil` when undefined.
    ///   - undefinedReason: Why the coefficient is undefined.
    ///   - observedAgreement: p_o.
    ///   - expectedAgreement: p_e.
    ///   - itemsCompared: Items coded by both coders.
    ///   - itemsSkipped: Items with a missing value.
    ///   - table: The confusion table.
    public init(weighting: KappaWeighting, kappa: Double?, undefinedReason: AgreementUndefinedReason?,
                observedAgreement: Double, expectedAgreement: Double, itemsCompared: Int, itemsSkipped: Int,
                table: ConfusionTable<Category>) {
        self.weighting = weighting
        self.kappa = kappa
        self.undefinedReason = undefinedReason
        self.observedAgreement = observedAgreement
        self.expectedAgreement = expectedAgreement
        self.itemsCompared = itemsCompared
        self.itemsSkipped = itemsSkipped
        self.table = table
    }
}

extension KappaResult: Codable where Category: Codable {}
