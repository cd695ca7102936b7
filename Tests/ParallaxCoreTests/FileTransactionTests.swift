#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import ParallaxCore
import ParallaxStore
import TestSupport

/// FileTransaction: several files replaced and removed all or nothing, with a fault or a
/// kill at every step of the protocol and recovery by a fresh process.
@Suite("File transaction")
struct FileTransactionTests {
    /// A folder with `a` and `b` (old contents) and `c` (to be removed).
    struct Scene {
        let dir = Fixtures.temporaryDirectory("parallax-txn")
        let old: [String: [UInt8]] = ["a": Array("old a\n".utf8), "b": Array("old b\n".utf8), "c": Array("old c\n".utf8)]
        let new: [String: [UInt8]] = ["a": Array("new a, longer than before\n".utf8), "b": [], "d": Array("new d\n".utf8)]

        init() {
            for (name, bytes) in old { _ = FileManager.default.createFile(atPath: dir + "/" + name, contents: Data(bytes)) }
        }

        func commit(fs: any FileSystem) throws {
            try FileTransaction(directory: dir, fs: fs).commit(
                files: Dictionary(uniqueKeysWithValues: new.map { (dir + "/" + $0.key, $0.value) }), removing: [dir + "/c"])
        }

        /// The user's files (not `.parallax`).
        func files() -> [String: [UInt8]] {
            var out: [String: [UInt8]] = [:]
            for name in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] where name != RuntimeDirectory.name {
                out[name] = Fixtures.bytes(dir + "/" + name)
            }
            return out
        }

        var allOld: [String: [UInt8]] { old }
        var allNew: [String: [UInt8]] { new }

