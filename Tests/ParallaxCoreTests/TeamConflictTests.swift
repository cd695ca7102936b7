import Foundation
import Testing
import ParallaxCore
import ParallaxStore
import TestSupport

/// The conflicts file beside a set, and resolving conflicts durably through the store.
@Suite("Merge conflicts")
struct TeamConflictTests {
    typealias F = TeamFixtures

    /// A store directory holding the merge of `ours` and `theirs` as set `alice`, with its
    /// conflicts file, as the merge driver leaves them.
    func merged(base: SetContents, ours: SetContents, theirs: SetContents) -> (dir: String, result: MergeResult) {
        let result = SetMerge.merge(base: base, ours: ours, theirs: theirs)
        let dir = Fixtures.annotationsDirectory(sets: ["alice": result.bytes])
        _ = FileManager.default.createFile(atPath: dir + "/alice.conflicts.jsonl", contents: Data(ConflictFile.encode(result.conflicts)))
        return (dir, result)
    }

    @Test("the conflicts file round-trips every kind; an unreadable line is kept")
    func fileRoundTrip() {
        var extra = ExtraFields()
        extra.set("x", raw: Array("[1,{\"a\":null}]".utf8))
        let conflicts = [
            MergeConflict(id: "01A", kind: .edited, field: .stance, base: .integer(-1), ours: .integer(-2), theirs: .integer(1)),
            MergeConflict(id: "01A", kind: .edited, field: .confidence, base: .absent, ours: .number(1), theirs: .number(0.25)),
            MergeConflict(id: "01B", kind: .edited, field: .span, base: .span(F.a1.target), ours: .span(F.a2.target), theirs: .span(F.a3.target)),
            MergeConflict(id: "01C", kind: .edited, field: .extra, base: .extra(ExtraFields()), ours: .extra(extra), theirs: .absent),
            MergeConflict(id: "01D", kind: .edited, field: .tags, base: .tags([]), ours: .tags(["a"]), theirs: .tags(["b", "ç"])),
            MergeConflict(id: F.a1.id, kind: .deletedByOurs, base: .annotation(F.a1), ours: .absent, theirs: .annotation(F.edited(F.a1) { $0.extra = extra })),
        ]
        var bytes = ConflictFile.encode(conflicts)
        bytes += Array("{\"id\":\"01E\",\"kind\":\"edited\"}\n".utf8)
        let parsed = ConflictFile.parse(bytes)
        #expect(parsed.conflicts == conflicts)
        #expect(parsed.damaged.count == 1 && parsed.damaged[0].line == 7)
        let firstLine = String(decoding: bytes.prefix { $0 != 0x0A }, as: UTF8.self)
        #expect(firstLine == #"{"base":-1,"field":"stance","id":"01A","kind":"edited","ours":-2,"theirs":1}"#)
        #expect(ConflictFile.encode(parsed.conflicts, damaged: parsed.damaged) == bytes)
    }

    @Test("newer records replace older ones about the same field or annotation")
    func combine() {
        let old = [MergeConflict(id: "01A", kind: .edited, field: .stance, base: .integer(0), ours: .integer(1), theirs: .integer(2)),
                   MergeConflict(id: "01A", kind: .edited, field: .note, base: .text(""), ours: .text("a"), theirs: .text("b")),
                   MergeConflict(id: "01B", kind: .edited, field: .note, base: .text(""), ours: .text("a"), theirs: .text("b"))]
        let new = [MergeConflict(id: "01A", kind: .edited, field: .stance, base: .integer(1), ours: .integer(2), theirs: .integer(-2)),
                   MergeConflict(id: "01B", kind: .deletedByTheirs, base: .absent, ours: .absent, theirs: .absent)]
        let combined = ConflictFile.combine(old, new)
        #expect(combined.map { "\($0.id) \($0.field?.rawValue ?? $0.kind.rawValue)" } == ["01A note", "01A stance", "01B deleted-theirs"])
        #expect(combined[1].theirs == .integer(-2))
    }

