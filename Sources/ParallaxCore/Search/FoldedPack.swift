#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Foundation

/// The folded text of every document of a corpus in one buffer, laid out so that a search
/// is one pass over contiguous bytes and the buffer can be kept as a file and mapped as is.
///
/// Layout (integers little-endian):
///
/// ```
/// [folded region: for each document its folded bytes, then 0xFF]   one pass counts them all
/// [padding to 8] [maps: for each document its breaks, then bases, as Int32]
/// [padding to 8] [directory: 80 bytes per document]
/// [trailer: 64 bytes]
/// ```
///
/// A directory entry holds the document's content hash (32 raw bytes of SHA-256), where its
/// folded bytes and map are, how many breaks the map has and how many scalars the text has.
/// The trailer holds a magic number, the ``Folding/version`` the texts were folded with, the
/// counts and offsets, and a checksum of everything before it. `0xFF` never occurs in UTF-8,
/// so no occurrence of a folded needle spans two documents.
///
/// Entries are keyed by content hash: a pack built for an older state of the corpus gives
/// every document that did not change without folding it again.
public struct FoldedPack: @unchecked Sendable {
    /// The whole pack.
    public let buffer: UnsafeRawBufferPointer
    /// Keeps the memory of `buffer` alive (an allocation or a mapped file).
    private let owner: AnyObject
    /// Number of documents.
    public let count: Int
    /// Length of the folded region (separators included).
    let foldedLength: Int
    let directoryOffset: Int

    static let magic: UInt64 = 0x3330_444C_4F46_5850  // "PXFOLD03": checksums by ContentChecksum
    static let entrySize = 80
    package static let trailerSize = 64

    /// One document's place in the pack.
    public struct Entry: Equatable, Sendable {
        /// SHA-256 of the document's bytes, 32 raw bytes.
        public var hash: [UInt8]
        /// Offset of its folded bytes in the pack.
        public var foldedStart: Int
        /// Number of its folded bytes (the separator not included).
        public var foldedLength: Int
        /// Offset of its map (breaks, then bases).
        public var mapStart: Int
        /// Number of breaks in its map.
        public var breakCount: Int
        /// Number of scalars of the original text.
        public var scalarCount: Int
    }

    /// Validates a pack: its trailer, every directory entry's bounds, the separators and the
    /// checksum (unless `checksum` is false, when the caller verifies it with ``verifyChecksum()``).
    /// - Parameters:
    ///   - buffer: The bytes, kept alive by `owner` for as long as the pack is used.
    ///   - owner: Owns the memory.
    ///   - checksum: Whether to verify the checksum now (a full pass over the bytes).
    /// - Throws: ``ParallaxError`` (`.invalidData`) naming what is wrong.
    public init(buffer: UnsafeRawBufferPointer, owner: AnyObject, checksum: Bool = true) throws {
        func bad(_ what: String) -> ParallaxError {
            ParallaxError(.invalidData, "the folded-text cache is damaged: \(what)", hint: "it is rebuilt from the corpus")
        }
        let n = buffer.count
        guard n >= FoldedPack.trailerSize, let base = buffer.baseAddress else { throw bad("too short") }
        let t = n - FoldedPack.trailerSize
        func u64(_ at: Int) -> Int { Int(truncatingIfNeeded: UInt64(littleEndian: base.loadUnaligned(fromByteOffset: at, as: UInt64.self))) }
        guard UInt64(truncatingIfNeeded: u64(t)) == FoldedPack.magic else { throw bad("not a pack") }
        guard UInt64(truncatingIfNeeded: u64(t + 56)) == ContentChecksum.of(UnsafeRawBufferPointer(rebasing: buffer[t..<(t + 56)])) else {
            throw bad("its trailer's checksum does not match")
        }
        guard UInt64(truncatingIfNeeded: u64(t + 8)) == Folding.version else { throw bad("folded by another version") }
        let count = u64(t + 16), folded = u64(t + 24), maps = u64(t + 32), directory = u64(t + 40)
        guard count >= 0, folded >= count, folded <= maps, maps <= directory, directory <= t,
              count <= (t - directory) / FoldedPack.entrySize, directory + count * FoldedPack.entrySize == t else {
            throw bad("its offsets are out of bounds")
        }
        self.buffer = buffer
        self.owner = owner
        self.count = count
        self.foldedLength = folded
        self.directoryOffset = directory
        var expectedStart = 0
        for i in 0..<count {
            let e = entry(i)
            guard e.foldedStart == expectedStart, e.foldedLength >= 0, e.foldedStart + e.foldedLength < folded,
                  base.load(fromByteOffset: e.foldedStart + e.foldedLength, as: UInt8.self) == 0xFF,
                  e.breakCount >= 0, e.mapStart >= maps, e.mapStart % 4 == 0,
                  e.mapStart + 8 * e.breakCount <= directory, e.scalarCount >= 0 else {
                throw bad("entry \(i) is out of bounds")
            }
            expectedStart = e.foldedStart + e.foldedLength + 1
        }
        guard expectedStart == folded else { throw bad("its folded region has gaps") }
        if checksum { try verifyChecksum() }
    }

