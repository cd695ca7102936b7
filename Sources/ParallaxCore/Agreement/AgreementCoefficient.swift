/// One agreement coefficient as the report gives it: the number, and whether there is enough
/// data for the number to mean anything.
///
/// **Thresholds.** With fewer than ``minimumPairableUnits`` units coded by two or more coders
/// there is ``Status/tooLittleData`` and no value: alpha from one unit is 0 when its two values
/// differ and undefined when they agree, whatever the coders' skill, and kappa from one item is
/// as empty. When every compared value is the same the coefficient is ``Status/undefined``
/// (chance cannot be told from agreement). A value from fewer than ``smallSampleBelow`` pairable
/// values is given but flagged ``Status/smallSample``: one changed coding then moves it a lot.
/// Passing these checks is a floor, not a licence: Krippendorff's sample-size guidance (after
/// Bloch and Kraemer) asks for many dozens of pairable values before an alpha can be told apart
/// from a minimum such as 0.800.
public struct AgreementCoefficient: Codable, Equatable, Sendable {
    /// Whether a coefficient can be read.
    public enum Status: String, Codable, Sendable, CaseIterable, CustomStringConvertible {
        /// Enough pairable values by this report's thresholds.
        case ok
        /// A value, from fewer than ``AgreementCoefficient/smallSampleBelow`` pairable values.
        case smallSample
        /// Fewer than ``AgreementCoefficient/minimumPairableUnits`` pairable units: no value.
        case tooLittleData
        /// Every compared value is the same, so agreement cannot be told from chance: no value.
        case undefined

        /// Words for people (`n small: read with care`).
        public var description: String {
            switch self {
            case .ok: "ok"
            case .smallSample: "n small: read with care"
            case .tooLittleData: "too little data"
            case .undefined: "undefined (everyone used one value)"
            }
        }
    }

    /// Fewer units coded by two or more coders than this: too little data for any coefficient.
    public static let minimumPairableUnits = 2
    /// Fewer pairable values than this: the coefficient is flagged as resting on a small n.
    public static let smallSampleBelow = 10

    /// The coefficient; `nil` when ``status`` is ``Status/tooLittleData`` or ``Status/undefined``.
    public var value: Double?
    /// Whether the value can be read, and with what care.
    public var status: Status

    /// Creates a coefficient from its parts.
    /// - Parameters:
    ///   - value: The number, `nil` when there is none.
    ///   - status: Whether it can be read.
    public init(value: Double?, status: Status) {
        self.value = value
        self.status = status
    }

    /// Judges a computed coefficient by the thresholds.
    /// - Parameters:
    ///   - computed: The coefficient as computed, `nil` when undefined.
    ///   - undefinedReason: Why it is `nil`.
    ///   - pairableUnits: Units coded by two or more coders (items coded by both, for kappa).
    ///   - pairableValues: Values in those units.
    public init(computed: Double?, undefinedReason: AgreementUndefinedReason?, pairableUnits: Int, pairableValues: Int) {
        let sample = AgreementCoefficient.sample(pairableUnits: pairableUnits, pairableValues: pairableValues)
        if sample == .tooLittleData || (computed == nil && undefinedReason != .noVariation) {
            self.init(value: nil, status: .tooLittleData)
        } else if let computed {
            self.init(value: computed, status: sample)
        } else {
            self.init(value: nil, status: .undefined)
        }
    }

    /// What the amount of data alone allows: ``Status/tooLittleData``, ``Status/smallSample`` or
    /// ``Status/ok``.
    /// - Parameters:
    ///   - pairableUnits: Units coded by two or more coders.
    ///   - pairableValues: Values in those units.
    public static func sample(pairableUnits: Int, pairableValues: Int) -> Status {
        pairableUnits < minimumPairableUnits ? .tooLittleData : pairableValues < smallSampleBelow ? .smallSample : .ok
    }

    /// Every key is written, `null` for a missing value, so the JSON shape is fixed.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(value, forKey: .value)
        try c.encode(status, forKey: .status)
    }
}
