import Foundation
import Testing
import ParallaxCore
import ParallaxStore
@testable import ParallaxREPL
import TestSupport

@Suite("doc and analyst: completion sees new documents and analysts at once")
struct DocumentCompletionTests {
    @Test("doc add completes files, doc show documents; an added document and its speakers complete at once")
    func completion() throws {
        let project = Fixtures.temporaryDirectory("parallax-doc-completion")
        defer { try? FileManager.default.removeItem(atPath: project) }
        try FileManager.default.copyItem(atPath: Fixtures.corpusDirectory, toPath: project + "/Corpus")
        let annotations = Fixtures.annotationsDirectory()
        defer { try? FileManager.default.removeItem(atPath: annotations) }
        let transcript = "Panel\n\nJANE HOLLOWAY: One.\n\nMINA LEE: Two.\n\nJANE HOLLOWAY: Three.\n"
        _ = FileManager.default.createFile(atPath: project + "/panel-notes.txt", contents: Data(transcript.utf8))
        let out = StringSink(), err = StringSink()
        let session = try Session(options: SessionOptions(corpusDirectory: project + "/Corpus", annotationsDirectory: annotations, set: "alice"),
                                  out: out, err: err)
        #expect(session.complete("doc ").candidates == ["add", "update", "remove", "show"])
        #expect(session.complete("doc show l").candidates == ["lin"])
        #expect(session.complete("doc add " + project + "/panel-n").candidates == [project + "/panel-notes.txt"])
        try session.registry.run("doc add \(project)/panel-notes.txt id:panel", in: session)
        #expect(session.complete("doc show pa").candidates == ["panel"])
        #expect(session.complete("read pa").candidates == ["panel"])
        #expect(session.complete("list analyst:holl").candidates == ["analyst:holloway"])
        #expect(session.complete("analyst edit le").candidates == ["lee"])
        try session.registry.run("analyst add park name:\"Mina Park\"", in: session)
        #expect(session.complete("analyst edit par").candidates == ["park"])
        #expect(session.searchIndex.find("three", in: "panel").count == 1)
    }
}
