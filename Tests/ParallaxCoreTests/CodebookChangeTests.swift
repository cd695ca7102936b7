import Foundation
import Testing
import ParallaxCore
import ParallaxStore
import TestSupport

/// Renaming, merging, retiring and defining questions: the codebook and every set change
/// together or not at all (one ``FileTransaction``), `undo` takes the change back, and a crash
/// at any step leaves a fresh process seeing all of it or none.
@Suite("Codebook changes")
struct CodebookChangeTests {
    let corpus = Fixtures.corpus

    func line(_ a: Annotation) -> [UInt8] { AnnotationCodec.encode(a) + [0x0A] }

    /// Two coders' sets on reset-wedge (and one coding on another question).
    func twoSets() -> (dir: String, a: Annotation, b: Annotation, c: Annotation) {
        let a = Fixtures.sampleAnnotation(id: "01TESTAAAAAAAAAAAAAAAAAAAA", stance: -1)
        let b = Fixtures.sampleAnnotation(id: "01TESTBBBBBBBBBBBBBBBBBBBB", stance: 2)
        var c = Fixtures.sampleAnnotation(id: "01TESTCCCCCCCCCCCCCCCCCCCC", stance: 0)
        c.question = "alignment-endures"
        let dir = Fixtures.annotationsDirectory(sets: ["alice": line(a) + line(c), "bob": line(b)])
        return (dir, a, b, c)
    }

