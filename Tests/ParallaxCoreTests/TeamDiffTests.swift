import Foundation
import Testing
import ParallaxCore
import ParallaxStore
import TestSupport

/// Set diff: pairing by id, then by question and overlapping span; what changed; rendering.
@Suite("Set diff")
struct TeamDiffTests {
    typealias F = TeamFixtures

    @Test("same id: changed fields are listed in field order; modified alone is no change")
    func sameID() {
        let b1 = F.edited(F.a1) { $0.stance = 1; $0.note = "on reflection"; $0.tags = ["evidence", "explicit"] }
        let b2 = F.edited(F.a2) { _ in }   // only modified moved
        let diff = SetDiff(old: [F.a1, F.a2, F.a3], new: [b1, b2, F.a3], oldName: "main", newName: "alice")
        #expect(diff.unchanged == 2)
        #expect(diff.entries.count == 1)
        let e = diff.entries[0]
        #expect(e.kind == .changed && e.id == F.a1.id && e.oldID == nil)
        #expect(e.changes.map(\.field) == [.stance, .tags, .note])
        #expect(e.changes[0].old == .integer(-1) && e.changes[0].new == .integer(1))
    }

    @Test("tags reordered are not a change")
    func tagOrder() {
        let a = F.annotation("01X", 3000, 3040, tags: ["a", "b"])
        let b = F.edited(a) { $0.tags = ["b", "a"] }
        #expect(SetDiff(old: [a], new: [b], oldName: "o", newName: "n").isEmpty)
    }

    @Test("different ids, same question, overlapping spans: one changed annotation (re-coded)")
    func pairedBySpan() {
        let old = F.annotation("01OLD", 3000, 3040, stance: -1)
        let new = F.annotation("01NEW", 3020, 3060, stance: -2)
        let diff = SetDiff(old: [old], new: [new], oldName: "o", newName: "n")
        #expect(diff.entries.count == 1)
        let e = diff.entries[0]
        #expect(e.kind == .changed && e.id == "01NEW" && e.oldID == "01OLD")
        #expect(e.changes.map(\.field) == [.stance, .span])
        #expect(e.changes[1].span == .moved)
    }

    @Test("the largest overlap wins when one span overlaps several")
    func largestOverlap() {
        let old = F.annotation("01OLD", 3000, 3100)
        let small = F.annotation("01NEW1", 3090, 3200)
        let large = F.annotation("01NEW2", 3010, 3100)
        let diff = SetDiff(old: [old], new: [small, large], oldName: "o", newName: "n")
        #expect(diff.entries(.changed).map(\.id) == ["01NEW2"])
        #expect(diff.entries(.changed).first?.changes.first?.span == .movedAndResized)
        #expect(diff.entries(.added).map(\.id) == ["01NEW1"])
        #expect(diff.entries(.removed).isEmpty)
    }

    @Test("no overlap, another question or another document: added and removed")
    func notPaired() {
        let old = F.annotation("01OLD", 3000, 3040)
        let apart = F.annotation("01APART", 3040, 3080)                               // touching, not overlapping
        let otherQuestion = F.annotation("01OTHERQ", 3000, 3040, question: "war-ends-soon")
        let otherDoc = F.annotation("01OTHERD", doc: "usip", 3000, 3040)
        let diff = SetDiff(old: [old], new: [apart, otherQuestion, otherDoc], oldName: "o", newName: "n")
        #expect(diff.entries(.changed).isEmpty)
        #expect(Set(diff.entries(.added).map(\.id)) == ["01APART", "01OTHERQ", "01OTHERD"])
        #expect(diff.entries(.removed).map(\.id) == ["01OLD"])
    }

    @Test("sharpest first: a big stance move before a small one before a note edit")
    func order() {
        let x = F.annotation("01X", 3000, 3040, stance: -2)
        let y = F.annotation("01Y", 4000, 4040, stance: -1)
        let z = F.annotation("01Z", 5000, 5040, note: "a")
        let diff = SetDiff(old: [x, y, z],
                           new: [F.edited(z) { $0.note = "b" }, F.edited(y) { $0.stance = 0 }, F.edited(x) { $0.stance = 2 }],
                           oldName: "o", newName: "n")
        #expect(diff.entries.map(\.id) == ["01X", "01Y", "01Z"])
    }

