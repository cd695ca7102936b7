import Foundation
import Testing
import ParallaxCore
import TestSupport

/// `agree … --unitizing` in the core: the corpus as one continuum, spans as units.
@Suite("Unitizing report")
struct AgreementUnitizingReportTests {
    static let codebook = Codebook(questions: ["q", "r", "s"].map {
        Question(id: $0, text: "question \($0)", scale: [.init(value: -1, label: "no"), .init(value: 1, label: "yes")])
    })
    /// Two documents: `a` of 6 code points, then `b` of 4; the continuum is 10 long.
    static let documents: [(id: String, length: Int)] = [("a", 6), ("b", 4)]

    static func coding(_ set: String, _ id: String, _ question: String, _ doc: String, _ start: Int, _ end: Int) -> Coding {
        let target = TextTarget(doc: doc, start: start, end: end, exact: "", prefix: "", suffix: "", hash: "")
        return Coding(set: set, annotation: Annotation(id: id, target: target, question: question, analyst: "x",
                                                       stance: 1, created: "2026-01-01T00:00:00Z"))
    }

    @Test("spans become units on the documents laid end to end; the figures are the core's")
    func handComputed() throws {
        let codings = [
            // q: alice [2,5), bob [3,5) of document a: the hand-worked case of the core's tests.
            Self.coding("alice", "1", "q", "a", 2, 5), Self.coding("bob", "2", "q", "a", 3, 5),
            // r: both mark b[0,2), i.e. [6,8) of the continuum; bob twice, overlapping.
            Self.coding("alice", "3", "r", "b", 0, 2), Self.coding("bob", "4", "r", "b", 0, 1),
            Self.coding("bob", "5", "r", "b", 0, 2),
            // Left out: a question not in the codebook, a span past its document's end, an unknown
            // document, and a set that is not a coder.
            Self.coding("alice", "6", "zz", "a", 0, 1), Self.coding("bob", "7", "q", "b", 3, 5),
            Self.coding("bob", "8", "q", "nope", 0, 1), Self.coding("carol", "9", "q", "a", 0, 6),
        ]
        let report = try UnitizingReport(codebook: Self.codebook, documents: Self.documents,
                                         coders: ["alice", "bob"], codings: codings)
        #expect(report.continuum == 10)
        #expect(report.documents == 2)
        #expect(report.questions.map(\.question) == ["q", "r", "s"])
        #expect(report.questions.map(\.units) == [[1, 1], [1, 1], [0, 0]])
        let q = report.questions[0].alpha, r = report.questions[1].alpha
        #expect(abs(q.observedDisagreement - 0.01) < 1e-15)
        #expect(abs(q.expectedDisagreement - 23.8 / 372) < 1e-15)
        #expect(Published.round(q.alpha, to: 4) == 0.8437)
        #expect(r.observedDisagreement == 0)
        #expect(r.alpha == 1)
        #expect(report.questions[2].alpha.undefinedReason == .noUnits)
        #expect(report.pooledQuestions == 2)
        let pooled = try #require(report.pooled.alpha)
        let byHand = 1 - ((q.observedDisagreement + r.observedDisagreement) / 2) / ((q.expectedDisagreement + r.expectedDisagreement) / 2)
        #expect(abs(pooled - byHand) < 1e-15)
        #expect(report.merged == 1)
        #expect(report.leftOut == .init(unknownQuestion: 1, outsideCorpus: 2))
        #expect(report.coders == [.init(name: "alice", spans: 2, units: 2), .init(name: "bob", spans: 3, units: 2)])
    }

    @Test("the same study through the explicit-continuum API gives the same numbers")
    func sameAsStudy() throws {
        let codings = [Self.coding("alice", "1", "q", "b", 1, 3), Self.coding("bob", "2", "q", "a", 4, 6),
                       Self.coding("bob", "3", "q", "b", 1, 2)]
        let report = try UnitizingReport(codebook: Self.codebook, documents: Self.documents,
                                         coders: ["alice", "bob"], codings: codings, question: "q")
        let study = try UnitizingStudy(length: 10, coders: 2, units: [
            UnitizingUnit(category: "q", coder: 0, offset: 7, length: 2),
            UnitizingUnit(category: "q", coder: 1, offset: 4, length: 2),
            UnitizingUnit(category: "q", coder: 1, offset: 7, length: 1),
        ])
        #expect(report.question == "q")
        #expect(report.questions.count == 1)
        #expect(report.questions[0].alpha == KrippendorffUnitizingAlpha.result(study, category: "q"))
        #expect(report.pooled == KrippendorffUnitizingAlpha.pooled(study))
    }

    @Test("bad calls: one coder, a coder twice, an unknown question")
    func usage() {
        #expect(throws: ParallaxError.self) {
            try UnitizingReport(codebook: Self.codebook, documents: Self.documents, coders: ["alice"], codings: [])
        }
        #expect(throws: ParallaxError.self) {
            try UnitizingReport(codebook: Self.codebook, documents: Self.documents, coders: ["a", "a"], codings: [])
        }
        #expect(throws: ParallaxError.self) {
            try UnitizingReport(codebook: Self.codebook, documents: Self.documents, coders: ["a", "b"], codings: [],
                                question: "nope")
        }
    }

    @Test("the renderer: one row per question, the pooled line, nothing wider than the width", arguments: [80, 40])
    func rendering(width: Int) throws {
        let codings = [Self.coding("alice", "1", "q", "a", 2, 5), Self.coding("bob", "2", "q", "a", 3, 5),
                       Self.coding("bob", "4", "r", "b", 0, 1), Self.coding("bob", "5", "r", "b", 0, 2)]
        let report = try UnitizingReport(codebook: Self.codebook, documents: Self.documents,
                                         coders: ["alice", "bob"], codings: codings)
        var text = ""
        UnitizingRenderer(width: width).render(report, to: &text)
        #expect(text.split(separator: "\n").allSatisfy { TextLayout.columns(String($0)) <= width })
        // Wrapped lines joined again, so that the narrow layout is read the same way.
        let flat = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
        #expect(flat.contains("Unitizing agreement between alice and bob"))
        #expect(flat.contains("0.844"))
        #expect(flat.contains("not coded"))
        #expect(flat.contains("All 3 questions pooled (2 with passages)"))
        #expect(flat.contains("1 span overlaps another span of its coder on the same question"))
    }
}
