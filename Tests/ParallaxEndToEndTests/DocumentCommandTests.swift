import Foundation
import Testing
import TestSupport

/// `doc add` of every format through the built binary, then the whole workflow on the added
/// documents; `doc update` re-anchoring; `doc remove`; `analyst add`.
@Suite("Your own documents (doc, analyst)")
struct DocumentCommandTests {
    typealias L = PDFFixture.Line

    static let transcript = """
    Panel on the China–Russia axis

    JANE HOLLOWAY: Thank you. The “no limits” partnership is, in my view, tactical; Aslı’s\u{A0}point stands.

    ANGELA STENT: I disagree: the alignment is more durable than that.

    JANE HOLLOWAY: Then what would change Beijing’s calculus?

    MINA LEE: Sanctions enforcement on third countries.

    """

    static let html = """
    <html><head><title>Wedge or no wedge | Example Review</title><meta name="author" content="Ali Wyne">
    <meta name="citation_publication_date" content="2024-03-01"></head><body><nav>Home About</nav>
    <article><h1>Wedge or no wedge</h1><p>A reverse Nixon is a fantasy; the ﬁnal word rests with Beijing.</p></article>
    <footer>© Example Review</footer></body></html>
    """

    static let pdf = PDFFixture.make(pages: [
        [L("EXAMPLE INSTITUTE", y: 760, size: 9), L("The alignment will hold because both", y: 700),
         L("capitals gain from it, and the trade", y: 687), L("1", x: 300, y: 40, size: 9)],
        [L("EXAMPLE INSTITUTE", y: 760, size: 9), L("figures leave little doubt about it.", y: 700), L("2", x: 300, y: 40, size: 9)],
    ], info: ["Title": "Alignment report", "Author": "Bonny Lin"])

    static let docx = DOCXFixture.make(
        body: "<w:p><w:r><w:t>Memo on sanctions</w:t></w:r></w:p><w:p><w:r><w:t>Sanctions hurt Russia’s war economy only slowly.</w:t></w:r></w:p>",
        core: "<dc:title>Sanctions memo</dc:title><dc:creator>Tara Varma</dc:creator><dcterms:created>2024-02-01T09:00:00Z</dcterms:created>")

    static func project() -> String {
        let dir = ParallaxBinary.scratchProject()
        let files: [(String, [UInt8])] = [("panel.txt", Array(transcript.utf8)), ("article.html", Array(html.utf8)),
                                          ("report.pdf", pdf), ("memo.docx", docx)]
        for (name, bytes) in files { _ = FileManager.default.createFile(atPath: dir + "/" + name, contents: Data(bytes)) }
        return dir
    }

