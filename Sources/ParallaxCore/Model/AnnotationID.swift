#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Generates ULIDs: 48 bits of milliseconds and 80 random bits in Crockford base 32, so ids
/// sort by creation time and never collide in practice. Within one millisecond the random
/// part is incremented, so ids made by one generator are strictly increasing.
public struct AnnotationID: Sendable {
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)
    private var lastTime: UInt64 = 0
    private var lastRandom: (UInt16, UInt64) = (0, 0)

    /// Creates a generator.
    public init() {}

    /// A new id for the given time (milliseconds since 1970).
    public mutating func next(milliseconds: UInt64) -> String {
        var time = milliseconds
        if time <= lastTime {
            time = lastTime
            // Same millisecond: increment the 80-bit random part.
            let (low, overflow) = lastRandom.1.addingReportingOverflow(1)
            lastRandom = (lastRandom.0 &+ (overflow ? 1 : 0), low)
        } else {
            var g = SystemRandomNumberGenerator()
            lastRandom = (UInt16.random(in: 0...UInt16.max, using: &g) & 0x7FFF, g.next())
        }
        lastTime = time
        return AnnotationID.encode(time: time, high: lastRandom.0, low: lastRandom.1)
    }

    static func encode(time: UInt64, high: UInt16, low: UInt64) -> String {
        var out = [UInt8](repeating: 0, count: 26)
        var t = time
        for i in stride(from: 9, through: 0, by: -1) { out[i] = alphabet[Int(t & 31)]; t >>= 5 }
        // 80 random bits = high 16 bits + low 64 bits.
        var lo = low
        var hi = UInt64(high)
        for i in stride(from: 25, through: 10, by: -1) {
            out[i] = alphabet[Int(lo & 31)]
            lo = (lo >> 5) | ((hi & 31) << 59)
            hi >>= 5
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether a string has the shape of an id: 1 to 64 characters from `[0-9A-Za-z_-]`.
    /// (ULIDs are the default, but ids written by other tools are accepted.)
    public static func isValid(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 64 && id.utf8.allSatisfy {
            ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F || $0 == 0x2D
        }
    }
}

/// Wall-clock time helpers (UTC).
public enum Clock {
    /// Milliseconds since 1970.
    public static func nowMilliseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return UInt64(ts.tv_sec) * 1000 + UInt64(ts.tv_nsec) / 1_000_000
    }

    /// ISO 8601 UTC time with second precision, e.g. `2026-11-23T16:00:00Z`.
    public static func iso8601(milliseconds: UInt64) -> String {
        var seconds = time_t(milliseconds / 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }

    private static let digitPositions = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18]

    /// Whether a string is an ISO 8601 UTC timestamp of the form `YYYY-MM-DDTHH:MM:SS[.fff]Z`.
    public static func isISO8601(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { b in
            guard b.count >= 20, b[b.count - 1] == 0x5A else { return false }
            @inline(__always) func digit(_ i: Int) -> Bool { b[i] >= 0x30 && b[i] <= 0x39 }
            for i in digitPositions where !digit(i) { return false }
            guard b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54, b[13] == 0x3A, b[16] == 0x3A else { return false }
            if b.count == 20 { return true }
            guard b.count > 21, b[19] == 0x2E else { return false }
            for i in 20..<(b.count - 1) where !digit(i) { return false }
            return true
        }
    }
}
