import Foundation
import Testing
import ParallaxCore
import ParallaxStore
import ParallaxREPL
import TestSupport

/// What `sync` writes itself, besides git: the journals it folds into their sets before git
/// commits them (this session's, and a killed session's), and `.gitattributes` when the
/// merge driver is not named there. Git's own writes (objects, index, the merged files it
/// checks out) and the merge driver's (enumerated on their own above) are not recorded.
extension CrashStateTests {
    /// Runs git in `dir` with no user or system configuration; returns its standard output.
    @discardableResult
    static func git(_ dir: String, _ arguments: String...) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: dir)
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GIT_") }
        env["GIT_CONFIG_NOSYSTEM"] = "1"
        env["GIT_CONFIG_GLOBAL"] = "/dev/null"
        env["LC_ALL"] = "C"
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let said = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ParallaxError(.io, "git \(arguments.joined(separator: " ")) failed: \(String(decoding: said, as: UTF8.self))")
        }
        return String(decoding: data, as: UTF8.self)
    }

    static let gitAttributes = "*.txt text\n"

    /// A clone in `dir` of a new bare remote (set up by a first clone that committed sets `s`,
    /// `t` and `u` and `.gitattributes` without the merge driver), where a session was killed
    /// after annotation 5 went to `u`'s journal; upstream, set `t` gained annotation 6 since.
    func syncScene(_ dir: String) throws {
        let remote = Fixtures.temporaryDirectory("parallax-crash-remote") + "/remote.git"
        let first = Fixtures.temporaryDirectory("parallax-crash-first")
        try Self.git(first, "init", "-q", "--bare", "-b", "main", remote)
        try Self.git(first, "init", "-q", "-b", "main")
        func identify(_ clone: String) throws {
            try Self.git(clone, "config", "user.name", "Crash")
            try Self.git(clone, "config", "user.email", "crash@example.org")
            try Self.git(clone, "config", "commit.gpgsign", "false")
            // Named, so sync does not configure the test runner as the driver; never run here
            // (no set changes on both sides).
            try Self.git(clone, "config", "merge.parallax.driver", "false")
        }
        try identify(first)
        try FileManager.default.createDirectory(atPath: first + "/Annotations", withIntermediateDirectories: true)
        try setWith([Self.annotation(1)])(first + "/Annotations")
        for (name, n) in [("t", 3), ("u", 4)] {
            _ = FileManager.default.createFile(atPath: first + "/Annotations/\(name).jsonl", contents: Data(SetFile.encode([Self.annotation(n)], damaged: [])))
        }
        _ = FileManager.default.createFile(atPath: first + "/.gitattributes", contents: Data(Self.gitAttributes.utf8))
        try Self.git(first, "add", "-A")
        try Self.git(first, "commit", "-q", "-m", "sets")
        try Self.git(first, "remote", "add", "origin", remote)
        try Self.git(first, "push", "-q", "-u", "origin", "main")

        try Self.git(dir, "clone", "-q", remote, ".")
        try identify(dir)
        // A session killed after its change reached the journal (the store dropped, not closed).
        do {
            let killed = try AnnotationStore(directory: dir + "/Annotations", corpus: Fixtures.corpus)
            try killed.add(Self.annotation(5), to: "u")
        }
        #expect(FileManager.default.fileExists(atPath: RuntimeDirectory.path(of: "u.journal", in: dir + "/Annotations")))

        _ = FileManager.default.createFile(atPath: first + "/Annotations/t.jsonl",
                                           contents: Data(SetFile.encode([Self.annotation(3), Self.annotation(6)], damaged: [])))
        try Self.git(first, "commit", "-q", "-am", "t gains 6")
        try Self.git(first, "push", "-q")
    }

    /// A session in the clone `dir` writing set `s`.
    func syncSession(_ dir: String, fs: any FileSystem = PosixFileSystem()) throws -> Session {
        var options = SessionOptions(corpusDirectory: Fixtures.corpusDirectory, annotationsDirectory: dir + "/Annotations", set: "s",
                                     style: Style(colour: false, width: 100))
        options.fileSystem = fs
        return try Session(options: options, out: StringSink(), err: StringSink())
    }

    @Test("sync commits what a session killed before compacting had acknowledged (its journal is folded first)")
    func syncFoldsKilledJournal() throws {
        let dir = Fixtures.temporaryDirectory("parallax-sync-journal")
        try syncScene(dir)
        let s = try syncSession(dir)
        try s.registry.run("sync", in: s)
        let committed = SetContents(parsing: Array(try Self.git(dir, "show", "HEAD:Annotations/u.jsonl").utf8))
        #expect(committed.annotations.map(\.id).contains(Self.annotation(5).id), "\(committed.annotations.map(\.id))")
        #expect(!FileManager.default.fileExists(atPath: RuntimeDirectory.path(of: "u.journal", in: dir + "/Annotations")))
        let pushed = SetContents(parsing: Array(try Self.git(dir, "show", "origin/main:Annotations/u.jsonl").utf8))
        #expect(pushed.annotations.count == 2)
        #expect(try Self.git(dir, "show", "HEAD:Annotations/t.jsonl").contains(Self.annotation(6).id), "the upstream change merged")
        // No lock kept: another session can write u now.
        let other = try AnnotationStore(directory: dir + "/Annotations", corpus: Fixtures.corpus)
        try other.add(Self.annotation(7), to: "u")
        try other.close()
    }

    @Test("sync's own writes (folded journals, .gitattributes): every acknowledged change kept, nothing torn")
    func syncWrites() throws {
        try explore("sync (its own writes)", setUp: syncScene, act: { fs, dir in
            let s = try syncSession(dir, fs: fs)
            try s.store.add(Self.annotation(2), to: "s")
            fs.mark(Self.annotation(2).id)
            try s.registry.run("sync", in: s)
            fs.mark("synced")
            #expect(try Self.git(dir, "show", "HEAD:.gitattributes").hasSuffix("Annotations/*.jsonl merge=parallax\n"))
        }, check: { dir, state in
            let attributes = Fixtures.bytes(dir + "/.gitattributes").map { String(decoding: $0, as: UTF8.self) }
            #expect(attributes == Self.gitAttributes || attributes == Self.gitAttributes + "Annotations/*.jsonl merge=parallax\n",
                    "torn .gitattributes at crash point \(state.prefix): \(String(describing: attributes))")
            if state.acknowledged.contains("synced") { #expect(attributes != Self.gitAttributes) }
            let store = try openClean(dir + "/Annotations", sets: ["s", "u"], state)
            expectAnnotations(try store.set("s"), base: [Self.annotation(1)], changes: [Self.annotation(2)], state)
            expectAnnotations(try store.set("u"), base: [Self.annotation(4), Self.annotation(5)], changes: [], state)
            expectAnnotations(try store.set("t"), base: [Self.annotation(3)], changes: [], state)
        })
    }
}
