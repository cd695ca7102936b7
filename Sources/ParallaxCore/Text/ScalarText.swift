import Foundation

/// A text addressed by Unicode scalar offsets, the unit of every stored and exported span.
///
/// Keeps the exact UTF-8 bytes and a sparse index (one checkpoint every 64 scalars) so that
/// conversions between scalar, UTF-8 and UTF-16 offsets and `String.Index` cost at most a
/// short forward scan, without an array entry per scalar.
public struct ScalarText: Sendable {
    /// The exact bytes, as read.
    public let utf8: [UInt8]
    /// Number of Unicode scalars.
    public let scalarCount: Int
    /// Number of UTF-16 code units.
    public let utf16Count: Int

    static let stride = 64
    /// UTF-8 offset of scalar `k * stride`.
    private let utf8Checkpoints: [Int]
    /// UTF-16 offset of scalar `k * stride`.
    private let utf16Checkpoints: [Int]
    /// ``string``, made on first use: the standard library validates UTF-8 again when it
    /// makes a `String` (≈ 200 MB/s), which most texts never need.
    private let lazyString: LazyString

    /// The text as a Swift string (same bytes), made on first use and kept.
    public var string: String { lazyString.value(utf8) }

    /// Indexes a string.
    /// - Complexity: O(n) in the UTF-8 length.
    public init(_ string: String) {
        self.init(validUTF8: Array(string.utf8), string: string)
    }

    /// Indexes bytes that must be valid UTF-8.
    /// - Throws: ``ParallaxError`` with the byte offset of the first invalid sequence.
    public init(utf8 bytes: [UInt8], origin: String) throws {
        if let bad = ScalarText.firstInvalidUTF8(bytes) {
            throw ParallaxError(.invalidData, "invalid UTF-8 at byte \(bad)", at: origin,
                                hint: "save the file as UTF-8")
        }
        self.init(validUTF8: bytes, string: nil)
    }

