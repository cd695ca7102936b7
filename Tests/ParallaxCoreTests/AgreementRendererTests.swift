import Foundation
import Testing
import ParallaxCore
import ParallaxStore
import TestSupport

/// The text rendering of agreement reports: numbers, the words that replace them, widths,
/// colour, and a snapshot of the baseline against a derived coder.
@Suite("Agreement: rendering")
struct AgreementRendererTests {
    static let baseline = Fixtures.baselineCodings
    static let derived = Fixtures.derivedCoder(from: baseline)

    static func render(_ report: AgreementReport, width: Int = 80, colour: Bool = false) -> String {
        var out = ""
        AgreementRenderer(width: width, colour: colour).render(report, to: &out)
        return out
    }

    static func baselineReport(question: String? = nil) throws -> AgreementReport {
        try AgreementReport(codebook: Fixtures.codebook, coders: ["baseline", "derived"], codings: baseline + derived,
                            question: question)
    }

    @Test("coefficients print with three decimals")
    func numbers() {
        #expect(AgreementRenderer.number(0.75) == "0.750")
        #expect(AgreementRenderer.number(1) == "1.000")
        #expect(AgreementRenderer.number(-0.1254) == "-0.125")
        #expect(AgreementRenderer.number(-0.0004) == "0.000")
        #expect(AgreementRenderer.number(0.9996) == "1.000")
        #expect(AgreementRenderer.number(2.0 / 3) == "0.667")
        #expect(AgreementRenderer.text(AgreementCoefficient(value: nil, status: .undefined)) == "undefined (everyone used one value)")
        #expect(AgreementRenderer.text(AgreementCoefficient(value: nil, status: .tooLittleData)) == "too little data")
    }

    @Test("baseline against a derived coder: fits 80 columns, no escapes, matches the snapshot")
    func snapshot() throws {
        let text = Self.render(try Self.baselineReport())
        #expect(!text.contains("\u{1B}"))
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            #expect(line.count <= 80, "too wide: \(line)")
            #expect(line.last != " ", "trailing space: \(line)")
        }
        #expect(text.contains("Agreement between baseline and derived"))
        #expect(text.contains("Krippendorff's α") && text.contains("Cohen's κ"))
        #expect(text.contains("Confusion table, all questions pooled: rows baseline, columns derived"))
        CompareBaselineTests.assertSnapshot(text, "agree-baseline-derived.txt")
    }

    @Test("one question: the confusion table carries the scale's labels")
    func oneQuestion() throws {
        let text = Self.render(try Self.baselineReport(question: "alignment-endures"))
        #expect(text.contains("Agreement between baseline and derived on alignment-endures"))
        #expect(text.contains("alignment-endures in full"))
        #expect(text.contains("-2 will rupture"))
        #expect(text.contains("+2 will hold and deepen"))
        #expect(!text.contains("the labels differ by question"))
    }

    @Test("too little data, undefined and small n are said in words")
    func words() throws {
        func codings(_ set: String, _ question: String, _ stances: [Int]) -> [Coding] {
            stances.enumerated().map { u, s in Small.coding(set, "u\(u)", question, s, id: "\(set)-\(question)-\(u)") }
        }
        let all = codings("a", "q1", [-1, -1, -1, -1, -1]) + codings("b", "q1", [-1, -1, -1, -1, -1])
            + codings("a", "q2", [1, 2, 0]) + codings("b", "q2", [1, 2, -1])
            + codings("a", "q3", [2, 2])
        let report = try AgreementReport(codebook: Small.codebook, coders: ["a", "b"], codings: all)
        let text = Self.render(report)
        let lines = text.split(separator: "\n").map(String.init)
        let q1 = try #require(lines.first { $0.hasPrefix("q1 ") })
        let q2 = try #require(lines.first { $0.hasPrefix("q2 ") })
        let q3 = try #require(lines.first { $0.hasPrefix("q3 ") })
        #expect(q1.hasSuffix("undefined (everyone used one value)"))
        #expect(q2.hasSuffix("n small") && q2.contains("0."))
        #expect(q3.hasSuffix("too little data: no unit coded by both"))
        #expect(text.contains("n small: fewer than 10 pairable values, read with care"))
        for width in [40, 52, 60, 80, 100] {
            for line in Self.render(report, width: width).split(separator: "\n") {
                #expect(line.count <= max(40, width), "width \(width): \(line)")
            }
        }
    }

    @Test("three coders: no kappa column, no confusion table, and the text says why")
    func threeCoders() throws {
        let third = Fixtures.derivedCoder(from: Self.baseline, name: "third", dropEvery: 5, shiftEvery: 3)
        let report = try AgreementReport(codebook: Fixtures.codebook, coders: ["baseline", "derived", "third"],
                                         codings: Self.baseline + Self.derived + third)
        let text = Self.render(report)
        #expect(text.contains("Agreement among baseline, derived and third"))
        #expect(!text.contains("Cohen's κ") && !text.contains("Confusion table"))
        #expect(text.contains("κ and the confusion table need exactly two coders"))
        let header = try #require(text.split(separator: "\n").first { $0.hasPrefix("question") })
        #expect(header.hasSuffix("α int"))
    }

    @Test("every width from 40 up is respected, with blocks when the table cannot fit")
    func widths() throws {
        let report = try Self.baselineReport()
        for width in [20, 40, 45, 50, 60, 70, 100, 132] {
            let text = Self.render(report, width: width)
            for line in text.split(separator: "\n") {
                #expect(line.count <= max(40, width), "width \(width): \(line)")
                #expect(line.last != " ", "width \(width): trailing space: \(line)")
            }
            #expect(text.contains("reset-wedge") && text.contains("china-reconstruction"))
        }
        #expect(!Self.render(report, width: 40).contains("question  units"), "blocks, not a squeezed table")
        let seventy = Self.render(report, width: 70)
        #expect(seventy.contains("\nreset-wedge                4   6   1.000   1.000   0.762   1.000  *\n"))
        #expect(seventy.contains("*: n small, fewer than 10 pairable values, read with care"))
        let cut = Self.render(report, width: 64)
        #expect(cut.contains("\nchina-security-th…      2   4   0.000   0.000   0.727   0.000  *\n"), "ids cut to 18")
        #expect(Self.render(report, width: 60).contains("\nreset-wedge\n  4 units · n 6 · n small: read with care\n"))
    }

    @Test("colour only when asked: bold headings, the diagonal in bold, n small in yellow")
    func colour() throws {
        let plain = Self.render(try Self.baselineReport())
        let coloured = Self.render(try Self.baselineReport(), colour: true)
        #expect(!plain.contains("\u{1B}"))
        #expect(coloured.contains("\u{1B}[1mAgreement between baseline and derived\u{1B}[0m"))
        #expect(coloured.contains("\u{1B}[33mn small\u{1B}[0m"))
    }
}