        func records() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: RuntimeDirectory.path(in: dir))) ?? []).filter { $0.contains(".intent") }
        }

        /// What a transaction may leave behind: claims, records and temporary files, in the
        /// folder or in `.parallax/` (whose `.gitignore` is meant to stay).
        func leftovers() -> [String] {
            let runtime = ((try? FileManager.default.contentsOfDirectory(atPath: RuntimeDirectory.path(in: dir))) ?? [])
                .filter { $0 != ".gitignore" }.map { RuntimeDirectory.name + "/" + $0 }
            let beside = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.contains(".txn-") || $0.contains(".tmp") }
            return (runtime + beside).sorted()
        }

        func remove() { try? FileManager.default.removeItem(atPath: dir) }
    }

    @Test("a commit replaces and removes every file, and leaves no record or temporary file")
    func commits() throws {
        let s = Scene()
        defer { s.remove() }
        try s.commit(fs: PosixFileSystem())
        #expect(s.files() == s.allNew)
        #expect(s.records().isEmpty)
        #expect(Fixtures.bytes(RuntimeDirectory.path(in: s.dir) + "/.gitignore") == Array("*\n".utf8))
    }

    @Test("the durable calls are in the protocol's order: record, temporaries, commit point, renames, record removed")
    func order() throws {
        let s = Scene()
        defer { s.remove() }
        let fs = RecordingFileSystem(root: s.dir)
        try s.commit(fs: fs)
        let ops = fs.operations.map(\.description)
        func index(_ prefix: String) -> Int { ops.firstIndex { $0.hasPrefix(prefix) } ?? -1 }
        let claimSynced = ops.firstIndex { $0.hasPrefix("fsync .parallax/") && $0.hasSuffix(".intent.tmp") } ?? -1
        let committed = ops.firstIndex { $0.hasPrefix("rename .parallax/") && $0.hasSuffix(".intent") } ?? -1
        let firstTarget = ops.firstIndex { $0.hasPrefix("rename a.txn-") } ?? -1
        let recordGone = ops.lastIndex { $0.hasPrefix("unlink .parallax/") && $0.hasSuffix(".intent") } ?? -1
        #expect(claimSynced >= 0 && committed > claimSynced && firstTarget > committed && recordGone > firstTarget, "\(ops)")
        // Every temporary file is fsynced, and its folder too, before the commit point.
        let tempsSynced = ops.indices.filter { ops[$0].hasPrefix("fsync ") && ops[$0].contains(".txn-") }
        #expect(tempsSynced.count == 3 && tempsSynced.allSatisfy { $0 < committed })
        #expect(ops[..<committed].contains("fsync-dir ."))
        // The record's removal is made durable before commit returns.
        #expect(ops.last == "fsync-dir .parallax", "\(ops)")
        #expect(index("unlink c") > committed)
    }

    @Test("a failure at any step leaves all old (before the commit point) or, after recovery, all new")
    func failureAtEveryStep() throws {
        var step = 0
        var before = 0, after = 0
        while true {
            let s = Scene()
            defer { s.remove() }
            let fs = RecordingFileSystem(root: s.dir)
            fs.failAt = step
            var error: ParallaxError?
            do { try s.commit(fs: fs) } catch let e as ParallaxError { error = e }
            if !fs.tripped { #expect(error == nil); break }
            let e = try #require(error, "step \(step) failed silently")
            #expect(e.kind == .io)
            let decided = e.hint?.contains("will be completed") == true
            if decided {
                after += 1
            } else {
                before += 1
                #expect(s.files() == s.allOld, "step \(step): nothing changed before the commit point")
                #expect(s.records().isEmpty, "step \(step): no claim left")
            }
            let recovered = try FileTransaction.recover(in: s.dir, fs: PosixFileSystem())
            #expect(s.files() == (decided ? s.allNew : s.allOld), "step \(step): \(recovered)")
            #expect(s.records().isEmpty)
            step += 1
        }
        #expect(before >= 10 && after >= 4, "\(before) steps before the commit point, \(after) after")
    }

    @Test("a kill at any step leaves, after recovery, all old or all new, and no temporary file")
    func killAtEveryStep() throws {
        var step = 0
        var outcomes: [Bool] = []
        while true {
            let s = Scene()
            defer { s.remove() }
            let fs = RecordingFileSystem(root: s.dir)
            fs.stopAt = step
            let finished = (try? s.commit(fs: fs)) != nil
            if finished { #expect(!fs.tripped); break }
            try FileTransaction.recover(in: s.dir, fs: PosixFileSystem())
            let files = s.files()
            #expect(files == s.allOld || files == s.allNew, "step \(step): \(files.keys.sorted())")
            #expect(s.leftovers().isEmpty, "step \(step): left behind after recovery: \(s.leftovers())")
            outcomes.append(files == s.allNew)
            step += 1
        }
        // Old up to the commit point, new from there on.
        let firstNew = try #require(outcomes.firstIndex(of: true))
        #expect(!outcomes[..<firstNew].contains(true) && !outcomes[firstNew...].contains(false))
    }

    @Test("a torn claim is discarded; a damaged record is discarded; a record held by a live process is left alone")
    func recoveryCases() throws {
        let s = Scene()
        defer { s.remove() }
        let state = try RuntimeDirectory.ensure(in: s.dir, fs: PosixFileSystem())
        _ = FileManager.default.createFile(atPath: state + "/1-ab.intent.tmp", contents: Data("{\"id\":\"1-ab\",\"repl".utf8))
        _ = FileManager.default.createFile(atPath: state + "/2-cd.intent", contents: Data("{}\nsha256 00\n".utf8))
        _ = FileManager.default.createFile(atPath: s.dir + "/a.txn-1-ab", contents: Data("half".utf8))
        _ = FileManager.default.createFile(atPath: state + "/3-ef.intent", contents: Data("held".utf8))
        let held = open(state + "/3-ef.intent", O_RDONLY)
        defer { close(held) }
        #expect(flock(held, LOCK_EX | LOCK_NB) == 0)
        let r = try FileTransaction.recover(in: s.dir, fs: PosixFileSystem())
        #expect(r.discarded.sorted() == ["1-ab", "2-cd"])
        #expect(r.inProgress == ["3-ef"])
        #expect(r.completed.isEmpty)
        #expect(s.files() == s.allOld, "the orphaned temporary file is removed, nothing else changes")
        #expect(s.records() == ["3-ef.intent"])
    }

    @Test("a kill while .parallax is first made leaves no temporary .gitignore; one an earlier version left is removed on recovery")
    func ignoreFileLeftovers() throws {
        let s = Scene()
        defer { s.remove() }
        // The calls that make `.parallax/` and its `.gitignore`, each a kill point.
        let probe = RecordingFileSystem(root: s.dir)
        try RuntimeDirectory.ensure(in: s.dir, fs: probe)
        #expect(probe.operations.map(\.description).allSatisfy { !$0.contains(".tmp") }, "\(probe.operations)")
        try FileManager.default.removeItem(atPath: RuntimeDirectory.path(in: s.dir))
        for step in 0..<probe.callCount {
            let fs = RecordingFileSystem(root: s.dir)
            fs.stopAt = step
            #expect(throws: ParallaxError.self) { try s.commit(fs: fs) }
            try FileTransaction.recover(in: s.dir, fs: PosixFileSystem())
            #expect(s.leftovers().isEmpty, "step \(step): \(s.leftovers())")
            // The next writer finds `.gitignore` whole, whatever the kill left.
            try RuntimeDirectory.ensure(in: s.dir, fs: PosixFileSystem())
            #expect(Fixtures.bytes(RuntimeDirectory.path(in: s.dir) + "/.gitignore") == Array("*\n".utf8))
            try FileManager.default.removeItem(atPath: RuntimeDirectory.path(in: s.dir))
        }
        // A torn `.gitignore` is written again; an earlier version's temporary file is removed.
        let state = try RuntimeDirectory.ensure(in: s.dir, fs: PosixFileSystem())
        _ = FileManager.default.createFile(atPath: state + "/.gitignore", contents: Data([0, 0]))
        _ = FileManager.default.createFile(atPath: state + "/.gitignore.tmp-4242", contents: Data())
        try FileTransaction.recover(in: s.dir, fs: PosixFileSystem())
        #expect(s.leftovers().isEmpty)
        try RuntimeDirectory.ensure(in: s.dir, fs: PosixFileSystem())
        #expect(Fixtures.bytes(state + "/.gitignore") == Array("*\n".utf8))
        #expect(s.files() == s.allOld)
    }

    @Test("a path outside the directory is refused before anything is written")
    func outside() throws {
        let s = Scene()
        defer { s.remove() }
        let error = try #require(throws: ParallaxError.self) {
            try FileTransaction(directory: s.dir, fs: PosixFileSystem()).commit(files: ["relative/x": [1]])
        }
        #expect(error.kind == .usage)
        #expect(s.files() == s.allOld)
    }
}
