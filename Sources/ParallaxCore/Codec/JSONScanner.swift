#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A minimal, strict JSON scanner over UTF-8 bytes (RFC 8259), used by the annotation line
/// codec: it decodes the members Parallax knows and captures the exact bytes of those it
/// does not, so unknown fields survive a round trip untouched.
struct JSONScanner {
    /// A scan failure with the 0-based byte offset where it happened.
    struct Failure: Error {
        var message: String
        var offset: Int
    }

    let bytes: UnsafeBufferPointer<UInt8>
    var position: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>, position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    var atEnd: Bool { position >= bytes.count }

    func fail(_ message: String) -> Failure { Failure(message: message, offset: position) }

    mutating func skipWhitespace() {
        while position < bytes.count {
            let b = bytes[position]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { position += 1 } else { return }
        }
    }

    mutating func expect(_ byte: UInt8, _ what: String) throws(Failure) {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == byte else {
            throw fail(position < bytes.count ? "expected \(what)" : "line ends early: expected \(what)")
        }
        position += 1
    }

    /// Consumes `byte` if it is next (after whitespace).
    mutating func consume(_ byte: UInt8) -> Bool {
        skipWhitespace()
        if position < bytes.count, bytes[position] == byte { position += 1; return true }
        return false
    }

    /// Whether the bytes at the position repeat those of `range` (an earlier complete
    /// token); if so, moves past them. A string token that repeats another's bytes decodes
    /// to the same value.
    mutating func consumeRepeat(of range: Range<Int>) -> Bool {
        let n = range.count
        guard n > 0, position + n <= bytes.count,
              memcmp(bytes.baseAddress! + position, bytes.baseAddress! + range.lowerBound, n) == 0 else { return false }
        position += n
        return true
    }

    var peek: UInt8? {
        position < bytes.count ? bytes[position] : nil
    }

    // MARK: Strings

    /// Whether any of eight bytes (a little-endian word) is a quote, a backslash or a control
    /// character: the bytes a string scan must stop at.
    @inline(__always)
    static func hasStringSpecial(_ w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let quote = w ^ (ones &* 0x22), backslash = w ^ (ones &* 0x5C)
        let zeroQuote = (quote &- ones) & ~quote
        let zeroBackslash = (backslash &- ones) & ~backslash
        let control = (w &- ones &* 0x20) & ~w
        return (zeroQuote | zeroBackslash | control) & highs != 0
    }

    /// The first index at or after `i` holding a quote, a backslash or a control character
    /// (or the end).
    @inline(__always)
    func stringStop(from i: Int) -> Int {
        var i = i
        let n = bytes.count
        if let base = bytes.baseAddress {
            while i + 8 <= n && !JSONScanner.hasStringSpecial(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) {
                i += 8
            }
        }
        while i < n {
            let b = bytes[i]
            if b == 0x22 || b == 0x5C || b < 0x20 { return i }
            i += 1
        }
        return n
    }

    /// The byte range of a string without escapes or control characters (the opening quote
    /// must be next, after whitespace), leaving the position after its closing quote; `nil`,
    /// with the position unchanged, for any other string (decode it with ``string()``, which
    /// also reports errors). The bytes are not checked to be UTF-8.
    mutating func plainString() -> Range<Int>? {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == 0x22 else { return nil }
        let start = position + 1
        let stop = stringStop(from: start)
        guard stop < bytes.count, bytes[stop] == 0x22 else { return nil }
        position = stop + 1
        return start..<stop
    }

    /// Decodes a JSON string (the opening quote must be next).
    mutating func string() throws(Failure) -> String {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == 0x22 else { throw fail("expected a string") }
        let start = position + 1
        // Fast path: no escapes.
        let i = stringStop(from: start)
        if i < bytes.count {
            let b = bytes[i]
            if b == 0x22 {
                position = i + 1
                return try validated(UnsafeBufferPointer(rebasing: bytes[start..<i]), at: start)
            }
            if b < 0x20 { position = i; throw fail("control character in a string: escape it") }
        }
        var out = Array(bytes[start..<i])
        position = i
        while position < bytes.count {
            let b = bytes[position]
            if b == 0x22 {
                position += 1
                return try out.withUnsafeBufferPointer { buffer throws(Failure) in try validated(buffer, at: start) }
            }
            if b < 0x20 { throw fail("control character in a string: escape it") }
            if b != 0x5C { out.append(b); position += 1; continue }
            position += 1
            guard position < bytes.count else { break }
            let e = bytes[position]
            position += 1
            switch e {
            case 0x22: out.append(0x22)
            case 0x5C: out.append(0x5C)
            case 0x2F: out.append(0x2F)
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x75:
                let escape = position - 2
                func lone() -> Failure { Failure(message: "lone surrogate in a \\u escape", offset: escape) }
                var value = try hex4()
                if value >= 0xD800 && value < 0xDC00 {
                    guard position + 1 < bytes.count, bytes[position] == 0x5C, bytes[position + 1] == 0x75 else {
                        throw lone()
                    }
                    position += 2
                    let low = try hex4()
                    guard low >= 0xDC00 && low < 0xE000 else { throw lone() }
                    value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                } else if value >= 0xDC00 && value < 0xE000 {
                    throw lone()
                }
                out.append(contentsOf: String(Unicode.Scalar(value)!).utf8)
            default:
                position -= 1
                throw fail("invalid escape \\\(Character(Unicode.Scalar(e)))")
            }
        }
        throw fail("line ends inside a string")
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard position + 4 <= bytes.count else { throw fail("short \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[position]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: throw fail("invalid \\u escape")
            }
            v = v << 4 | d
            position += 1
        }
        return v
    }

