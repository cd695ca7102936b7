import Foundation
import Testing
@testable import ParallaxCore
import ParallaxStore
import TestSupport

/// Memos and question definitions in the exports: REFI-QDA notes attached to the right code,
/// source, case code or the project (valid against the standard's Project.xsd), W3C
/// `commenting` annotations targeting the right thing, and the reports' sections. Imports of
/// `.qdpx` and W3C skip the memos and read the codings as before.
@Suite("Export: memos and definitions")
struct ExportMemoTests {
    static let projectSchema = Fixtures.root + "/Tests/ParallaxCoreTests/Snapshots/refi-qda/Project.xsd"

    /// Baseline codings on brookings only, so `usip` is a document without codings.
    let codings = Fixtures.baselineCodings.filter { $0.annotation.target.doc == "brookings" }

    func memo(_ id: String, _ target: MemoTarget, _ text: String) -> Memo {
        Memo(id: id, target: target, text: text, created: "2026-11-24T09:30:00Z")
    }

    var memos: [(set: String, memo: Memo)] {
        [("baseline", memo("01MEMOQ0000000000000000000", .question("reset-wedge"), "Coders read “reverse Nixon” <loosely> & often.\n\nSecond paragraph.")),
         ("baseline", memo("01MEMOD0000000000000000000", .document("brookings"), "A panel: speakers disagree.")),
         ("bob", memo("01MEMOU0000000000000000000", .document("usip"), "Not coded yet; Aslı’s view 🇹🇷.")),
         ("baseline", memo("01MEMOA0000000000000000000", .analyst("kim"), "Kim hedges.")),
         ("bob", memo("01MEMOP0000000000000000000", .project, "Codebook v2 from today.")),
         ("bob", memo("01MEMOX0000000000000000000", .question("no-such-question"), "About a question the codebook lacks."))]
    }

    var codebook: Codebook {
        try! Fixtures.codebook.defining("reset-wedge", definition: "Moscow <leaving> Beijing for Washington",
                                        include: "explicit claims", exclude: "hopes", examples: ["01TESTAAAAAAAAAAAAAAAAAAAA"])
    }

    var input: ExportInput { ExportInput(codings: codings, corpus: Fixtures.corpus, codebook: codebook, memos: memos) }

    func file(_ format: any ExportFormat) throws -> [UInt8] {
        var sink = MemoryExportSink()
        try format.export(input, to: &sink)
        return sink[""] ?? []
    }

