import Foundation
import Testing
import ParallaxCore
import ParallaxStore

/// Undefined and degenerate cases, invalid input, and JSON.
@Suite("Agreement: edge cases")
struct AgreementEdgeCaseTests {
    @Test("everyone uses one value: alpha is undefined, not NaN", arguments: MeasurementLevel.allCases)
    func oneValue(level: MeasurementLevel) throws {
        let data: [[Double?]] = [[2, 2, 2, nil], [2, 2, nil, 2], [2, nil, 2, 2]]
        let result = try KrippendorffAlpha.compute(data, level: level)
        #expect(result.alpha == nil)
        #expect(result.undefinedReason == .noVariation)
        #expect(result.pairableValues == 9)
        #expect(result.observedDisagreement == 0)
        #expect(result.expectedDisagreement == 0)
        #expect(result.coincidences.values == [2])
    }

    @Test("a unit with a single value is not pairable")
    func singleValueUnit() throws {
        let base: [[Double?]] = [[1, 2, 3, 3], [1, 2, 3, 4]]
        let lonely: [[Double?]] = [[1, 2, 3, 3, 5], [1, 2, 3, 4, nil]]
        for level in MeasurementLevel.allCases {
            let a = try KrippendorffAlpha.compute(base, level: level)
            let b = try KrippendorffAlpha.compute(lonely, level: level)
            #expect(a == b)
            #expect(b.pairableValues == 8)
            #expect(b.pairableUnits == 4)
            #expect(!b.coincidences.values.contains(5))
        }
    }

    @Test("missing everywhere, or one value per unit: no pairable values")
    func noPairableValues() throws {
        let cases: [[[Double?]]] = [[], [[nil, nil], [nil, nil]], [[1, nil], [nil, 2]], [[1, 2, 3]]]
        for data in cases {
            let result = try KrippendorffAlpha.compute(data, level: .nominal)
            #expect(result.alpha == nil)
            #expect(result.undefinedReason == .noPairableValues)
            #expect(result.pairableValues == 0)
            #expect(result.coincidences.values.isEmpty)
        }
        #expect(try KrippendorffAlpha.compute(nominal: [[String?]]([[nil, "a"], ["b", nil]])).undefinedReason == .noPairableValues)
    }

    @Test("two coders in perfect agreement: alpha = 1 and kappa = 1")
    func perfectAgreement() throws {
        let ratings: [Double?] = [1, 2, 3, 1, 4, nil, 2]
        for level in MeasurementLevel.allCases {
            let result = try KrippendorffAlpha.compute([ratings, ratings], level: level)
            #expect(result.alpha == 1)
            #expect(result.observedDisagreement == 0)
        }
        for weighting in KappaWeighting.allCases {
            let result = try CohenKappa.compute(ratings, ratings, weighting: weighting)
            #expect(result.kappa == 1)
            #expect(result.observedAgreement == 1)
            #expect(result.itemsSkipped == 1)
        }
    }

    @Test("systematic disagreement gives negative alpha")
    func negativeAlpha() throws {
        let result = try KrippendorffAlpha.compute([[1, 2, 1, 2], [2, 1, 2, 1]] as [[Double?]], level: .nominal)
        #expect(try #require(result.alpha) < 0)
    }

    @Test("ratio level: zero is a value like any other")
    func ratioWithZero() throws {
        let result = try KrippendorffAlpha.compute([[0, 1, 2], [0, 1, 2]] as [[Double?]], level: .ratio)
        #expect(result.alpha == 1)
    }

    @Test("kappa is undefined when both coders use one category, or share no item")
    func kappaUndefined() throws {
        let same = try CohenKappa.compute(["yes", "yes", "yes"], ["yes", "yes", "yes"], categories: ["yes", "no"])
        #expect(same.kappa == nil)
        #expect(same.undefinedReason == .noVariation)
        #expect(same.observedAgreement == 1)
        #expect(same.expectedAgreement == 1)
        for weighting in KappaWeighting.allCases {
            let table = try ConfusionTable(categories: [1, 2, 3], counts: [[0, 0, 0], [0, 7, 0], [0, 0, 0]])
            #expect(CohenKappa.compute(table: table, weighting: weighting).undefinedReason == .noVariation)
        }
        let disjoint = try CohenKappa.compute(["yes", nil, nil], [nil, "no", nil], categories: ["yes", "no"])
        #expect(disjoint.kappa == nil)
        #expect(disjoint.undefinedReason == .noItems)
        #expect(disjoint.itemsCompared == 0)
        #expect(disjoint.itemsSkipped == 3)
        let empty = CohenKappa.compute(table: try ConfusionTable<String>(categories: [], counts: []))
        #expect(empty.undefinedReason == .noItems)
    }

