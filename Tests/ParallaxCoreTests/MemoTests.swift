import Foundation
import Testing
import ParallaxCore
import ParallaxStore
import TestSupport

/// Memos in the coder's set: durable through the journal, saved as `{"kind":"memo"}` lines,
/// undoable, merged and diffed; and an older reader keeps them as damaged lines, never loses
/// them.
@Suite("Memos")
struct MemoTests {
    let corpus = Fixtures.corpus

    func memo(_ id: String, _ target: MemoTarget, _ text: String) -> Memo {
        Memo(id: id, target: target, text: text, created: "2026-11-24T09:00:00Z")
    }

    @Test("add, edit, delete: each on disk when it returns, kept across sessions, undoable")
    func lifecycle() throws {
        let dir = Fixtures.annotationsDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try AnnotationStore(directory: dir, corpus: corpus)
        let m = memo("01MEMOAAAAAAAAAAAAAAAAAAAA", .question("reset-wedge"), "Most “no” codings lean on one Brookings passage — Aslı disagrees")
        try store.addMemo(m, to: "alice")
        #expect(String(decoding: Fixtures.bytes(dir + "/.parallax/alice.journal")!, as: UTF8.self).hasPrefix("memo {\"kind\":\"memo\""))
        #expect(try AnnotationStore(directory: dir, corpus: corpus).set("alice").memos[m.id] == m)
        let edited = try store.editMemo(m.id, in: "alice", text: "Two passages, in fact.")
        #expect(try AnnotationStore(directory: dir, corpus: corpus).set("alice").memos[m.id]?.text == "Two passages, in fact.")
        #expect(edited.modified >= m.modified)
        try store.deleteMemo(m.id, from: "alice")
        #expect(try AnnotationStore(directory: dir, corpus: corpus).set("alice").memos.isEmpty)
        #expect(try store.undoChange() == .memo(set: "alice", id: m.id, kind: .delete))
        #expect(try store.undoChange() == .memo(set: "alice", id: m.id, kind: .edit))
        #expect(try store.set("alice").memos[m.id] == m)
        try store.close()
        let saved = String(decoding: Fixtures.bytes(dir + "/alice.jsonl")!, as: UTF8.self)
        #expect(saved == #"{"kind":"memo","id":"01MEMOAAAAAAAAAAAAAAAAAAAA","target":"question:reset-wedge","text":"Most “no” codings lean on one Brookings passage — Aslı disagrees","created":"2026-11-24T09:00:00Z","modified":"2026-11-24T09:00:00Z"}"# + "\n")
        #expect(try AnnotationStore(directory: dir, corpus: corpus).set("alice").memos[m.id] == m)
    }

    @Test("a memo needs text and a target that names something known")
    func refusals() throws {
        let dir = Fixtures.annotationsDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try AnnotationStore(directory: dir, corpus: corpus)
        #expect { try store.addMemo(memo("01M1", .project, "  "), to: "alice") } throws: { ($0 as! ParallaxError).message == "a memo needs some text" }
        #expect { try store.addMemo(memo("01M2", .question("reset-wedg"), "x"), to: "alice") } throws: { ($0 as! ParallaxError).hint == "did you mean reset-wedge?" }
        #expect { try store.addMemo(memo("01M3", .document("nowhere"), "x"), to: "alice") } throws: { ($0 as! ParallaxError).kind == .notFound }
        #expect { try store.addMemo(memo("01M4", .analyst("nobody"), "x"), to: "alice") } throws: { ($0 as! ParallaxError).kind == .notFound }
        #expect { try MemoTarget(parsing: "chapter:3") } throws: { ($0 as! ParallaxError).hint == "write question:ID, doc:ID, analyst:ID or project" }
        #expect(try MemoTarget(parsing: "doc:brookings") == .document("brookings"))
        #expect(try store.set("alice").memos.isEmpty)
    }

