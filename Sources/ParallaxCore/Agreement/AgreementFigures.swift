/// Agreement over a group of units (one question's, or all questions' pooled): how many units
/// and pairable values, Krippendorff's alpha at three levels and, for exactly two coders,
/// Cohen's kappa with its confusion table.
///
/// Alpha comes from ``KrippendorffAlpha`` over a reliability matrix of coders × units (missing
/// where a coder did not code a unit): nominal and ordinal over each coder's category, interval
/// over each coder's median (see ``AgreementUnit``). Kappa comes from ``CohenKappa`` over the
/// same categories, with the weights spread over the whole scale, not only the points seen.
public struct AgreementFigures: Codable, Equatable, Sendable {
    /// Krippendorff's alpha at the three levels.
    public struct Alphas: Codable, Equatable, Sendable {
        /// Nominal alpha, over categories.
        public var nominal: AgreementCoefficient
        /// Ordinal alpha, over categories ranked by value.
        public var ordinal: AgreementCoefficient
        /// Interval alpha, over medians.
        public var interval: AgreementCoefficient

        /// Creates the three alphas.
        public init(nominal: AgreementCoefficient, ordinal: AgreementCoefficient, interval: AgreementCoefficient) {
            self.nominal = nominal; self.ordinal = ordinal; self.interval = interval
        }
    }

    /// Cohen's kappa for two coders, with the table it is computed from.
    public struct Kappas: Codable, Equatable, Sendable {
        /// Unweighted kappa.
        public var unweighted: AgreementCoefficient
        /// Kappa with linear weights over the scale.
        public var linear: AgreementCoefficient
        /// Kappa with quadratic weights over the scale.
        public var quadratic: AgreementCoefficient
        /// Units both coders coded.
        public var itemsCompared: Int
        /// Units only one of them coded (left out of kappa).
        public var itemsSkipped: Int
        /// Rows: the first coder's category; columns: the second's; over every scale point.
        public var confusion: ConfusionTable<Int>

        /// Creates the kappas from their parts.
        public init(unweighted: AgreementCoefficient, linear: AgreementCoefficient, quadratic: AgreementCoefficient,
                    itemsCompared: Int, itemsSkipped: Int, confusion: ConfusionTable<Int>) {
            self.unweighted = unweighted; self.linear = linear; self.quadratic = quadratic
            self.itemsCompared = itemsCompared; self.itemsSkipped = itemsSkipped; self.confusion = confusion
        }

        /// The coefficient for one weighting.
        public subscript(weighting: KappaWeighting) -> AgreementCoefficient {
            switch weighting {
            case .unweighted: unweighted
            case .linear: linear
            case .quadratic: quadratic
            }
        }
    }

    /// Units coded by at least one coder.
    public var units: Int
    /// Units coded by two or more coders.
    public var pairableUnits: Int
    /// n: values in pairable units.
    public var pairableValues: Int
    /// Coder values whose category rests on codings split evenly between two points (see
    /// ``AgreementUnit/isSplit(_:)``), in all units.
    public var splitReadings: Int
    /// Krippendorff's alpha.
    public var alpha: Alphas
    /// Cohen's kappa; `nil` unless there are exactly two coders.
    public var kappa: Kappas?

    /// Creates figures from their parts (``compute(units:coders:scale:)`` computes them).
    public init(units: Int, pairableUnits: Int, pairableValues: Int, splitReadings: Int, alpha: Alphas, kappa: Kappas?) {
        self.units = units; self.pairableUnits = pairableUnits; self.pairableValues = pairableValues
        self.splitReadings = splitReadings; self.alpha = alpha; self.kappa = kappa
    }

    /// What the amount of data allows, before any coefficient is looked at.
    public var sample: AgreementCoefficient.Status {
        AgreementCoefficient.sample(pairableUnits: pairableUnits, pairableValues: pairableValues)
    }

    /// Computes the figures of some units.
    /// - Parameters:
    ///   - units: The units, each with one entry per coder.
    ///   - coders: How many coders there are.
    ///   - scale: Every value a category may take, ascending (the whole scale: kappa's weights
    ///     are spaced over it).
    /// - Returns: The figures; kappa only for two coders.
    /// - Throws: ``ParallaxError`` (`.invalidData`) when a category is not on `scale`.
    /// - Complexity: O(*N*·*m* log *m* + *k*²) for *N* units, *m* coders, *k* scale points.
    public static func compute(units: [AgreementUnit], coders: Int, scale: [Int]) throws -> AgreementFigures {
        // Reliability data, coders × units.
        let stances: [[Double?]] = (0..<coders).map { c in units.map { $0.stances[c] } }
        let categories: [[Int?]] = (0..<coders).map { c in units.map { $0.categories[c] } }
        let numeric = categories.map { row in row.map { $0.map(Double.init) } }
        let nominal = try KrippendorffAlpha.compute(numeric, level: .nominal)
        let ordinal = try KrippendorffAlpha.compute(numeric, level: .ordinal)
        let interval = try KrippendorffAlpha.compute(stances, level: .interval)
        func judged(_ r: AlphaResult<Double>) -> AgreementCoefficient {
            AgreementCoefficient(computed: r.alpha, undefinedReason: r.undefinedReason,
                                 pairableUnits: r.pairableUnits, pairableValues: r.pairableValues)
        }
        var kappa: Kappas?
        if coders == 2 {
            let results = try KappaWeighting.allCases.map {
                try CohenKappa.compute(categories[0], categories[1], categories: scale, weighting: $0)
            }
            let judgedKappas = results.map { r in
                AgreementCoefficient(computed: r.kappa, undefinedReason: r.undefinedReason,
                                     pairableUnits: r.itemsCompared, pairableValues: 2 * r.itemsCompared)
            }
            kappa = Kappas(unweighted: judgedKappas[0], linear: judgedKappas[1], quadratic: judgedKappas[2],
                           itemsCompared: results[0].itemsCompared, itemsSkipped: results[0].itemsSkipped,
                           confusion: results[0].table)
        }
        return AgreementFigures(
            units: units.count(where: { $0.coderCount > 0 }), pairableUnits: nominal.pairableUnits,
            pairableValues: nominal.pairableValues, splitReadings: units.reduce(0) { $0 + $1.splitReadings },
            alpha: Alphas(nominal: judged(nominal), ordinal: judged(ordinal), interval: judged(interval)),
            kappa: kappa)
    }

    /// Every key is written, `null` for a missing value, so the JSON shape is fixed.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(units, forKey: .units)
        try c.encode(pairableUnits, forKey: .pairableUnits)
        try c.encode(pairableValues, forKey: .pairableValues)
        try c.encode(splitReadings, forKey: .splitReadings)
        try c.encode(alpha, forKey: .alpha)
        try c.encode(kappa, forKey: .kappa)
    }
}