    /// Verifies the checksum of everything before the trailer.
    /// - Throws: ``ParallaxError`` when it does not match.
    public func verifyChecksum() throws {
        let t = buffer.count - FoldedPack.trailerSize
        let stored = UInt64(littleEndian: buffer.baseAddress!.loadUnaligned(fromByteOffset: t + 48, as: UInt64.self))
        guard FoldedPack.blockChecksum(UnsafeRawBufferPointer(rebasing: buffer[0..<t])) == stored else {
            throw ParallaxError(.invalidData, "the folded-text cache is damaged: its checksum does not match",
                                hint: "it is rebuilt from the corpus")
        }
    }

    /// Wraps bytes made by ``build(_:reusing:)`` (copied into memory this pack owns).
    /// - Throws: ``ParallaxError`` when they are not a valid pack.
    public init(bytes: [UInt8]) throws {
        let owned = OwnedBytes(bytes)
        try self.init(buffer: owned.buffer, owner: owned)
    }

    /// The directory entry of document `i`.
    public func entry(_ i: Int) -> Entry {
        let at = directoryOffset + i * FoldedPack.entrySize
        let base = buffer.baseAddress!
        func u64(_ o: Int) -> Int { Int(truncatingIfNeeded: UInt64(littleEndian: base.loadUnaligned(fromByteOffset: at + o, as: UInt64.self))) }
        return Entry(hash: Array(UnsafeRawBufferPointer(rebasing: buffer[at..<(at + 32)])),
                     foldedStart: u64(32), foldedLength: u64(40), mapStart: u64(48), breakCount: u64(56), scalarCount: u64(64))
    }

    /// The content hashes of the documents, as lowercase hex, in pack order.
    public func hexHashes() -> [String] { (0..<count).map { FoldedPack.hex(entry($0).hash) } }

    /// Whether the pack holds exactly these documents, in this order (by content hash).
    public func matches(_ corpus: Corpus) -> Bool {
        guard corpus.documents.count == count else { return false }
        for (i, d) in corpus.documents.enumerated() where FoldedPack.hex(entry(i).hash) != d.hash { return false }
        return true
    }

    // MARK: Searching

    /// Number of non-overlapping occurrences of a folded needle in every document.
    /// - Complexity: one pass over the folded region.
    public func count(_ needle: [UInt8]) -> Int {
        count(needle, in: 0..<foldedLength)
    }

