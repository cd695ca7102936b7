#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A text folded once for searching, with a map from every folded byte back to the scalar
/// offset it came from in the original text.
public struct FoldedText: Sendable {
    /// The folded UTF-8 bytes (whitespace runs collapsed to one space).
    public let bytes: [UInt8]
    /// `origin[i]` is the original scalar offset that produced folded byte `i`.
    public let origin: [Int32]

    /// Folds a text.
    /// - Complexity: O(n); the one-time cost of preparing a document for search.
    public init(_ text: ScalarText) {
        var bytes: [UInt8] = []
        var origin: [Int32] = []
        bytes.reserveCapacity(text.utf8.count)
        origin.reserveCapacity(text.utf8.count)
        var lastWasSpace = false
        var offset: Int32 = 0
        text.utf8.withUnsafeBufferPointer { raw in
            var i = 0
            let n = raw.count
            while i < n {
                let lead = raw[i]
                if lead < 0x80 {
                    // ASCII fast path: inline of Folding.append.
                    var b = lead
                    if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
                        if !lastWasSpace { bytes.append(0x20); origin.append(offset); lastWasSpace = true }
                    } else {
                        if b >= 0x41 && b <= 0x5A { b += 0x20 }
                        bytes.append(b); origin.append(offset); lastWasSpace = false
                    }
                    i += 1
                } else {
                    let len = ScalarText.sequenceLength(lead)
                    var value = UInt32(lead) & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07)
                    for k in 1..<len { value = (value << 6) | (UInt32(raw[i + k]) & 0x3F) }
                    let added = Folding.append(Unicode.Scalar(value)!, to: &bytes, lastWasSpace: &lastWasSpace)
                    for _ in 0..<added { origin.append(offset) }
                    i += len
                }
                offset += 1
            }
        }
        self.bytes = bytes
        self.origin = origin
    }

    /// Every occurrence of an already-folded needle, as original scalar ranges
    /// `[start, end)` (not yet widened to grapheme clusters). Occurrences do not overlap.
    /// - Complexity: O(n): `memchr` finds candidates for the needle's first byte and
    ///   `memcmp` checks them (Glibc's `memmem` is a GNU extension Swift does not import).
    public func occurrences(of needle: [UInt8], scalarCount: Int) -> [(start: Int, end: Int)] {
        guard !needle.isEmpty, needle.count <= bytes.count else { return [] }
        var result: [(Int, Int)] = []
        bytes.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { pin in
                guard let base = hay.baseAddress, let p = pin.baseAddress else { return }
                let first = Int32(needle[0])
                let m = needle.count
                let limit = hay.count - m  // last start position that fits
                var from = 0
                while from <= limit {
                    guard let raw = memchr(base + from, first, limit - from + 1) else { break }
                    let at = base.distance(to: raw.assumingMemoryBound(to: UInt8.self))
                    if m == 1 || memcmp(base + at + 1, p + 1, m - 1) == 0 {
                        let start = Int(origin[at])
                        let end = Int(origin[at + m - 1]) + 1
                        result.append((start, min(end, scalarCount)))
                        from = at + m  // non-overlapping, as a reader counts
                    } else {
                        from = at + 1
                    }
                }
            }
        }
        return result
    }
}