    @Test("kappa when one coder uses a single category is 0, not undefined")
    func kappaOneSidedConstant() throws {
        // p_o = 0.5, p_e = 0.5·1 = 0.5: the first coder's answers carry no information.
        let result = try CohenKappa.compute(["yes", "yes", "yes", "yes"], ["yes", "no", "yes", "no"], categories: ["yes", "no"])
        #expect(result.kappa == 0)
    }

    @Test("malformed input is refused with a located error")
    func invalidInput() throws {
        #expect(throws: ParallaxError.self) { try KrippendorffAlpha.compute([[1, 2], [1]] as [[Double?]], level: .nominal) }
        #expect(throws: ParallaxError.self) { try KrippendorffAlpha.compute([[1, .nan], [1, 2]] as [[Double?]], level: .interval) }
        #expect(throws: ParallaxError.self) { try KrippendorffAlpha.compute([[1, .infinity], [1, 2]] as [[Double?]], level: .nominal) }
        #expect(throws: ParallaxError.self) { try KrippendorffAlpha.compute([[1, -2], [1, 2]] as [[Double?]], level: .ratio) }
        #expect(throws: ParallaxError.self) { try KrippendorffAlpha.compute(ordinal: [["low", "odd"], ["low", "high"]], order: ["low", "high"]) }
        #expect(throws: ParallaxError.self) { try KrippendorffAlpha.compute(ordinal: [["low"], ["low"]], order: ["low", "low"]) }
        #expect(throws: ParallaxError.self) { try CohenKappa.compute(["a"], ["a", "b"], categories: ["a", "b"]) }
        #expect(throws: ParallaxError.self) { try CohenKappa.compute(["a", "c"], ["a", "b"], categories: ["a", "b"]) }
        #expect(throws: ParallaxError.self) { try ConfusionTable(categories: ["a", "b"], counts: [[1, 2]]) }
        #expect(throws: ParallaxError.self) { try ConfusionTable(categories: ["a", "b"], counts: [[1, 2], [3]]) }
        #expect(throws: ParallaxError.self) { try ConfusionTable(categories: ["a", "b"], counts: [[1, -2], [3, 4]]) }
        #expect(throws: ParallaxError.self) { try ConfusionTable(categories: ["a", "a"], counts: [[1, 2], [3, 4]]) }

        do {
            _ = try KrippendorffAlpha.compute([[1, nil, 3], [1, 2, -3]] as [[Double?]], level: .ratio)
            Issue.record("a negative ratio value was accepted")
        } catch let error as ParallaxError {
            #expect(error.kind == .invalidData)
            #expect(error.location?.description == "reliability data: coder 2, unit 3")
        }
    }

    @Test("results round-trip through JSON; an undefined coefficient is left out, not NaN")
    func json() throws {
        let alpha = try KrippendorffAlpha.compute(AgreementAlphaTests.krippendorffC, level: .ordinal)
        let decoded = try JSONDecoder().decode(AlphaResult<Double>.self, from: JSONEncoder().encode(alpha))
        #expect(decoded == alpha)

        let kappa = try CohenKappa.compute(["a", "b", nil], ["a", "a", "b"], categories: ["a", "b"], weighting: .linear)
        #expect(try JSONDecoder().decode(KappaResult<String>.self, from: JSONEncoder().encode(kappa)) == kappa)

        let undefined = try KrippendorffAlpha.compute([[1, 1], [1, 1]] as [[Double?]], level: .interval)
        let text = String(decoding: try JSONEncoder().encode(undefined), as: UTF8.self)
        #expect(!text.contains("\"alpha\""))
        #expect(text.contains("\"undefinedReason\":\"noVariation\""))

        let bad = Data(#"{"categories":["a","b"],"counts":[[1,2]]}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ConfusionTable<String>.self, from: bad) }
    }
}