    /// Occurrences of a folded needle whose start lies in a range of the folded region (a
    /// range cut at separators gives the same count as the documents it covers).
    public func count(_ needle: [UInt8], in range: Range<Int>) -> Int {
        var n = 0
        needle.withUnsafeBufferPointer { pin in
            let hay = UnsafeBufferPointer(start: buffer.baseAddress!.assumingMemoryBound(to: UInt8.self) + range.lowerBound, count: range.count)
            FoldedText.scan(hay, for: pin) { _ in n += 1 }
        }
        return n
    }

    /// Splits the folded region into `parts` ranges cut just after separators, for counting
    /// on several threads.
    public func slices(_ parts: Int) -> [Range<Int>] {
        guard parts > 1, count > 1 else { return [0..<foldedLength] }
        let p = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        var cuts = [0]
        for k in 1..<parts {
            var at = max(cuts.last!, foldedLength * k / parts)
            while at < foldedLength && p[at] != 0xFF { at += 1 }
            cuts.append(min(foldedLength, at + 1))
        }
        cuts.append(foldedLength)
        return zip(cuts, cuts.dropFirst()).filter { $0 < $1 }.map { $0..<$1 }
    }

    /// Occurrences of a folded needle in document `i`, as original scalar ranges.
    public func occurrences(of needle: [UInt8], inDocument i: Int) -> [(start: Int, end: Int)] {
        let e = entry(i)
        let base = buffer.baseAddress!
        let hay = UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self) + e.foldedStart, count: e.foldedLength)
        let breaks = UnsafeBufferPointer(start: (base + e.mapStart).assumingMemoryBound(to: Int32.self), count: e.breakCount)
        let bases = UnsafeBufferPointer(start: (base + e.mapStart + 4 * e.breakCount).assumingMemoryBound(to: Int32.self), count: e.breakCount)
        var result: [(Int, Int)] = []
        let m = needle.count
        needle.withUnsafeBufferPointer { pin in
            FoldedText.scan(hay, for: pin) { at in
                let start = FoldedText.origin(at: at, breaks: breaks, bases: bases)
                let end = FoldedText.origin(at: at + m - 1, breaks: breaks, bases: bases) + 1
                result.append((start, min(end, e.scalarCount)))
            }
        }
        return result
    }

    // MARK: Building

    /// Builds the pack of a corpus's documents, folding only those `old` does not already hold
    /// (by content hash), so a changed corpus costs the folding of its changed documents.
    /// - Returns: The pack's bytes and how many documents were folded afresh.
    public static func build(_ corpus: Corpus, reusing old: FoldedPack? = nil) -> (bytes: [UInt8], folded: Int) {
        var reusable: [String: Int] = [:]
        if let old { for i in 0..<old.count { reusable[hex(old.entry(i).hash)] = i } }
        var region: [UInt8] = []
        var maps: [Int32] = []
        var entries: [Entry] = []
        var foldedAfresh = 0
        for d in corpus.documents {
            let start = region.count, mapIndex = maps.count
            let breakCount: Int, scalars: Int
            if let k = reusable[d.hash], let old {
                let e = old.entry(k)
                region.append(contentsOf: UnsafeRawBufferPointer(rebasing: old.buffer[e.foldedStart..<(e.foldedStart + e.foldedLength)]))
                let map = UnsafeRawBufferPointer(rebasing: old.buffer[e.mapStart..<(e.mapStart + 8 * e.breakCount)])
                for j in 0..<(2 * e.breakCount) { maps.append(Int32(littleEndian: map.loadUnaligned(fromByteOffset: 4 * j, as: Int32.self))) }
                breakCount = e.breakCount
                scalars = e.scalarCount
            } else {
                let f = FoldedText(d.text)
                region.append(contentsOf: f.bytes)
                maps.append(contentsOf: f.breaks)
                maps.append(contentsOf: f.bases)
                breakCount = f.breaks.count
                scalars = d.text.scalarCount
                foldedAfresh += 1
            }
            entries.append(Entry(hash: unhex(d.hash), foldedStart: start, foldedLength: region.count - start,
                                 mapStart: mapIndex, breakCount: breakCount, scalarCount: scalars))
            region.append(0xFF)
        }
        let foldedLength = region.count
        var out = region
        out.append(contentsOf: repeatElement(0, count: (8 - out.count % 8) % 8))
        let mapsOffset = out.count
        out.reserveCapacity(out.count + 4 * maps.count + entries.count * entrySize + trailerSize + 8)
        for v in maps { append32(&out, UInt32(bitPattern: v)) }
        out.append(contentsOf: repeatElement(0, count: (8 - out.count % 8) % 8))
        let directoryOffset = out.count
        for e in entries {
            out.append(contentsOf: e.hash)
            for v in [e.foldedStart, e.foldedLength, mapsOffset + 4 * e.mapStart, e.breakCount, e.scalarCount, 0] { append64(&out, UInt64(v)) }
        }
        let sum = out.withUnsafeBytes { blockChecksum($0) }
        var trailer: [UInt8] = []
        for v in [magic, Folding.version, UInt64(entries.count), UInt64(foldedLength), UInt64(mapsOffset), UInt64(directoryOffset), sum] {
            append64(&trailer, v)
        }
        append64(&trailer, ContentChecksum.of(trailer))
        out.append(contentsOf: trailer)
        return (out, foldedAfresh)
    }

    // MARK: Helpers

    /// ``ContentChecksum`` of every 4 MiB block, then of the blocks' checksums: the blocks are
    /// checked on every core at once.
    public static func blockChecksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let block = 4 << 20
        let blocks = (bytes.count + block - 1) / block
        guard blocks > 1 else { return ContentChecksum.of(bytes) }
        let sums = BlockSums(blocks)
        let shared = SharedBytes(bytes: bytes)
        let threads = min(blocks, 8)  // stripes; Dispatch runs them on the cores there are
        DispatchQueue.concurrentPerform(iterations: threads) { k in
            var b = k
            while b < blocks {
                let range = (b * block)..<min(shared.bytes.count, (b + 1) * block)
                sums.set(b, ContentChecksum.of(UnsafeRawBufferPointer(rebasing: shared.bytes[range])))
                b += threads
            }
        }
        return sums.values.withUnsafeBytes { ContentChecksum.of($0) }
    }

    static func append64(_ out: inout [UInt8], _ v: UInt64) {
        withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) }
    }

    static func append32(_ out: inout [UInt8], _ v: UInt32) {
        withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) }
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }

    static func unhex(_ s: String) -> [UInt8] {
        func v(_ c: UInt8) -> UInt8 { c >= 0x61 ? c - 0x61 + 10 : c >= 0x41 ? c - 0x41 + 10 : c &- 0x30 }
        let u = Array(s.utf8)
        var out: [UInt8] = []
        var i = 0
        while i + 1 < u.count { out.append(v(u[i]) << 4 | v(u[i + 1])); i += 2 }
        while out.count < 32 { out.append(0) }
        return Array(out.prefix(32))
    }
}

/// Read-only bytes shared by the threads that check them.
private struct SharedBytes: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer
}

/// Checksums of blocks, each written by one thread.
private final class BlockSums: @unchecked Sendable {
    private(set) var values: [UInt64]
    private let lock = NSLock()
    init(_ n: Int) { values = Array(repeating: 0, count: n) }
    func set(_ k: Int, _ v: UInt64) { lock.lock(); values[k] = v; lock.unlock() }
}

/// Memory a ``FoldedPack`` owns (8-byte aligned), freed with it.
final class OwnedBytes: @unchecked Sendable {
    let buffer: UnsafeRawBufferPointer
    init(_ bytes: [UInt8]) {
        let m = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 64)
        bytes.withUnsafeBytes { m.copyMemory(from: $0) }
        buffer = UnsafeRawBufferPointer(rebasing: m[0..<bytes.count])
    }
    deinit { buffer.baseAddress.map { UnsafeMutableRawPointer(mutating: $0).deallocate() } }
}
