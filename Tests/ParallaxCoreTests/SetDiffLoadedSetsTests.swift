import Testing
import ParallaxCore
import ParallaxStore
import TestSupport

/// `SetDiff` of two loaded sets (straight from their dictionaries, or walking their digests)
/// answers exactly what the diff of their `SetContents` answers.
@Suite("Set diff of loaded sets")
struct SetDiffLoadedSetsTests {
    typealias F = TeamFixtures

    static func set(_ name: String, _ annotations: [Annotation], memos: [Memo] = [], renames: [QuestionRename] = [],
                    damaged: [DamagedLine] = []) -> AnnotationSet {
        var s = AnnotationSet(name: name)
        for a in annotations { s.byID[a.id] = a }
        for m in memos { s.memos[m.id] = m }
        s.renames = renames
        s.damaged = damaged
        return s
    }

    /// The bundled baseline, and a version of it with every kind of difference: stances and
    /// notes changed, tags only reordered or repeated (no change), a confidence added, an
    /// extra field, a span re-coded under a new id, annotations removed and added, only
    /// `modified` moved (no change), a memo added and a damaged line.
    static func versions() -> (AnnotationSet, AnnotationSet) {
        let base = Fixtures.baselineCodings.map(\.annotation)
        var next: [Annotation] = []
        for (k, a) in base.enumerated() {
            var b = a
            switch k % 9 {
            case 0: b.stance = a.stance >= 1 ? a.stance - 1 : a.stance + 1
            case 1: b.note += " (revised)"
            case 2: b.tags = a.tags.reversed() + a.tags
            case 3: b.modified = "2026-12-01T10:00:00Z"
            case 4: continue
            case 5: b.confidence = 0.5
            case 6: b.extra.set("reviewer", raw: Array(#""Zoë""#.utf8))
            case 7:
                // Coded again under a new id, the span a little wider.
                b = F.annotation("01RECODED" + a.id.dropFirst(9), doc: a.target.doc, a.target.start, a.target.end + 3,
                                 question: a.question, analyst: a.analyst, stance: a.stance)
            default: break
            }
            next.append(b)
        }
        next.append(F.annotation("01NEWNEWNEWNEWNEWNEWNEWNEW", 3000, 3040))
        let memo = Memo(id: "01MEMO0000000000000000000A", target: .question("reset-wedge"), text: "why", created: "2026-11-24T10:00:00Z")
        return (set("main", base), set("alice", next, memos: [memo], damaged: [F.damaged("{oops")]))
    }

    func expectSame(_ old: AnnotationSet, _ new: AnnotationSet, _ comment: Comment? = nil) {
        let expected = SetDiff(old: SetContents(old), new: SetContents(new), oldName: "o", newName: "n")
        let direct = SetDiff(old: old, new: new, oldName: "o", newName: "n")
        let walked = SetDiff(old: old, new: new, oldName: "o", newName: "n",
                             digests: (AnnotationDigests(old), AnnotationDigests(new)))
        #expect(direct == expected, comment)
        #expect(walked == expected, comment)
    }

    @Test("every kind of difference, both ways round, and a set against itself")
    func sameAnswers() {
        let (main, alice) = Self.versions()
        expectSame(main, alice)
        expectSame(alice, main)
        expectSame(main, main)
        expectSame(main, Self.set("empty", []))
        let diff = SetDiff(old: main, new: alice, oldName: "o", newName: "n",
                           digests: (AnnotationDigests(main), AnnotationDigests(alice)))
        #expect(!diff.entries(.changed).isEmpty && !diff.entries(.added).isEmpty && !diff.entries(.removed).isEmpty)
        #expect(diff.entries.contains { $0.oldID != nil })
        #expect(diff.memos.count == 1 && diff.damagedAdded == ["{oops"])
    }

    @Test("digests of another revision are not used: the set changed since they were made")
    func staleDigests() {
        let (main, alice) = Self.versions()
        let stale = AnnotationDigests(alice)
        var changed = alice
        let id = changed.byID.keys.sorted()[0]
        changed.byID[id]!.stance = changed.byID[id]!.stance == 0 ? 1 : 0
        #expect(stale.revision != changed.revision)
        let expected = SetDiff(old: SetContents(main), new: SetContents(changed), oldName: "o", newName: "n")
        #expect(SetDiff(old: main, new: changed, oldName: "o", newName: "n", digests: (AnnotationDigests(main), stale)) == expected)
    }

    @Test("sets that went through question renames are read through them")
    func renames() {
        let (main, alice) = Self.versions()
        var renamed = alice
        renamed.renames = [QuestionRename(from: "reset-wedge", to: "wedge")]
        for (id, a) in renamed.byID where a.question == "reset-wedge" { renamed.byID[id]!.question = "wedge" }
        let expected = SetDiff(old: SetContents(main), new: SetContents(renamed), oldName: "o", newName: "n")
        #expect(SetDiff(old: main, new: renamed, oldName: "o", newName: "n",
                        digests: (AnnotationDigests(main), AnnotationDigests(renamed))) == expected)
        #expect(expected.renames.count == 1)
    }

    @Test("a digest covers every compared field; modified and the tags' order are left out")
    func digestFields() {
        let a = F.a1
        func digest(_ x: Annotation) -> [UInt8] {
            var out: [UInt8] = []
            AnnotationDigests.appendContent(x, to: &out)
            return out
        }
        var changes: [(String, (inout Annotation) -> Void)] = [
            ("question", { $0.question = "war-ends-soon" }), ("stance", { $0.stance = 2 }), ("analyst", { $0.analyst = "wyne" }),
            ("doc", { $0.target.doc = "usip" }), ("start", { $0.target.start += 1 }), ("end", { $0.target.end += 1 }),
            ("exact", { $0.target.exact += "x" }), ("prefix", { $0.target.prefix = "p" }), ("suffix", { $0.target.suffix = "s" }),
            ("hash", { $0.target.hash = "0" }), ("confidence", { $0.confidence = 0.25 }), ("tags", { $0.tags.append("new") }),
            ("note", { $0.note = "other" }), ("created", { $0.created = "2020-01-01T00:00:00Z" }),
            ("extra", { $0.extra.set("k", raw: Array("1".utf8)) }),
        ]
        // Moving bytes from one string to the next is a change too (lengths are written).
        changes.append(("note/created boundary", { $0.note += "2"; $0.created = String($0.created.dropFirst()) }))
        for (what, change) in changes {
            var b = a
            change(&b)
            #expect(digest(b) != digest(a), "\(what)")
        }
        var same = a
        same.modified = "2030-01-01T00:00:00Z"
        same.tags = a.tags.reversed() + a.tags
        #expect(digest(same) == digest(a))
    }
}