    @Test("qdpx: a note per memo, referenced from the question's code, the document's source, the analyst's case code or the project; valid against Project.xsd")
    func qdpx() throws {
        let bytes = try file(QDPXExportFormat())
        let qde = try #require(try ZipArchive.read(bytes).first { $0.path == "project.qde" }).bytes
        #expect(XMLSchemaValidator.problems(qde, schemaAt: Self.projectSchema) == [])
        let root = try XMLTree.parse(qde)
        func refs(_ e: XMLTreeElement?) -> [String] { (e?.children(named: "NoteRef") ?? []).compactMap { $0.attributes["targetGUID"] } }
        let g = { (set: String, id: String) in QDPXLayout.memoGUID(set, id) }
        let codes = try #require(root.child(named: "CodeBook")?.child(named: "Codes")).children(named: "Code")
        #expect(refs(codes.first { $0.attributes["name"] == "reset-wedge" }) == [g("baseline", "01MEMOQ0000000000000000000")])
        #expect(codes.first { $0.attributes["name"] == "reset-wedge" }?.child(named: "Description")?.text.hasSuffix(
            "\n\nDefinition: Moscow <leaving> Beijing for Washington\n\nInclude: explicit claims\n\nExclude: hopes\n\nExamples: 01TESTAAAAAAAAAAAAAAAAAAAA") == true)
        #expect(refs(codes.first { $0.attributes["guid"] == QDPXLayout.caseGUID("kim") }) == [g("baseline", "01MEMOA0000000000000000000")])
        let sources = try #require(root.child(named: "Sources")).children(named: "TextSource")
        #expect(refs(sources.first { $0.attributes["name"] == "brookings" }).last == g("baseline", "01MEMOD0000000000000000000"))
        let usip = try #require(sources.first { $0.attributes["name"] == "usip" })
        #expect(refs(usip) == [g("bob", "01MEMOU0000000000000000000")] && usip.children(named: "PlainTextSelection").isEmpty)
        #expect(refs(root) == [g("bob", "01MEMOP0000000000000000000"), g("bob", "01MEMOX0000000000000000000")])
        let notes = try #require(root.child(named: "Notes")).children(named: "Note")
        let q = try #require(notes.first { $0.attributes["guid"] == g("baseline", "01MEMOQ0000000000000000000") })
        #expect(q.attributes["name"] == "Memo on question:reset-wedge")
        #expect(q.child(named: "PlainTextContent")?.text == "Coders read “reverse Nixon” <loosely> & often.\n\nSecond paragraph.")
        #expect(q.attributes["creatingUser"] == QDPXLayout.userGUID("baseline"))
        // The memos' only set (bob) is a user too.
        #expect(root.child(named: "Users")?.children(named: "User").compactMap { $0.attributes["name"] } == ["baseline", "bob"])
        // The import reads the codings back, and only them.
        let back = try ImportFormats.read(bytes, path: "r.qdpx", format: "qdpx", corpus: Fixtures.corpus, codebook: Fixtures.codebook)
        #expect(back == Fixtures.sorted(codings))
    }

    @Test("the qdpx export without memos is still valid against Project.xsd")
    func qdpxWithoutMemos() throws {
        var sink = MemoryExportSink()
        try QDPXExportFormat().export(ExportInput(codings: Fixtures.baselineCodings + Fixtures.nastyCodings, corpus: Fixtures.corpus, codebook: Fixtures.codebook), to: &sink)
        let qde = try #require(try ZipArchive.read(sink[""]!).first { $0.path == "project.qde" }).bytes
        #expect(XMLSchemaValidator.problems(qde, schemaAt: Self.projectSchema) == [])
    }

    @Test("w3c: each memo an Annotation with a commenting body, targeting the question, document, analyst or project; the import skips them")
    func w3c() throws {
        let bytes = try file(W3CExportFormat())
        let root = try JSONSerialization.jsonObject(with: Data(bytes)) as! [String: Any]
        #expect(root["total"] as? Int == codings.count + memos.count)
        let items = ((root["first"] as! [String: Any])["items"] as! [[String: Any]])
        let memoItems = items.filter { ($0["id"] as! String).hasPrefix("urn:parallax:memo:") }
        #expect(memoItems.count == memos.count)
        let byID = Dictionary(uniqueKeysWithValues: memoItems.map { ($0["id"] as! String, $0) })
        let expected = [("baseline:01MEMOQ0000000000000000000", "urn:parallax:question:reset-wedge"),
                        ("baseline:01MEMOD0000000000000000000", "urn:parallax:doc:brookings"),
                        ("bob:01MEMOU0000000000000000000", "urn:parallax:doc:usip"),
                        ("baseline:01MEMOA0000000000000000000", "urn:parallax:analyst:kim"),
                        ("bob:01MEMOP0000000000000000000", "urn:parallax:project")]
        for (id, target) in expected {
            let item = try #require(byID["urn:parallax:memo:" + id])
            #expect(item["motivation"] as? String == "commenting")
            #expect(item["target"] as? String == target)
            let body = item["body"] as! [String: Any]
            #expect(body["purpose"] as? String == "commenting" && body["type"] as? String == "TextualBody")
        }
        #expect((byID["urn:parallax:memo:bob:01MEMOU0000000000000000000"]?["body"] as? [String: Any])?["value"] as? String == "Not coded yet; Aslı’s view 🇹🇷.")
        let back = try ImportFormats.read(bytes, path: "r.jsonld", format: "w3c", corpus: Fixtures.corpus, codebook: Fixtures.codebook)
        #expect(back == Fixtures.sorted(codings))
    }

    @Test("md and html: the definition under its question, memos in its section, the others in a Memos section; all escaped")
    func reports() throws {
        var md = ""
        MarkdownExportFormat().write(input, to: &md)
        #expect(md.contains("Scale: -2 no · -1 unlikely · 0 uncertain / conditional · +1 plausible · +2 likely\n\n**Definition:** Moscow \\<leaving\\> Beijing for Washington\n\n**Include:** explicit claims\n\n**Exclude:** hopes\n\n**Examples:** 01TESTAAAAAAAAAAAAAAAAAAAA\n\n"), "\(md)")
        #expect(md.contains("### Memos\n\n**Memo on question:reset-wedge** · baseline · 2026-11-24 09:30 UTC\n\nCoders read “reverse Nixon” \\<loosely\\> & often.\n\nSecond paragraph.\n\n"))
        let tail = try #require(md.range(of: "\n## Memos\n\n")).upperBound
        let order = ["project", "doc:brookings", "doc:usip", "analyst:kim", "question:no-such-question"].map { md[tail...].range(of: "**Memo on " + $0 + "**")?.lowerBound }
        #expect(order.allSatisfy { $0 != nil } && order.map { $0! } == order.map { $0! }.sorted())
        #expect(!md[tail...].contains("question:reset-wedge"))

        var html = ""
        HTMLExportFormat().write(input, to: &html)
        #expect(html.contains("<dl class=\"definition\">\n<dt>Definition</dt><dd>Moscow &lt;leaving&gt; Beijing for Washington</dd>\n"))
        #expect(html.contains("<h3>Memos</h3>\n<div class=\"memo\">\n<p class=\"memo-head\"><b>Memo on question:reset-wedge</b> · baseline · <time datetime=\"2026-11-24T09:30:00Z\">2026-11-24 09:30 UTC</time></p>\n<p>Coders read “reverse Nixon” &lt;loosely&gt; &amp; often.</p>\n<p>Second paragraph.</p>\n</div>\n"))
        #expect(html.contains("<section class=\"rest\" id=\"memos\">\n<h2>Memos</h2>\n"))
        #expect(html.contains("Not coded yet; Aslı’s view 🇹🇷."))
    }
}
