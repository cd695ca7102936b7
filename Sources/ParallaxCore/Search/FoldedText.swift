#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A text folded once for searching, with a map from every folded byte back to the scalar
/// offset it came from in the original text.
///
/// The map is kept sparse: folded byte `i` usually comes from the scalar after the one
/// that gave byte `i - 1` (a plain letter, a curly quote folded to `'`), so only the places
/// where that is not so are stored — after a collapsed run of whitespace, or inside a scalar
/// that folds to several bytes (`…` → `...`). For English text that is a handful of entries
/// per paragraph instead of four bytes per byte.
public struct FoldedText: Sendable {
    /// The folded UTF-8 bytes (whitespace runs collapsed to one space).
    public let bytes: [UInt8]
    /// Folded offsets where the map to scalar offsets starts afresh, increasing, from 0.
    package let breaks: [Int32]
    /// The scalar offset of the folded byte at each break.
    package let bases: [Int32]

    /// Folds a text.
    /// - Complexity: O(n); the one-time cost of preparing a document for search.
    public init(_ text: ScalarText) {
        var breaks: [Int32] = []
        var bases: [Int32] = []
        let n = text.utf8.count
        // Folding rarely lengthens a text (`ß` → `ss` does not: two bytes each); the rare
        // text that would outgrow the room is finished with plain appends.
        var resumeAt = n, resumeOffset: Int32 = 0, resumeSpace = false, resumeExpected: Int32 = 0
        var folded = [UInt8](unsafeUninitializedCapacity: n + n / 8 + 64) { out, count in
            text.utf8.withUnsafeBufferPointer { raw in
                guard let p = raw.baseAddress, let o = out.baseAddress else { return }
                var i = 0, w = 0
                var offset: Int32 = 0
                var expected: Int32 = -1
                var lastWasSpace = false
                let room = out.count - 32
                var scratch: [UInt8] = []
                scratch.reserveCapacity(32)
                while i < n {
                    if w >= room {
                        resumeAt = i; resumeOffset = offset; resumeSpace = lastWasSpace; resumeExpected = expected
                        break
                    }
                    let lead = p[i]
                    if lead < 0x80 {
                        if lead == 0x20 || (lead >= 0x09 && lead <= 0x0D) {
                            if !lastWasSpace {
                                if offset != expected { breaks.append(Int32(w)); bases.append(offset) }
                                o[w] = 0x20; w += 1; expected = offset + 1; lastWasSpace = true
                            }
                        } else {
                            if offset != expected { breaks.append(Int32(w)); bases.append(offset) }
                            o[w] = lead &+ (lead >= 0x41 && lead <= 0x5A ? 0x20 : 0)
                            w += 1; expected = offset + 1; lastWasSpace = false
                        }
                        i += 1
                    } else {
                        let (value, len) = ScalarText.decode(p, at: i)
                        scratch.removeAll(keepingCapacity: true)
                        let added = Folding.append(Unicode.Scalar(value)!, to: &scratch, lastWasSpace: &lastWasSpace)
                        for k in 0..<added {
                            if offset != expected { breaks.append(Int32(w)); bases.append(offset) }
                            // Every byte of a multi-byte folding maps to the same scalar, so
                            // each after the first starts a break of its own.
                            o[w] = scratch[k]; w += 1; expected = offset + 1
                        }
                        i += len
                    }
                    offset += 1
                }
                count = w
            }
        }
        if resumeAt < n {
            var offset = resumeOffset, expected = resumeExpected, lastWasSpace = resumeSpace
            var i = resumeAt
            let u = text.utf8
            while i < n {
                let len = ScalarText.sequenceLength(u[i])
                let before = folded.count
                let added = Folding.append(Unicode.Scalar(text.decodeScalar(atUTF8: i))!, to: &folded, lastWasSpace: &lastWasSpace)
                for k in 0..<added {
                    if offset != expected { breaks.append(Int32(before + k)); bases.append(offset) }
                    expected = offset + 1
                }
                i += len
                offset += 1
            }
        }
        self.bytes = folded
        self.breaks = breaks
        self.bases = bases
    }

    /// The original scalar offset that produced folded byte `i`.
    /// - Complexity: O(log b) for b breaks in the map.
    public func origin(at i: Int) -> Int {
        breaks.withUnsafeBufferPointer { b in bases.withUnsafeBufferPointer { FoldedText.origin(at: i, breaks: b, bases: $0) } }
    }

