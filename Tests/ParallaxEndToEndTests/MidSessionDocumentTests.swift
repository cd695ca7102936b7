import Foundation
import Testing
import TestSupport

/// A document's file deleted, rewritten or made non-UTF-8 while a session runs (its text not
/// read yet: the corpus reads documents on first use): every command that reads documents
/// gets one error naming the document and the file, the session goes on, nothing is written,
/// and once the file is restored the same commands work.
@Suite("Documents changed on disk during a session")
struct MidSessionDocumentTests {
    static let linFile = "lin-foreign-policy-2023.txt"
    /// An annotation of the baseline on document lin.
    static let onLin = "01M84H2C8V5PW551CAZ9XVDTVH"

    /// A scratch project whose corpus cache trusts every document, so a session reads none of
    /// them before a command needs it (files copied less than 2 s ago are not trusted yet).
    static func settledProject() throws -> String {
        let project = ParallaxBinary.scratchProject()
        Thread.sleep(forTimeInterval: 2.2)
        let warm = try ParallaxBinary.run(["--set", "alice", "-c", "docs"], directory: project)
        #expect(warm.status == 0, "\(warm.stderr)")
        return project
    }

    /// Starts a session and waits until it has answered a first command that reads no
    /// document (start-up is over; loading a set reads the texts its annotations are on).
    /// - Parameter keepGoing: Go on after an error (piped input stops at the first one, as a
    ///   script does; a terminal session always goes on).
    static func startSession(_ project: String, keepGoing: Bool = true) throws -> ParallaxBinary.Running {
        let session = try ParallaxBinary.start(["--set", "alice"] + (keepGoing ? ["--keep-going"] : []), directory: project)
        session.send("help quit\n")
        #expect(session.wait(for: "end the session"), "the session answered its first command")
        return session
    }

    static func annotationFiles(_ project: String) -> [String: [UInt8]?] {
        BadInputCatalogueTests.snapshot(project + "/Annotations")
    }

    @Test("a deleted document: show, find, compare, mark and code on it, list are refused with one error each; the session goes on; nothing is written; restored, they work")
    func deleted() throws {
        let project = try Self.settledProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let session = try Self.startSession(project)
        defer { if session.process.isRunning { session.kill() } }
        let before = Self.annotationFiles(project)
        let path = project + "/Corpus/" + Self.linFile
        let bytes = try #require(Fixtures.bytes(path))
        try FileManager.default.removeItem(atPath: path)
        let commands = ["show \(Self.onLin)", "find axis", "compare reset-wedge", "mark lin 0 40", "code reset-wedge -1", "list"]
        for c in commands { session.send(c + "\n") }
        session.send("help show\n")
        #expect(session.wait(for: "usage: show"), "help still answers: the session goes on")
        let message = "Corpus/\(Self.linFile): document lin can no longer be read: open failed: No such file or directory — restore the file (e.g. `git restore` it), then run the command again; nothing was changed"
        let errors = session.stderr.split(separator: "\n").map(String.init)
        #expect(errors == (2...7).map { "error: <stdin>:\($0): \(message)" }, "\(session.stderr)")
        #expect(Self.annotationFiles(project) == before, "no set, journal or lock file was written")

        // Restored: the same session reads it and the commands work.
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        session.send("show \(Self.onLin)\nmark lin 0 40\ncode reset-wedge -1\n")
        #expect(session.wait(for: "coded "), "\(session.stdout)\n\(session.stderr)")
        #expect(session.finish() == 1, "the errors before make the piped session's status 1")
        #expect(session.stderr.split(separator: "\n").count == 6, "no new error after the restore: \(session.stderr)")
        let list = try ParallaxBinary.run(["--set", "alice", "-c", "list doc:lin"], directory: project)
        #expect(list.status == 0)
        #expect(list.stdout.contains("reset-wedge"), "\(list.stdout)")
    }

    @Test("a document rewritten with other text: refused, not re-anchored; the sets stay byte for byte; a new session re-anchors")
    func rewritten() throws {
        let project = try Self.settledProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let session = try Self.startSession(project)
        defer { if session.process.isRunning { session.kill() } }
        let before = Self.annotationFiles(project)
        let path = project + "/Corpus/" + Self.linFile
        let text = try #require(Fixtures.bytes(path))
        _ = FileManager.default.createFile(atPath: path, contents: Data(Array("A new first line.\n".utf8) + text))
        session.send("use baseline\nshow \(Self.onLin)\nlist doc:lin\n")
        #expect(session.finish() == 1)
        let errors = session.stderr.split(separator: "\n").map(String.init)
        #expect(errors.count == 3, "\(session.stderr)")
        #expect(errors.allSatisfy { $0.contains(": Corpus/\(Self.linFile): document lin changed on disk since the session started (its annotations are anchored to the text with hash ") }, "\(session.stderr)")
        #expect(Self.annotationFiles(project) == before, "the baseline was neither re-anchored nor compacted")
        // A new session takes the new text and re-anchors the annotations on it (as after an
        // edit between sessions).
        let next = try ParallaxBinary.run(["--set", "baseline", "-c", "show \(Self.onLin)"], directory: project)
        #expect(next.status == 0, "\(next.stderr)")
    }

    @Test("the manifest deleted during a session changes nothing: it was read at start-up")
    func manifestDeleted() throws {
        let project = try Self.settledProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let session = try Self.startSession(project)
        defer { if session.process.isRunning { session.kill() } }
        try FileManager.default.removeItem(atPath: project + "/Corpus/manifest.json")
        session.send("doc show lin\ndocs\n")
        #expect(session.finish() == 0, "\(session.stderr)")
        #expect(session.stdout.contains("The China-Russia Axis Takes Shape"), "\(session.stdout)")
    }
}
