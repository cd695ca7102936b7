import Foundation
import Testing
import ParallaxCore
import ParallaxStore

/// Rounding the way published tables round.
enum Published {
    /// `value` rounded half away from zero to `places` decimals; `nil` stays `nil`.
    static func round(_ value: Double?, to places: Int) -> Double? {
        guard let value else { return nil }
        let scale = pow(10, Double(places))
        return (value * scale).rounded() / scale
    }
}

/// Krippendorff's alpha against published values.
@Suite("Krippendorff's alpha: published values")
struct AgreementAlphaTests {
    /// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C ("nominal
    /// data, any number of observers, missing data"), reused there for the other metrics:
    /// observers A–D × units 1–12, values 1–5, `nil` where an observer did not code a unit.
    /// The same matrix is the "C" data of R's `irr::kripp.alpha` example, and the test data of
    /// the Python `krippendorff` package and Perl's Statistics::Krippendorff (which assert
    /// .743, .815, .849 and .797 on it).
    static let krippendorffC: [[Double?]] = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, nil, nil, nil],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nil, 3],
        [nil, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nil],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nil],
    ]

    /// The example of Wikipedia's "Krippendorff's alpha" article (section "A computational
    /// example"): 3 coders × 15 units, values 1–4, published nominal α = 0.691 and interval
    /// α = 0.811. Also the test data of the Python `krippendorff` package (0.691358, 0.810845)
    /// and of Perl's Statistics::Krippendorff.
    static let wikipedia: [[Double?]] = [
        [nil, nil, nil, nil, nil, 3, 4, 1, 2, 1, 1, 3, 3, nil, 3],
        [1, nil, 2, 1, 3, 3, 4, 3, nil, nil, nil, nil, nil, nil, nil],
        [nil, nil, 2, 1, 3, 4, 4, nil, 2, 1, 1, 3, 3, nil, 4],
    ]

    @Test("Krippendorff 2011 example C at all four levels", arguments: [
        // Worked by hand from the coincidence matrix below (n = 40; n_c = 9, 13, 10, 5, 3):
        // nominal   1 − 39·(40 − 32) / (40² − 384)            = 1 − 312/1216          = .7434
        // ordinal   1 − 39·1891 / 399480                      = 1 − 73749/399480      = .8154
        // interval  1 − 39·(52/3) / 4480                      = 1 − 2028/13440        = .8491
        // ratio     1 − 39·0.897309 / 172.73216                                       = .7974
        (MeasurementLevel.nominal, 0.743),
        (.ordinal, 0.815),
        (.interval, 0.849),
        (.ratio, 0.797),
    ])
    func krippendorffExampleC(level: MeasurementLevel, published: Double) throws {
        let result = try KrippendorffAlpha.compute(Self.krippendorffC, level: level)
        #expect(Published.round(result.alpha, to: 3) == published)
        #expect(result.undefinedReason == nil)
        // Unit 12 has a single value (observer B's 3): it is not pairable.
        #expect(result.pairableValues == 40)
        #expect(result.pairableUnits == 11)
        #expect(result.alpha.map { abs($0 - (1 - result.observedDisagreement / result.expectedDisagreement)) < 1e-12 } == true)
    }

    @Test("Krippendorff 2011 example C: coincidence matrix")
    func krippendorffExampleCMatrix() throws {
        // o_ck = Σ_u (number of c–k pairs in u) / (m_u − 1), worked by hand; e.g. o_11 = 3·2/2
        // (unit 1) + 3·2/3 (unit 8) + 2·1/1 (unit 11) = 7, o_12 = 1/3 (unit 6) + 3/3 (unit 8).
        let third = 1.0 / 3
        let expected: [[Double]] = [
            [7, 4 * third, third, third, 0],
            [4 * third, 10, 4 * third, third, 0],
            [third, 4 * third, 8, third, 0],
            [third, third, third, 4, 0],
            [0, 0, 0, 0, 3],
        ]
        let matrix = try KrippendorffAlpha.compute(Self.krippendorffC, level: .nominal).coincidences
        #expect(matrix.values == [1, 2, 3, 4, 5])
        #expect(matrix.marginals == [9, 13, 10, 5, 3])
        #expect(matrix.total == 40)
        for c in 0..<5 {
            for k in 0..<5 { #expect(abs(matrix.counts[c][k] - expected[c][k]) < 1e-12, "o[\(c + 1)][\(k + 1)]") }
        }
        #expect(abs(matrix.count(1, 2) - 4 * third) < 1e-12)
        #expect(matrix.count(1, 9) == 0)
    }

    @Test("nominal alpha is the same under any relabelling of the values")
    func relabelling() throws {
        // The nominal metric sees only equality, so coding 1–5 as letters changes nothing; the
        // ordinal metric with the letters in the same order reproduces .815.
        let letters = ["a", "b", "c", "d", "e"]
        let labelled = Self.krippendorffC.map { row in row.map { $0.map { letters[Int($0) - 1] } } }
        let nominal = try KrippendorffAlpha.compute(nominal: labelled)
        let numeric = try KrippendorffAlpha.compute(Self.krippendorffC, level: .nominal)
        #expect(nominal.alpha == numeric.alpha)
        #expect(Published.round(nominal.alpha, to: 3) == 0.743)
        #expect(nominal.coincidences.values == ["a", "b", "c", "d", "e"])

        let scrambled = ["e", "c", "a", "d", "b"]
        let permuted = Self.krippendorffC.map { row in row.map { $0.map { scrambled[Int($0) - 1] } } }
        let permutedAlpha = try #require(try KrippendorffAlpha.compute(nominal: permuted).alpha)
        #expect(abs(permutedAlpha - numeric.alpha!) < 1e-12)

        let ordinal = try KrippendorffAlpha.compute(ordinal: labelled, order: letters)
        #expect(Published.round(ordinal.alpha, to: 3) == 0.815)
        // Ranks are what matter at the ordinal level: the numeric data gives the same value.
        let numericOrdinal = try #require(try KrippendorffAlpha.compute(Self.krippendorffC, level: .ordinal).alpha)
        #expect(abs(ordinal.alpha! - numericOrdinal) < 1e-12)
    }

    @Test("Wikipedia example", arguments: [
        // n = 26, n_c = 7, 4, 10, 5; Σ o_cc = 20.
        // nominal   1 − 25·(26 − 20) / (26² − 190) = 1 − 150/486  = .6914
        // interval  1 − 25·12 / 1586                = 1 − 300/1586 = .8108
        (MeasurementLevel.nominal, 0.691),
        (.interval, 0.811),
    ])
    func wikipediaExample(level: MeasurementLevel, published: Double) throws {
        let result = try KrippendorffAlpha.compute(Self.wikipedia, level: level)
        #expect(Published.round(result.alpha, to: 3) == published)
        #expect(result.pairableValues == 26)
        #expect(result.pairableUnits == 12)
        #expect(result.coincidences.marginals == [7, 4, 10, 5])
    }

    @Test("nominal alpha of the Wikipedia example to six places")
    func wikipediaExact() throws {
        // 1 − 150/486 and 1 − 300/1586 exactly.
        let nominal = try #require(try KrippendorffAlpha.compute(Self.wikipedia, level: .nominal).alpha)
        let interval = try #require(try KrippendorffAlpha.compute(Self.wikipedia, level: .interval).alpha)
        #expect(abs(nominal - (1 - 150.0 / 486)) < 1e-12)
        #expect(abs(interval - (1 - 300.0 / 1586)) < 1e-12)
    }
}
