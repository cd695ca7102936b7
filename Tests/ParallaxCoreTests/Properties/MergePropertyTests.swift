import Testing
import PropertyBased
import ParallaxCore
import ParallaxStore
import TestSupport

/// Three-way merge on generated sets: a change merged with itself, or with no change on the
/// other side, gives that change back, byte for byte and without conflicts.
@Suite("Properties: merge")
struct MergePropertyTests {
    /// `base` changed: every third annotation deleted, every other one's stance and note
    /// edited, and the annotations of `extra` whose ids are new added.
    static func changed(_ base: [Annotation], adding extra: [Annotation]) -> [Annotation] {
        var out: [Annotation] = []
        for (k, var a) in base.enumerated() where k % 3 != 2 {
            if k % 2 == 0 { a.stance = a.stance == 2 ? -2 : 2; a.note += " (revised)" }
            out.append(a)
        }
        let ids = Set(base.map(\.id))
        out += extra.filter { !ids.contains($0.id) }
        return out
    }

    @Test("merge(base, x, x), merge(base, x, base) and merge(base, base, x) are x")
    func idempotence() async {
        await propertyCheck(count: 200, input: AnnotationGen.set, AnnotationGen.set) { base, extra in
            let b = SetContents(annotations: base)
            let x = SetContents(annotations: Self.changed(base, adding: extra))
            let expected = SetFile.encode(x.annotations, damaged: [])
            for r in [SetMerge.merge(base: b, ours: x, theirs: x), SetMerge.merge(base: b, ours: x, theirs: b),
                      SetMerge.merge(base: b, ours: b, theirs: x)] {
                #expect(r.conflicts.isEmpty)
                #expect(SetFile.encode(r.annotations, damaged: r.damaged) == expected)
            }
            let same = SetMerge.merge(base: b, ours: b, theirs: b)
            #expect(same.conflicts.isEmpty && SetFile.encode(same.annotations, damaged: []) == SetFile.encode(base, damaged: []))
        }
    }
}
