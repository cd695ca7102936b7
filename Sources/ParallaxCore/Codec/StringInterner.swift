#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Shares the strings that repeat from one annotation line to the next (document ids,
/// content hashes, questions, analysts, tags): a value met again is the same `String`,
/// so 100,000 annotations on one document hold one copy of its 64-byte hash, not 100,000.
///
/// A small direct-mapped cache: a miss replaces the slot, so memory stays bounded whatever
/// the input, and a value seen once costs no more than decoding it.
struct StringInterner {
    private var slots: [String]
    private let mask: Int

    /// Strings longer than this are never shared (notes, quotes: rarely repeated).
    static let maximumLength = 96

    /// Creates an interner with `capacity` slots (a power of two).
    init(capacity: Int = 4096) {
        precondition(capacity > 0 && capacity & (capacity - 1) == 0)
        slots = Array(repeating: "", count: capacity)
        mask = capacity - 1
    }

    /// The string for these bytes, shared when it was seen before; `nil` when they are not
    /// valid UTF-8.
    mutating func string(_ b: UnsafeBufferPointer<UInt8>) -> String? {
        guard b.count > 0 else { return "" }
        guard b.count <= StringInterner.maximumLength else { return JSONScanner.string(validating: b) }
        let slot = StringInterner.hash(b) & mask
        var cached = slots[slot]
        let hit = cached.withUTF8 { c in c.count == b.count && memcmp(c.baseAddress!, b.baseAddress!, b.count) == 0 }
        if hit { return cached }
        guard let made = JSONScanner.string(validating: b) else { return nil }
        slots[slot] = made
        return made
    }

    /// A cheap hash of the first and last eight bytes and the length.
    @inline(__always)
    private static func hash(_ b: UnsafeBufferPointer<UInt8>) -> Int {
        let n = b.count
        let p = UnsafeRawPointer(b.baseAddress!)
        var h: UInt64
        if n >= 8 {
            h = p.loadUnaligned(as: UInt64.self) ^ (p.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) &* 0x9E37_79B9_7F4A_7C15)
        } else {
            h = 0
            for k in 0..<n { h = h << 8 | UInt64(b[k]) }
        }
        h ^= UInt64(n)
        h = (h ^ (h >> 29)) &* 0xBF58_476D_1CE4_E5B9
        return Int(truncatingIfNeeded: h ^ (h >> 32))
    }
}
