import Foundation
import Testing
import TestSupport
@testable import ParallaxCore

@Suite("Planning doc add and doc update")
struct DocumentPlannerTests {
    static let now = "2026-12-04T19:00:00Z"

    @Test("the shipped manifest encodes back to its own bytes")
    func manifestRoundTrip() throws {
        let bytes = try #require(FileManager.default.contents(atPath: Fixtures.root + "/Corpus/manifest.json"))
        #expect(Fixtures.corpus.manifest.encoded() == [UInt8](bytes))
        let decoded = try JSONDecoder().decode(CorpusManifest.self, from: Data(Fixtures.corpus.manifest.encoded()))
        #expect(decoded == Fixtures.corpus.manifest)
    }

    @Test("metadata: options first, then the file; id from the title; an author who is an analyst is the voice")
    func add() throws {
        var md = DocumentMetadata()
        md.offer(title: "The China-Russia Axis: A Second Look", from: "citation_title")
        md.offer(authors: ["Aslı Aydıntaşbaş"], from: "citation_author")
        let extracted = ExtractedDocument(text: "One.\n\nTwo.\n", paragraphs: .blankLines, metadata: md, format: .html, extractor: "x")
        let plan = try DocumentPlanner.add(extracted, options: DocumentOptions(date: "2024-05"), fileName: "axis.html",
                                           sourceHash: String(repeating: "a", count: 64), corpus: Fixtures.corpus, now: Self.now)
        #expect(plan.info.id == "china-russia-axis-second")
        #expect(plan.info.voice == "aydintasbas")
        #expect(plan.info.date == "2024-05")
        #expect(plan.info.file == "china-russia-axis-second.txt")
        #expect(plan.info.source?.file == "sources/china-russia-axis-second-aaaaaaaa.html")
        #expect(plan.summary == "added china-russia-axis-second: 2 paragraphs; voice aydintasbas; title from citation_title, authors from citation_author, date from options")
        #expect(plan.manifest.documents.count == Fixtures.corpus.documents.count + 1)
    }

    @Test("a transcript's new speakers become analysts with readable names; known labels resolve")
    func transcript() throws {
        let text = "Panel on the axis\n\nJANE HOLLOWAY: First point.\n\nANGELA STENT: Reply.\n\nJANE HOLLOWAY: Second point.\n\nO'NEIL-SMITH: Last.\n"
        let extracted = ExtractedDocument(text: text, paragraphs: .blankLines, format: .text, extractor: "x")
        let plan = try DocumentPlanner.add(extracted, options: DocumentOptions(), fileName: "panel.txt",
                                           sourceHash: String(repeating: "b", count: 64), corpus: Fixtures.corpus, now: Self.now)
        #expect(plan.info.segmentation.turns != nil)
        #expect(plan.newAnalysts.map(\.name) == ["Jane Holloway", "O'Neil-Smith"])
        #expect(plan.newAnalysts.map(\.id) == ["holloway", "oneilsmith"])
        #expect(plan.speakers == 3)
        let corpus = try Corpus(manifest: plan.manifest) { info in
            info.id == plan.info.id ? plan.text : Array(Fixtures.corpus.document(info.id)!.text.utf8)
        }
        let doc = try corpus.requireDocument(plan.info.id)
        #expect(doc.turns.map(\.speaker) == ["holloway", "stent", "holloway", "oneilsmith"])
    }

    @Test("refusals: a date that is not a date, an id taken, a file already in the corpus")
    func refusals() throws {
        let extracted = ExtractedDocument(text: "Something new.\n", paragraphs: .lines, format: .text, extractor: "x")
        func message(_ options: DocumentOptions, text: String? = nil) -> String {
            var e = extracted
            if let text { e.text = text }
            do {
                _ = try DocumentPlanner.add(e, options: options, fileName: "n.txt", sourceHash: "c", corpus: Fixtures.corpus, now: Self.now)
                return "accepted"
            } catch { return "\(error)" }
        }
        #expect(message(DocumentOptions(date: "2024-02-30")) == "doc: option date: \"2024-02-30\" is not a date — write it as YYYY-MM-DD, YYYY-MM or YYYY (e.g. date:2024-07-23)")
        #expect(message(DocumentOptions(id: "lin")).contains("document id \"lin\" is taken"))
        let lin = String(decoding: Fixtures.corpus.document("lin")!.text.utf8, as: UTF8.self)
        #expect(message(DocumentOptions(), text: lin) == "doc: n.txt is already in the corpus as document lin — `doc show lin`; to replace its text use `doc update lin FILE`")
    }

    @Test("readable names and slugs", arguments: [("JANE HOLLOWAY", "Jane Holloway"), ("DR. MINA LEE", "Dr. Mina Lee"), ("ASLI AYDINTAŞBAŞ", "Asli Aydintaşbaş")])
    func names(label: String, name: String) {
        #expect(DocumentPlanner.readableName(label) == name)
    }
}