    /// Every occurrence of an already-folded needle, as original scalar ranges
    /// `[start, end)` (not yet widened to grapheme clusters). Occurrences do not overlap.
    /// - Complexity: O(n): see ``scan(_:for:_:)``.
    public func occurrences(of needle: [UInt8], scalarCount: Int) -> [(start: Int, end: Int)] {
        guard !needle.isEmpty, needle.count <= bytes.count else { return [] }
        var result: [(Int, Int)] = []
        let m = needle.count
        bytes.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { pin in
                FoldedText.scan(hay, for: pin) { at in
                    let start = origin(at: at)
                    let end = origin(at: at + m - 1) + 1
                    result.append((start, min(end, scalarCount)))
                }
            }
        }
        return result
    }

    /// The scalar offset of folded byte `i` through a sparse map (`breaks` increasing from 0).
    @inline(__always)
    static func origin(at i: Int, breaks: UnsafeBufferPointer<Int32>, bases: UnsafeBufferPointer<Int32>) -> Int {
        var lo = 0, hi = breaks.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if Int(breaks[mid]) <= i { lo = mid } else { hi = mid - 1 }
        }
        return Int(bases[lo]) + (i - Int(breaks[lo]))
    }

    /// Calls `found` with the start of every occurrence of `pin` in `hay`, left to right,
    /// without overlaps (as a reader counts).
    /// - Complexity: O(n). Sixteen positions are tested at once (one 16-byte vector compare
    ///   for each of the needle's two rarest bytes, by their frequency in English text, at
    ///   their distance in the needle); only where both are in place is the whole needle
    ///   compared. Measured on 100 MB of folded text, one core: 7–8 ms for a rare pair (2.7×
    ///   faster than 8 bytes at a time); 32 bytes a step (two vectors, or SIMD32) was slower.
    @inline(__always)
    static func scan(_ hay: UnsafeBufferPointer<UInt8>, for pin: UnsafeBufferPointer<UInt8>, _ found: (Int) -> Void) {
        let m = pin.count
        guard m > 0, m <= hay.count, let base = hay.baseAddress, let p = pin.baseAddress else { return }
        var from = 0
        let limit = hay.count - m  // last start position that fits
        if m == 1 {
            while from <= limit {
                guard let raw = memchr(base + from, Int32(p[0]), limit - from + 1) else { break }
                let at = base.distance(to: raw.assumingMemoryBound(to: UInt8.self))
                found(at)
                from = at + 1
            }
            return
        }
        let (j1, j2) = FoldedText.rarestPositions(pin)
        let v1 = SIMD16<UInt8>(repeating: p[j1]), v2 = SIMD16<UInt8>(repeating: p[j2])
        let raw = UnsafeRawPointer(base)
        var at = 0
        // Starts [at, at + 16) need bytes up to at + 15 + max(j1, j2) < count.
        while at + 15 <= limit {
            let a = raw.loadUnaligned(fromByteOffset: at + j1, as: SIMD16<UInt8>.self)
            let b = raw.loadUnaligned(fromByteOffset: at + j2, as: SIMD16<UInt8>.self)
            let both = (a .== v1) .& (b .== v2)
            if any(both) {
                // 0x80 in each byte where both matched, read as two 64-bit words.
                let marks = unsafeBitCast(SIMD16<UInt8>(repeating: 0).replacing(with: 0x80, where: both), to: SIMD2<UInt64>.self)
                for w in 0..<2 {
                    var candidates = marks[w]
                    while candidates != 0 {
                        let k = at + 8 * w + candidates.trailingZeroBitCount / 8
                        candidates &= candidates - 1
                        if k >= from && memcmp(base + k, p, m) == 0 { found(k); from = k + m }
                    }
                }
            }
            at += 16
        }
        while at <= limit {
            if at >= from && memcmp(base + at, p, m) == 0 { found(at); from = at + m }
            at += 1
        }
    }

    /// The scan without any vector trick, one position at a time: the reference the tests
    /// hold ``scan(_:for:_:)`` to.
    static func simpleScan(_ hay: UnsafeBufferPointer<UInt8>, for pin: UnsafeBufferPointer<UInt8>, _ found: (Int) -> Void) {
        let m = pin.count
        guard m > 0, m <= hay.count else { return }
        var at = 0
        while at <= hay.count - m {
            if (0..<m).allSatisfy({ hay[at + $0] == pin[$0] }) { found(at); at += m } else { at += 1 }
        }
    }

    /// Positions in the needle of its two rarest distinct-position bytes.
    static func rarestPositions(_ needle: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
        var order = Array(needle.indices)
        order.sort { rarity(needle[$0]) < rarity(needle[$1]) || (rarity(needle[$0]) == rarity(needle[$1]) && $0 < $1) }
        return (order[0], order[1])
    }

    /// How common a folded byte is in English text: lower is rarer.
    static func rarity(_ b: UInt8) -> Int {
        // Letters from least to most frequent; then digits and punctuation are rare, space
        // and `e` the most common.
        let letters: StaticString = "zqxjkvbpygfwmucldrhsnioate"
        if b >= 0x61 && b <= 0x7A {
            let p = letters.utf8Start
            for k in 0..<26 where p[k] == b { return 10 + k }
        }
        if b == 0x20 { return 40 }
        if b >= 0x80 { return 0 }
        return 5
    }
}
