import Foundation
import Testing
import ParallaxCore
import ParallaxStore
import TestSupport

/// Three-way merge of a set: every combination of independent changes, field-wise merges,
/// each kind of conflict, idempotence, damaged lines.
@Suite("Set merge")
struct TeamMergeTests {
    typealias F = TeamFixtures
    let base = F.set(F.a1, F.a2, F.a3)

    func merge(_ base: SetContents, _ ours: SetContents, _ theirs: SetContents) -> MergeResult {
        SetMerge.merge(base: base, ours: ours, theirs: theirs)
    }

    func byID(_ r: MergeResult) -> [String: Annotation] {
        Dictionary(uniqueKeysWithValues: r.annotations.map { ($0.id, $0) })
    }

    // MARK: Independent changes

    @Test("added on one side, on the other, on both: all kept")
    func additions() {
        let mine = F.annotation("01BBBBBBBBBBBBBBBBBBBBBBB1", 9000, 9040)
        let yours = F.annotation("01BBBBBBBBBBBBBBBBBBBBBBB2", 9100, 9140)
        let r = merge(base, F.set(F.a1, F.a2, F.a3, mine), F.set(F.a1, F.a2, F.a3, yours))
        #expect(r.conflicts.isEmpty)
        #expect(r.annotations.map(\.id) == [F.a1.id, F.a2.id, F.a3.id, mine.id, yours.id])
        #expect(r.fromTheirs == 1)
    }

    @Test("edited on one side only: the edit")
    func editOneSide() {
        let e = F.edited(F.a2) { $0.stance = 0 }
        #expect(byID(merge(base, F.set(F.a1, e, F.a3), base))[F.a2.id] == e)
        #expect(byID(merge(base, base, F.set(F.a1, e, F.a3)))[F.a2.id] == e)
    }

    @Test("deleted on one side, untouched on the other: deleted")
    func deleteOneSide() {
        let r1 = merge(base, F.set(F.a1, F.a3), base)
        let r2 = merge(base, base, F.set(F.a1, F.a3))
        for r in [r1, r2] {
            #expect(r.conflicts.isEmpty)
            #expect(r.annotations.map(\.id) == [F.a1.id, F.a3.id])
        }
        // Deleted on both sides: deleted, no conflict.
        #expect(merge(base, F.set(F.a1, F.a3), F.set(F.a1, F.a3)).annotations.map(\.id) == [F.a1.id, F.a3.id])
    }

    @Test("the same change on both sides: once, with the later modified time")
    func identicalChanges() {
        let ours = F.edited(F.a1, at: "2026-11-24T09:00:00Z") { $0.stance = 2 }
        let theirs = F.edited(F.a1, at: "2026-11-25T09:00:00Z") { $0.stance = 2 }
        let added = F.annotation("01BBBBBBBBBBBBBBBBBBBBBBB1", 9000, 9040)
        let r = merge(base, F.set(ours, F.a2, F.a3, added), F.set(theirs, F.a2, F.a3, added))
        #expect(r.conflicts.isEmpty)
        #expect(byID(r)[F.a1.id] == theirs)
        #expect(r.annotations.count == 4)
    }

    @Test("different fields edited on each side: merged field by field")
    func fieldWise() {
        let ours = F.edited(F.a1, at: "2026-11-24T09:00:00Z") { $0.stance = -2 }
        let theirs = F.edited(F.a1, at: "2026-11-25T10:00:00Z") {
            $0.note = "their reading"; $0.confidence = 0.9; $0.target = F.annotation("x", 3000, 3060).target
        }
        let r = merge(base, F.set(ours, F.a2, F.a3), F.set(theirs, F.a2, F.a3))
        #expect(r.conflicts.isEmpty)
        let m = byID(r)[F.a1.id]!
        #expect(m.stance == -2)
        #expect(m.note == "their reading" && m.confidence == 0.9 && m.target == theirs.target)
        #expect(m.modified == "2026-11-25T10:00:00Z")
        #expect(r.combined == 1 && r.fromTheirs == 1)
    }

    @Test("tags merge as a set: one side adds, the other removes")
    func tags() {
        let a = F.annotation("01T", 3000, 3040, tags: ["evidence", "explicit"])
        let ours = F.edited(a) { $0.tags = ["evidence", "explicit", "hedged"] }
        let theirs = F.edited(a) { $0.tags = ["evidence"]; $0.note = "n" }
        let r = merge(F.set(a), F.set(ours), F.set(theirs))
        #expect(r.conflicts.isEmpty)
        #expect(r.annotations[0].tags == ["evidence", "hedged"])
        #expect(r.annotations[0].note == "n")
    }

    // MARK: Conflicts

    @Test("the same field changed differently: a conflict; the set holds ours, other fields merge")
    func sameFieldConflict() {
        let ours = F.edited(F.a1) { $0.stance = -2; $0.note = "ours" }
        let theirs = F.edited(F.a1) { $0.stance = 1; $0.confidence = 0.5 }
        let r = merge(base, F.set(ours, F.a2, F.a3), F.set(theirs, F.a2, F.a3))
        #expect(r.conflicts == [MergeConflict(id: F.a1.id, kind: .edited, field: .stance, base: .integer(-1), ours: .integer(-2), theirs: .integer(1))])
        let m = byID(r)[F.a1.id]!
        #expect(m.stance == -2 && m.note == "ours" && m.confidence == 0.5)
    }