    @Test("span changes are classified: moved, resized, other document")
    func spanChanges() {
        let a = F.annotation("01A", 3000, 3040)
        #expect(SpanChange(from: a.target, to: F.annotation("01A", 3010, 3050).target) == .moved)
        #expect(SpanChange(from: a.target, to: F.annotation("01A", 3000, 3050).target) == .resized)
        #expect(SpanChange(from: a.target, to: F.annotation("01A", 3005, 3050).target) == .movedAndResized)
        #expect(SpanChange(from: a.target, to: F.annotation("01A", doc: "usip", 3000, 3040).target) == .otherDocument)
        #expect(SpanChange(from: a.target, to: a.target) == nil)
    }

    @Test("damaged lines only on one side are listed")
    func damaged() {
        let diff = SetDiff(old: F.set(F.a1, damaged: [F.damaged("{bad"), F.damaged("{kept")]),
                           new: F.set(F.a1, damaged: [F.damaged("{kept"), F.damaged("{new")]), oldName: "o", newName: "n")
        #expect(diff.damagedAdded == ["{new"] && diff.damagedRemoved == ["{bad"])
        #expect(!diff.isEmpty)
    }

    @Test("the JSON form decodes back to the same diff")
    func codable() throws {
        var extra = ExtraFields()
        extra.set("x-colour", raw: Array("\"red\"".utf8))
        let old = [F.a1, F.a2, F.annotation("01OLD", 9000, 9040)]
        let new = [F.edited(F.a1) { $0.stance = 2; $0.confidence = 1; $0.extra = extra; $0.target = F.annotation("x", 3002, 3050).target },
                   F.annotation("01NEW", 9010, 9040, stance: 0), F.a3]
        let diff = SetDiff(old: old, new: new, oldName: "o", newName: "n")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(diff)
        let back = try JSONDecoder().decode(SetDiff.self, from: data)
        #expect(back == diff)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""field":"stance","new":2,"old":-1"#))
        #expect(text.contains(#""x-colour":"\"red\"""#))
    }

    @Test("text rendering: tally, groups, one line per changed field, within the width")
    func rendering() {
        let moved = F.edited(F.a2) { $0.target = F.annotation("x", 5012, 5072).target }
        let diff = SetDiff(old: [F.a1, F.a2, F.a3],
                           new: [F.edited(F.a1) { $0.stance = 2; $0.note = "a much longer note that will not fit on one line when the terminal is narrow, so it is cut" }, moved,
                                 F.annotation("01NEWNEWNEWNEWNEWNEWNEWNEW", 12000, 12060, stance: 0)],
                           oldName: "main", newName: "alice")
        for width in [40, 60, 100] {
            var text = ""
            TeamRenderer(width: width, corpus: Fixtures.corpus).render(diff, to: &text)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.allSatisfy { $0.count <= width }, "width \(width):\n\(text)")
            #expect(text.replacingOccurrences(of: "\n  ", with: " ").hasPrefix("main → alice: 2 changed · 1 added · 1 removed · 0 unchanged"))
            #expect(text.contains("Changed (2)") && text.contains("Added (1)") && text.contains("Removed (1)"))
        }
        var text = ""
        TeamRenderer(width: 100, corpus: Fixtures.corpus).render(diff, to: &text)
        #expect(text.contains("      stance     -1 → +2 (3 points)\n"))
        #expect(text.contains("      span       moved 12 scalars later: “"))
        #expect(text.contains("  01NEWNEWNEWNEWNEWNEWNEWNEW  reset-wedge 0 · stent · brookings ¶"))
        // The stance change (sharper) comes before the moved span.
        #expect(text.range(of: F.a1.id)!.lowerBound < text.range(of: F.a2.id)!.lowerBound)
        var none = ""
        TeamRenderer().render(SetDiff(old: [F.a1], new: [F.a1], oldName: "a", newName: "b"), to: &none)
        #expect(none == "a → b: 1 unchanged\nNo differences.\n")
    }
}
