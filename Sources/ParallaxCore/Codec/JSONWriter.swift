/// Appends canonical JSON to a byte buffer: compact, non-ASCII written as UTF-8, and the
/// same escapes as Python's `json.dumps(ensure_ascii=False)`, so files written by either
/// are byte-identical.
package struct JSONWriter {
    var bytes: [UInt8] = []

    init(capacity: Int = 600) { bytes.reserveCapacity(capacity) }

    mutating func raw(_ s: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    mutating func raw(_ b: [UInt8]) { bytes.append(contentsOf: b) }

    mutating func string(_ s: String) { JSONWriter.appendString(s, to: &bytes) }

    /// Appends `s` as a JSON string, quoted, with only what JSON requires escaped (`"`, `\\`
    /// and controls): the escapes of Python's `json.dumps(ensure_ascii=False)` and of
    /// Foundation's `JSONEncoder` with slashes unescaped alike.
    package static func appendString(_ s: String, to bytes: inout [UInt8]) {
        bytes.append(0x22)
        var s = s
        s.withUTF8 { u in
            guard let base = u.baseAddress else { return }
            let n = u.count
            var runStart = 0
            var i = 0
            while i < n {
                // Eight bytes at a time while none needs escaping.
                if i + 8 <= n, !JSONScanner.hasStringSpecial(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) {
                    i += 8
                    continue
                }
                let b = u[i]
                i += 1
                if b >= 0x20 && b != 0x22 && b != 0x5C { continue }
                if runStart < i - 1 { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: u[runStart..<(i - 1)])) }
                runStart = i
                switch b {
                case 0x22: bytes.append(0x5C); bytes.append(0x22)
                case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
                case 0x0A: bytes.append(0x5C); bytes.append(0x6E)
                case 0x0D: bytes.append(0x5C); bytes.append(0x72)
                case 0x09: bytes.append(0x5C); bytes.append(0x74)
                case 0x08: bytes.append(0x5C); bytes.append(0x62)
                case 0x0C: bytes.append(0x5C); bytes.append(0x66)
                default:
                    let hex: StaticString = "0123456789abcdef"
                    let h = hex.utf8Start
                    bytes.append(0x5C); bytes.append(0x75); bytes.append(0x30); bytes.append(0x30)
                    bytes.append(h[Int(b >> 4)]); bytes.append(h[Int(b & 15)])
                }
            }
            if runStart < n { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: u[runStart..<n])) }
        }
        bytes.append(0x22)
    }

    mutating func integer(_ v: Int) {
        if v >= 0 && v < 10 { bytes.append(0x30 + UInt8(v)); return }
        // Digits into a small buffer, most significant first.
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { d in
            var m = v.magnitude
            var k = d.count
            repeat {
                k -= 1
                d[k] = 0x30 + UInt8(m % 10)
                m /= 10
            } while m > 0
            if v < 0 { k -= 1; d[k] = 0x2D }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: d[k...]))
        }
    }

    /// Shortest representation that reads back to the same Double (`0.9`, `1.0`), as Python's
    /// `repr` writes it.
    mutating func double(_ v: Double) {
        bytes.append(contentsOf: v.description.utf8)
    }

    mutating func key(_ k: StaticString, first: Bool = false) {
        if !first { bytes.append(0x2C) }
        bytes.append(0x22)
        raw(k)
        bytes.append(0x22)
        bytes.append(0x3A)
    }
}
