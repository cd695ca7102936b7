#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Exact search of UTF-8 bytes. A byte match of valid UTF-8 is always a match of whole
/// scalars, so no decoding is needed to find a quote.
enum ByteSearch {
    /// Every start offset of `needle` in `haystack[from..<to]`, overlapping ones included.
    ///
    /// `memchr` jumps to the needle's rarest byte (by a rough English letter frequency) and
    /// `memcmp` checks the rest, which skips far more text than searching for a first byte
    /// that is often a space or an "e".
    /// - Complexity: O(n) plus one comparison per occurrence of the rare byte.
    static func occurrences(of needle: [UInt8], in haystack: [UInt8], from: Int = 0, to: Int? = nil) -> [Int] {
        let to = min(to ?? haystack.count, haystack.count)
        let m = needle.count
        let from = max(0, from)
        guard m > 0, to - from >= m else { return [] }
        var pivot = 0
        for i in 1..<m where rank[Int(needle[i])] < rank[Int(needle[pivot])] { pivot = i }
        var result: [Int] = []
        haystack.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { pin in
                guard let base = hay.baseAddress, let p = pin.baseAddress else { return }
                let key = Int32(needle[pivot])
                let lastStart = to - m
                var start = from
                while start <= lastStart {
                    // Look for the pivot byte of an occurrence starting in start...lastStart.
                    guard let raw = memchr(base + start + pivot, key, lastStart - start + 1) else { break }
                    let at = base.distance(to: raw.assumingMemoryBound(to: UInt8.self)) - pivot
                    if memcmp(base + at, p, m) == 0 { result.append(at) }
                    start = at + 1
                }
            }
        }
        return result
    }

    /// How common a byte is in running text (higher is more common); the pivot of a search
    /// is the needle byte with the lowest rank.
    static let rank: [UInt8] = {
        var r = [UInt8](repeating: 20, count: 256)        // punctuation, controls
        for b in UInt8(ascii: "a")...UInt8(ascii: "z") { r[Int(b)] = 120 }
        for c in "etaoinshrdlu".utf8 { r[Int(c)] = 200 }
        for b in UInt8(ascii: "A")...UInt8(ascii: "Z") { r[Int(b)] = 40 }
        for b in UInt8(ascii: "0")...UInt8(ascii: "9") { r[Int(b)] = 30 }
        r[0x20] = 255
        r[0x0A] = 30
        for b in 0x80...0xBF { r[b] = 60 }                  // continuation bytes
        for b in 0xC0...0xFF { r[b] = 50 }                  // lead bytes
        r[0xE2] = 90                                        // ’ “ ” — …
        return r
    }()
}
