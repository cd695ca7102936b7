import Foundation
import Testing
@testable import ParallaxCore
@testable import ParallaxStore
import TestSupport

@Suite("Export: REFI-QDA (.qdpx)")
struct ExportQDPXTests {
    let format = QDPXExportFormat()

    func entries(_ codings: [Coding], corpus: Corpus = Fixtures.corpus) throws -> [(path: String, bytes: [UInt8])] {
        try ZipArchive.read(try Interchange.exportFile(format, codings, corpus: corpus))
    }

    func project(_ codings: [Coding], corpus: Corpus = Fixtures.corpus) throws -> XMLTreeElement {
        let qde = try #require(try entries(codings, corpus: corpus).first { $0.path == "project.qde" })
        return try XMLTree.parse(qde.bytes)
    }

    @Test("baseline, nasty sets and the nasty corpus import back to equal codings, unknown fields included")
    func roundTrips() throws {
        let sets = Fixtures.baselineCodings + Fixtures.nastyCodings
        #expect(try Interchange.roundTrip(format, sets) == Fixtures.sorted(sets))
        let corpusCodings = Fixtures.nastyCorpusCodings
        #expect(try Interchange.roundTrip(format, corpusCodings, corpus: Fixtures.nastyCorpus) == Fixtures.sorted(corpusCodings))
    }

    @Test("the archive holds project.qde and each coded document's exact text as Sources/GUID.txt")
    func archive() throws {
        let files = try entries(Fixtures.nastyCodings)
        let docs = ["brookings", "lin", "usip", "merics"].compactMap { Fixtures.corpus.document($0) }
        #expect(files.map(\.path) == ["project.qde"] + ["brookings", "lin", "usip", "merics"].map {
            "Sources/" + QDPXLayout.sourceGUID($0) + ".txt"
        })
        for doc in docs {
            #expect(files.first { $0.path == "Sources/\(QDPXLayout.sourceGUID(doc.id)).txt" }?.bytes == doc.text.utf8)
        }
    }

    @Test("GUIDs are UUID v5 of names in uuid5(NAMESPACE_URL, \"urn:parallax:qdpx\") (values from Python's uuid)")
    func guids() throws {
        #expect(NameBasedUUID.text(QDPXLayout.guidNamespace) == "EE11F9CB-71BA-5964-AD62-1BBEE119B34A")
        #expect(QDPXLayout.userGUID("baseline") == "53B492A6-7B85-5DA9-942C-E9267238216F")
        #expect(QDPXLayout.questionGUID("reset-wedge") == "5A4F97EB-25CE-5C88-BC82-C059C6E30513")
        #expect(QDPXLayout.stanceGUID("reset-wedge", -1) == "35F6FCC7-D06F-56AE-AD9E-F3982FA3DB84")
        #expect(QDPXLayout.sourceGUID("brookings") == "FB91BB1C-313D-5234-859A-1D4443F31460")
        #expect(QDPXLayout.selectionGUID("baseline", "01M84H2C7JHFV149YZQQ9J7GNX") == "8A22AFE6-8C20-5A73-8271-C9932C5535E8")
    }

    @Test("re-exporting gives the same bytes, whatever the input order")
    func stable() throws {
        let codings = Fixtures.baselineCodings + Fixtures.nastyCodings
        #expect(try Interchange.exportFile(format, codings) == Interchange.exportFile(format, codings.reversed()))
    }

    @Test("project.qde: namespace, users, codes per question and stance, cases, selections in code points, notes")
    func structure() throws {
        let codings = Fixtures.nastyCorpusCodings
        let root = try project(codings, corpus: Fixtures.nastyCorpus)
        #expect(root.name == "Project")
        #expect(root.namespace == "urn:QDA-XML:project:1.0")
        #expect(root.children.map(\.name) == ["Users", "CodeBook", "Cases", "Sources", "Notes"])
        #expect(root.child(named: "Users")?.children(named: "User").compactMap { $0.attributes["name"] } == ["alice", "bob"])
        let codes = try #require(root.child(named: "CodeBook")?.child(named: "Codes")?.children(named: "Code"))
        #expect(codes.map { $0.attributes["name"] } == Fixtures.codebook.questions.map(\.id))
        let reset = try #require(codes.first)
        #expect(reset.attributes["isCodable"] == "false")
        #expect(reset.children(named: "Code").map { $0.attributes["name"] ?? "" }
                == ["-2 no", "-1 unlikely", "0 uncertain / conditional", "+1 plausible", "+2 likely"])
        #expect(reset.children(named: "Code").allSatisfy { $0.attributes["isCodable"] == "true" })
        #expect(root.child(named: "Cases")?.children(named: "Case").compactMap { $0.attributes["name"] } == ["Aslı Aydıntaşbaş", "Angela Stent"])

        let sources = try #require(root.child(named: "Sources")?.children(named: "TextSource"))
        #expect(sources.map { $0.attributes["name"] } == ["nasty", "weird id/β"])
        #expect(sources[0].attributes["plainTextPath"] == "internal://\(QDPXLayout.sourceGUID("nasty")).txt")
        let selections = sources.flatMap { $0.children(named: "PlainTextSelection") }
        #expect(selections.count == codings.count)
        let family = try #require(codings.first { $0.annotation.target.exact.unicodeScalars.first == "👩" })
        let selection = try #require(selections.first { $0.attributes["name"] == family.annotation.id })
        #expect(selection.attributes["startPosition"] == String(family.annotation.target.start))
        #expect(selection.attributes["endPosition"] == String(family.annotation.target.end))
        // Code points: the family emoji is 5 scalars, 8 UTF-16 units.
        #expect(family.annotation.target.end - family.annotation.target.start == "👩‍👩‍👧 family".unicodeScalars.count)
        #expect(selection.attributes["creatingUser"] == QDPXLayout.userGUID(family.set))
        #expect(selection.attributes["creationDateTime"] == family.annotation.created)
        #expect(selection.children.map(\.name) == ["Description", "Coding", "NoteRef"])
        #expect(selection.child(named: "Coding")?.child(named: "CodeRef")?.attributes["targetGUID"]
                == QDPXLayout.stanceGUID(family.annotation.question, family.annotation.stance))
        let notes = try #require(root.child(named: "Notes")?.children(named: "Note"))
        let note = try #require(notes.first { $0.attributes["guid"] == selection.child(named: "NoteRef")?.attributes["targetGUID"] })
        #expect(note.child(named: "PlainTextContent")?.text == family.annotation.note)
    }

    @Test("the selection's Description is Parallax's JSON; a note XML cannot hold goes there too")
    func metadata() throws {
        let root = try project(Fixtures.nastyCodings)
        let selections = (root.child(named: "Sources")?.children(named: "TextSource") ?? []).flatMap { $0.children(named: "PlainTextSelection") }
        let withControls = try #require(selections.first { $0.attributes["name"] == "01NASTY00000000000000000004" })
        let description = try #require(withControls.child(named: "Description")?.text)
        #expect(description.hasPrefix(#"{"parallax":1,"analyst":"merics","confidence":0.0,"tags":["evidence"],"note":"a note with a form feed \f, a control \u0001 and U+FFFE \ufffe"}"#))
        let first = try #require(selections.first { $0.attributes["name"] == "01NASTY00000000000000000001" })
        let text = try #require(first.child(named: "Description")?.text)
        #expect(!text.contains("\"note\""))
        #expect(text.contains(#""extra":{"flag":"true","nested":"{\"a\": [1, 2, {\"b\": null}], \"s\": \"ş\\n\\u00e9\"}""#))
    }
}
