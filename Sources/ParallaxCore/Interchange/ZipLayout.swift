import CParallaxZlib

/// Reads a zip archive's entries, checking that its directory and every entry's data lie
/// inside the archive and that every deflated stream ends where it claims.
///
/// Reading is ours, not ZIPFoundation's, for three reasons found by the qdpx fuzzer.
/// ZIPFoundation trusts the offsets and sizes an archive claims: reading an entry whose data
/// runs past the end of the file loops for ever (its reader asks for more bytes, gets none,
/// and asks again), so a damaged `.qdpx` hung `import`. Found by the qdpx fuzzer. Only the
/// layout is checked here (APPNOTE 4.3: end of central directory, its zip64 form, central
/// directory headers, local headers), and that every deflated entry's stream ends inside its
/// compressed bytes, no longer than it claims: ZIPFoundation's inflater loops for ever on a
/// stream that never ends (found by the qdpx fuzzer, again); and its in-memory archive traps on
/// a directory past the end, which is why it used to read through a temporary file. Reading
/// here needs neither a file nor trust: offsets are checked, each entry is inflated once by
/// zlib into a buffer bounded by its claimed size, and its CRC-32 is checked.
enum ZipLayout {
    /// One entry of an archive, as its central directory describes it.
    struct Entry {
        /// The path inside the archive.
        var path: String
        /// Whether the entry is a folder (its name ends with `/`).
        var isDirectory: Bool
        /// Whether the entry is a symbolic link (Unix mode in the external attributes).
        var isLink: Bool
        /// The uncompressed size the directory claims.
        var size: UInt64
        /// The contents, inflated and CRC-checked; empty unless asked for.
        var bytes: [UInt8]
    }

    private static func damaged(_ what: String, entry: String? = nil) -> ZipArchive.ReadError {
        ZipArchive.ReadError(message: "the archive is damaged: \(what)", entry: entry)
    }

    /// Checks the layout only (every deflated stream is still inflated, into a scratch buffer).
    /// - Throws: ``ZipArchive/ReadError`` naming what lies outside the archive.
    static func check(_ bytes: [UInt8]) throws(ZipArchive.ReadError) {
        _ = try entries(bytes, contents: { _ in false })
    }