    @Test("memo lines sit beside annotations; an older reader keeps them verbatim as damaged lines")
    func fileFormat() throws {
        let a = Fixtures.sampleAnnotation()
        let m = memo("01MEMOBBBBBBBBBBBBBBBBBBBB", .analyst("stent"), "Reads every Moscow move as tactical")
        let renamed = QuestionRename(from: "old-q", to: "reset-wedge", map: [-2: -1])
        let bytes = SetFile.encode([a], records: [.renamed(renamed), .memo(m)], damaged: [])
        let parsed = SetFile.parseAll(bytes)
        #expect(parsed.lines.map(\.annotation) == [a])
        #expect(parsed.records.map(\.record) == [.renamed(renamed), .memo(m)])
        #expect(parsed.damaged.isEmpty)
        // What a Parallax without memos sees: a line its annotation decoder refuses, which
        // (DESIGN 4) is reported with file:line and written back untouched.
        let memoLine = RecordCodec.encode(.memo(m))
        #expect(throws: AnnotationCodec.LineError.self) { try AnnotationCodec.decode(memoLine) }
        // Members in another order, and unknown members, still read as a memo, and survive.
        let shuffled = Array(#"{"text":"x","created":"2026-11-24T09:00:00Z","kind":"memo","id":"01M9","target":"project","mood":"wry"}"#.utf8)
        let back = SetFile.parseAll(shuffled + [0x0A])
        guard case .memo(let read)? = back.records.first?.record else { Issue.record("not read as a memo"); return }
        #expect(read.text == "x" && read.target == .project && read.extra["mood"] == Array(#""wry""#.utf8))
        #expect(String(decoding: RecordCodec.encode(.memo(read)), as: UTF8.self).hasSuffix(#","mood":"wry"}"#))
        // A kind this version does not know is a damaged line, kept.
        let future = SetFile.parseAll(Array(#"{"kind":"sticker","id":"x"}"#.utf8) + [0x0A])
        #expect(future.records.isEmpty && future.damaged.first?.reason.contains("unknown record kind \"sticker\"") == true)
    }

    @Test("memos merge three-way; edits on both sides keep both texts")
    func merge() {
        let base = memo("01MEMOCCCCCCCCCCCCCCCCCCCC", .project, "first thoughts")
        var ours = base; ours.text = "ours"; ours.modified = "2026-11-25T00:00:00Z"
        var theirs = base; theirs.text = "theirs"
        let added = memo("01MEMODDDDDDDDDDDDDDDDDDDD", .document("brookings"), "theirs, new")
        let r = SetMerge.merge(base: SetContents(memos: [base]), ours: SetContents(memos: [ours]), theirs: SetContents(memos: [theirs, added]))
        #expect(r.memos.map(\.id) == [base.id, base.id + "-theirs", added.id])
        #expect(r.memos[0].text == "ours" && r.memos[1].text == "theirs")
        #expect(r.memoConflicts == [base.id])
        #expect(!r.hasConflicts)
        let oneSide = SetMerge.merge(base: SetContents(memos: [base]), ours: SetContents(memos: [base]), theirs: SetContents(memos: [theirs]))
        #expect(oneSide.memos == [theirs] && oneSide.memoConflicts.isEmpty)
        let deleted = SetMerge.merge(base: SetContents(memos: [base]), ours: SetContents(memos: []), theirs: SetContents(memos: [base]))
        #expect(deleted.memos.isEmpty)
    }

    @Test("setdiff lists added, removed and changed memos, and a rename is not a change of every coding")
    func diff() {
        let a = Fixtures.sampleAnnotation()
        var renamedA = a; renamedA.question = "reverse-nixon"
        let m = memo("01MEMOEEEEEEEEEEEEEEEEEEEE", .question("reset-wedge"), "before")
        var m2 = m; m2.text = "after"; m2.target = .question("reverse-nixon")
        let rename = QuestionRename(from: "reset-wedge", to: "reverse-nixon")
        let d = SetDiff(old: SetContents(annotations: [a], memos: [m]),
                        new: SetContents(annotations: [renamedA], memos: [m2, memo("01MEMOFFFFFFFFFFFFFFFFFFFF", .project, "new")], renames: [rename]),
                        oldName: "main", newName: "alice")
        #expect(d.entries.isEmpty && d.unchanged == 1)
        #expect(d.renames == [rename])
        #expect(d.memos.map(\.kind) == [.changed, .added])
        #expect(d.memos[0].old == "before" && d.memos[0].new == "after")
        var text = ""
        TeamRenderer(width: 100, colour: false).render(d, to: &text)
        #expect(text.contains("Questions renamed (1)") && text.contains("reset-wedge → reverse-nixon"))
        #expect(text.contains("Memos (2)") && text.contains("“before” → “after”"))
    }

    @Test("merge driver: a coder who edited a coding under the old id merges cleanly with a rename")
    func mergeRenamed() {
        let a = Fixtures.sampleAnnotation()
        var ours = a; ours.stance = 2; ours.modified = "2026-11-25T00:00:00Z"          // edited under the old id
        var theirs = a; theirs.question = "reverse-nixon"                               // renamed on main
        var fresh = Fixtures.sampleAnnotation(id: "01TESTZZZZZZZZZZZZZZZZZZZZ"); fresh.stance = 1  // new, old id
        let rename = QuestionRename(from: "reset-wedge", to: "reverse-nixon")
        for (o, t) in [(SetContents(annotations: [ours, fresh]), SetContents(annotations: [theirs], renames: [rename])),
                       (SetContents(annotations: [theirs], renames: [rename]), SetContents(annotations: [ours, fresh]))] {
            let r = SetMerge.merge(base: SetContents(annotations: [a]), ours: o, theirs: t)
            #expect(r.conflicts.isEmpty)
            #expect(r.annotations.map(\.question) == ["reverse-nixon", "reverse-nixon"])
            #expect(r.annotations.first { $0.id == a.id }?.stance == 2)
            #expect(r.renames == [rename])
        }
    }
}
