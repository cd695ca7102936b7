import Foundation
import Testing
import ParallaxCore
import ParallaxStore
import TestSupport

/// The DocC getting-started article's steps, run as written (on a scratch copy of the project),
/// so the documentation cannot drift from the API.
@Suite("Documentation: getting started")
struct GettingStartedTests {
    @Test("load, open, mark and code, compare, export — as the article shows")
    func article() throws {
        let project = ParallaxBinary.scratchProject()
        let corpus = try Corpus.load(from: project + "/Corpus")
        let brookings = try corpus.requireDocument("brookings")
        #expect(brookings.paragraphs.count == 98)

        let store = try AnnotationStore(directory: project + "/Annotations", corpus: corpus)
        let baseline = try store.set("baseline")
        #expect(baseline.count == 63)

        let hit = SearchIndex(corpus: corpus).find("highly unlikely that Russia", in: "brookings")[0]
        let sentence = try #require(brookings.sentence(containing: hit.start))
        let target = try TextTarget(document: brookings, start: sentence.start, end: sentence.end)
        let analyst = try brookings.analyst(start: target.start, end: target.end)
        #expect(target.exact.contains("highly unlikely that Russia") && analyst == "stent")

        let question = try store.codebook.require("reset-wedge")
        let annotation = Annotation(id: store.newID(), target: target, question: question.id,
                                    analyst: analyst, stance: try question.stance("-1"),
                                    created: "2026-12-04T10:00:00Z")
        try store.add(annotation, to: "alice")
        try store.close()

        let reopened = try AnnotationStore(directory: project + "/Annotations", corpus: corpus)
        #expect(try reopened.set("alice").byID[annotation.id]?.target == target, "on disk after close")

        let codings = Coding.placed(in: [try reopened.set("baseline"), try reopened.set("alice")])
        let comparer = Comparer(corpus: corpus, codebook: reopened.codebook, codings: codings)
        var text = ""
        ComparisonRenderer(width: 100).render(try comparer.compare(question: "reset-wedge"), to: &text)
        #expect(text.hasPrefix("reset-wedge\n"))
        #expect(text.contains("2 codings by baseline"))

        let input = ExportInput(codings: codings, corpus: corpus, codebook: reopened.codebook,
                                generated: "2026-12-04T10:00:00Z")
        var sink = MemoryExportSink()
        try W3CExportFormat().export(input, to: &sink)
        #expect(!sink.files.isEmpty)
        #expect(ExportFormats.named("csv") != nil)
        try reopened.close()
    }
}