    private init(validUTF8 bytes: [UInt8], string: String?) {
        utf8 = bytes
        lazyString = LazyString(string)
        let n = bytes.count
        var c8: [Int] = []
        var c16: [Int] = []
        c8.reserveCapacity(n / ScalarText.stride + 1)
        c16.reserveCapacity(n / ScalarText.stride + 1)
        var scalars = 0, u16 = 0, i = 0
        bytes.withUnsafeBufferPointer { b in
            guard let p = b.baseAddress else { return }
            while i < n {
                let phase = scalars & (ScalarText.stride - 1)
                if phase == 0 { c8.append(i); c16.append(u16) }
                // Eight ASCII bytes at once, when no checkpoint falls inside them.
                if phase <= ScalarText.stride - 8, i + 8 <= n,
                   UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    i += 8; scalars += 8; u16 += 8
                    continue
                }
                let len = ScalarText.sequenceLength(p[i])
                u16 += len == 4 ? 2 : 1
                i += len
                scalars += 1
            }
        }
        if scalars % ScalarText.stride == 0 { c8.append(i); c16.append(u16) }
        scalarCount = scalars
        utf16Count = u16
        utf8Checkpoints = c8
        utf16Checkpoints = c16
    }

    @inline(__always)
    static func sequenceLength(_ lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }

    /// The byte offset of the first invalid UTF-8 sequence, or `nil` when the bytes are valid.
    public static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { firstInvalidUTF8($0) }
    }

    /// The byte offset of the first invalid UTF-8 sequence, or `nil` when the bytes are valid
    /// (well-formed as in the Unicode Standard's table 3-7: no overlong forms, no surrogates,
    /// nothing above U+10FFFF).
    /// - Complexity: O(n); ASCII runs are checked eight bytes at a time.
    public static func firstInvalidUTF8(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let p = b.baseAddress else { return nil }
        let n = b.count
        var i = 0
        while i < n {
            if i + 8 <= n, UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
                continue
            }
            let b0 = p[i]
            if b0 < 0x80 { i += 1; continue }
            if b0 < 0xC2 { return i }
            @inline(__always) func continuation(_ k: Int) -> Bool { p[k] & 0xC0 == 0x80 }
            if b0 < 0xE0 {
                guard i + 1 < n, continuation(i + 1) else { return i }
                i += 2
            } else if b0 < 0xF0 {
                guard i + 2 < n else { return i }
                let b1 = p[i + 1]
                let low: UInt8 = b0 == 0xE0 ? 0xA0 : 0x80, high: UInt8 = b0 == 0xED ? 0x9F : 0xBF
                guard b1 >= low, b1 <= high, continuation(i + 2) else { return i }
                i += 3
            } else if b0 < 0xF5 {
                guard i + 3 < n else { return i }
                let b1 = p[i + 1]
                let low: UInt8 = b0 == 0xF0 ? 0x90 : 0x80, high: UInt8 = b0 == 0xF4 ? 0x8F : 0xBF
                guard b1 >= low, b1 <= high, continuation(i + 2), continuation(i + 3) else { return i }
                i += 4
            } else {
                return i
            }
        }
        return nil
    }

    /// The scalar whose UTF-8 sequence starts at `p[i]`, and the sequence's length in bytes
    /// (the bytes must be valid UTF-8).
    @inline(__always)
    static func decode(_ p: UnsafePointer<UInt8>, at i: Int) -> (scalar: UInt32, length: Int) {
        let lead = p[i]
        if lead < 0x80 { return (UInt32(lead), 1) }
        let len = sequenceLength(lead)
        var value = UInt32(lead) & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07)
        for k in 1..<len { value = (value << 6) | (UInt32(p[i + k]) & 0x3F) }
        return (value, len)
    }

    /// The scalar whose UTF-8 sequence starts at byte `i` (the bytes are valid).
    @inline(__always)
    func decodeScalar(atUTF8 i: Int) -> UInt32 {
        utf8.withUnsafeBufferPointer { ScalarText.decode($0.baseAddress!, at: i).scalar }
    }

    /// The scalar that ends just before byte `i`.
    @inline(__always)
    func decodeScalar(endingAtUTF8 i: Int) -> UInt32 {
        var start = i - 1
        while start > 0 && utf8[start] & 0xC0 == 0x80 { start -= 1 }
        return decodeScalar(atUTF8: start)
    }

    // MARK: Conversions

    /// The UTF-8 offset where scalar `offset` starts (`scalarCount` maps to the byte count).
    /// - Complexity: O(1) amortised: at most 63 scalars are scanned.
    public func utf8Offset(ofScalar offset: Int) -> Int {
        precondition(offset >= 0 && offset <= scalarCount, "scalar offset \(offset) out of 0...\(scalarCount)")
        var i = utf8Checkpoints[offset / ScalarText.stride]
        var k = offset % ScalarText.stride
        guard k > 0 else { return i }
        return utf8.withUnsafeBufferPointer { b in
            let p = b.baseAddress!
            let n = b.count
            while k > 0 {
                // Eight ASCII scalars at once.
                if k >= 8, i + 8 <= n, UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    i += 8; k -= 8
                    continue
                }
                i += ScalarText.sequenceLength(p[i]); k -= 1
            }
            return i
        }
    }

    /// The scalar offset of the scalar that starts at (or contains) UTF-8 offset `offset`.
    public func scalarOffset(ofUTF8 offset: Int) -> Int {
        precondition(offset >= 0 && offset <= utf8.count, "UTF-8 offset \(offset) out of 0...\(utf8.count)")
        var lo = 0, hi = utf8Checkpoints.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if utf8Checkpoints[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        var i = utf8Checkpoints[lo]
        var s = lo * ScalarText.stride
        while i < offset {
            let next = i + ScalarText.sequenceLength(utf8[i])
            if next > offset { break }
            i = next; s += 1
        }
        return s
    }

    /// The UTF-16 offset where scalar `offset` starts.
    public func utf16Offset(ofScalar offset: Int) -> Int {
        precondition(offset >= 0 && offset <= scalarCount, "scalar offset \(offset) out of 0...\(scalarCount)")
        let k = offset / ScalarText.stride
        var i = utf8Checkpoints[k]
        var u = utf16Checkpoints[k]
        var r = offset % ScalarText.stride
        while r > 0 {
            let len = ScalarText.sequenceLength(utf8[i])
            u += len == 4 ? 2 : 1
            i += len; r -= 1
        }
        return u
    }

    /// The scalar offset at UTF-16 offset `offset` (an offset inside a surrogate pair maps to
    /// the scalar it belongs to).
    public func scalarOffset(ofUTF16 offset: Int) -> Int {
        precondition(offset >= 0 && offset <= utf16Count, "UTF-16 offset \(offset) out of 0...\(utf16Count)")
        var lo = 0, hi = utf16Checkpoints.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if utf16Checkpoints[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        var i = utf8Checkpoints[lo]
        var u = utf16Checkpoints[lo]
        var s = lo * ScalarText.stride
        while u < offset {
            let len = ScalarText.sequenceLength(utf8[i])
            let next = u + (len == 4 ? 2 : 1)
            if next > offset { break }
            u = next; i += len; s += 1
        }
        return s
    }

    /// The `String.Index` of scalar `offset` in ``string``.
    public func stringIndex(ofScalar offset: Int) -> String.Index {
        string.utf8.index(string.utf8.startIndex, offsetBy: utf8Offset(ofScalar: offset))
    }

    /// The scalar offset of a `String.Index` of ``string``.
    public func scalarOffset(of index: String.Index) -> Int {
        scalarOffset(ofUTF8: string.utf8.distance(from: string.utf8.startIndex, to: index))
    }

    /// The text of scalars `[start, end)`.
    public func text(_ start: Int, _ end: Int) -> String {
        let a = utf8Offset(ofScalar: start)
        let b = utf8Offset(ofScalar: end)
        return String(decoding: utf8[a..<b], as: UTF8.self)
    }

    /// Whether scalars `[start, end)` are exactly `other`, compared as bytes (no string is made).
    public func text(_ start: Int, _ end: Int, equals other: String) -> Bool {
        let a = utf8Offset(ofScalar: start)
        let b = utf8Offset(ofScalar: end)
        var other = other
        return other.withUTF8 { o in
            o.count == b - a && utf8.withUnsafeBufferPointer { u in
                o.isEmpty || memcmp(u.baseAddress! + a, o.baseAddress!, o.count) == 0
            }
        }
    }

    /// The scalar at `offset`.
    public func scalar(at offset: Int) -> Unicode.Scalar {
        Unicode.Scalar(decodeScalar(atUTF8: utf8Offset(ofScalar: offset)))!
    }

    // MARK: Grapheme clusters

    /// Whether a span boundary at scalar `offset` falls between two grapheme clusters.
    public func isGraphemeBoundary(_ offset: Int) -> Bool {
        if offset <= 0 || offset >= scalarCount { return true }
        if isPlainBoundary(offset) { return true }
        return graphemeBoundaries(near: offset).contains(offset)
    }

    /// Whether `offset` is surely a cluster boundary from its two neighbours alone: neither
    /// is a scalar that can join a cluster (combining marks start at U+0300; U+2010–U+2027
    /// are dashes, quotes, bullets and the ellipsis), and they are not CR LF. Every rule of
    /// UAX #29 that keeps two scalars together needs one of them to be outside that set.
    /// Answers most offsets of Latin text without breaking a window into characters.
    @inline(__always)
    private func isPlainBoundary(_ offset: Int) -> Bool {
        let i = utf8Offset(ofScalar: offset)
        let before = decodeScalar(endingAtUTF8: i), after = decodeScalar(atUTF8: i)
        @inline(__always) func plain(_ v: UInt32) -> Bool { v < 0x300 || (v >= 0x2010 && v <= 0x2027) }
        return plain(before) && plain(after) && !(before == 0x0D && after == 0x0A)
    }

    /// The smallest range of whole grapheme clusters that contains `[start, end)`.
    /// An empty range stays empty, moved to the boundary at or before it.
    public func widenedToGraphemes(_ start: Int, _ end: Int) -> (start: Int, end: Int) {
        let s = boundary(atOrBefore: start)
        let e = end <= start ? s : boundary(atOrAfter: end)
        return (s, e)
    }

    private func boundary(atOrBefore offset: Int) -> Int {
        if offset <= 0 { return 0 }
        if offset >= scalarCount { return scalarCount }
        if isPlainBoundary(offset) { return offset }
        return graphemeBoundaries(near: offset).last(where: { $0 <= offset }) ?? offset
    }

    private func boundary(atOrAfter offset: Int) -> Int {
        if offset <= 0 { return 0 }
        if offset >= scalarCount { return scalarCount }
        if isPlainBoundary(offset) { return offset }
        return graphemeBoundaries(near: offset).first(where: { $0 >= offset }) ?? offset
    }

    /// Grapheme boundaries (scalar offsets) in a window around `offset`. The window starts
    /// right after a line feed when one is near (always a cluster boundary), so breaking the
    /// window as a string of its own gives the same clusters as the whole text.
    private func graphemeBoundaries(near offset: Int) -> [Int] {
        let reach = 128
        var start = max(0, offset - reach)
        // The last line feed among scalars [start, offset - 2]: a byte search, as 0x0A is
        // never part of a longer UTF-8 sequence.
        let low = utf8Offset(ofScalar: start)
        var p = utf8Offset(ofScalar: max(start, offset - 1)) - 1
        while p >= low {
            if utf8[p] == 0x0A { start = scalarOffset(ofUTF8: p) + 1; break }
            p -= 1
        }
        let end = min(scalarCount, offset + reach)
        let window = text(start, end)
        var result: [Int] = [start]
        var position = start
        for character in window {
            position += character.unicodeScalars.count
            result.append(position)
        }
        return result
    }
}

/// A string made once, on first use, shared by copies of a ``ScalarText``.
private final class LazyString: @unchecked Sendable {
    private let lock = NSLock()
    private var made: String?

    init(_ string: String?) { made = string }

    func value(_ bytes: [UInt8]) -> String {
        lock.lock()
        defer { lock.unlock() }
        if let made { return made }
        let s = String(decoding: bytes, as: UTF8.self)
        made = s
        return s
    }
}