    @Test("the store lists conflicts, reports them as problems, and a conflicts file is not a set")
    func listing() throws {
        let (dir, _) = merged(base: F.set(F.a1), ours: F.set(F.edited(F.a1) { $0.stance = -2 }), theirs: F.set(F.edited(F.a1) { $0.stance = 1 }))
        let store = try AnnotationStore(directory: dir, corpus: Fixtures.corpus)
        #expect(try store.setNames() == ["alice"])
        #expect(try store.conflicts(of: "alice").map(\.field) == [.stance])
        let problems = try store.problems(of: "alice")
        #expect(problems.count == 1)
        #expect(problems[0].kind == .conflict && problems[0].message.contains("1 unresolved merge conflict"))
        #expect(throws: ParallaxError.self) { try AnnotationSet.validate(name: "alice.conflicts") }
    }

    @Test("resolve theirs writes their value durably and removes the conflict file when none is left")
    func resolveTheirs() throws {
        let (dir, _) = merged(base: F.set(F.a1, F.a2), ours: F.set(F.edited(F.a1) { $0.stance = -2; $0.note = "ours" }, F.a2),
                              theirs: F.set(F.edited(F.a1) { $0.stance = 1; $0.note = "theirs" }, F.a2))
        let store = try AnnotationStore(directory: dir, corpus: Fixtures.corpus)
        #expect(try store.conflicts(of: "alice").count == 2)
        let r = try store.resolve(String(F.a1.id.prefix(8)).lowercased(), in: "alice", with: .theirs, field: .stance)
        #expect(r.outcome == .updated && r.fields == [.stance] && r.remaining == 1)
        #expect(try store.set("alice").byID[F.a1.id]?.stance == 1)
        #expect(try store.set("alice").byID[F.a1.id]?.note == "ours")
        let last = try store.resolve(F.a1.id, in: "alice", with: .base)
        #expect(last.remaining == 0 && last.annotation?.note == "first reading")
        #expect(!FileManager.default.fileExists(atPath: dir + "/alice.conflicts.jsonl"))
        try store.close()
        // On disk, in a fresh store.
        let again = try AnnotationStore(directory: dir, corpus: Fixtures.corpus)
        let a = try #require(try again.set("alice").byID[F.a1.id])
        #expect(a.stance == 1 && a.note == "first reading")
        #expect(try again.problems(of: "alice").isEmpty)
        #expect(throws: ParallaxError.self) { try again.resolve(F.a1.id, in: "alice", with: .theirs) }
    }

    @Test("resolve a deletion: theirs restores, ours keeps it deleted; resolve --all")
    func resolveDeletion() throws {
        let edited2 = F.edited(F.a2) { $0.stance = 0 }
        let edited3 = F.edited(F.a3) { $0.stance = 2 }
        let (dir, result) = merged(base: F.set(F.a1, F.a2, F.a3), ours: F.set(F.a1), theirs: F.set(F.a1, edited2, edited3))
        #expect(result.conflicts.map(\.kind) == [.deletedByOurs, .deletedByOurs])
        let store = try AnnotationStore(directory: dir, corpus: Fixtures.corpus)
        let restored = try store.resolve(F.a2.id, in: "alice", with: .theirs)
        #expect(restored.outcome == .added)
        #expect(try store.set("alice").byID[F.a2.id] == edited2)
        let kept = try store.resolveAll(in: "alice", with: .ours)
        #expect(kept.map(\.outcome) == [.unchanged])
        #expect(try store.set("alice").byID[F.a3.id] == nil)
        #expect(try store.conflicts(of: "alice").isEmpty)
    }

    @Test("a resolution the codebook refuses leaves the conflict in place")
    func refused() throws {
        let ours = F.edited(F.a1) { $0.stance = -2 }
        let theirs = F.edited(F.a1) { $0.stance = 7 }       // off the scale
        let (dir, _) = merged(base: F.set(F.a1), ours: F.set(ours), theirs: F.set(theirs))
        let store = try AnnotationStore(directory: dir, corpus: Fixtures.corpus)
        #expect(throws: ParallaxError.self) { try store.resolve(F.a1.id, in: "alice", with: .theirs) }
        #expect(try store.conflicts(of: "alice").count == 1)
        #expect(try store.set("alice").byID[F.a1.id]?.stance == -2)
    }
}
