import Foundation
import Testing
import ParallaxCore

/// Krippendorff's unitizing alpha (αu) against the published values that DKPro Agreement's
/// tests reproduce, and against small cases worked by hand.
@Suite("Krippendorff's unitizing alpha")
struct AgreementUnitizingTests {
    /// Krippendorff (2004), *Content Analysis*, 2nd ed., p. 254: two observers i (coder 0) and
    /// j (coder 1) on a continuum from 150 of length 300, categories c and k (the data of
    /// DKPro's `Krippendorff2004Test`).
    static func krippendorff2004() throws -> UnitizingStudy {
        let units: [(Int, Int, Int, String)] = [
            (225, 70, 0, "c"), (370, 30, 0, "c"), (220, 80, 1, "c"), (355, 20, 1, "c"), (400, 20, 1, "c"),
            (180, 60, 0, "k"), (300, 50, 0, "k"), (180, 60, 1, "k"), (300, 50, 1, "k"),
        ]
        return try UnitizingStudy(begin: 150, length: 300, coders: 2, units: units.map {
            UnitizingUnit(category: $0.3, coder: $0.2, offset: $0.0, length: $0.1)
        })
    }

    /// Krippendorff (1995), "On the reliability of unitizing continuous data", p. 57: four pairs
    /// of coders (A Bertha/Bill, B John/Jill, C Gerret/Gill, D Heather/Hill) on 24 positions,
    /// each position stretched by `stretch` and truncated to an integer as DKPro's
    /// `Krippendorff1995Test` does. Only `categories` are built, so that a stretch that makes
    /// some other category's unit empty can still be used (each category's figures depend on
    /// its own units only).
    static func krippendorff1995(stretch: Double, categories: Set<String> = ["A", "B", "C", "D"]) throws -> UnitizingStudy {
        let units: [(Int, Int, Int, String)] = [
            (2, 8, 0, "A"), (14, 6, 0, "A"), (4, 4, 1, "A"), (15, 2, 1, "A"),
            (0, 18, 0, "B"), (0, 2, 1, "B"), (2, 1, 1, "B"), (3, 1, 1, "B"), (4, 1, 1, "B"), (5, 1, 1, "B"),
            (6, 3, 1, "B"), (9, 1, 1, "B"),
            (2, 6, 0, "C"), (10, 2, 0, "C"), (14, 4, 0, "C"), (20, 2, 0, "C"),
            (0, 2, 1, "C"), (4, 4, 1, "C"), (10, 4, 1, "C"), (16, 2, 1, "C"), (20, 2, 1, "C"),
            (0, 2, 0, "D"), (2, 8, 0, "D"), (10, 4, 0, "D"), (14, 6, 0, "D"), (20, 4, 0, "D"),
            (0, 4, 1, "D"), (4, 4, 1, "D"), (8, 7, 1, "D"), (15, 2, 1, "D"), (17, 7, 1, "D"),
        ]
        func s(_ x: Int) -> Int { Int(Double(x) * stretch) }
        return try UnitizingStudy(begin: 0, length: s(24), coders: 2, units: units.filter { categories.contains($0.3) }.map {
            UnitizingUnit(category: $0.3, coder: $0.2, offset: s($0.0), length: s($0.1))
        })
    }

    static func unit(_ offset: Int, _ length: Int) -> UnitizingSegment { UnitizingSegment(offset: offset, length: length, isUnit: true) }
    static func gap(_ offset: Int, _ length: Int) -> UnitizingSegment { UnitizingSegment(offset: offset, length: length, isUnit: false) }