    func files(_ dir: String) -> [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] where name.hasSuffix(".json") || name.hasSuffix(".jsonl") {
            out[name] = Fixtures.bytes(dir + "/" + name)
        }
        return out
    }

    @Test("rename moves every coding in every set, remembers the old id, and a fresh store sees it")
    func rename() throws {
        let (dir, a, b, c) = twoSets()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try AnnotationStore(directory: dir, corpus: corpus)
        let change = try store.renameQuestion("reset-wedge", to: "reverse-nixon")
        #expect(change == .questionRenamed(from: "reset-wedge", to: "reverse-nixon", codings: 2, sets: 2))
        #expect(!store.isWriting("alice") && !store.isWriting("bob"))
        let fresh = try AnnotationStore(directory: dir, corpus: corpus)
        #expect(fresh.codebook.question("reset-wedge") == nil)
        #expect(fresh.codebook.question("reverse-nixon")?.renamedFrom == ["reset-wedge"])
        #expect(try fresh.codebook.require("reset-wedge").id == "reverse-nixon")
        #expect(try fresh.set("alice").byID[a.id]?.question == "reverse-nixon")
        #expect(try fresh.set("alice").byID[c.id]?.question == "alignment-endures")
        #expect(try fresh.set("bob").byID[b.id]?.question == "reverse-nixon")
        #expect(try fresh.problems(of: "alice").isEmpty)
        let saved = String(decoding: Fixtures.bytes(dir + "/bob.jsonl")!, as: UTF8.self)
        #expect(saved.contains(#"{"kind":"renamed","from":"reset-wedge","to":"reverse-nixon"}"#))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/.parallax").allSatisfy { !$0.contains(".intent") })
    }

    @Test("undo of a rename restores the codebook and every set byte for byte; redo renames again")
    func undoRename() throws {
        let (dir, _, _, _) = twoSets()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let before = files(dir)
        let store = try AnnotationStore(directory: dir, corpus: corpus)
        try store.renameQuestion("reset-wedge", to: "reverse-nixon")
        let after = files(dir)
        #expect(after != before)
        #expect(try store.undoChange() == .questionRenamed(from: "reset-wedge", to: "reverse-nixon", codings: 2, sets: 2))
        #expect(files(dir) == before)
        #expect(store.codebook.question("reset-wedge") != nil)
        #expect(try store.redoChange() != nil)
        #expect(files(dir) == after)
        #expect(try store.undo() == "undid rename of question reset-wedge to reverse-nixon (2 codings in 2 sets)")
    }

    @Test("a rename is refused, naming the holder, while another session writes a set; nothing changes")
    func lockedSet() throws {
        let (dir, a, _, _) = twoSets()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let before = files(dir)
        let other = try AnnotationStore(directory: dir, corpus: corpus)
        var mine = a
        mine.note = "mine"
        try other.update(mine, in: "alice")
        let store = try AnnotationStore(directory: dir, corpus: corpus)
        #expect {
            try store.renameQuestion("reset-wedge", to: "reverse-nixon")
        } throws: { error in
            let e = error as! ParallaxError
            return e.kind == .locked && e.message.contains("pid \(getpid())") && e.message.contains("alice")
        }
        #expect(files(dir)["codebook.json"] == before["codebook.json"])
        #expect(files(dir)["bob.jsonl"] == before["bob.jsonl"])
        #expect(store.codebook.question("reset-wedge") != nil)
        // Bob's lock, taken on the way, was let go.
        #expect(!store.isWriting("bob"))
        try other.close()
    }

    @Test("merge moves codings; different scales need a map that covers every old stance")
    func merge() throws {
        let (dir, a, b, c) = twoSets()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try AnnotationStore(directory: dir, corpus: corpus)
        // Same scale values (-2…+2): no map needed.
        let change = try store.mergeQuestion("alignment-endures", into: "reset-wedge")
        #expect(change == .questionMerged(from: "alignment-endures", into: "reset-wedge", codings: 1, sets: 2))
        #expect(try store.set("alice").byID[c.id]?.question == "reset-wedge")
        #expect(store.codebook.question("alignment-endures") == nil)
        #expect(try store.undoChange() != nil)
        #expect(try store.set("alice").byID[c.id]?.question == "alignment-endures")

        try store.addQuestion(Question(id: "three", text: "Three points?", scale: [.init(value: 0, label: "no"), .init(value: 1, label: "some"), .init(value: 2, label: "yes")]))
        #expect {
            try store.mergeQuestion("reset-wedge", into: "three")
        } throws: { ($0 as! ParallaxError).message.contains("different scales") }
        #expect {
            try store.mergeQuestion("reset-wedge", into: "three", map: [-1: 0, 0: 1, 1: 2, 2: 2])
        } throws: { ($0 as! ParallaxError).message.contains("-2 (no) of reset-wedge") }
        #expect {
            try store.mergeQuestion("reset-wedge", into: "three", map: [-2: 0, -1: 0, 0: 1, 1: 2, 2: 5])
        } throws: { ($0 as! ParallaxError).message.contains("off the scale of three") }
        try store.mergeQuestion("reset-wedge", into: "three", map: [-2: 0, -1: 0, 0: 1, 1: 2, 2: 2])
        let fresh = try AnnotationStore(directory: dir, corpus: corpus)
        #expect(try fresh.set("alice").byID[a.id].map { ($0.question, $0.stance) } ?? ("", 9) == ("three", 0))
        #expect(try fresh.set("bob").byID[b.id].map { ($0.question, $0.stance) } ?? ("", 9) == ("three", 2))
        #expect(fresh.codebook.question("three")?.mergedFrom == [QuestionRename(from: "reset-wedge", to: "three", map: [-2: 0, -1: 0, 0: 1, 1: 2, 2: 2])])
        // A coding still under the old id (from another branch) is read through the map.
        var late = Fixtures.sampleAnnotation(id: "01TESTDDDDDDDDDDDDDDDDDDDD", stance: 1)
        late.question = "reset-wedge"
        _ = FileManager.default.createFile(atPath: dir + "/carol.jsonl", contents: Data(line(late)))
        let carol = try fresh.set("carol").byID[late.id]
        #expect(carol?.question == "three" && carol?.stance == 2)
    }

    @Test("a retired question keeps its codings, leaves completion, and refuses new codings")
    func retire() throws {
        let (dir, a, _, _) = twoSets()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try AnnotationStore(directory: dir, corpus: corpus)
        try store.retireQuestion("reset-wedge")
        let fresh = try AnnotationStore(directory: dir, corpus: corpus)
        #expect(fresh.codebook.question("reset-wedge")?.isRetired == true)
        #expect(!fresh.codebook.activeQuestions.map(\.id).contains("reset-wedge"))
        #expect(try fresh.set("alice").byID[a.id] != nil)
        #expect(try fresh.problems(of: "alice").isEmpty)
        #expect {
            try fresh.add(Fixtures.sampleAnnotation(id: "01TESTNEWNEWNEWNEWNEWNEWNE"), to: "alice")
        } throws: { ($0 as! ParallaxError).message == "question reset-wedge is retired: it keeps its old codings but takes no new ones" }
        #expect { try fresh.codebook.requireActive("reset-wedge") } throws: { ($0 as! ParallaxError).message.contains("retired") }
        // Editing an old coding on it is still allowed.
        var edited = a
        edited.note = "revisited"
        try fresh.update(edited, in: "alice")
        #expect(try store.undoChange() == .questionRetired(id: "reset-wedge", retired: true))
        #expect(try AnnotationStore(directory: dir, corpus: corpus).codebook.question("reset-wedge")?.isRetired == false)
    }

    @Test("define sets a definition, criteria and examples that survive the codebook's round trip")
    func define() throws {
        let (dir, a, _, _) = twoSets()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try AnnotationStore(directory: dir, corpus: corpus)
        try store.defineQuestion("reset-wedge", definition: "Whether Moscow would trade Beijing for Washington — “reverse Nixon”",
                                 include: "explicit claims", exclude: "hopes voiced by officials", examples: [a.id])
        let q = try AnnotationStore(directory: dir, corpus: corpus).codebook.question("reset-wedge")
        #expect(q?.definition == "Whether Moscow would trade Beijing for Washington — “reverse Nixon”")
        #expect(q?.include == "explicit claims" && q?.exclude == "hopes voiced by officials" && q?.examples == [a.id])
        // Only the defined part changes: a second define leaves the criteria.
        try store.defineQuestion("reset-wedge", definition: "Shorter.")
        let r = try AnnotationStore(directory: dir, corpus: corpus).codebook.question("reset-wedge")
        #expect(r?.definition == "Shorter." && r?.include == "explicit claims")
        #expect(try store.undoChange() == .questionDefined(id: "reset-wedge"))
        #expect(try AnnotationStore(directory: dir, corpus: corpus).codebook.question("reset-wedge")?.definition == q?.definition)
    }

    @Test("cut short at every step, a rename is seen whole or not at all by a fresh process")
    func crashAtEveryStep() throws {
        var sawBefore = 0, sawAfter = 0
        var budget = 0
        while budget < 500 {
            let (dir, a, b, _) = twoSets()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let before = files(dir)
            let dying = DyingFileSystem(budget: budget)
            do {
                let store = try AnnotationStore(directory: dir, corpus: corpus, fs: dying)
                _ = try store.set("alice")
                try store.renameQuestion("reset-wedge", to: "reverse-nixon")
            } catch {}
            let finished = !dying.died
            let fresh = try AnnotationStore(directory: dir, corpus: corpus)
            let alice = try fresh.set("alice").byID[a.id]!.question, bob = try fresh.set("bob").byID[b.id]!.question
            if fresh.codebook.question("reverse-nixon") != nil {
                #expect(alice == "reverse-nixon" && bob == "reverse-nixon", "budget \(budget)")
                #expect(String(decoding: Fixtures.bytes(dir + "/alice.jsonl")!, as: UTF8.self).contains("\"to\":\"reverse-nixon\""), "budget \(budget)")
                sawAfter += 1
            } else {
                #expect(alice == "reset-wedge" && bob == "reset-wedge", "budget \(budget)")
                #expect(files(dir) == before, "budget \(budget)")
                sawBefore += 1
            }
            if finished { break }
            budget += 1
        }
        #expect(sawBefore > 5 && sawAfter > 2)
    }

    @Test("codings under an old id, arriving later, load as the renamed question")
    func oldIDsLoad() throws {
        let (dir, a, _, _) = twoSets()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try AnnotationStore(directory: dir, corpus: corpus)
        try store.renameQuestion("reset-wedge", to: "reverse-nixon")
        var late = Fixtures.sampleAnnotation(id: "01TESTEEEEEEEEEEEEEEEEEEEE")
        late.question = "reset-wedge"
        _ = FileManager.default.createFile(atPath: dir + "/dave.journal", contents: Data(Array("put ".utf8) + line(late)))
        let fresh = try AnnotationStore(directory: dir, corpus: corpus)
        #expect(try fresh.set("dave").byID[late.id]?.question == "reverse-nixon")
        #expect(try fresh.problems(of: "dave").isEmpty)
        #expect(try fresh.set("alice").byID[a.id]?.question == "reverse-nixon")
        // A second rename chains: the first old id still finds the question.
        try fresh.renameQuestion("reverse-nixon", to: "wedge")
        #expect(try AnnotationStore(directory: dir, corpus: corpus).codebook.require("reset-wedge").id == "wedge")
        #expect(try AnnotationStore(directory: dir, corpus: corpus).set("dave").byID[late.id]?.question == "wedge")
    }

    @Test("bad changes are refused before anything is written")
    func refusals() throws {
        let (dir, _, _, _) = twoSets()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let before = files(dir)
        let store = try AnnotationStore(directory: dir, corpus: corpus)
        #expect { try store.renameQuestion("reset-wedge", to: "Bad Id") } throws: { ($0 as! ParallaxError).message.contains("lower-case") }
        #expect { try store.renameQuestion("reset-wedge", to: "global-south") } throws: { ($0 as! ParallaxError).hint?.contains("question merge") == true }
        #expect { try store.renameQuestion("reset-wedg", to: "x") } throws: { ($0 as! ParallaxError).hint == "did you mean reset-wedge?" }
        #expect { try store.mergeQuestion("reset-wedge", into: "reset-wedge") } throws: { ($0 as! ParallaxError).message.contains("itself") }
        #expect(files(dir) == before)
        #expect(try store.undoChange() == nil)
    }
}
