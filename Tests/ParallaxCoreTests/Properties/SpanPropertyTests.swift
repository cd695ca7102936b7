import Testing
import PropertyBased
import ParallaxCore
import ParallaxStore
import TestSupport

/// Span conversions and grapheme widening on arbitrary Unicode: ZWJ sequences, flags,
/// combining marks, CR LF, NBSP, scalars either side of the surrogate range.
@Suite("Properties: spans")
struct SpanPropertyTests {
    @Test("scalar ↔ UTF-8 ↔ UTF-16 ↔ String.Index round trips agree with the standard library")
    func conversions() async {
        await propertyCheck(count: 300, input: TextGen.longText) { string in
            let text = ScalarText(string)
            let scalars = Array(string.unicodeScalars)
            #expect(text.scalarCount == scalars.count)
            #expect(text.utf16Count == string.utf16.count)
            #expect(text.utf8 == Array(string.utf8))
            var u8 = 0, u16 = 0
            for k in 0...scalars.count {
                #expect(text.utf8Offset(ofScalar: k) == u8)
                #expect(text.utf16Offset(ofScalar: k) == u16)
                #expect(text.scalarOffset(ofUTF8: u8) == k)
                #expect(text.scalarOffset(ofUTF16: u16) == k)
                let index = text.stringIndex(ofScalar: k)
                #expect(text.scalarOffset(of: index) == k)
                #expect(string.utf8.distance(from: string.startIndex, to: index) == u8)
                guard k < scalars.count else { break }
                #expect(text.scalar(at: k) == scalars[k])
                let width8 = String(scalars[k]).utf8.count, width16 = String(scalars[k]).utf16.count
                // An offset inside a scalar's encoding maps to that scalar.
                for inside in 1..<width8 { #expect(text.scalarOffset(ofUTF8: u8 + inside) == k) }
                if width16 == 2 { #expect(text.scalarOffset(ofUTF16: u16 + 1) == k) }
                u8 += width8; u16 += width16
            }
        }
    }

    @Test("text(start, end) is the scalars in between, for any span")
    func slices() async {
        await propertyCheck(count: 300, input: TextGen.text(), Gen.int(in: 0...10_000), Gen.int(in: 0...10_000)) { string, x, y in
            let text = ScalarText(string)
            let scalars = Array(string.unicodeScalars)
            let a = min(x, y) % (scalars.count + 1), b = max(a, max(x, y) % (scalars.count + 1))
            var expected = String.UnicodeScalarView()
            expected.append(contentsOf: scalars[a..<b])
            #expect(Array(text.text(a, b).unicodeScalars) == Array(expected))
        }
    }

    @Test("widening never splits a Character and is the smallest such span containing the input")
    func widening() async {
        await propertyCheck(count: 400, input: TextGen.longText, Gen.int(in: 0...100_000), Gen.int(in: 0...100_000)) { string, x, y in
            let text = ScalarText(string)
            // Where the standard library breaks the whole text into Characters.
            var boundaries = [0]
            for ch in string { boundaries.append(boundaries.last! + ch.unicodeScalars.count) }
            let n = text.scalarCount
            let a = min(x, y) % (n + 1), b = max(a, max(x, y) % (n + 1))
            let (s, e) = text.widenedToGraphemes(a, b)
            let before = boundaries.last { $0 <= a }!
            #expect(s == before, "start \(a) widened to \(s), the boundary at or before it is \(before)")
            if b > a {
                let after = boundaries.first { $0 >= b }!
                #expect(e == after, "end \(b) widened to \(e), the boundary at or after it is \(after)")
                #expect(s <= a && e >= b)
                // The widened text is whole Characters of the original.
                let widened = text.text(s, e)
                #expect(widened.unicodeScalars.count == e - s)
            } else {
                #expect(e == s)
            }
            #expect(text.isGraphemeBoundary(s) && text.isGraphemeBoundary(e))
            for k in [a, b] { #expect(text.isGraphemeBoundary(k) == boundaries.contains(k)) }
        }
    }
}
