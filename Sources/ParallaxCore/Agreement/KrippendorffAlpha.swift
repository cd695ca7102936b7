/// Krippendorff's alpha, computed by the coincidence-matrix definition (Krippendorff 2011,
/// "Computing Krippendorff's Alpha-Reliability").
///
/// Input is a reliability data matrix: one row per coder, one column per unit, `nil` where a
/// coder did not code a unit. Every row must have the same length. Only units coded by at least
/// two coders are pairable and count; a unit with a single value says nothing about agreement.
///
/// ```swift
/// let data: [[Double?]] = [[1, 2, 3, nil], [1, 2, 4, 4]]
/// let result = try KrippendorffAlpha.compute(data, level: .interval)
/// result.alpha   // Double?, nil when undefined
/// ```
public enum KrippendorffAlpha {
    /// Alpha for numeric values at any measurement level.
    ///
    /// Values are ranked by size for the ordinal metric; for the nominal metric only equality
    /// matters, so numbers can stand for category codes.
    /// - Parameters:
    ///   - data: The reliability data, coders × units, `nil` for missing values.
    ///   - level: The measurement level, which selects the difference function.
    /// - Returns: Alpha with n, D_o, D_e and the coincidence matrix; alpha is `nil` with a
    ///   reason when it is undefined (no pairable values, or no variation).
    /// - Throws: ``ParallaxError`` (`.invalidData`) when rows differ in length, a value is NaN
    ///   or infinite, or a ratio-level value is negative.
    /// - Complexity: O(*N*·*m* log *m* + *v*²) for *m* coders, *N* units and *v* distinct values.
    public static func compute(_ data: [[Double?]], level: MeasurementLevel) throws -> AlphaResult<Double> {
        try checkRectangular(data)
        var distinct = Set<Double>()
        for (c, row) in data.enumerated() {
            for (u, value) in row.enumerated() {
                guard let value else { continue }
                guard value.isFinite else {
                    throw ParallaxError(.invalidData, "value \(value) is not a finite number", at: location(c, u))
                }
                if level == .ratio && value < 0 {
                    throw ParallaxError(.invalidData, "value \(value) is negative, which the ratio level does not allow",
                                        at: location(c, u), hint: "use the interval level for values below zero")
                }
                distinct.insert(value)
            }
        }
        let domain = distinct.sorted()
        let rank = Dictionary(uniqueKeysWithValues: domain.enumerated().map { ($1, $0) })
        let indices = data.map { row in row.map { $0.flatMap { rank[$0] } } }
        return alpha(indices: indices, domain: domain, level: level, magnitude: { $0 })
    }

    /// Nominal alpha for category labels of any hashable type (strings, enums, codes).
    /// - Parameter data: The reliability data, coders × units, `nil` for missing values.
    /// - Returns: Nominal alpha; the coincidence matrix lists labels in order of first
    ///   appearance, unit by unit.
    /// - Throws: ``ParallaxError`` (`.invalidData`) when rows differ in length.
    /// - Complexity: O(*N*·*m* log *m* + *v*²) for *m* coders, *N* units and *v* distinct labels.
    public static func compute<Label: Hashable & Sendable>(nominal data: [[Label?]]) throws -> AlphaResult<Label> {
        try checkRectangular(data)
        var domain: [Label] = []
        var rank: [Label: Int] = [:]
        for u in 0..<(data.first?.count ?? 0) {
            for row in data {
                if let label = row[u], rank[label] == nil {
                    rank[label] = domain.count
                    domain.append(label)
                }
            }
        }
        let indices = data.map { row in row.map { $0.flatMap { rank[$0] } } }
        return alpha(indices: indices, domain: domain, level: .nominal, magnitude: nil)
    }

    /// Ordinal alpha for labels ranked by an explicit order (for example a stance scale
    /// `["oppose", "lean against", "neutral", "lean for", "support"]`).
    /// - Parameters:
    ///   - data: The reliability data, coders × units, `nil` for missing values.
    ///   - order: Every label that may occur, lowest rank first, each once.
    /// - Returns: Ordinal alpha; the coincidence matrix lists labels in `order`.
    /// - Throws: ``ParallaxError`` (`.invalidData`) when rows differ in length, `order` repeats a
    ///   label, or the data holds a label missing from `order`.
    /// - Complexity: O(*N*·*m* log *m* + *v*²) for *m* coders, *N* units and *v* labels in `order`.
    public static func compute<Label: Hashable & Sendable>(ordinal data: [[Label?]], order: [Label]) throws -> AlphaResult<Label> {
        try checkRectangular(data)
        var rank: [Label: Int] = [:]
        for (i, label) in order.enumerated() {
            guard rank.updateValue(i, forKey: label) == nil else {
                throw ParallaxError(.invalidData, "the order lists \(label) twice", at: "ordinal order: position \(i + 1)")
            }
        }
        var indices: [[Int?]] = []
        for (c, row) in data.enumerated() {
            indices.append(try row.enumerated().map { u, label in
                guard let label else { return nil }
                guard let i = rank[label] else {
                    throw ParallaxError(.invalidData, "value \(label) is not in the ordinal order", at: location(c, u),
                                        hint: "list every value of the scale in the order")
                }
                return i
            })
        }
        return alpha(indices: indices, domain: order, level: .ordinal, magnitude: nil)
    }
}

