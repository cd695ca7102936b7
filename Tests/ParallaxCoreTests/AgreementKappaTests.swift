import Testing
import ParallaxCore
import ParallaxStore

/// Cohen's kappa against published values.
@Suite("Cohen's kappa: published values")
struct AgreementKappaTests {
    /// Altman (1991), *Practical Statistics for Medical Research*, Table 14.2: two radiologists
    /// rate 85 xeromammograms (Boyd et al. 1982) as normal, benign disease, suspected cancer or
    /// cancer; radiologist A in rows, B in columns.
    static let radiologists = try! ConfusionTable(
        categories: ["normal", "benign", "suspected", "cancer"],
        counts: [[21, 12, 0, 0], [4, 17, 1, 0], [3, 9, 15, 2], [0, 0, 0, 1]])

    /// Altman (1991), Table 14.3: RAST (columns) against MAST (rows) on 363 sera, five ordered
    /// grades (Brostoff et al. 1984).
    static let mastRast = try! ConfusionTable(
        categories: [1, 2, 3, 4, 5],
        counts: [[86, 3, 14, 0, 2], [26, 0, 10, 4, 0], [20, 2, 22, 4, 1], [11, 1, 37, 16, 14], [3, 0, 15, 24, 48]])

    /// Gwet (2014), *Handbook of Inter-Rater Reliability*, 4th ed.: 100 pregnant women
    /// classified by two abstractors as ectopic, abnormal intrauterine or normal intrauterine
    /// pregnancy (R package irrCAC, data set `cont3x3abstractors`).
    static let abstractors = try! ConfusionTable(
        categories: ["ectopic", "AIU", "NIU"],
        counts: [[13, 0, 0], [0, 20, 7], [0, 4, 56]])

    @Test("Wikipedia's grant-proposal example: κ = 0.4")
    func wikipediaGrantProposals() throws {
        // Wikipedia, "Cohen's kappa", worked example: 50 proposals, A and B both yes 20, both
        // no 15, A yes B no 5, A no B yes 10. p_o = 35/50 = 0.7; p_e = 0.5·0.6 + 0.5·0.4 = 0.5;
        // κ = (0.7 − 0.5)/(1 − 0.5) = 0.4.
        let table = try ConfusionTable(categories: ["yes", "no"], counts: [[20, 5], [10, 15]])
        let result = CohenKappa.compute(table: table)
        #expect(Published.round(result.kappa, to: 3) == 0.4)
        #expect(abs(result.observedAgreement - 0.7) < 1e-12)
        #expect(abs(result.expectedAgreement - 0.5) < 1e-12)
        #expect(result.itemsCompared == 50)
    }

    @Test("κ = 0.348 for [[20, 20], [10, 50]], worked by hand")
    func handWorked() throws {
        // n = 100, p_o = (20 + 50)/100 = 0.70. Row totals 40, 60; column totals 30, 70:
        // p_e = (40·30 + 60·70)/100² = (1200 + 4200)/10000 = 0.54.
        // κ = (0.70 − 0.54)/(1 − 0.54) = 0.16/0.46 = 0.347826… → 0.348.
        let table = try ConfusionTable(categories: [1, 0], counts: [[20, 20], [10, 50]])
        let result = CohenKappa.compute(table: table)
        #expect(Published.round(result.kappa, to: 3) == 0.348)
        #expect(abs(result.kappa! - 0.16 / 0.46) < 1e-12)
        #expect(abs(result.expectedAgreement - 0.54) < 1e-12)
    }

    @Test("Altman's radiologists: κ = 0.47, linear κ_w = 0.57")
    func altmanRadiologists() {
        // Altman §14.3.1: p_o = 54/85 = 0.64, p_e = 26.2/85 = 0.31, κ = 0.47 (Stata's
        // `kappaetc rada radb` on the same data prints 0.4728). §14.3.3: weighted kappa 0.57,
        // with the weights of §14.3.4, w_ij = 1 − |i − j|/(g − 1).
        let plain = CohenKappa.compute(table: Self.radiologists)
        #expect(Published.round(plain.kappa, to: 2) == 0.47)
        #expect(Published.round(plain.kappa, to: 4) == 0.4728)
        #expect(Published.round(plain.observedAgreement, to: 2) == 0.64)
        #expect(Published.round(plain.expectedAgreement, to: 2) == 0.31)
        let linear = CohenKappa.compute(table: Self.radiologists, weighting: .linear)
        #expect(Published.round(linear.kappa, to: 2) == 0.57)
    }

    @Test("Altman's MAST–RAST comparison: κ = 0.32, linear κ_w = 0.56")
    func altmanMastRast() {
        // Altman §14.3.1 and §14.3.3; the weights for discrepancies 0…4 are 1, .75, .5, .25, 0.
        #expect(Published.round(CohenKappa.compute(table: Self.mastRast).kappa, to: 2) == 0.32)
        #expect(Published.round(CohenKappa.compute(table: Self.mastRast, weighting: .linear).kappa, to: 2) == 0.56)
    }

    @Test("Gwet's abstractors: κ = 0.7964094, quadratic κ_w = 0.8921569")
    func gwetAbstractors() {
        // irrCAC documentation: kappa2.table(cont3x3abstractors) gives 0.7964094; with
        // quadratic.weights(1:3) it gives 0.8921569, with weighted percent agreement 0.9725.
        let plain = CohenKappa.compute(table: Self.abstractors)
        #expect(Published.round(plain.kappa, to: 7) == 0.7964094)
        let quadratic = CohenKappa.compute(table: Self.abstractors, weighting: .quadratic)
        #expect(Published.round(quadratic.kappa, to: 7) == 0.8921569)
        #expect(Published.round(quadratic.observedAgreement, to: 4) == 0.9725)
    }

    @Test("ratings give the same table and kappa as the published table, with missing items skipped")
    func fromRatings() throws {
        // Unfold Altman's Table 14.2 into 85 pairs of ratings and add three items that one of
        // the radiologists did not rate.
        let table = Self.radiologists
        var first: [String?] = [], second: [String?] = []
        for (i, row) in table.counts.enumerated() {
            for (j, count) in row.enumerated() {
                first += Array(repeating: table.categories[i], count: count)
                second += Array(repeating: table.categories[j], count: count)
            }
        }
        first += [nil, "normal", nil]
        second += ["cancer", nil, nil]
        for weighting in KappaWeighting.allCases {
            let result = try CohenKappa.compute(first, second, categories: table.categories, weighting: weighting)
            #expect(result.table == table)
            #expect(result.itemsCompared == 85)
            #expect(result.itemsSkipped == 3)
            #expect(result.kappa == CohenKappa.compute(table: table, weighting: weighting).kappa)
        }
    }

    @Test("weights follow the linear and quadratic formulas")
    func weights() {
        #expect(KappaWeighting.linear.weight(0, 3, categories: 5) == 0.25)
        #expect(KappaWeighting.quadratic.weight(0, 2, categories: 5) == 0.75)
        #expect(KappaWeighting.unweighted.weight(1, 2, categories: 5) == 0)
        for weighting in KappaWeighting.allCases { #expect(weighting.weight(2, 2, categories: 5) == 1) }
    }
}
