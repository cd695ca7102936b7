import Foundation
import Testing
import ParallaxCore
import ParallaxStore
import TestSupport

/// Runtime files in `Annotations/.parallax/`, and the files older versions left beside the
/// sets: replayed, moved or removed, never lost.
@Suite("Store runtime folder and migration")
struct StoreMigrationTests {
    let corpus = Fixtures.corpus

    func line(_ a: Annotation) -> [UInt8] { AnnotationCodec.encode(a) + [0x0A] }

    @Test("a journal an older version left beside the set is replayed on load and compacted away on the first write")
    func legacyJournal() throws {
        let kept = Fixtures.sampleAnnotation(id: "01TESTAAAAAAAAAAAAAAAAAAAA", stance: -1)
        let deleted = Fixtures.sampleAnnotation(id: "01TESTBBBBBBBBBBBBBBBBBBBB", stance: -2)
        var edited = kept
        edited.stance = 1
        let added = Fixtures.sampleAnnotation(id: "01TESTCCCCCCCCCCCCCCCCCCCC", stance: 0)
        let dir = Fixtures.annotationsDirectory(sets: ["alice": line(kept) + line(deleted)])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // The old layout: journal and lock beside the set; the lock's holder is long gone.
        let journal = Array("put ".utf8) + line(edited) + Array("delete \(deleted.id)\nput ".utf8) + line(added)
        _ = FileManager.default.createFile(atPath: dir + "/alice.journal", contents: Data(journal))
        _ = FileManager.default.createFile(atPath: dir + "/alice.lock", contents: Data("{\"pid\":1}\n".utf8))

        // Reading replays it and leaves the files alone.
        let reader = try AnnotationStore(directory: dir, corpus: corpus)
        #expect(try reader.setNames() == ["alice"])
        #expect(try reader.set("alice").byID.keys.sorted() == [kept.id, added.id])
        #expect(try reader.set("alice").byID[kept.id]?.stance == 1)
        #expect(Fixtures.bytes(dir + "/alice.journal") == journal)

        // The first write migrates: old journal compacted into the set and removed, old lock removed.
        let writer = try AnnotationStore(directory: dir, corpus: corpus)
        let more = Fixtures.sampleAnnotation(id: "01TESTDDDDDDDDDDDDDDDDDDDD", stance: 2)
        try writer.add(more, to: "alice")
        #expect(Fixtures.bytes(dir + "/alice.journal") == nil)
        #expect(Fixtures.bytes(dir + "/alice.lock") == nil)
        #expect(Fixtures.bytes(dir + "/alice.jsonl") == line(edited) + line(added), "the old journal, compacted")
        #expect(Fixtures.bytes(dir + "/.parallax/alice.journal") != nil, "new changes go to the runtime folder")
        try writer.close()
        let fresh = try AnnotationStore(directory: dir, corpus: corpus)
        #expect(try fresh.set("alice").byID.keys.sorted() == [kept.id, added.id, more.id])
        #expect(try fresh.set("alice").byID[kept.id]?.stance == 1)
        #expect(try fresh.problems(of: "alice").isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == [".parallax", "alice.jsonl", "codebook.json"])
    }

    @Test("a set that exists only as an old journal is found, loaded and migrated")
    func legacyJournalOnly() throws {
        let a = Fixtures.sampleAnnotation()
        let dir = Fixtures.annotationsDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = FileManager.default.createFile(atPath: dir + "/bob.journal", contents: Data(Array("put ".utf8) + line(a)))
        let store = try AnnotationStore(directory: dir, corpus: corpus)
        #expect(try store.setNames() == ["bob"])
        #expect(try store.set("bob").byID[a.id] == a)
        try store.delete(a.id, from: "bob")
        try store.close()
        #expect(Fixtures.bytes(dir + "/bob.journal") == nil)
        #expect(try AnnotationStore(directory: dir, corpus: corpus).set("bob").count == 0, "the delete is not undone by a replay")
    }

    @Test("an old set lock still held by a running older version refuses the writer, and nothing is migrated")
    func legacyLockHeld() throws {
        let a = Fixtures.sampleAnnotation()
        let dir = Fixtures.annotationsDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = FileManager.default.createFile(atPath: dir + "/alice.journal", contents: Data(Array("put ".utf8) + line(a)))
        let held = try SetLock.acquire(dir + "/alice.lock", set: "alice", fs: PosixFileSystem())
        let store = try AnnotationStore(directory: dir, corpus: corpus)
        let error = try #require(throws: ParallaxError.self) {
            try store.add(Fixtures.sampleAnnotation(id: "01TESTBBBBBBBBBBBBBBBBBBBB"), to: "alice")
        }
        #expect(error.kind == .locked)
        #expect(Fixtures.bytes(dir + "/alice.journal") != nil)
        withExtendedLifetime(held) {}
    }

    @Test("conflict records beside a set move into the runtime folder when the store opens")
    func legacyConflicts() throws {
        let a = Fixtures.sampleAnnotation()
        let dir = Fixtures.annotationsDirectory(sets: ["alice": line(a)])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let conflict = MergeConflict(id: a.id, kind: .edited, field: .stance, base: .integer(-1), ours: .integer(-1), theirs: .integer(1))
        let bytes = ConflictFile.encode([conflict])
        _ = FileManager.default.createFile(atPath: dir + "/alice.conflicts.jsonl", contents: Data(bytes))
        let store = try AnnotationStore(directory: dir, corpus: corpus)
        #expect(Fixtures.bytes(dir + "/alice.conflicts.jsonl") == nil)
        #expect(Fixtures.bytes(dir + "/.parallax/alice.conflicts.jsonl") == bytes)
        #expect(try store.conflicts(of: "alice") == [conflict])
        #expect(try store.setNames() == ["alice"])
    }

    @Test("the runtime folder ignores itself; a file in its way is a clear error")
    func runtimeFolder() throws {
        let dir = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let folder = try RuntimeDirectory.ensure(in: dir, fs: PosixFileSystem())
        #expect(folder == dir + "/.parallax")
        #expect(Fixtures.bytes(folder + "/.gitignore") == Array("*\n".utf8))
        try RuntimeDirectory.ensure(in: dir, fs: PosixFileSystem())   // twice is fine
        #expect(ConflictFile.path(forSetFile: "Annotations/team.jsonl") == "Annotations/.parallax/team.conflicts.jsonl")
        #expect(ConflictFile.path(forSetFile: "team.jsonl") == ".parallax/team.conflicts.jsonl")

        let blocked = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: blocked) }
        _ = FileManager.default.createFile(atPath: blocked + "/.parallax", contents: Data())
        let error = try #require(throws: ParallaxError.self) { try RuntimeDirectory.ensure(in: blocked, fs: PosixFileSystem()) }
        #expect(error.message.contains("a file is in the way"))
        #expect(error.location == blocked + "/.parallax")
    }
}
