#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

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

    /// Files at least this big are parsed in parallel, one slice of lines per core.
    static let parallelThreshold = 1 << 20

    /// Splits and decodes a set file's bytes: a UTF-8 byte-order mark is skipped, CR LF line
    /// ends are accepted, blank lines are ignored, the last line needs no line feed.
    /// - Returns: decoded lines in file order, and damaged lines with their reasons.
    /// - Complexity: O(n); big files are cut at line feeds into one slice per core, decoded
    ///   side by side.
    public static func parse(_ bytes: [UInt8]) -> (lines: [Line], damaged: [DamagedLine]) {
        let all = parseAll(bytes)
        return (all.lines, all.damaged)
    }

    /// A record line (a memo, a question rename) with its 1-based line number.
    public struct RecordLine: Sendable {
        /// 1-based line number.
        public var number: Int
        /// The decoded record.
        public var record: SetRecord
    }

    /// As ``parse(_:)``, with the record lines (memos, renames) too.
    public static func parseAll(_ bytes: [UInt8]) -> (lines: [Line], records: [RecordLine], damaged: [DamagedLine]) {
        var slices = parseSlices(bytes, check: nil)
        if slices.count == 1 { return (slices[0].lines, slices[0].records, slices[0].damaged) }
        var lines: [Line] = []
        var records: [RecordLine] = []
        var damaged: [DamagedLine] = []
        lines.reserveCapacity(slices.reduce(0) { $0 + $1.lines.count })
        for k in slices.indices {
            lines.append(contentsOf: slices[k].lines)
            records.append(contentsOf: slices[k].records)
            damaged.append(contentsOf: slices[k].damaged)
            slices[k] = Slice()
        }
        return (lines, records, damaged)
    }

    /// The lines of one slice of a file, numbered in the whole file, with their verdicts
    /// when a check was given.
    package struct Slice {
        package var lines: [Line] = []
        package var damaged: [DamagedLine] = []
        /// Memos and renames, in file order.
        package var records: [RecordLine] = []
        /// `check` of each line's annotation, in order (empty without a check).
        package var verdicts: [AnnotationValidator.Verdict] = []
        /// Lines in the slice, blank and damaged ones included.
        package var count = 0
        package init() {}
    }

    /// Decodes a file in slices, one per core for big files, each slice's annotations
    /// checked by `check` on the same core right after decoding (the store validates there,
    /// while the line is still in cache). Slices come back in file order.
    package static func parseSlices(_ bytes: [UInt8], check: (@Sendable (Annotation) -> AnnotationValidator.Verdict)?) -> [Slice] {
        var results = bytes.withUnsafeBufferPointer { all -> [Slice] in
            var start = 0
            if all.count >= 3, all[0] == 0xEF, all[1] == 0xBB, all[2] == 0xBF { start = 3 }
            let ranges = cut(all, from: start)
            if ranges.count == 1 { return [parseSlice(all, ranges[0], check: check)] }
            var results = [Slice](repeating: Slice(), count: ranges.count)
            results.withUnsafeMutableBufferPointer { out in
                nonisolated(unsafe) let out = out
                nonisolated(unsafe) let all = all
                DispatchQueue.concurrentPerform(iterations: ranges.count) { k in
                    out[k] = parseSlice(all, ranges[k], check: check)
                }
            }
            return results
        }
        // Number each slice's lines after those of the slices before it (in place).
        var before = 0
        for k in results.indices {
            if before > 0 {
                for i in results[k].lines.indices { results[k].lines[i].number += before }
                for i in results[k].damaged.indices { results[k].damaged[i].line += before }
                for i in results[k].records.indices { results[k].records[i].number += before }
            }
            before += results[k].count
        }
        return results
    }

    /// Cuts `[start, all.count)` into one range per core, each ending just after a line feed.
    private static func cut(_ all: UnsafeBufferPointer<UInt8>, from start: Int) -> [Range<Int>] {
        let cores = Cores.available
        guard all.count - start >= parallelThreshold, cores > 1 else { return [start..<all.count] }
        var ranges: [Range<Int>] = []
        var from = start
        for k in 1..<cores {
            var to = max(from, start + (all.count - start) * k / cores)
            while to < all.count && all[to - 1] != 0x0A { to += 1 }
            ranges.append(from..<to)
            from = to
        }
        ranges.append(from..<all.count)
        return ranges.filter { !$0.isEmpty }
    }

    private static func parseSlice(_ all: UnsafeBufferPointer<UInt8>, _ range: Range<Int>,
                                   check: ((Annotation) -> AnnotationValidator.Verdict)?) -> Slice {
        var result = Slice()
        result.lines.reserveCapacity(range.count / 500)
        if check != nil { result.verdicts.reserveCapacity(range.count / 500) }
        var interner: StringInterner? = StringInterner()
        var start = range.lowerBound
        let stopAt = range.upperBound
        var number = 0
        while start < stopAt {
            number += 1
            let end = memchr(all.baseAddress! + start, 0x0A, stopAt - start)
                .map { all.baseAddress!.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? stopAt
            var stop = end
            if stop > start && all[stop - 1] == 0x0D { stop -= 1 }
            let slice = UnsafeBufferPointer(rebasing: all[start..<stop])
            if RecordCodec.looksLikeRecord(slice) {
                do throws(AnnotationCodec.LineError) {
                    result.records.append(RecordLine(number: number, record: try RecordCodec.decode(Array(slice))))
                } catch {
                    result.damaged.append(DamagedLine(line: number, bytes: Array(slice), reason: error.column.map { "column \($0): \(error.message)" } ?? error.message))
                }
            } else if !isBlank(slice) {
                do throws(AnnotationCodec.LineError) {
                    let a = try AnnotationCodec.decode(slice, interner: &interner)
                    if let check { result.verdicts.append(check(a)) }
                    result.lines.append(Line(number: number, annotation: a))
                } catch {
                    // A record written in another member order is still a record.
                    if RecordCodec.mentionsKind(slice), let record = try? RecordCodec.decode(Array(slice)) {
                        result.records.append(RecordLine(number: number, record: record))
                        start = end + 1
                        continue
                    }
                    var reason = error.column.map { "column \($0): \(error.message)" } ?? error.message
                    if let bad = ScalarText.firstInvalidUTF8(slice) {
                        reason = "invalid UTF-8 at column \(bad + 1): save the file as UTF-8"
                    }
                    result.damaged.append(DamagedLine(line: number, bytes: Array(slice), reason: reason))
                }
            }
            start = end + 1
        }
        result.count = number
        return result
    }

    private static func isBlank(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        s.allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    // MARK: Writing

    /// The canonical file: annotations sorted by id, one per line, then damaged lines verbatim.
    ///
    /// A damaged line must read back as the same bytes, although ``parse(_:)`` drops a
    /// byte-order mark at the start of the file and a CR before each line feed: a damaged
    /// line that ends with CR gets one more, and one that starts the file with a byte-order
    /// mark gets one more in front. (Found by the set-file fuzzer: each save lost a byte.)
    public static func encode(_ annotations: [Annotation], damaged: [DamagedLine]) -> [UInt8] {
        encode(annotations, records: [], damaged: damaged)
    }

    /// The canonical file with records: annotations sorted by id, then the records (renames,
    /// then memos, as ``AnnotationSet/records`` orders them), then damaged lines verbatim.
    public static func encode(_ annotations: [Annotation], records: [SetRecord], damaged: [DamagedLine]) -> [UInt8] {
        let order = sorted(Array(annotations.indices)) { annotations[$0].id }
        var out: [UInt8] = []
        out.reserveCapacity(annotations.count * 600)
        encode(count: order.count, annotation: { annotations[order[$0]] }, records: records, damaged: damaged) { out.append(contentsOf: $0) }
        return out
    }

    /// Annotations per slice encoded by one core before the slices are written in order.
    static let encodeBatch = 1024

    /// Encodes annotations `annotation(0) ..< annotation(count)` and the damaged lines,
    /// handing the bytes to `write` in order, a few megabytes at a time.
    package static func encode(count: Int, annotation: (Int) -> Annotation, records: [SetRecord], damaged: [DamagedLine],
                               _ write: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        try BatchEncoder.run(count: count, encode: { i, out in AnnotationCodec.append(annotation(i), to: &out) }, write: write)
        var tail: [UInt8] = []
        for r in records { tail.append(contentsOf: RecordCodec.encode(r)); tail.append(0x0A) }
        for d in damaged {
            if count == 0 && tail.isEmpty && d.bytes.starts(with: [0xEF, 0xBB, 0xBF]) { tail += [0xEF, 0xBB, 0xBF] }
            tail.append(contentsOf: d.bytes)
            if d.bytes.last == 0x0D { tail.append(0x0D) }
            tail.append(0x0A)
        }
        if !tail.isEmpty { try tail.withUnsafeBytes { try write($0) } }
    }

    /// Items in the order of their ids' UTF-8 bytes. Sorts by the first 16 bytes as two
    /// integers (a ULID's time and most of its randomness), then by the whole id when those
    /// tie: far fewer string comparisons than sorting by `String`.
    static func sorted<Item>(_ items: [Item], id: (Item) -> String) -> [Item] {
        var keys: [SortKey] = []
        keys.reserveCapacity(items.count)
        for (k, item) in items.enumerated() {
            var s = id(item)
            let (high, low) = s.withUTF8 { u -> (UInt64, UInt64) in
                var h: UInt64 = 0, l: UInt64 = 0
                for k in 0..<16 {
                    let b = UInt64(k < u.count ? u[k] : 0)
                    if k < 8 { h = h << 8 | b } else { l = l << 8 | b }
                }
                return (h, l)
            }
            keys.append(SortKey(high: high, low: low, item: k))
        }
        keys.sort { a, b in
            if a.high != b.high { return a.high < b.high }
            if a.low != b.low { return a.low < b.low }
            return id(items[a.item]).utf8.lexicographicallyPrecedes(id(items[b.item]).utf8)
        }
        return keys.map { items[$0.item] }
    }

    /// An id's first 16 bytes as two integers, and the item's position.
    private struct SortKey { var high: UInt64, low: UInt64, item: Int }

    /// Positions of a dictionary's entries in the order of their keys' UTF-8 bytes.
    package static func sortedByID(_ byID: [String: Annotation]) -> [Dictionary<String, Annotation>.Index] {
        sorted(Array(byID.indices)) { byID.keys[$0] }
    }
}

/// How many slices to work on side by side: the cores online, 1 to 8.
enum Cores {
    static let available: Int = {
        #if canImport(Glibc)
        return max(1, min(8, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))))
        #else
        return max(1, min(8, Int(sysconf(_SC_NPROCESSORS_ONLN))))
        #endif
    }()
}
