import Testing
@testable import ParallaxREPL

@Suite("Wide strings for libedit")
struct WideTextTests {
    @Test("one wchar_t per Unicode scalar, NUL-terminated, round trip")
    func roundTrip() {
        let text = "Aydıntaşbaş 𝄞 cafe\u{301} 🇹🇷"
        let wide = WideText.cString(text)
        #expect(wide.count == text.unicodeScalars.count + 1)
        #expect(wide.last == 0)
        #expect(WideText.string(wide.dropLast()) == text)
    }

    @Test("values that are not scalars become U+FFFD")
    func invalid() {
        #expect(WideText.string([0x41, 0xD800, 0x110000, 0x42]) == "A\u{FFFD}\u{FFFD}B")
    }
}