extension KrippendorffAlpha {
    /// The core: alpha over values already replaced by their index in `domain` (ascending rank).
    /// `magnitude` gives the number behind a value; the interval and ratio levels need it.
    static func alpha<Value: Hashable & Sendable>(indices: [[Int?]], domain: [Value], level: MeasurementLevel,
                                                  magnitude: ((Value) -> Double)?) -> AlphaResult<Value> {
        let d = domain.count
        var coincidences = [[Double]](repeating: [Double](repeating: 0, count: d), count: d)
        var marginals = [Int](repeating: 0, count: d)
        var pairableUnits = 0
        var unit: [Int] = []
        unit.reserveCapacity(indices.count)
        for u in 0..<(indices.first?.count ?? 0) {
            unit.removeAll(keepingCapacity: true)
            for row in indices { if let i = row[u] { unit.append(i) } }
            let m = unit.count
            guard m >= 2 else { continue }
            pairableUnits += 1
            unit.sort()
            // Runs of equal indices: (value index, how many coders gave it).
            var runs: [(index: Int, count: Int)] = []
            for i in unit {
                if runs.last?.index == i { runs[runs.count - 1].count += 1 } else { runs.append((i, 1)) }
            }
            let pairs = Double(m - 1)
            for a in runs {
                marginals[a.index] += a.count
                for b in runs {
                    let ordered = a.index == b.index ? a.count * (a.count - 1) : a.count * b.count
                    coincidences[a.index][b.index] += Double(ordered) / pairs
                }
            }
        }

        // Keep only the values that occur among pairable values, in rank order.
        let kept = (0..<d).filter { marginals[$0] > 0 }
        let matrix = CoincidenceMatrix(values: kept.map { domain[$0] },
                                       counts: kept.map { c in kept.map { k in coincidences[c][k] } },
                                       marginals: kept.map { marginals[$0] })
        matrix.checkInvariants()

        let n = matrix.total
        guard n >= 2 else {
            return AlphaResult(level: level, alpha: nil, undefinedReason: .noPairableValues, pairableValues: n,
                               pairableUnits: pairableUnits, observedDisagreement: 0, expectedDisagreement: 0,
                               coincidences: matrix)
        }
        let delta = differences(level: level, marginals: matrix.marginals, numbers: magnitude.map { matrix.values.map($0) })
        var observed = 0.0, expected = 0.0
        for c in matrix.values.indices {
            for k in matrix.values.indices where k != c {
                observed += matrix.counts[c][k] * delta[c][k]
                expected += Double(matrix.marginals[c]) * Double(matrix.marginals[k]) * delta[c][k]
            }
        }
        let dO = observed / Double(n)
        let dE = expected / (Double(n) * Double(n - 1))
        guard expected > 0 else {
            return AlphaResult(level: level, alpha: nil, undefinedReason: .noVariation, pairableValues: n,
                               pairableUnits: pairableUnits, observedDisagreement: dO, expectedDisagreement: dE,
                               coincidences: matrix)
        }
        // 1 − D_o/D_e, written so that n(n − 1) and n cancel before dividing.
        let alpha = 1 - Double(n - 1) * observed / expected
        return AlphaResult(level: level, alpha: alpha, undefinedReason: nil, pairableValues: n,
                           pairableUnits: pairableUnits, observedDisagreement: dO, expectedDisagreement: dE,
                           coincidences: matrix)
    }

    /// The squared differences δ²_ck between the pairable values of a level.
    static func differences(level: MeasurementLevel, marginals: [Int], numbers: [Double]?) -> [[Double]] {
        let v = marginals.count
        var delta = [[Double]](repeating: [Double](repeating: 0, count: v), count: v)
        switch level {
        case .nominal:
            for c in 0..<v { for k in 0..<v where k != c { delta[c][k] = 1 } }
        case .ordinal:
            // Σ_{g=c…k} n_g from running totals of the marginals, in rank order.
            var below = [Int](repeating: 0, count: v + 1)
            for g in 0..<v { below[g + 1] = below[g] + marginals[g] }
            for c in 0..<v {
                for k in (c + 1)..<v {
                    let between = Double(below[k + 1] - below[c])
                    let d = between - Double(marginals[c] + marginals[k]) / 2
                    delta[c][k] = d * d
                    delta[k][c] = d * d
                }
            }
        case .interval, .ratio:
            guard let numbers else { preconditionFailure("\(level) alpha needs numeric values") }
            for c in 0..<v {
                for k in 0..<v where k != c {
                    let a = numbers[c], b = numbers[k]
                    if level == .interval {
                        delta[c][k] = (a - b) * (a - b)
                    } else {
                        // Non-negative and distinct, so a + b > 0.
                        let r = (a - b) / (a + b)
                        delta[c][k] = r * r
                    }
                }
            }
        }
        return delta
    }

    static func checkRectangular<T>(_ data: [[T?]]) throws {
        guard let units = data.first?.count else { return }
        for (c, row) in data.enumerated() where row.count != units {
            throw ParallaxError(.invalidData, "coder \(c + 1) has \(row.count) units but coder 1 has \(units)",
                                at: "reliability data", hint: "give every coder one entry per unit, nil where missing")
        }
    }

    static func location(_ coder: Int, _ unit: Int) -> String {
        "reliability data: coder \(coder + 1), unit \(unit + 1)"
    }
}
