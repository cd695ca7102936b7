#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import ParallaxCore
import ParallaxStore
import TestSupport

/// Faults injected through the store's file-system seam: each ends in a clear message,
/// keeps the work in memory, leaves the files on disk as they were, and allows a retry.
@Suite("Fault injection")
struct FaultInjectionTests {
    struct Faulted {
        let dir: String
        let fs = FaultyFileSystem()
        let store: AnnotationStore
        let before: [String: [UInt8]]

        /// A store with the baseline set and one change already made (so the set is locked
        /// and journalled), and a snapshot of every file.
        init() throws {
            dir = Fixtures.annotationsDirectory(sets: ["baseline": Fixtures.bytes(Fixtures.annotationsDirectory + "/baseline.jsonl")!])
            store = try AnnotationStore(directory: dir, corpus: Fixtures.corpus, fs: fs)
            try store.add(Fixtures.sampleAnnotation(), to: "baseline")
            before = Faulted.files(dir)
        }

        static func files(_ dir: String) -> [String: [UInt8]] {
            var out: [String: [UInt8]] = [:]
            for name in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] where !name.hasSuffix(".lock") && name != ".parallax" {
                out[name] = Fixtures.bytes(dir + "/" + name)
            }
            // The runtime folder: journals and temporary files (locks left out).
            for name in (try? FileManager.default.contentsOfDirectory(atPath: dir + "/.parallax")) ?? [] where !name.hasSuffix(".lock") {
                out[".parallax/" + name] = Fixtures.bytes(dir + "/.parallax/" + name)
            }
            return out
        }
    }

    @Test("a failing add changes nothing and can be retried", arguments: [
        (FaultyFileSystem.Operation.write, ENOSPC, "No space left on device", "free some disk space"),
        (.fsync, EIO, "Input/output error", nil),
        (.write, EROFS, "Read-only file system", "save elsewhere"),
    ] as [(FaultyFileSystem.Operation, Int32, String, String?)])
    func failingAdd(op: FaultyFileSystem.Operation, code: Int32, reason: String, hint: String?) throws {
        let f = try Faulted()
        let count = try f.store.set("baseline").count
        let b = Fixtures.sampleAnnotation(id: "01TESTBBBBBBBBBBBBBBBBBBBB")
        f.fs.fail(op, with: code)
        let error = try #require(throws: ParallaxError.self) { try f.store.add(b, to: "baseline") }
        #expect(error.kind == .io)
        #expect(error.message.contains(reason))
        if let hint { #expect(error.hint?.contains(hint) == true, "\(error)") }
        #expect(try f.store.set("baseline").count == count, "memory never runs ahead of the disk")
        f.fs.clear()
        try f.store.add(b, to: "baseline")
        #expect(try f.store.set("baseline").byID[b.id] == b)
        // What is on disk loads, with every acknowledged annotation and nothing damaged.
        let fresh = try AnnotationStore(directory: f.dir, corpus: Fixtures.corpus)
        #expect(try fresh.set("baseline").count == count + 1)
        #expect(try fresh.problems(of: "baseline").isEmpty)
    }

    @Test("a failing compaction (rename, fsync, permission) leaves the set file as it was", arguments: [
        (FaultyFileSystem.Operation.rename, EACCES), (.fsync, EIO), (.open, EACCES), (.write, ENOSPC),
    ] as [(FaultyFileSystem.Operation, Int32)])
    func failingCompaction(op: FaultyFileSystem.Operation, code: Int32) throws {
        let f = try Faulted()
        f.fs.fail(op, with: code)
        #expect(throws: ParallaxError.self) { try f.store.compact("baseline") }
        f.fs.clear()
        let after = Faulted.files(f.dir)
        #expect(after["baseline.jsonl"] == f.before["baseline.jsonl"], "the set file is untouched")
        #expect(after.keys.allSatisfy { !$0.contains(".tmp-") }, "no temporary file is left behind: \(after.keys.sorted())")
        // The journal still holds the change, so nothing is lost; a retry succeeds.
        #expect(try AnnotationStore(directory: f.dir, corpus: Fixtures.corpus).set("baseline").byID[Fixtures.sampleAnnotation().id] != nil)
        try f.store.compact("baseline")
        #expect(Fixtures.bytes(f.dir + "/.parallax/baseline.journal") == nil)
        #expect(try AnnotationStore(directory: f.dir, corpus: Fixtures.corpus).set("baseline").count == 64)
    }

    @Test("a codebook that cannot be saved stays as it was")
    func failingCodebook() throws {
        let f = try Faulted()
        let q = Question(id: "new-question", text: "?", scale: [.init(value: 0, label: "no"), .init(value: 1, label: "yes")])
        f.fs.fail(.rename, with: EACCES)
        let error = try #require(throws: ParallaxError.self) { try f.store.addQuestion(q) }
        #expect(error.hint?.contains("permissions") == true)
        #expect(f.store.codebook.question("new-question") == nil)
        #expect(Faulted.files(f.dir)["codebook.json"] == f.before["codebook.json"])
        f.fs.clear()
        try f.store.addQuestion(q)
        #expect(f.store.codebook.question("new-question") == q)
    }

    @Test("an unreadable set file is a clear error, not an empty set")
    func unreadable() throws {
        let f = try Faulted()
        let other = try AnnotationStore(directory: f.dir, corpus: Fixtures.corpus, fs: f.fs)
        f.fs.fail(.read, with: EACCES)
        let error = try #require(throws: ParallaxError.self) { try other.set("baseline") }
        #expect(error.description.contains("baseline.jsonl: read failed: Permission denied"))
    }
}