    @Test("question changed on one side, stance on the other: both in conflict, ours kept as a pair")
    func questionAndStance() {
        let ours = F.edited(F.a1) { $0.question = "alignment-endures"; $0.stance = 2 }
        let theirs = F.edited(F.a1) { $0.stance = -2 }
        let r = merge(base, F.set(ours, F.a2, F.a3), F.set(theirs, F.a2, F.a3))
        #expect(r.conflicts.map(\.field) == [.question, .stance])
        let m = byID(r)[F.a1.id]!
        #expect(m.question == "alignment-endures" && m.stance == 2)
        // Only theirs touched the pair: it is taken whole.
        let r2 = merge(base, F.set(F.edited(F.a1) { $0.note = "x" }, F.a2, F.a3), F.set(ours, F.a2, F.a3))
        #expect(r2.conflicts.isEmpty)
        #expect(byID(r2)[F.a1.id]!.question == "alignment-endures" && byID(r2)[F.a1.id]!.stance == 2)
    }

    @Test("deleted on one side, edited on the other: a conflict either way")
    func deleteEdit() {
        let edited = F.edited(F.a2) { $0.stance = 0 }
        let r1 = merge(base, F.set(F.a1, F.a3), F.set(F.a1, edited, F.a3))
        #expect(r1.conflicts == [MergeConflict(id: F.a2.id, kind: .deletedByOurs, base: .annotation(F.a2), ours: .absent, theirs: .annotation(edited))])
        #expect(byID(r1)[F.a2.id] == nil, "the set holds ours: deleted")
        let r2 = merge(base, F.set(F.a1, edited, F.a3), F.set(F.a1, F.a3))
        #expect(r2.conflicts == [MergeConflict(id: F.a2.id, kind: .deletedByTheirs, base: .annotation(F.a2), ours: .annotation(edited), theirs: .absent)])
        #expect(byID(r2)[F.a2.id] == edited)
    }

    @Test("the same id added on both sides with different content: a conflict")
    func addedBoth() {
        let ours = F.annotation("01BBBBBBBBBBBBBBBBBBBBBBB1", 9000, 9040, stance: 1)
        let theirs = F.annotation("01BBBBBBBBBBBBBBBBBBBBBBB1", 9000, 9040, stance: -1)
        let r = merge(base, F.set(F.a1, F.a2, F.a3, ours), F.set(F.a1, F.a2, F.a3, theirs))
        #expect(r.conflicts == [MergeConflict(id: ours.id, kind: .addedBoth, base: .absent, ours: .annotation(ours), theirs: .annotation(theirs))])
        #expect(byID(r)[ours.id] == ours)
    }

    // MARK: Idempotence and damaged lines

    @Test("a change merged with itself or with nothing changes nothing")
    func idempotence() {
        let ours = F.set(F.edited(F.a1) { $0.stance = 2 }, F.a3, F.annotation("01BBBBBBBBBBBBBBBBBBBBBBB1", 9000, 9040),
                         damaged: [F.damaged("{not json")])
        for r in [merge(base, ours, ours), merge(base, ours, base), merge(base, base, ours)] {
            #expect(r.conflicts.isEmpty)
            #expect(r.bytes == ours.bytes)
        }
        #expect(merge(base, base, base).bytes == base.bytes)
        #expect(merge(ours, ours, ours).bytes == ours.bytes)
    }

    @Test("damaged lines survive: both sides' kept verbatim, once; one removed since the base stays removed")
    func damagedLines() {
        let kept = F.damaged("{\"id\":\"01KEPT\",\"stance\":}", line: 4)
        let mended = F.damaged("{broken", line: 5)
        let oursNew = F.damaged("ours \u{FFFD} line", line: 6)
        let theirsNew = F.damaged("[theirs]", line: 7)
        let b = F.set(F.a1, damaged: [kept, mended])
        let o = F.set(F.a1, damaged: [kept, mended, oursNew])
        let t = F.set(F.a1, damaged: [kept, theirsNew])          // theirs mended `{broken`
        let r = merge(b, o, t)
        #expect(r.damaged.map(\.bytes) == [kept.bytes, oursNew.bytes, theirsNew.bytes])
        let text = String(decoding: r.bytes, as: UTF8.self)
        #expect(text.hasSuffix("{\"id\":\"01KEPT\",\"stance\":}\nours \u{FFFD} line\n[theirs]\n"))
        // Parsing the merged bytes finds them again, untouched.
        #expect(SetContents(parsing: r.bytes).damaged.map(\.bytes) == r.damaged.map(\.bytes))
    }

    @Test("the merged bytes are a canonical set, never conflict markers")
    func canonicalBytes() {
        let ours = F.edited(F.a1) { $0.stance = -2 }
        let theirs = F.edited(F.a1) { $0.stance = 1 }
        let r = merge(base, F.set(ours, F.a2, F.a3), F.set(theirs, F.a2, F.a3))
        let parsed = SetContents(parsing: r.bytes)
        #expect(parsed.damaged.isEmpty)
        #expect(parsed.annotations == r.annotations)
        #expect(!String(decoding: r.bytes, as: UTF8.self).contains("<<<<<<<"))
    }

    @Test("a set file with a duplicate id keeps the second line as damaged")
    func duplicates() {
        var bytes = AnnotationCodec.encode(F.a1) + [0x0A]
        bytes += AnnotationCodec.encode(F.edited(F.a1) { $0.stance = 2 }) + [0x0A]
        let parsed = SetContents(parsing: bytes)
        #expect(parsed.annotations == [F.a1])
        #expect(parsed.damaged.count == 1 && parsed.damaged[0].reason.hasPrefix("duplicate id"))
    }
}