    @Test("the distance of Krippendorff 2004's figure, and of its worked example")
    func distances() {
        typealias K = KrippendorffUnitizingAlpha
        // A unit against the other coder's gap counts only when the gap holds it wholly.
        #expect(K.distance(Self.gap(2, 3), Self.unit(2, 2)) + K.distance(Self.unit(5, 6), Self.gap(4, 7)) == 40)
        #expect(K.distance(Self.gap(3, 2), Self.unit(3, 2)) + K.distance(Self.unit(5, 6), Self.gap(5, 6)) == 40)
        // Two units: squared differences of starts and of ends.
        #expect(K.distance(Self.unit(5, 6), Self.unit(4, 2)) == 26)
        #expect(K.distance(Self.unit(5, 6), Self.unit(5, 2)) == 16)
        #expect(K.distance(Self.unit(5, 6), Self.unit(6, 2)) == 10)
        #expect(K.distance(Self.unit(5, 6), Self.unit(7, 2)) == 8)
        #expect(K.distance(Self.unit(5, 6), Self.unit(6, 4)) == 2)
        #expect(K.distance(Self.unit(5, 6), Self.unit(5, 6)) == 0)
        // p. 254's pairs.
        #expect(K.distance(Self.unit(225, 70), Self.unit(220, 80)) == 50)
        #expect(K.distance(Self.unit(370, 30), Self.unit(355, 20)) == 850)
        #expect(K.distance(Self.gap(400, 50), Self.unit(400, 20)) == 400)
        // Segments that do not intersect, and a unit only partly in a gap: nothing.
        #expect(K.distance(Self.unit(0, 5), Self.unit(5, 5)) == 0)
        #expect(K.distance(Self.unit(2, 3), Self.gap(0, 3)) == 0)
    }

    @Test("Krippendorff 2004 p. 254: α(c) 0.7286, α(k) 1.0, overall 0.8591")
    func krippendorff2004Values() throws {
        let study = try Self.krippendorff2004()
        let c = KrippendorffUnitizingAlpha.result(study, category: "c")
        #expect(abs(c.observedDisagreement - 0.0144) < 0.0001)
        #expect(abs(c.expectedDisagreement - 0.0532) < 0.0001)
        #expect(abs(try #require(c.alpha) - 0.7286) < 0.0001)
        let k = KrippendorffUnitizingAlpha.result(study, category: "k")
        #expect(abs(k.observedDisagreement - 0) < 0.0001)
        #expect(abs(k.expectedDisagreement - 0.0490) < 0.0001)
        #expect(abs(try #require(k.alpha) - 1.0) < 0.0001)
        let overall = KrippendorffUnitizingAlpha.pooled(study)
        #expect(abs(try #require(overall.alpha) - 0.8591) < 0.0005)
        #expect(overall.observedDisagreement == (c.observedDisagreement + k.observedDisagreement) / 2)
        #expect(overall.expectedDisagreement == (c.expectedDisagreement + k.expectedDisagreement) / 2)
        // Observed: 2·(50 + 850 + 400) / (2·1·300²) exactly.
        #expect(abs(c.observedDisagreement - 2.0 * 1300 / 180_000) < 1e-15)
    }

    @Test("Krippendorff 1995: observed disagreements 0.03125, 2.26736, 0.02777, 0.38715", arguments: [
        ("A", 0.03125), ("B", 2.26736), ("C", 0.02777), ("D", 0.38715),
    ])
    func krippendorff1995Observed(category: String, published: Double) throws {
        let study = try Self.krippendorff1995(stretch: 1)
        #expect(abs(KrippendorffUnitizingAlpha.observedDisagreement(study, category: category) - published) < 0.00001)
    }

    /// The paper's expected disagreements (and so its alphas) are reproduced only loosely, by
    /// DKPro and by every implementation since: DKPro's tests suspect a sign slip in the
    /// paper's D_e formula, stretch the continuum 50,000-fold to approach the paper's
    /// continuous figures, and allow 0.005 on D_e and 0.02 on αu. The same tolerances here.
    @Test("Krippendorff 1995 stretched 50,000-fold: D_e and αu within DKPro's tolerances", arguments: [
        ("A", 0.06990, 0.553), ("B", 1.17731, -0.926), ("C", 0.08642, 0.679), ("D", 0.41445, 0.066),
    ])
    func krippendorff1995Expected(category: String, expected: Double, alpha: Double) throws {
        let study = try Self.krippendorff1995(stretch: Double(1_200_000 / 24))
        let result = KrippendorffUnitizingAlpha.result(study, category: category)
        #expect(abs(result.expectedDisagreement - expected) < 0.005)
        #expect(abs(try #require(result.alpha) - alpha) < 0.02)
        // Stretching leaves the observed disagreement unchanged: it is scale-free.
        let unstretched = try Self.krippendorff1995(stretch: 1)
        #expect(abs(result.observedDisagreement - KrippendorffUnitizingAlpha.observedDisagreement(unstretched, category: category)) < 1e-9)
    }

