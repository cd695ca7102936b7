import Testing
@testable import ParallaxCore
@testable import ParallaxStore
import TestSupport

/// The fast paths of ``ScalarText`` against the standard library on generated texts: UTF-8
/// validation, indexing eight ASCII bytes at a time, grapheme boundaries decided from two
/// neighbours, and byte comparison of spans.
@Suite("ScalarText fast paths")
struct ScalarTextFastPathTests {
    typealias Random = SeededRandom

    /// The standard library's decoder: the offset after the last valid scalar before an error.
    static func referenceFirstInvalid(_ bytes: [UInt8]) -> Int? {
        var offset = 0
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s): offset += UTF8.width(s)
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    @Test("UTF-8 validation finds the same first error as the standard library's decoder")
    func validation() {
        var r = Random(state: 11)
        let valid: [[UInt8]] = ["a", "é", "ı", "’", "—", "👍", "𝄞", "\u{10FFFF}", "\u{FFFF}", "\u{D7FF}", "\u{E000}", "\u{80}", "\u{7FF}", "\u{800}", "\u{10000}"]
            .map { Array($0.utf8) } + [Array("plain ASCII text, longer than eight bytes ".utf8)]
        let invalid: [[UInt8]] = [[0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xC2], [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF],
                                  [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xF0, 0x80, 0x80, 0x80], [0xF0, 0x8F, 0xBF, 0xBF],
                                  [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF], [0xFE], [0xE2, 0x82], [0xF0, 0x9F, 0x91],
                                  [0xE2, 0x28, 0xA1], [0xC3, 0x41]]
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            for _ in 0..<r.below(12) { bytes += r.below(8) == 0 ? r.pick(invalid) : r.pick(valid) }
            #expect(ScalarText.firstInvalidUTF8(bytes) == Self.referenceFirstInvalid(bytes), "\(bytes)")
        }
        for _ in 0..<5_000 {
            let bytes = (0..<r.below(40)).map { _ in UInt8(r.below(256)) }
            #expect(ScalarText.firstInvalidUTF8(bytes) == Self.referenceFirstInvalid(bytes), "\(bytes)")
        }
    }

    static let pieces = ["a", "b", " ", "\n", "\r\n", "\r", "e\u{301}", "\u{301}", "\u{308}\u{301}", "👍", "👍🏽", "👨‍👩‍👧", "\u{200D}",
                         "🇹🇷", "🇩🇪🇫🇷", "ı", "ş", "—", "“", "”", "’", "…", "\u{00A0}", "\u{00AD}", "©", "©\u{FE0F}", "한", "\u{1100}\u{1161}\u{11A8}",
                         "ক্ষ", "\u{0600}1", "\t", "x\u{20DD}", "\u{2028}", "\u{200B}", "\u{2010}", "\u{2027}"]

    @Test("grapheme boundaries and widened spans agree with Character breaking")
    func graphemes() {
        var r = Random(state: 12)
        for _ in 0..<400 {
            let s = r.text(Self.pieces, upTo: 60)
            let text = ScalarText(s)
            // Reference: boundaries between Characters, in scalar offsets.
            var boundaries: Set<Int> = [0]
            var k = 0
            for c in s { k += c.unicodeScalars.count; boundaries.insert(k) }
            for offset in 0...text.scalarCount {
                #expect(text.isGraphemeBoundary(offset) == boundaries.contains(offset), "\(Array(s.unicodeScalars)) at \(offset)")
            }
            for _ in 0..<20 where text.scalarCount > 0 {
                let a = r.below(text.scalarCount + 1), b = r.below(text.scalarCount + 1)
                let (start, end) = (min(a, b), max(a, b))
                let w = text.widenedToGraphemes(start, end)
                let expectedStart = boundaries.filter { $0 <= start }.max()!
                let expectedEnd = end <= start ? expectedStart : boundaries.filter { $0 >= end }.min()!
                #expect(w.start == expectedStart && w.end == expectedEnd, "\(Array(s.unicodeScalars)) [\(start), \(end))")
            }
        }
    }

    @Test("indexing in eight-byte steps matches a scalar-by-scalar count, across checkpoints")
    func indexing() {
        var r = Random(state: 13)
        for _ in 0..<200 {
            var s = ""
            for _ in 0..<r.below(400) { s += r.below(3) == 0 ? r.pick(Self.pieces) : String(repeating: "abcdefgh", count: r.below(4)) }
            let text = ScalarText(s)
            let bytes = Array(s.utf8)
            let checked = try! ScalarText(utf8: bytes, origin: "test")
            #expect(text.scalarCount == s.unicodeScalars.count && checked.scalarCount == text.scalarCount)
            #expect(text.utf16Count == s.utf16.count && checked.utf16Count == text.utf16Count)
            var u8 = 0, u16 = 0
            for (k, scalar) in s.unicodeScalars.enumerated() {
                #expect(checked.utf8Offset(ofScalar: k) == u8 && checked.utf16Offset(ofScalar: k) == u16)
                #expect(checked.scalar(at: k) == scalar)
                u8 += UTF8.width(scalar); u16 += UTF16.width(scalar)
            }
            #expect(checked.string == s)
            let a = r.below(text.scalarCount + 1), b = r.below(text.scalarCount + 1)
            let span = text.text(min(a, b), max(a, b))
            #expect(text.text(min(a, b), max(a, b), equals: span))
            #expect(!text.text(min(a, b), max(a, b), equals: span + "x"))
        }
    }
}
