import Testing
import PropertyBased
import ParallaxCore
import ParallaxStore
import TestSupport

/// The canonical set file: what is saved loads back unchanged (unknown fields, escapes,
/// non-ASCII, every number), and saving what was loaded gives the same bytes.
@Suite("Properties: canonical save")
struct CanonicalSavePropertyTests {
    @Test("load ∘ save is the identity on annotations")
    func loadAfterSave() async {
        await propertyCheck(count: 300, input: AnnotationGen.set) { annotations in
            let saved = SetFile.encode(annotations, damaged: [])
            let loaded = SetFile.parse(saved)
            #expect(loaded.damaged.isEmpty, "\(loaded.damaged.map(\.reason))")
            let sorted = annotations.sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
            #expect(loaded.lines.map(\.annotation) == sorted)
            for (a, b) in zip(loaded.lines.map(\.annotation), sorted) {
                // Strings compare by bytes here, not only as canonically equivalent text.
                #expect(Array(a.target.exact.utf8) == Array(b.target.exact.utf8))
                #expect(Array(a.note.utf8) == Array(b.note.utf8))
                #expect(a.confidence?.bitPattern == b.confidence?.bitPattern)
            }
        }
    }

    @Test("save ∘ load ∘ save == save, with damaged lines kept after the valid ones")
    func saveAfterLoad() async {
        await propertyCheck(count: 300, input: AnnotationGen.set, TextGen.text(0...8).array(of: 0...3)) { annotations, garbage in
            // Damaged lines as a load finds them: one line each, not blank, not an annotation.
            let file = garbage.map { "{" + $0.filter { $0 != "\n" && $0 != "\r" && $0 != "\r\n" } }.joined(separator: "\n")
            let damaged = SetFile.parse(Array(file.utf8)).damaged
            #expect(damaged.count == garbage.count)
            let saved = SetFile.encode(annotations, damaged: damaged)
            let loaded = SetFile.parse(saved)
            #expect(loaded.lines.count == annotations.count)
            #expect(loaded.damaged.map(\.bytes) == damaged.map(\.bytes))
            #expect(SetFile.encode(loaded.lines.map(\.annotation), damaged: loaded.damaged) == saved)
        }
    }

    @Test("a line with a byte-order mark and CR LF loads like the canonical one")
    func bomAndCRLF() async {
        await propertyCheck(count: 100, input: AnnotationGen.set) { annotations in
            let saved = SetFile.encode(annotations, damaged: [])
            var windows: [UInt8] = [0xEF, 0xBB, 0xBF]
            for b in saved { if b == 0x0A { windows.append(0x0D) }; windows.append(b) }
            let loaded = SetFile.parse(windows)
            #expect(loaded.damaged.isEmpty)
            #expect(SetFile.encode(loaded.lines.map(\.annotation), damaged: loaded.damaged) == saved)
        }
    }
}