    func validated(_ buffer: UnsafeBufferPointer<UInt8>, at offset: Int) throws(Failure) -> String {
        guard let s = JSONScanner.string(validating: buffer) else {
            throw Failure(message: "invalid UTF-8 in a string", offset: offset)
        }
        return s
    }

    /// A string from bytes that must be valid UTF-8. `String(validating:as:)` is generic
    /// and looks up type metadata on every call; checking with ``ScalarText`` (eight ASCII
    /// bytes at a time) and then decoding (nothing to repair) costs less.
    @inline(__always)
    static func string(validating buffer: UnsafeBufferPointer<UInt8>) -> String? {
        guard ScalarText.firstInvalidUTF8(buffer) == nil else { return nil }
        return String(decoding: buffer, as: UTF8.self)
    }

    // MARK: Numbers

    /// The bytes of a JSON number, validated against the grammar; `isInteger` when it has no
    /// fraction or exponent.
    mutating func number() throws(Failure) -> (text: Substring.UTF8View.SubSequence?, range: Range<Int>, isInteger: Bool) {
        skipWhitespace()
        let start = position
        var integer = true
        if peek == 0x2D { position += 1 }
        guard let first = peek, first >= 0x30 && first <= 0x39 else { throw fail("expected a number") }
        if first == 0x30 { position += 1 } else { while let d = peek, d >= 0x30 && d <= 0x39 { position += 1 } }
        if peek == 0x2E {
            integer = false
            position += 1
            guard let d = peek, d >= 0x30 && d <= 0x39 else { throw fail("expected digits after the decimal point") }
            while let d = peek, d >= 0x30 && d <= 0x39 { position += 1 }
        }
        if peek == 0x65 || peek == 0x45 {
            integer = false
            position += 1
            if peek == 0x2B || peek == 0x2D { position += 1 }
            guard let d = peek, d >= 0x30 && d <= 0x39 else { throw fail("expected digits in the exponent") }
            while let d = peek, d >= 0x30 && d <= 0x39 { position += 1 }
        }
        return (nil, start..<position, integer)
    }

    /// An integer value (no fraction, no exponent) that fits in `Int`.
    mutating func integer() throws(Failure) -> Int {
        let at = position
        let n = try number()
        guard n.isInteger else { position = at; throw fail("expected an integer") }
        // Accumulated with the number's sign, so Int.min reads back as it was written.
        var value = 0
        var sign = 1
        for i in n.range {
            let b = bytes[i]
            if b == 0x2D { sign = -1; continue }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(sign * Int(b - 0x30))
            if o1 || o2 { position = at; throw fail("integer out of range") }
            value = s
        }
        return value
    }

    /// A floating-point value.
    mutating func double() throws(Failure) -> Double {
        let at = position
        let n = try number()
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[n.range]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else { position = at; throw fail("number out of range") }
        return value
    }

    // MARK: Skipping

    /// Skips any JSON value, validating it, and returns the range of its bytes.
    mutating func skipValue(depth: Int = 0) throws(Failure) -> Range<Int> {
        guard depth < 64 else { throw fail("nesting deeper than 64 levels") }
        skipWhitespace()
        let start = position
        guard let b = peek else { throw fail("line ends early: expected a value") }
        switch b {
        case 0x22: _ = try string()
        case 0x7B:
            position += 1
            if !consume(0x7D) {
                repeat {
                    _ = try string()
                    try expect(0x3A, "':'")
                    _ = try skipValue(depth: depth + 1)
                } while consume(0x2C)
                try expect(0x7D, "',' or '}'")
            }
        case 0x5B:
            position += 1
            if !consume(0x5D) {
                repeat { _ = try skipValue(depth: depth + 1) } while consume(0x2C)
                try expect(0x5D, "',' or ']'")
            }
        case 0x74: try literal("true")
        case 0x66: try literal("false")
        case 0x6E: try literal("null")
        default: _ = try number()
        }
        return start..<position
    }

    mutating func literal(_ word: StaticString) throws(Failure) {
        let n = word.utf8CodeUnitCount
        guard position + n <= bytes.count else { throw fail("unexpected value") }
        let w = UnsafeBufferPointer(start: word.utf8Start, count: n)
        for k in 0..<n where bytes[position + k] != w[k] { throw fail("unexpected value") }
        position += n
    }

    /// Whether `null` is next; consumes it if so.
    mutating func consumeNull() -> Bool {
        skipWhitespace()
        if peek == 0x6E, (try? literal("null")) != nil { return true }
        return false
    }
}