    /// Stretch, published D_e, DKPro's tolerance on it, published αu.
    static let resolutions: [(Double, Double, Double, Double)] = [
        (0.5, 0.05494, 0.00001, 0.494),
        (5, 0.08234, 0.005, 0.663),
        (50, 0.08600, 0.005, 0.677),
        (500, 0.08638, 0.005, 0.678),
        (5000, 0.08642, 0.005, 0.679),
    ]

    @Test("Krippendorff 1995, category C at growing resolution (DKPro's varying-lengths test)", arguments: resolutions)
    func krippendorff1995Resolution(stretch: Double, expected: Double, tolerance: Double, alpha: Double) throws {
        let study = try Self.krippendorff1995(stretch: stretch, categories: ["C"])
        let result = KrippendorffUnitizingAlpha.result(study, category: "C")
        #expect(abs(result.observedDisagreement - 0.02777) < 0.00001)
        #expect(abs(result.expectedDisagreement - expected) < tolerance)
        #expect(abs(try #require(result.alpha) - alpha) < 0.02)
    }

    @Test("by hand: coders who mark the same passages agree perfectly")
    func identical() throws {
        let units = [UnitizingUnit(category: "q", coder: 0, offset: 2, length: 3),
                     UnitizingUnit(category: "q", coder: 1, offset: 2, length: 3),
                     UnitizingUnit(category: "q", coder: 0, offset: 7, length: 2),
                     UnitizingUnit(category: "q", coder: 1, offset: 7, length: 2)]
        let study = try UnitizingStudy(length: 10, coders: 2, units: units)
        let result = KrippendorffUnitizingAlpha.result(study, category: "q")
        #expect(result.observedDisagreement == 0)
        #expect(result.expectedDisagreement > 0)
        #expect(result.alpha == 1)
    }

    @Test("by hand: [2,5) against [3,5) on 10 positions")
    func shiftedStart() throws {
        // Segments: coder 0 gap 0–2, unit 2–5, gap 5–10; coder 1 gap 0–3, unit 3–5, gap 5–10.
        // Only the two units disagree: (2 − 3)² + (5 − 5)² = 1, so D_o = 2·1 / (2·1·10²) = 0.01.
        // D_e: N = 2 units (3, 2), gaps 2, 5, 3, 5. Unit 3: (2·27 − 27 + 3)/3 = 10, plus
        // 9·[(3−3+1) + 2·(5−3+1)] = 63; unit 2: (16 − 12 + 2)/3 = 2, plus 4·(1 + 2 + 4 + 4) = 44.
        // D_e = (2/10)·119 / (2·10·19 − (6 + 2)) = 23.8 / 372.
        let study = try UnitizingStudy(length: 10, coders: 2, units: [
            UnitizingUnit(category: "q", coder: 0, offset: 2, length: 3),
            UnitizingUnit(category: "q", coder: 1, offset: 3, length: 2),
        ])
        let result = KrippendorffUnitizingAlpha.result(study, category: "q")
        #expect(abs(result.observedDisagreement - 0.01) < 1e-15)
        #expect(abs(result.expectedDisagreement - 23.8 / 372) < 1e-15)
        let alpha = try #require(result.alpha)
        let byHand: Double = 1 - 0.01 * 372 / 23.8
        #expect(abs(alpha - byHand) < 1e-12)
        #expect(Published.round(result.alpha, to: 4) == 0.8437)
    }

