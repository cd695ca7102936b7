import Foundation
import Testing
import ParallaxCore
import ParallaxStore
import ParallaxREPL
import TestSupport

/// `export qdc PATH` and `import qdc PATH` in a session: the codebook out to a REFI-QDA file
/// and back into an empty codebook, undo, and the refusals.
@Suite("Codebook exchange commands (qdc)")
struct CodebookExchangeCommandTests {
    func session(_ dir: String) throws -> (Session, StringSink, StringSink) {
        let out = StringSink(), err = StringSink()
        let s = try Session(options: SessionOptions(corpusDirectory: Fixtures.corpusDirectory, annotationsDirectory: dir, set: "alice",
                                                    style: Style(colour: false, width: 100)),
                            out: out, err: err)
        return (s, out, err)
    }

    @Test("export qdc, then import qdc into an empty codebook, gives the same questions; undo takes them back")
    func roundTrip() throws {
        let dir = Fixtures.annotationsDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/team.qdc"
        let (s, out, _) = try session(dir)
        try s.registry.run(#"question define reset-wedge "A split of Moscow from Beijing" include:"explicit claims""#, in: s)
        try s.registry.run("export qdc \(file)", in: s)
        #expect(out.text.contains("exported 10 questions as a REFI-QDA codebook to \(file)\n"))
        let original = s.store.codebook
        #expect(XMLSchemaValidator.problems(Fixtures.bytes(file)!, schemaAt: Fixtures.root + "/Tests/ParallaxCoreTests/Snapshots/refi-qda/Codebook.xsd") == [])

        // A second project whose codebook is empty.
        let other = Fixtures.temporaryDirectory("parallax-qdc")
        defer { try? FileManager.default.removeItem(atPath: other) }
        _ = FileManager.default.createFile(atPath: other + "/codebook.json", contents: Data(#"{"questions": []}"#.utf8))
        let (t, tout, _) = try session(other)
        try t.registry.run("import qdc \(file)", in: t)
        #expect(tout.text.hasPrefix("imported 10 questions from \(file): reset-wedge, alignment-endures, "))
        #expect(t.store.codebook.questions == original.questions)
        #expect(try AnnotationStore(directory: other, corpus: Fixtures.corpus).codebook.questions == original.questions)
        tout.clear()
        try t.registry.run("import \(file)", in: t)
        #expect(tout.text == "\(file) adds no question; 10 already in the codebook (\(original.questions.map(\.id).joined(separator: ", ")))\n")
        tout.clear()
        try t.registry.run("undo", in: t)
        #expect(tout.text.contains("undid import of 10 questions from \(file)"))
        #expect(try AnnotationStore(directory: other, corpus: Fixtures.corpus).codebook.questions.isEmpty)
    }

    @Test("a bad .qdc is refused whole, every problem printed with file:line:column")
    func refused() throws {
        let dir = Fixtures.annotationsDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let before = Fixtures.bytes(dir + "/codebook.json")
        let file = dir + "/bad.qdc"
        _ = FileManager.default.createFile(atPath: file, contents: Data("""
        <CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
        <Code guid="0D62985D-B147-5D01-A9B5-CAE5DCD98342" name="flat" isCodable="true"/>
        <Code guid="0D62985D-B147-5D01-A9B5-CAE5DCD98343" name="fine" isCodable="true"><Code guid="0D62985D-B147-5D01-A9B5-CAE5DCD98344" name="a" isCodable="true"/><Code guid="0D62985D-B147-5D01-A9B5-CAE5DCD98345" name="b" isCodable="true"/></Code>
        <Code guid="0D62985D-B147-5D01-A9B5-CAE5DCD98346" name="reset-wedge" isCodable="true"><Code guid="0D62985D-B147-5D01-A9B5-CAE5DCD98347" name="a" isCodable="true"/><Code guid="0D62985D-B147-5D01-A9B5-CAE5DCD98348" name="b" isCodable="true"/></Code>
        </Codes></CodeBook>
        """.utf8))
        let (s, _, err) = try session(dir)
        do {
            try s.registry.run("import qdc \(file)", in: s)
            Issue.record("a bad codebook file was imported")
        } catch let e as ParallaxError {
            #expect(e.message.hasSuffix("1 problem; no question was imported"), "\(e.message)")
            #expect(e.message.hasPrefix("\(file):2:1: code \"flat\" has no child codes"))
        }
        // The file's own problems all come first; the existing question's clash is found when
        // the file is otherwise sound.
        #expect(err.text.isEmpty)
        #expect(Fixtures.bytes(dir + "/codebook.json") == before)
        #expect(s.store.codebook.question("fine") == nil)
        #expect(throws: ParallaxError.self) { try s.registry.run("export qdc \(dir)/x.qdc set:all", in: s) }
    }

    @Test("export carries the sets' memos: all of them, or with question: only the memos about it")
    func exportsMemos() throws {
        let dir = Fixtures.annotationsDirectory(sets: ["alice": Fixtures.bytes(Fixtures.annotationsDirectory + "/baseline.jsonl")!])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (s, _, _) = try session(dir)
        try s.registry.run(#"memo add project "Second round starts Monday""#, in: s)
        try s.registry.run(#"memo add question:reset-wedge "Coders split on ‘reverse Nixon’""#, in: s)
        try s.registry.run("export md \(dir)/all.md", in: s)
        let all = String(decoding: Fixtures.bytes(dir + "/all.md")!, as: UTF8.self)
        #expect(all.contains("Second round starts Monday") && all.contains("Coders split on ‘reverse Nixon’"))
        try s.registry.run("export w3c \(dir)/q.jsonld question:alignment-endures", in: s)
        let w3c = String(decoding: Fixtures.bytes(dir + "/q.jsonld")!, as: UTF8.self)
        #expect(!w3c.contains("urn:parallax:memo:"))
        try s.registry.run("export w3c \(dir)/r.jsonld question:reset-wedge", in: s)
        let reset = String(decoding: Fixtures.bytes(dir + "/r.jsonld")!, as: UTF8.self)
        #expect(reset.contains("Coders split on ‘reverse Nixon’") && !reset.contains("Second round"))
    }
}