    /// The entries of an archive, in directory order.
    /// - Parameters:
    ///   - bytes: The archive.
    ///   - contents: Whether to keep an entry's contents (given the entries seen so far,
    ///     this one last), so a caller can refuse before anything is inflated for good.
    /// - Throws: ``ZipArchive/ReadError`` naming what lies outside the archive, a damaged
    ///   stream or a CRC-32 that does not match.
    static func entries(_ bytes: [UInt8], contents: (Entry) throws(ZipArchive.ReadError) -> Bool) throws(ZipArchive.ReadError) -> [Entry] {
        var found: [Entry] = []
        let n = bytes.count
        func u16(_ at: Int) -> Int { at + 2 <= n ? Int(bytes[at]) | Int(bytes[at + 1]) << 8 : -1 }
        func u32(_ at: Int) -> UInt64 { at + 4 <= n ? UInt64(u16(at)) | UInt64(u16(at + 2)) << 16 : .max }
        func u64(_ at: Int) -> UInt64 { at + 8 <= n ? u32(at) | u32(at + 4) << 32 : .max }
        func signature(_ at: Int, _ value: UInt64) -> Bool { at >= 0 && u32(at) == value }

        // The end of central directory record: the last one, within 64 KB of comment.
        guard n >= 22, let eocd = stride(from: n - 22, through: max(0, n - 22 - 65_535), by: -1)
            .first(where: { signature($0, 0x0605_4B50) }) else {
            throw damaged("no end of central directory record")
        }
        var count = UInt64(u16(eocd + 10)), size = u32(eocd + 12), offset = u32(eocd + 16)
        if count == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
            // Zip64: the locator just before the record points at the zip64 record.
            guard signature(eocd - 20, 0x0706_4B50), case let record = u64(eocd - 20 + 8), record < UInt64(n),
                  signature(Int(record), 0x0606_4B50) else {
                throw damaged("the zip64 end of central directory record is missing")
            }
            count = u64(Int(record) + 32); size = u64(Int(record) + 40); offset = u64(Int(record) + 48)
        }
        guard offset <= UInt64(n), size <= UInt64(n) - offset else {
            throw damaged("the central directory lies beyond the end of the archive")
        }
        var at = Int(offset)
        let end = Int(offset + size)
        var seen: UInt64 = 0
        while at < end && seen < count {
            guard signature(at, 0x0201_4B50), at + 46 <= end else { throw damaged("a central directory entry is cut short") }
            let nameLength = u16(at + 28), extraLength = u16(at + 30), commentLength = u16(at + 32)
            let next = at + 46 + nameLength + extraLength + commentLength
            guard next <= end else { throw damaged("a central directory entry is cut short") }
            let name = String(decoding: bytes[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
            var compressed = u32(at + 20), uncompressed = u32(at + 24), local = u32(at + 42)
            if compressed == 0xFFFF_FFFF || local == 0xFFFF_FFFF || uncompressed == 0xFFFF_FFFF {
                // Zip64 extended information (header 0x0001): the fields that overflowed, in order.
                var field = at + 46 + nameLength
                let fieldsEnd = field + extraLength
                while field + 4 <= fieldsEnd {
                    let id = u16(field), length = u16(field + 2)
                    if id == 0x0001 {
                        var value = field + 4
                        if uncompressed == 0xFFFF_FFFF { uncompressed = value + 8 <= fieldsEnd ? u64(value) : .max; value += 8 }
                        if compressed == 0xFFFF_FFFF { compressed = value + 8 <= fieldsEnd ? u64(value) : .max; value += 8 }
                        if local == 0xFFFF_FFFF { local = value + 8 <= fieldsEnd ? u64(value) : .max }
                        break
                    }
                    field += 4 + length
                }
            }
            guard local < UInt64(n), UInt64(n) - local >= 30, signature(Int(local), 0x0403_4B50) else {
                throw damaged("entry \"\(name)\" has no local header where the directory says", entry: name)
            }
            let data = UInt64(local) + 30 + UInt64(u16(Int(local) + 26)) + UInt64(u16(Int(local) + 28))
            // A stored entry (method 0) is read for its uncompressed size.
            let stored = u16(at + 10) == 0
            guard data <= UInt64(n), compressed <= UInt64(n) - data, !stored || uncompressed <= UInt64(n) - data else {
                throw damaged("the data of entry \"\(name)\" runs past the end of the archive", entry: name)
            }
            let method = u16(at + 10)
            guard method == 0 || method == 8 else {
                throw ZipArchive.ReadError(message: "entry \"\(name)\" uses compression method \(method); only stored and deflated entries can be read", entry: name)
            }
            let mode = (u32(at + 38) >> 16) & 0o170000
            var entry = Entry(path: name, isDirectory: name.hasSuffix("/"), isLink: u16(at + 4) >> 8 == 3 && mode == 0o120000,
                              size: uncompressed, bytes: [])
            let keep = try contents(entry)
            if method == 8 {
                entry.bytes = try inflate(bytes, from: Int(data), count: Int(compressed), expanding: uncompressed, entry: name, keep: keep)
            } else if keep {
                entry.bytes = Array(bytes[Int(data)..<Int(data) + Int(uncompressed)])
            }
            if keep {
                let crc = entry.bytes.withUnsafeBufferPointer { UInt64(crc32(0, $0.baseAddress, UInt32($0.count))) }
                guard crc == u32(at + 16) else {
                    throw damaged("the checksum of entry \"\(name)\" does not match its contents", entry: name)
                }
            }
            found.append(entry)
            at = next
            seen += 1
        }
        return found
    }

    /// Inflates `bytes[from ..< from + count]` as raw deflate: the stream must end within
    /// those bytes and expand to exactly `expanding` bytes. The output is kept only when
    /// `keep` is true (and never grows past `expanding`).
    private static func inflate(_ bytes: [UInt8], from: Int, count: Int, expanding: UInt64,
                                entry: String, keep: Bool) throws(ZipArchive.ReadError) -> [UInt8] {
        var stream = z_stream()
        guard parallax_inflate_init_raw(&stream) == Z_OK else { throw damaged("zlib could not start", entry: entry) }
        defer { inflateEnd(&stream) }
        var out = [UInt8](repeating: 0, count: 64 * 1024)
        var kept: [UInt8] = []
        if keep { kept.reserveCapacity(Int(min(expanding, 1 << 30))) }
        var produced: UInt64 = 0
        let result: Int32 = bytes.withUnsafeBufferPointer { input in
            out.withUnsafeMutableBufferPointer { output in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress! + from)
                stream.avail_in = UInt32(count)
                while true {
                    stream.next_out = output.baseAddress
                    stream.avail_out = UInt32(output.count)
                    let r = CParallaxZlib.inflate(&stream, Z_NO_FLUSH)
                    let made = output.count - Int(stream.avail_out)
                    produced += UInt64(made)
                    if keep && produced <= expanding { kept.append(contentsOf: output[0..<made]) }
                    if r == Z_STREAM_END || produced > expanding { return r }
                    if r != Z_OK { return r }  // damaged data, or input used up before the end
                }
            }
        }
        guard result == Z_STREAM_END, produced == expanding else {
            throw damaged("the compressed data of entry \"\(entry)\" is damaged", entry: entry)
        }
        return kept
    }
}
