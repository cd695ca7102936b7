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
        // The questions, then one case code per analyst, with the case's GUID.
        #expect(codes.map { $0.attributes["name"] } == Fixtures.codebook.questions.map(\.id) + ["case: Aslı Aydıntaşbaş", "case: Angela Stent"])
        #expect(codes.suffix(2).map { $0.attributes["guid"] } == root.child(named: "Cases")?.children(named: "Case").map { $0.attributes["guid"] })
        let reset = try #require(codes.first)
        #expect(reset.attributes["isCodable"] == "false")
        #expect(reset.children(named: "Code").map { $0.attributes["name"] ?? "" }
                == ["reset-wedge: -2 no", "reset-wedge: -1 unlikely", "reset-wedge: 0 uncertain / conditional",
                    "reset-wedge: +1 plausible", "reset-wedge: +2 likely"])
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
        #expect(selection.children.map(\.name) == ["Description", "Coding", "Coding", "NoteRef"])
        #expect(selection.child(named: "Description")?.text == family.annotation.note)
        let codingRefs = selection.children(named: "Coding").map { $0.child(named: "CodeRef")?.attributes["targetGUID"] }
        #expect(codingRefs == [QDPXLayout.stanceGUID(family.annotation.question, family.annotation.stance),
                               QDPXLayout.caseGUID(family.annotation.analyst)])
        let notes = try #require(root.child(named: "Notes")?.children(named: "Note"))
        let note = try #require(notes.first { $0.attributes["guid"] == selection.child(named: "NoteRef")?.attributes["targetGUID"] })
        #expect(note.child(named: "PlainTextContent")?.text == family.annotation.note)
    }

    /// The data note of a selection: the `Note` its stance coding's `NoteRef` points at.
    func dataNote(_ selection: XMLTreeElement, in root: XMLTreeElement) throws -> String {
        let guid = try #require(selection.child(named: "Coding")?.child(named: "NoteRef")?.attributes["targetGUID"])
        let note = try #require(root.child(named: "Notes")?.children(named: "Note").first { $0.attributes["guid"] == guid })
        return try #require(note.child(named: "PlainTextContent")?.text)
    }

    @Test("Parallax's JSON is in the coding's data note, not the Description; a note XML cannot hold goes there too")
    func metadata() throws {
        let root = try project(Fixtures.nastyCodings)
        let selections = (root.child(named: "Sources")?.children(named: "TextSource") ?? []).flatMap { $0.children(named: "PlainTextSelection") }
        let withControls = try #require(selections.first { $0.attributes["name"] == "01NASTY00000000000000000004" })
        #expect(try dataNote(withControls, in: root).hasPrefix(#"{"parallax":1,"analyst":"merics","confidence":0.0,"tags":["evidence"],"note":"a note with a form feed \f, a control \u0001 and U+FFFE \ufffe"}"#))
        // The Description shows the note as far as XML can hold it.
        #expect(withControls.child(named: "Description")?.text == "a note with a form feed \u{FFFD}, a control \u{FFFD} and U+FFFE \u{FFFD}")
        let first = try #require(selections.first { $0.attributes["name"] == "01NASTY00000000000000000001" })
        let text = try dataNote(first, in: root)
        #expect(!text.contains("\"note\""))
        #expect(text.contains(#""extra":{"flag":"true","nested":"{\"a\": [1, 2, {\"b\": null}], \"s\": \"ş\\n\\u00e9\"}""#))
        #expect(selections.allSatisfy { !($0.child(named: "Description")?.text.hasPrefix("{\"parallax\"") ?? false) })
    }

    /// Reads the archive with Python's `zipfile` and `xml.etree`, as QualCoder's importer does,
    /// and returns what QualCoder takes from it.
    static let qualCoderView = """
    import sys, json, zipfile, xml.etree.ElementTree as ET
    q = '{urn:QDA-XML:project:1.0}'
    z = zipfile.ZipFile(sys.argv[1])
    root = ET.fromstring(z.read('project.qde'))
    codes = {c.get('guid'): c.get('name') for c in root.iter(q + 'Code')}
    cases = {c.get('guid'): c.get('name') for c in root.iter(q + 'Case')}
    notes = {n.get('guid'): n for n in root.find(q + 'Notes')}
    out = {'codeNames': [c.get('name') for c in root.iter(q + 'Code')], 'selections': [], 'sourceNotes': []}
    for ts in root.find(q + 'Sources'):
        text = z.read('Sources/' + ts.get('plainTextPath')[len('internal://'):]).decode('utf-8')
        for sel in ts.findall(q + 'PlainTextSelection'):
            start, end = int(sel.get('startPosition')), int(sel.get('endPosition'))
            refs = [c.find(q + 'CodeRef').get('targetGUID') for c in sel.findall(q + 'Coding')]
            out['selections'].append({'id': sel.get('creatingUser') + ' ' + sel.get('name'), 'text': text[start:end], 'memo': sel.findtext(q + 'Description'),
                                      'codes': [codes.get(r) for r in refs if r not in cases], 'cases': [cases[r] for r in refs if r in cases]})
        for ref in ts.findall(q + 'NoteRef'):
            note = notes[ref.get('targetGUID')]
            at = note.find(q + 'PlainTextSelection')
            out['sourceNotes'].append({'source': ts.get('name'), 'memo': note.findtext(q + 'PlainTextContent'),
                                       'start': int(at.get('startPosition')), 'end': int(at.get('endPosition'))})
    print(json.dumps(out))
    """

    @Test("what QualCoder reads, through Python's own XML parser: unique code names, every coding on a code, notes at the source level, the note as the memo, cases with text")
    func qualCoderReading() throws {
        let codings = Fixtures.baselineCodings + Fixtures.nastyCodings
        let bytes = try Interchange.exportFile(format, codings)
        let stdout = try Python.withFile(bytes, name: "review.qdpx") { try Python.run(Self.qualCoderView, arguments: [$0]) }
        let view = try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any])
        let names = try #require(view["codeNames"] as? [String])
        #expect(Set(names).count == names.count)
        #expect(names.contains("reset-wedge: -2 no") && names.contains("war-ends-soon: -2 no"))

        let selections = try #require(view["selections"] as? [[String: Any]])
        #expect(selections.count == codings.count)
        let byID = Dictionary(uniqueKeysWithValues: codings.map { (QDPXLayout.userGUID($0.set) + " " + $0.annotation.id, $0.annotation) })
        for selection in selections {
            let a = try #require(byID[selection["id"] as? String ?? ""])
            // Positions in code points: Python's str slices by code point.
            #expect(selection["text"] as? String == a.target.exact)
            let label = Fixtures.codebook.question(a.question)?.label(of: a.stance)
            #expect(selection["codes"] as? [String] == [a.question + ": " + Question.signed(a.stance) + (label.map { " " + $0 } ?? "")])
            #expect((selection["cases"] as? [String])?.count == 1)
            if a.note.isEmpty { #expect(selection["memo"] is NSNull) } else if XMLTextTests.holdable(a.note) {
                #expect(selection["memo"] as? String == a.note)
            }
        }
        let notes = try #require(view["sourceNotes"] as? [[String: Any]])
        let withNotes = codings.filter { !$0.annotation.note.isEmpty }
        #expect(notes.count == withNotes.count)
        for c in withNotes where XMLTextTests.holdable(c.annotation.note) {
            #expect(notes.contains { ($0["memo"] as? String) == c.annotation.note && ($0["start"] as? Int) == c.annotation.target.start
                && ($0["end"] as? Int) == c.annotation.target.end && ($0["source"] as? String) == c.annotation.target.doc })
        }
    }

    @Test("a file written by the previous layout (stance codes without the question, the JSON in the Description) still imports exactly")
    func previousLayout() throws {
        let codings = Fixtures.nastyCodings + Array(Fixtures.baselineCodings.prefix(6))
        let qde = try #require(FileManager.default.contents(atPath: Fixtures.root + "/Tests/ParallaxCoreTests/Snapshots/qdpx-v1-project.qde"))
        #expect(String(decoding: qde, as: UTF8.self).contains("name=\"-2 no\""))
        var entries: [(path: String, bytes: [UInt8])] = [("project.qde", Array(qde))]
        for doc in Fixtures.corpus.documents where codings.contains(where: { $0.annotation.target.doc == doc.id }) {
            entries.append(("Sources/" + QDPXLayout.sourceGUID(doc.id) + ".txt", doc.text.utf8))
        }
        let bytes = try ZipArchive.write(entries, modified: Date(timeIntervalSince1970: 1_700_000_000))
        let imported = try ImportFormats.read(bytes, path: "old.qdpx", format: "qdpx", corpus: Fixtures.corpus, codebook: Fixtures.codebook)
        #expect(imported == Fixtures.sorted(codings))
    }
}

/// Which notes XML can carry verbatim.
enum XMLTextTests {
    static func holdable(_ text: String) -> Bool { XMLText.canHold(text) && !text.contains("\r") }
}