    @Test("by hand: one coder marks [0,5) of 10, the other nothing")
    func oneCoderOnly() throws {
        // Coder 0's unit lies wholly in coder 1's gap: D_o = 2·25 / (2·100) = 0.25.
        // D_e: one unit of 5, gaps 5 and 10: 25·(1 + 6) = 175; (2/10)·175 / (2·10·19 − 20) = 35/360.
        // αu = 1 − 0.25·360/35 = −11/7: the coders disagree more than chance would.
        let study = try UnitizingStudy(length: 10, coders: 2, units: [
            UnitizingUnit(category: "q", coder: 0, offset: 0, length: 5),
        ])
        let result = KrippendorffUnitizingAlpha.result(study, category: "q")
        #expect(abs(result.observedDisagreement - 0.25) < 1e-15)
        #expect(abs(result.expectedDisagreement - 35.0 / 360) < 1e-15)
        let alpha = try #require(result.alpha)
        #expect(abs(alpha + 11.0 / 7) < 1e-12)
    }

    @Test("three coders: D_o averages the three pairs")
    func threeCoders() throws {
        // Coders 0 and 1 agree on [2,5); coder 2 marks [3,5). Pairs (0,2) and (1,2) each
        // disagree by 1, pair (0,1) by 0: D_o = 2·2 / (3·2·10²).
        let study = try UnitizingStudy(length: 10, coders: 3, units: [
            UnitizingUnit(category: "q", coder: 0, offset: 2, length: 3),
            UnitizingUnit(category: "q", coder: 1, offset: 2, length: 3),
            UnitizingUnit(category: "q", coder: 2, offset: 3, length: 2),
        ])
        #expect(abs(KrippendorffUnitizingAlpha.observedDisagreement(study, category: "q") - 4.0 / 600) < 1e-15)
    }

    @Test("no expected disagreement is undefined, not 0 / 0; a category without units has none")
    func undefined() throws {
        let whole = try UnitizingStudy(length: 1, coders: 2, units: [
            UnitizingUnit(category: "q", coder: 0, offset: 0, length: 1),
            UnitizingUnit(category: "q", coder: 1, offset: 0, length: 1),
        ])
        let result = KrippendorffUnitizingAlpha.result(whole, category: "q")
        #expect(result.alpha == nil)
        #expect(result.undefinedReason == .noVariation)
        #expect(KrippendorffUnitizingAlpha.result(whole, category: "other").undefinedReason == .noUnits)
        let empty = try UnitizingStudy(length: 5, coders: 2, units: [])
        #expect(KrippendorffUnitizingAlpha.pooled(empty).undefinedReason == .noUnits)
    }

    @Test("units are checked: inside the continuum, not empty, a known coder, no overlap within a coder and category")
    func validation() throws {
        func study(_ units: [UnitizingUnit], coders: Int = 2) throws -> UnitizingStudy {
            try UnitizingStudy(begin: 10, length: 20, coders: coders, units: units)
        }
        #expect(throws: ParallaxError.self) { try study([UnitizingUnit(category: "q", coder: 0, offset: 5, length: 6)]) }
        #expect(throws: ParallaxError.self) { try study([UnitizingUnit(category: "q", coder: 0, offset: 25, length: 6)]) }
        #expect(throws: ParallaxError.self) { try study([UnitizingUnit(category: "q", coder: 0, offset: 12, length: 0)]) }
        #expect(throws: ParallaxError.self) { try study([UnitizingUnit(category: "q", coder: 2, offset: 12, length: 2)]) }
        #expect(throws: ParallaxError.self) { try study([], coders: 1) }
        #expect(throws: ParallaxError.self) {
            try study([UnitizingUnit(category: "q", coder: 0, offset: 12, length: 5),
                       UnitizingUnit(category: "q", coder: 0, offset: 16, length: 2)])
        }
        // Touching units, and overlapping units of different categories or coders, are fine.
        let fine = try study([UnitizingUnit(category: "q", coder: 0, offset: 12, length: 4),
                              UnitizingUnit(category: "q", coder: 0, offset: 16, length: 2),
                              UnitizingUnit(category: "r", coder: 0, offset: 13, length: 4),
                              UnitizingUnit(category: "q", coder: 1, offset: 13, length: 4)])
        #expect(fine.segments(of: 0, in: "q").map(\.length) == [2, 4, 2, 12])
        #expect(fine.segments(of: 1, in: "r") == [UnitizingSegment(offset: 10, length: 20, isUnit: false)])
    }
}
