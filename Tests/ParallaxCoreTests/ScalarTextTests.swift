import Testing
import ParallaxCore
import ParallaxStore

@Suite("Offsets in Unicode scalars")
struct ScalarTextTests {
    // é as e + U+0301, a family emoji (ZWJ sequence), a flag, CRLF, U+00A0, dotless ı.
    let sample = "Cafe\u{301} 👨‍👩‍👧 🇹🇷 a\r\nb\u{A0}Aslı 𝄞"

    @Test("scalar ↔ UTF-8 ↔ UTF-16 ↔ String.Index agree with the standard library")
    func conversions() {
        let text = ScalarText(sample)
        let scalars = Array(sample.unicodeScalars)
        #expect(text.scalarCount == scalars.count)
        #expect(text.utf16Count == sample.utf16.count)
        var u8 = 0, u16 = 0
        for (k, s) in scalars.enumerated() {
            #expect(text.utf8Offset(ofScalar: k) == u8)
            #expect(text.utf16Offset(ofScalar: k) == u16)
            #expect(text.scalarOffset(ofUTF8: u8) == k)
            #expect(text.scalarOffset(ofUTF16: u16) == k)
            let index = text.stringIndex(ofScalar: k)
            #expect(sample.unicodeScalars[index] == s)
            #expect(text.scalarOffset(of: index) == k)
            #expect(text.scalar(at: k) == s)
            u8 += String(s).utf8.count
            u16 += String(s).utf16.count
        }
        #expect(text.utf8Offset(ofScalar: scalars.count) == sample.utf8.count)
        #expect(text.scalarOffset(ofUTF8: sample.utf8.count) == scalars.count)
    }

    @Test("an offset inside a surrogate pair or UTF-8 sequence maps to its scalar")
    func inside() {
        let text = ScalarText("a𝄞b")
        #expect(text.scalarOffset(ofUTF16: 2) == 1)  // low surrogate of 𝄞
        #expect(text.scalarOffset(ofUTF8: 3) == 1)   // third byte of 𝄞
        #expect(text.utf16Offset(ofScalar: 2) == 3)
    }

    @Test("long texts cross many checkpoints")
    func long() {
        let piece = "Aydıntaşbaş “quoted” — 🇹🇷\u{A0}x\u{301}\n"
        let big = String(repeating: piece, count: 300)
        let text = ScalarText(big)
        let scalars = Array(big.unicodeScalars)
        var u8 = 0
        for k in stride(from: 0, to: scalars.count, by: 7) {
            u8 = String(String.UnicodeScalarView(scalars[..<k])).utf8.count
            #expect(text.utf8Offset(ofScalar: k) == u8)
            #expect(text.scalarOffset(ofUTF8: u8) == k)
        }
        #expect(text.text(0, scalars.count) == big)
    }

    @Test("spans are widened to whole grapheme clusters")
    func graphemes() {
        let text = ScalarText(sample)
        // "Cafe\u{301}": scalar 4 is the combining acute; a span ending at 4 splits "é".
        #expect(!text.isGraphemeBoundary(4))
        #expect(text.isGraphemeBoundary(5))
        #expect(text.widenedToGraphemes(0, 4) == (0, 5))
        // Inside the family emoji (scalars 6...10).
        #expect(text.widenedToGraphemes(7, 8) == (6, 11))
        // CR LF is one cluster.
        let crlf = Array(sample.unicodeScalars).firstIndex(of: "\r")!
        #expect(!text.isGraphemeBoundary(crlf + 1))
        #expect(text.widenedToGraphemes(crlf + 1, crlf + 2) == (crlf, crlf + 2))
        #expect(text.text(0, 5) == "Cafe\u{301}")
    }

    @Test("invalid UTF-8 is located")
    func invalid() {
        #expect(ScalarText.firstInvalidUTF8([0x41, 0xC3, 0xA9, 0xE2, 0x82]) == 3)
        #expect(ScalarText.firstInvalidUTF8(Array("Aslı".utf8)) == nil)
    }
}
