// Byte-level helpers the anchoring code uses on the new text. Internal: offsets here are UTF-8
// byte offsets that always fall on scalar boundaries unless stated otherwise.

extension ScalarText {
    /// Whether a byte is a UTF-8 continuation byte (not the start of a scalar).
    @inline(__always)
    static func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }

    /// The scalar values of scalars `[start, end)`.
    func scalarValues(_ start: Int, _ end: Int) -> [UInt32] {
        let a = utf8Offset(ofScalar: start)
        let b = utf8Offset(ofScalar: end)
        return ScalarText.decode(utf8, a, b)
    }

    /// The scalar values of UTF-8 bytes `[from, to)`, which must hold whole scalars.
    static func decode(_ bytes: [UInt8], _ from: Int, _ to: Int) -> [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(to - from)
        bytes.withUnsafeBufferPointer { b in
            var i = from
            while i < to {
                let (value, len) = decode(b.baseAddress!, at: i)
                out.append(value)
                i += len
            }
        }
        return out
    }

    /// The number of scalars that start in `bytes[from..<to]`.
    static func scalarCount(_ bytes: [UInt8], _ from: Int, _ to: Int) -> Int {
        var n = 0
        var i = from
        while i < to {
            if !isContinuation(bytes[i]) { n += 1 }
            i += 1
        }
        return n
    }

    /// The byte offset `count` scalars before byte offset `offset` (or 0).
    func utf8Offset(scalars count: Int, before offset: Int) -> Int {
        var i = offset
        var k = count
        while k > 0 && i > 0 {
            i -= 1
            while i > 0 && ScalarText.isContinuation(utf8[i]) { i -= 1 }
            k -= 1
        }
        return i
    }

    /// The byte offset `count` scalars after byte offset `offset` (or the end).
    func utf8Offset(scalars count: Int, after offset: Int) -> Int {
        var i = offset
        var k = count
        let n = utf8.count
        while k > 0 && i < n {
            i += ScalarText.sequenceLength(utf8[i])
            k -= 1
        }
        return min(i, n)
    }

    /// Whether byte offset `offset` (a scalar boundary) is also a grapheme cluster boundary.
    ///
    /// Between two ASCII scalars other than CR LF a cluster always breaks (no ASCII scalar is
    /// Extend, ZWJ, SpacingMark, Prepend or a regional indicator), which settles almost every
    /// call without segmenting a window of text.
    func isGraphemeBoundary(utf8 offset: Int) -> Bool {
        if offset <= 0 || offset >= utf8.count { return true }
        let before = utf8[offset - 1]
        let after = utf8[offset]
        if before < 0x80 && after < 0x80 { return !(before == 0x0D && after == 0x0A) }
        return isGraphemeBoundary(scalarOffset(ofUTF8: offset))
    }
}
