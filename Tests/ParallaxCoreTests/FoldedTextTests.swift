import Testing
@testable import ParallaxCore
@testable import ParallaxStore
import TestSupport

/// The folded text's sparse map back to scalar offsets and its eight-at-a-time search,
/// against a dense map and a byte-by-byte search built here from ``Folding`` directly.
@Suite("Folded text: sparse map and search")
struct FoldedTextTests {
    typealias Random = SeededRandom

    static let pieces = ["a", "b", "ab", "abab", "x", " ", "  ", "\n", "\t \u{A0}", "Nixon", "REVERSE", "ı", "Ş", "ß", "…", "“", "’",
                         "—", "e\u{301}", "\u{301}", "中文", "👍🏽", "\u{00AD}", "\u{200B}", "Ⱥ", "İ", "æ", "ﬃ", "Ω", "reverse nixon"]

    /// The folding the old dense map made: bytes and one scalar offset per byte.
    static func dense(_ s: String) -> (bytes: [UInt8], origin: [Int]) {
        var bytes: [UInt8] = [], origin: [Int] = []
        var lastWasSpace = false
        for (offset, scalar) in s.unicodeScalars.enumerated() {
            let added = Folding.append(scalar, to: &bytes, lastWasSpace: &lastWasSpace)
            origin += Array(repeating: offset, count: added)
        }
        return (bytes, origin)
    }

    @Test("bytes and the map back agree with folding scalar by scalar")
    func map() {
        var r = Random(state: 21)
        for _ in 0..<500 {
            let s = r.text(Self.pieces, upTo: 80)
            let folded = FoldedText(ScalarText(s))
            let reference = Self.dense(s)
            #expect(folded.bytes == reference.bytes, "\(s.debugDescription)")
            for i in reference.origin.indices where folded.bytes == reference.bytes {
                #expect(folded.origin(at: i) == reference.origin[i], "\(s.debugDescription) at \(i)")
            }
        }
    }

    @Test("occurrences equal a byte-by-byte left-to-right search, without overlaps")
    func search() {
        var r = Random(state: 22)
        for _ in 0..<800 {
            let s = r.text(Self.pieces, upTo: 120)
            let text = ScalarText(s)
            let folded = FoldedText(text)
            let reference = Self.dense(s)
            let needle = Array(Folding.fold(r.pick(["a", "ab", "aba", "abab", "b a", "x", "i s", "reverse nixon", "...",
                                                    "e", "ss", "nixon reverse", "中", "' \"", s.isEmpty ? "a" : String(s.prefix(3))])).utf8)
            guard !needle.isEmpty else { continue }
            var expected: [(Int, Int)] = []
            var at = 0
            let hay = reference.bytes
            while at + needle.count <= hay.count {
                if Array(hay[at..<(at + needle.count)]) == needle {
                    expected.append((reference.origin[at], min(reference.origin[at + needle.count - 1] + 1, text.scalarCount)))
                    at += needle.count
                } else {
                    at += 1
                }
            }
            let found = folded.occurrences(of: needle, scalarCount: text.scalarCount)
            #expect(found.map(\.start) == expected.map(\.0) && found.map(\.end) == expected.map(\.1),
                    "\(String(decoding: needle, as: UTF8.self)) in \(s.debugDescription)")
        }
    }

    @Test("a text whose folding outgrows the first buffer is finished correctly")
    func growth() {
        // Ⱥ (two bytes) folds to ⱥ (three bytes): 1.5 times longer.
        let s = String(repeating: "Ⱥ", count: 5000) + " reverse Nixon"
        let folded = FoldedText(ScalarText(s))
        let reference = Self.dense(s)
        #expect(folded.bytes == reference.bytes)
        for i in stride(from: 0, to: reference.origin.count, by: 97) { #expect(folded.origin(at: i) == reference.origin[i]) }
        #expect(folded.occurrences(of: Array("nixon".utf8), scalarCount: s.unicodeScalars.count).map(\.start) == [5009])
    }
}