    @Test("every format is added with its metadata; find, mark, code, compare, every export and check work on it")
    func workflow() throws {
        let dir = Self.project()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let script = """
        doc add panel.txt date:2024-05-02
        doc add article.html
        doc add report.pdf
        doc add memo.docx
        find no limits doc:panel-china-russia-axis
        mark 1 sentence
        code reset-wedge -1 tags:evidence
        find final word doc:wedge-or-no-wedge
        mark 1 sentence
        code reset-wedge -2
        mark alignment-report "leave little doubt"
        code alignment-endures 2
        compare reset-wedge
        export jsonl out.jsonl
        export w3c out.jsonld
        export csv out.csv
        export md out.md
        export html out.html
        export qdpx out.qdpx
        export brat out-brat
        check
        """
        let r = try ParallaxBinary.run(["--set", "alice", "--no-color"], stdin: script + "\n", directory: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("added panel-china-russia-axis: 5 paragraphs; transcript, 3 speakers (new: holloway, lee); title from the first line, date from options"))
        #expect(r.stdout.contains("added wedge-or-no-wedge: 2 paragraphs; voice wyne; title from <title>, authors from author, date from citation_publication_date, publisher from <title>"))
        #expect(r.stdout.contains("added alignment-report: 1 paragraph; voice lin; title from PDF Info, authors from PDF Info; no date found (give date:); 4 running header, footer and page-number lines dropped"))
        #expect(r.stdout.contains("added sanctions-memo: 2 paragraphs; voice varma; title from docProps/core.xml, authors from docProps/core.xml, date from docProps/core.xml"))
        #expect(r.stdout.contains("holloway"), "the transcript's speaker owns the coded span")
        #expect(r.stdout.contains("no problems") || r.stdout.contains("clean") || !r.stdout.contains("orphan"))
        for out in ["out.jsonl", "out.jsonld", "out.csv", "out.md", "out.html", "out.qdpx"] {
            #expect(FileManager.default.fileExists(atPath: dir + "/" + out), "\(out)")
        }
        let jsonl = String(decoding: Fixtures.bytes(dir + "/out.jsonl") ?? [], as: UTF8.self)
        #expect(jsonl.contains("\"doc\":\"panel-china-russia-axis\""))
        #expect(jsonl.contains("\"analyst\":\"holloway\""))
        #expect(jsonl.contains("\"doc\":\"wedge-or-no-wedge\""))
        #expect(jsonl.contains("\"doc\":\"alignment-report\""))
        // The original files are kept; the texts are what spans index.
        let corpus = dir + "/Corpus"
        #expect(try FileManager.default.contentsOfDirectory(atPath: corpus + "/sources").count == 4)
        let text = String(decoding: Fixtures.bytes(corpus + "/alignment-report.txt") ?? [], as: UTF8.self)
        #expect(text == "The alignment will hold because both capitals gain from it, and the trade figures leave little doubt about it.\n")
        // A new process sees the same corpus, and `check` is clean.
        let again = try ParallaxBinary.run(["--set", "alice", "-c", "docs --json", "-c", "check"], directory: dir)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("\"id\" : \"sanctions-memo\""))
    }

    @Test("doc update moves annotations onto their quotes, reports orphans, keeps the old text; check is clean but for orphans")
    func update() throws {
        let dir = Self.project()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let v1 = "Intro line.\n\nThe wedge strategy is tactical at best.\n\nA second claim that will vanish entirely.\n"
        let v2 = "A new opening paragraph pushes everything down.\n\nIntro line.\n\nThe wedge strategy is tactical at best.\n"
        _ = FileManager.default.createFile(atPath: dir + "/v1.txt", contents: Data(v1.utf8))
        _ = FileManager.default.createFile(atPath: dir + "/v2.txt", contents: Data(v2.utf8))
        let first = try ParallaxBinary.run(["--set", "alice", "--no-color"], stdin: """
        doc add v1.txt id:memo authors:"Ali Wyne" date:2024
        mark memo "tactical at best"
        code reset-wedge -1
        mark memo "will vanish entirely"
        code reset-wedge 1

        """, directory: dir)
        #expect(first.status == 0, "\(first.stderr)")
        let second = try ParallaxBinary.run(["--set", "alice", "--no-color", "-c", "doc update memo v2.txt"], directory: dir)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("re-anchored 2 annotations in 1 set: 0 in place, 1 moved ("))
        #expect(second.stdout.contains("0 fuzzy, 1 orphaned ("))
        let versions = try FileManager.default.contentsOfDirectory(atPath: dir + "/Corpus/versions")
        #expect(versions.count == 1)
        #expect(Fixtures.bytes(dir + "/Corpus/versions/" + versions[0]) == Array(v1.utf8))
        #expect(!FileManager.default.fileExists(atPath: dir + "/Corpus/memo.txt"), "the old text moved to versions/")
        let check = try ParallaxBinary.run(["--set", "alice", "--no-color", "-c", "check"], directory: dir)
        #expect(check.stdout.contains("orphan"), "\(check.stdout)")
        #expect(!check.stdout.contains("moved"), "the moved annotation was saved with the new hash: \(check.stdout)")
        let list = try ParallaxBinary.run(["--set", "alice", "--no-color", "-c", "list --json"], directory: dir)
        #expect(list.stdout.contains("tactical at best"))
    }

    @Test("doc remove is refused while a set annotates the document, and works once it does not")
    func remove() throws {
        let dir = Self.project()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try ParallaxBinary.run(["--set", "alice", "--no-color", "--keep-going"], stdin: """
        doc add memo.docx
        mark sanctions-memo "only slowly"
        code reset-wedge 0
        doc remove sanctions-memo
        doc remove lin
        doc add article.html
        doc remove wedge-or-no-wedge

        """, directory: dir)
        #expect(r.stderr.contains("doc remove: document sanctions-memo has annotations: 1 in alice — delete them first (`list doc:sanctions-memo set:all`), or keep the document"))
        #expect(r.stderr.contains("document lin has annotations:"))
        #expect(r.stdout.contains("removed wedge-or-no-wedge (Wedge or no wedge)"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/Corpus/wedge-or-no-wedge.txt"))
        let sources = try FileManager.default.contentsOfDirectory(atPath: dir + "/Corpus/sources")
        #expect(sources.count == 1 && sources[0].hasPrefix("sanctions-memo-"), "\(sources)")
    }

    @Test("analyst add makes an unknown author the voice of their document at once")
    func analystAdd() throws {
        let dir = Self.project()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try ParallaxBinary.run(["--set", "alice", "--no-color"], stdin: """
        doc add article.html authors:"Mina Park"
        analyst add park name:"Mina Park" affiliation:"Example Review"
        doc show wedge-or-no-wedge
        analyst edit park aliases:"Park; M. Park"
        analysts

        """, directory: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("no voice (no author is a known analyst"))
        #expect(r.stdout.contains("added analyst park (Mina Park); voice of wedge-or-no-wedge"))
        #expect(r.stdout.contains("changed analyst park (Mina Park)"))
    }
}
