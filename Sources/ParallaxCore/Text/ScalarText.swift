/// A text addressed by Unicode scalar offsets, the unit of every stored and exported span.
///
/// Keeps the exact UTF-8 bytes and a sparse index (one checkpoint every 64 scalars) so that
/// conversions between scalar, UTF-8 and UTF-16 offsets and `String.Index` cost at most a
/// short forward scan, without an array entry per scalar.
public struct ScalarText: Sendable {
    /// The exact bytes, as read.
    public let utf8: [UInt8]
    /// The text as a Swift string (same bytes).
    public let string: String
    /// Number of Unicode scalars.
    public let scalarCount: Int
    /// Number of UTF-16 code units.
    public let utf16Count: Int

    static let stride = 64
    /// UTF-8 offset of scalar `k * stride`.
    private let utf8Checkpoints: [Int]
    /// UTF-16 offset of scalar `k * stride`.
    private let utf16Checkpoints: [Int]

    /// Indexes a string.
    /// - Complexity: O(n) in the UTF-8 length.
    public init(_ string: String) {
        self.init(validUTF8: Array(string.utf8))
    }

    /// Indexes bytes that must be valid UTF-8.
    /// - Throws: ``ParallaxError`` with the byte offset of the first invalid sequence.
    public init(utf8 bytes: [UInt8], origin: String) throws {
        if let bad = ScalarText.firstInvalidUTF8(bytes) {
            throw ParallaxError(.invalidData, "invalid UTF-8 at byte \(bad)", at: origin,
                                hint: "save the file as UTF-8")
        }
        self.init(validUTF8: bytes)
    }

    private init(validUTF8 bytes: [UInt8]) {
        utf8 = bytes
        string = String(decoding: bytes, as: UTF8.self)
        var c8: [Int] = []
        var c16: [Int] = []
        c8.reserveCapacity(bytes.count / ScalarText.stride + 1)
        c16.reserveCapacity(bytes.count / ScalarText.stride + 1)
        var scalars = 0, u16 = 0, i = 0
        let n = bytes.count
        bytes.withUnsafeBufferPointer { b in
            while i < n {
                if scalars % ScalarText.stride == 0 { c8.append(i); c16.append(u16) }
                let lead = b[i]
                let len = ScalarText.sequenceLength(lead)
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
        var offset = 0
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s): offset += String(s).utf8.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    // MARK: Conversions

    /// The UTF-8 offset where scalar `offset` starts (`scalarCount` maps to the byte count).
    /// - Complexity: O(1) amortised: at most 63 scalars are scanned.
    public func utf8Offset(ofScalar offset: Int) -> Int {
        precondition(offset >= 0 && offset <= scalarCount, "scalar offset \(offset) out of 0...\(scalarCount)")
        var i = utf8Checkpoints[offset / ScalarText.stride]
        var k = offset % ScalarText.stride
        while k > 0 { i += ScalarText.sequenceLength(utf8[i]); k -= 1 }
        return i
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

    /// The scalar at `offset`.
    public func scalar(at offset: Int) -> Unicode.Scalar {
        let i = utf8Offset(ofScalar: offset)
        let s = string.utf8.index(string.utf8.startIndex, offsetBy: i)
        return string.unicodeScalars[s]
    }

    // MARK: Grapheme clusters

    /// Whether a span boundary at scalar `offset` falls between two grapheme clusters.
    public func isGraphemeBoundary(_ offset: Int) -> Bool {
        if offset <= 0 || offset >= scalarCount { return true }
        return graphemeBoundaries(near: offset).contains(offset)
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
        return graphemeBoundaries(near: offset).last(where: { $0 <= offset }) ?? offset
    }

    private func boundary(atOrAfter offset: Int) -> Int {
        if offset <= 0 { return 0 }
        if offset >= scalarCount { return scalarCount }
        return graphemeBoundaries(near: offset).first(where: { $0 >= offset }) ?? offset
    }

    /// Grapheme boundaries (scalar offsets) in a window around `offset`. The window starts
    /// right after a line feed when one is near (always a cluster boundary), so breaking the
    /// window as a string of its own gives the same clusters as the whole text.
    private func graphemeBoundaries(near offset: Int) -> [Int] {
        let reach = 128
        var start = max(0, offset - reach)
        var scan = offset - 1
        while scan > start {
            if scalar(at: scan - 1) == "\n" { start = scan; break }
            scan -= 1
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
