/// A line of a set file that could not be loaded. It is kept verbatim and written back on
/// every save, so a damaged line costs a message, never data.
public struct DamagedLine: Equatable, Sendable {
    /// 1-based line number in the file as read.
    public var line: Int
    /// The line's exact bytes (without its line terminator).
    public var bytes: [UInt8]
    /// Why it could not be loaded.
    public var reason: String

    /// Creates a damaged line.
    public init(line: Int, bytes: [UInt8], reason: String) {
        self.line = line; self.bytes = bytes; self.reason = reason
    }
}

/// Splits a set file into annotation lines and damaged lines.
public enum SetFile {
    /// One parsed line.
    public struct Line: Sendable {
        /// 1-based line number.
        public var number: Int
        /// The decoded annotation.
        public var annotation: Annotation
    }

    /// Splits and decodes a set file's bytes: a UTF-8 byte-order mark is skipped, CR LF line
    /// ends are accepted, blank lines are ignored, the last line needs no line feed.
    /// - Returns: decoded lines in file order, and damaged lines with their reasons.
    public static func parse(_ bytes: [UInt8]) -> (lines: [Line], damaged: [DamagedLine]) {
        var lines: [Line] = []
        var damaged: [DamagedLine] = []
        lines.reserveCapacity(bytes.count / 500)
        bytes.withUnsafeBufferPointer { all in
            var start = 0
            if all.count >= 3, all[0] == 0xEF, all[1] == 0xBB, all[2] == 0xBF { start = 3 }
            var number = 0
            while start < all.count {
                number += 1
                var end = start
                while end < all.count && all[end] != 0x0A { end += 1 }
                var stop = end
                if stop > start && all[stop - 1] == 0x0D { stop -= 1 }
                let slice = UnsafeBufferPointer(rebasing: all[start..<stop])
                if !isBlank(slice) {
                    do throws(AnnotationCodec.LineError) {
                        lines.append(Line(number: number, annotation: try AnnotationCodec.decode(slice)))
                    } catch {
                        var reason = error.column.map { "column \($0): \(error.message)" } ?? error.message
                        if let bad = ScalarText.firstInvalidUTF8(Array(slice)) {
                            reason = "invalid UTF-8 at column \(bad + 1): save the file as UTF-8"
                        }
                        damaged.append(DamagedLine(line: number, bytes: Array(slice), reason: reason))
                    }
                }
                start = end + 1
            }
        }
        return (lines, damaged)
    }

    private static func isBlank(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        s.allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    /// The canonical file: annotations sorted by id, one per line, then damaged lines verbatim.
    ///
    /// A damaged line must read back as the same bytes, although ``parse(_:)`` drops a
    /// byte-order mark at the start of the file and a CR before each line feed: a damaged
    /// line that ends with CR gets one more, and one that starts the file with a byte-order
    /// mark gets one more in front. (Found by the set-file fuzzer: each save lost a byte.)
    public static func encode(_ annotations: [Annotation], damaged: [DamagedLine]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(annotations.count * 560)
        for a in annotations.sorted(by: { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }) {
            AnnotationCodec.append(a, to: &out)
        }
        for d in damaged {
            if out.isEmpty && d.bytes.starts(with: [0xEF, 0xBB, 0xBF]) { out += [0xEF, 0xBB, 0xBF] }
            out.append(contentsOf: d.bytes)
            if d.bytes.last == 0x0D { out.append(0x0D) }
            out.append(0x0A)
        }
        return out
    }
}
