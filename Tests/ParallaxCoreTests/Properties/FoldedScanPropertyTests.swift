import Testing
import PropertyBased
@testable import ParallaxCore
import TestSupport

/// The vectorised folded scan finds exactly what a position-by-position comparison finds:
/// the same starts, in the same order, without overlaps, on folded random Unicode text
/// (dotless ı, combining marks, emoji, U+00A0, separators between documents).
@Suite("Properties: the folded scan")
struct FoldedScanPropertyTests {
    func starts(_ hay: [UInt8], _ needle: [UInt8], simple: Bool) -> [Int] {
        var found: [Int] = []
        hay.withUnsafeBufferPointer { h in
            needle.withUnsafeBufferPointer { n in
                if simple { FoldedText.simpleScan(h, for: n) { found.append($0) } } else { FoldedText.scan(h, for: n) { found.append($0) } }
            }
        }
        return found
    }

    @Test("same starts as the simple scan, for a piece of the text itself and for short repetitive needles")
    func sameAsSimple() async {
        await propertyCheck(count: 500, input: TextGen.text(0...400), Gen.int(in: 0...100_000), Gen.int(in: 1...12), Gen.int(in: 0...3)) { string, at, length, copies in
            // Several copies, joined as documents are in a pack, so hits fall in every lane.
            var hay: [UInt8] = []
            for _ in 0...copies { hay += Array(Folding.fold(string).utf8); hay.append(0xFF) }
            let a = hay.isEmpty ? 0 : at % hay.count
            let piece = Array(hay[a..<min(hay.count, a + length)])
            for needle in [piece, [0x61, 0x61], [0x20], [0x69, 0x20], Array("ası".utf8), Array("\u{1F600}".utf8), [0xFF, 0x61]]
                where !needle.isEmpty {
                #expect(starts(hay, needle, simple: false) == starts(hay, needle, simple: true),
                        "needle \(needle) in \(hay.count) bytes")
            }
        }
    }

    @Test("every alignment of a hit and of the text's end, around the 16-byte steps")
    func alignments() {
        for size in 0...100 {
            for needle in [Array("ab".utf8), Array("abcab".utf8), Array("aa".utf8), Array("sli".utf8)] {
                for place in stride(from: 0, through: max(0, size - needle.count), by: 1) {
                    var hay = [UInt8](repeating: 0x61, count: size)
                    if place + needle.count <= size { hay.replaceSubrange(place..<(place + needle.count), with: needle) }
                    #expect(starts(hay, needle, simple: false) == starts(hay, needle, simple: true), "\(needle) at \(place) of \(size)")
                }
            }
        }
    }
}
