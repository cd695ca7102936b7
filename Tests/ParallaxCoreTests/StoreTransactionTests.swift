import Foundation
import Testing
import ParallaxCore
import ParallaxStore
import TestSupport

/// The store's multi-file changes (an import into several sets, a resolve with its conflicts
/// file, a codebook change with the sets) are all or nothing: killed at any step, a fresh
/// store sees every part or none.
@Suite("Store transactions")
struct StoreTransactionTests {
    typealias F = TeamFixtures

    func annotation(_ n: Int) -> Annotation {
        Fixtures.sampleAnnotation(id: "01TXN" + String(repeating: "0", count: 19) + String(format: "%02d", n), stance: n % 3 - 1)
    }

    @Test("an import into two sets, killed at any step, leaves both sets imported or neither")
    func importKilledAtEveryStep() throws {
        var step = 0
        var seen: Set<Bool> = []
        while true {
            let dir = Fixtures.annotationsDirectory()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let fs = RecordingFileSystem(root: dir)
            let store = try AnnotationStore(directory: dir, corpus: Fixtures.corpus, fs: fs)
            // alice already holds one annotation in her journal; bob is new.
            try store.add(annotation(0), to: "alice")
            fs.stopAt = fs.callCount + step
            let done = (try? store.addAll(["alice": [annotation(1), annotation(2)], "bob": [annotation(3)]])) != nil
            let fresh = try AnnotationStore(directory: dir, corpus: Fixtures.corpus)
            let alice = try fresh.set("alice").byID.keys.sorted(), bob = try fresh.set("bob").byID.keys.sorted()
            #expect(try fresh.problems(of: "alice").isEmpty && fresh.problems(of: "bob").isEmpty)
            let imported = alice == [annotation(0).id, annotation(1).id, annotation(2).id] && bob == [annotation(3).id]
            let untouched = alice == [annotation(0).id] && bob.isEmpty
            #expect(imported || untouched, "step \(step): alice \(alice), bob \(bob)")
            if done { #expect(imported); break }
            seen.insert(imported)
            step += 1
        }
        #expect(seen == [true, false], "kills landed both before and after the commit point")
    }

    @Test("an import into two sets that fails on the second set's write changes neither")
    func importFailsWhole() throws {
        let dir = Fixtures.annotationsDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fs = FaultyFileSystem()
        let store = try AnnotationStore(directory: dir, corpus: Fixtures.corpus, fs: fs)
        try store.add(annotation(0), to: "alice")
        _ = try store.set("bob")
        fs.fail(.write, with: ENOSPC)
        let error = try #require(throws: ParallaxError.self) {
            try store.addAll(["alice": [annotation(1)], "bob": [annotation(3)]])
        }
        #expect(error.message.contains("No space left on device"))
        #expect(try store.set("alice").count == 1 && store.set("bob").count == 0, "memory unchanged")
        fs.clear()
        #expect(try store.addAll(["alice": [annotation(1)], "bob": [annotation(3)]]) == ["alice": 1, "bob": 1])
        // The journal was folded into alice's file by the transaction; appends go on after it.
        try store.add(annotation(4), to: "alice")
        let fresh = try AnnotationStore(directory: dir, corpus: Fixtures.corpus)
        #expect(try fresh.set("alice").count == 3 && fresh.set("bob").count == 1)
        #expect(try store.undo() != nil)
    }

    @Test("a resolve killed at any step leaves the conflict unresolved with the set unchanged, or resolved")
    func resolveKilledAtEveryStep() throws {
        let base = F.set(F.a1, F.a2)
        let ours = F.set(F.edited(F.a1) { $0.stance = -2 }, F.a2)
        let theirs = F.set(F.edited(F.a1) { $0.stance = 1 }, F.a2)
        let result = SetMerge.merge(base: base, ours: ours, theirs: theirs)
        var step = 0
        var seen: Set<Bool> = []
        while true {
            let dir = Fixtures.annotationsDirectory(sets: ["alice": result.bytes])
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let runtime = try RuntimeDirectory.ensure(in: dir, fs: PosixFileSystem())
            _ = FileManager.default.createFile(atPath: runtime + "/alice.conflicts.jsonl", contents: Data(ConflictFile.encode(result.conflicts)))
            let fs = RecordingFileSystem(root: dir)
            let store = try AnnotationStore(directory: dir, corpus: Fixtures.corpus, fs: fs)
            fs.stopAt = step
            let done = (try? store.resolve(F.a1.id, in: "alice", with: .theirs)) != nil
            let fresh = try AnnotationStore(directory: dir, corpus: Fixtures.corpus)
            let stance = try fresh.set("alice").byID[F.a1.id]?.stance
            let open = try fresh.conflicts(of: "alice").count
            #expect((stance == -2 && open == 1) || (stance == 1 && open == 0), "step \(step): stance \(String(describing: stance)), \(open) open")
            if done { #expect(stance == 1); break }
            seen.insert(stance == 1)
            step += 1
        }
        #expect(seen == [true, false])
    }

    @Test("a codebook change with the sets lands together")
    func codebookWithSets() throws {
        let dir = Fixtures.annotationsDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try AnnotationStore(directory: dir, corpus: Fixtures.corpus)
        try store.add(annotation(0), to: "alice")
        var book = store.codebook
        book.questions[0].text += " (revised)"
        var changed = annotation(0)
        changed.note = "revised with the codebook"
        try store.commit(["alice": [.put(changed)], "bob": [.put(annotation(5))]], codebook: book)
        #expect(!FileManager.default.fileExists(atPath: dir + "/alice.journal"))
        let fresh = try AnnotationStore(directory: dir, corpus: Fixtures.corpus)
        #expect(fresh.codebook == book)
        #expect(try fresh.set("alice").byID[changed.id] == changed)
        #expect(try fresh.set("bob").count == 1)
        // A delete of an absent annotation refuses the whole change.
        #expect(throws: ParallaxError.self) { try store.commit(["alice": [.delete("nope")], "bob": [.delete(annotation(5).id)]]) }
        #expect(try store.set("bob").count == 1)
    }
}
