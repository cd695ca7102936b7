import Foundation
import ParallaxCore
import ParallaxStore
import Testing
import TestSupport
@testable import ParallaxREPL

@Suite("Reading lines that are not typed")
struct PlainLineReaderTests {
    /// All lines `bytes` reads as, up to the end of input.
    func lines(of bytes: [UInt8]) throws -> [String] {
        let path = Fixtures.temporaryDirectory("plain-reader") + "/input.txt"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let reader = try PlainLineReader(path: path)
        var lines: [String] = []
        while case .line(let line) = reader.readLine(prompt: "ignored> ") { lines.append(line) }
        #expect(reader.readLine(prompt: "") == .endOfInput)
        return lines
    }

    @Test("CRLF and LF endings, an empty line, no final newline")
    func endings() throws {
        let text = "find nixon\r\nmark 1\n\r\n\ncode reset-wedge -2\r\nlast"
        #expect(try lines(of: Array(text.utf8)) == ["find nixon", "mark 1", "", "", "code reset-wedge -2", "last"])
    }

    @Test("a lone \\r inside a line stays")
    func innerCarriageReturn() throws {
        #expect(try lines(of: Array("a\rb\n".utf8)) == ["a\rb"])
    }

    @Test("a 1 MB line is read whole")
    func longLine() throws {
        let long = String(repeating: "Aydıntaşbaş ", count: 1_048_576 / 14 + 1)
        let read = try lines(of: Array((long + "\nnext\n").utf8))
        #expect(read.count == 2)
        #expect(read[0].utf8.count == long.utf8.count)
        #expect(read[0] == long)
        #expect(read[1] == "next")
    }

    @Test("invalid UTF-8 becomes U+FFFD and the reading goes on")
    func invalidUTF8() throws {
        let bytes: [UInt8] = [0x41, 0xFF, 0x42, 0x0A, 0xC4, 0x0A, 0x41, 0x73, 0x6C, 0xC4, 0xB1, 0x0A]
        #expect(try lines(of: bytes) == ["A\u{FFFD}B", "\u{FFFD}", "Aslı"])
    }

    @Test("a NUL byte does not end the line")
    func nul() throws {
        #expect(try lines(of: [0x61, 0x00, 0x62, 0x0A]) == ["a\u{0}b"])
    }

    @Test("an empty file is the end of input at once")
    func empty() throws {
        #expect(try lines(of: []) == [])
    }

    @Test("a missing file is an I/O error naming the file")
    func missing() {
        let error = #expect(throws: ParallaxError.self) { try PlainLineReader(path: "/nonexistent/parallax/script") }
        #expect(error?.kind == .io)
        #expect(error?.location == "/nonexistent/parallax/script")
    }
}
