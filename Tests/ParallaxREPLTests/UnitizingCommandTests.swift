import Foundation
import Testing
import ParallaxCore
import ParallaxREPL
import TestSupport

/// `agree … --unitizing` through a session on the bundled corpus.
@Suite("REPL: agree --unitizing")
struct UnitizingCommandTests {
    @Test("prints the core's rendering, and --json the report as computed")
    func textAndJSON() throws {
        let (session, out, err) = try AgreementCommandTests.session()
        defer { try? session.close() }
        let codings = AgreementCommandTests.baseline + AgreementCommandTests.derived
        let expected = try UnitizingReport(codebook: Fixtures.codebook, corpus: Fixtures.corpus,
                                           coders: ["baseline", "derived"], codings: codings)
        try session.registry.run("agree baseline derived --unitizing", in: session)
        var text = ""
        UnitizingRenderer(width: 80).render(expected, to: &text)
        #expect(out.text == text)
        #expect(err.text.isEmpty)
        // The derived coder keeps every span of the units it did not drop: where it dropped none,
        // the passages agree perfectly; the corpus is the continuum.
        let scalars = Fixtures.corpus.documents.reduce(0) { $0 + $1.text.scalarCount }
        #expect(expected.continuum == scalars)
        #expect(expected.questions.contains { $0.alpha.alpha == 1 })
        #expect(expected.questions.contains { ($0.alpha.alpha ?? 1) < 1 })

        out.clear()
        try session.registry.run("agree baseline derived --unitizing --json question:reset-wedge", in: session)
        let report = try JSONDecoder().decode(UnitizingReport.self, from: Data(out.text.utf8))
        #expect(report == (try UnitizingReport(codebook: Fixtures.codebook, corpus: Fixtures.corpus,
                                               coders: ["baseline", "derived"], codings: codings, question: "reset-wedge")))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(out.text.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["coders", "question", "documents", "continuum", "questions", "pooled",
                                     "pooledQuestions", "merged", "leftOut"])
    }
}
