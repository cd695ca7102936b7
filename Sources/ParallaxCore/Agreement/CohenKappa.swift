/// Cohen's kappa for two coders over the same items, unweighted or with linear or quadratic
/// weights over an ordered list of categories.
///
/// ```swift
/// let a = ["yes", "no", nil, "yes"], b = ["yes", "yes", "no", "yes"]
/// let result = try CohenKappa.compute(a, b, categories: ["yes", "no"])
/// result.kappa          // Double?, nil when undefined
/// result.itemsSkipped   // 1: the third item has no value from the first coder
/// ```
public enum CohenKappa {
    /// Kappa from two coders' ratings of the same items, in the same order.
    ///
    /// Items where either coder has no value are skipped and counted in
    /// ``KappaResult/itemsSkipped``.
    /// - Parameters:
    ///   - first: The first coder's rating of each item, `nil` where missing.
    ///   - second: The second coder's rating of each item, `nil` where missing.
    ///   - categories: Every category that may occur, in order, each once. Weighted kappa
    ///     spaces the weights over this list, so give the whole scale even if some of it is unused.
    ///   - weighting: The weights; `.unweighted` by default.
    /// - Returns: Kappa with p_o, p_e, the counts and the confusion table.
    /// - Throws: ``ParallaxError`` (`.invalidData`) when the two lists differ in length, a
    ///   category repeats, or a rating is not among `categories`.
    /// - Complexity: O(*n* + *k*²) for *n* items and *k* categories.
    public static func compute<Category: Hashable & Sendable>(
        _ first: [Category?], _ second: [Category?], categories: [Category], weighting: KappaWeighting = .unweighted
    ) throws -> KappaResult<Category> {
        guard first.count == second.count else {
            throw ParallaxError(.invalidData, "the first coder rated \(first.count) items and the second \(second.count)",
                                at: "kappa ratings", hint: "give both coders one entry per item, nil where missing")
        }
        var position: [Category: Int] = [:]
        for (i, category) in categories.enumerated() {
            guard position.updateValue(i, forKey: category) == nil else {
                throw ParallaxError(.invalidData, "category \(category) is listed twice", at: "kappa categories: position \(i + 1)")
            }
        }
        var counts = [[Int]](repeating: [Int](repeating: 0, count: categories.count), count: categories.count)
        var skipped = 0
        for (item, pair) in zip(first, second).enumerated() {
            guard let a = pair.0, let b = pair.1 else { skipped += 1; continue }
            guard let i = position[a], let j = position[b] else {
                let (coder, value) = position[a] == nil ? (1, a) : (2, b)
                throw ParallaxError(.invalidData, "rating \(value) is not among the categories",
                                    at: "kappa ratings: coder \(coder), item \(item + 1)")
            }
            counts[i][j] += 1
        }
        return kappa(table: try ConfusionTable(categories: categories, counts: counts), weighting: weighting, skipped: skipped)
    }

    /// Kappa from two coders' ratings, with the categories taken from the compared ratings in
    /// ascending order.
    ///
    /// Only categories that occur among items rated by both coders enter the table, so for
    /// weighted kappa prefer ``compute(_:_:categories:weighting:)`` with the whole scale.
    /// - Parameters:
    ///   - first: The first coder's rating of each item, `nil` where missing.
    ///   - second: The second coder's rating of each item, `nil` where missing.
    ///   - weighting: The weights; `.unweighted` by default.
    /// - Returns: Kappa with p_o, p_e, the counts and the confusion table.
    /// - Throws: ``ParallaxError`` (`.invalidData`) when the two lists differ in length.
    /// - Complexity: O(*n* log *n* + *k*²) for *n* items and *k* categories.
    public static func compute<Category: Hashable & Sendable & Comparable>(
        _ first: [Category?], _ second: [Category?], weighting: KappaWeighting = .unweighted
    ) throws -> KappaResult<Category> {
        var seen = Set<Category>()
        for (a, b) in zip(first, second) {
            if let a, let b { seen.insert(a); seen.insert(b) }
        }
        return try compute(first, second, categories: seen.sorted(), weighting: weighting)
    }

    /// Kappa from a confusion table.
    /// - Parameters:
    ///   - table: The counts, first coder in rows, second in columns.
    ///   - weighting: The weights; `.unweighted` by default.
    /// - Returns: Kappa with p_o and p_e; no item is skipped.
    /// - Complexity: O(*k*²) for *k* categories.
    public static func compute<Category: Hashable & Sendable>(
        table: ConfusionTable<Category>, weighting: KappaWeighting = .unweighted
    ) -> KappaResult<Category> {
        kappa(table: table, weighting: weighting, skipped: 0)
    }

    /// The core, in disagreement form: κ = 1 − q_o / q_e with q = 1 − p. The disagreement weights
    /// are exactly 0 on the diagonal and positive off it, so q_e is exactly 0 precisely when
    /// chance would produce no disagreement (p_e = 1).
    static func kappa<Category>(table: ConfusionTable<Category>, weighting: KappaWeighting, skipped: Int) -> KappaResult<Category> {
        let k = table.categories.count
        let n = table.total
        guard n > 0 else {
            return KappaResult(weighting: weighting, kappa: nil, undefinedReason: .noItems, observedAgreement: 0,
                               expectedAgreement: 0, itemsCompared: 0, itemsSkipped: skipped, table: table)
        }
        let rows = table.rowTotals, columns = table.columnTotals
        var observed = 0.0, expected = 0.0
        for i in 0..<k {
            for j in 0..<k where i != j {
                let v = weighting.disagreement(i, j, categories: k)
                observed += v * Double(table.counts[i][j])
                expected += v * Double(rows[i]) * Double(columns[j])
            }
        }
        let qO = observed / Double(n)
        let qE = expected / (Double(n) * Double(n))
        guard expected > 0 else {
            return KappaResult(weighting: weighting, kappa: nil, undefinedReason: .noVariation, observedAgreement: 1 - qO,
                               expectedAgreement: 1, itemsCompared: n, itemsSkipped: skipped, table: table)
        }
        return KappaResult(weighting: weighting, kappa: 1 - qO / qE, undefinedReason: nil, observedAgreement: 1 - qO,
                           expectedAgreement: 1 - qE, itemsCompared: n, itemsSkipped: skipped, table: table)
    }
}
