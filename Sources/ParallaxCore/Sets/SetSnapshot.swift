import Dispatch

/// A set file as the store read it (its slices of decoded and checked lines, its records and
/// damaged lines), in a binary form that loads without parsing JSON or checking spans again:
/// the store's per-set cache (see `SetSnapshotCache` in ParallaxStore).
///
/// Layout (little-endian):
/// ```
/// header   "PLXSETS\n", format u32, slices u32, meta length u64, meta checksum u64
/// meta     the key (the set file's identity and checksum, corpus and codebook fingerprints,
///          Parallax's version); per slice: its line count, records, damaged lines, string
///          table, and where its groups lie
/// groups   per slice, groups of up to 1,024 lines: length u32, lines u32, checksum u64, bytes
/// ```
/// Everything is checked before it is trusted: the meta by its checksum, each group by its
/// own just before it is decoded, and every length and index against the bytes there are, so
/// a truncated or damaged snapshot reads as `nil` (then the store parses the set file again),
/// never as other annotations.
package enum SetSnapshot {
    /// Bumped whenever the layout or what the store checks while loading changes.
    package static let formatVersion: UInt32 = 1

    static let magic: [UInt8] = Array("PLXSETS\n".utf8)
    static let headerLength = 32
    static let groupLines = 1024

    /// What a snapshot was made from: it is used only while all of this still holds.
    package struct Key: Equatable, Sendable {
        /// The set file's size, device, inode, modification and status-change times (seconds
        /// and nanoseconds), as `stat` gave them before it was read.
        package var identity: [Int64]
        /// ``ContentChecksum`` of the set file's bytes.
        package var contentChecksum: UInt64
        /// The file was modified so shortly before it was read that a later change could
        /// keep its modification time: then its checksum is compared too, not just its identity.
        package var racy: Bool
        /// ``corpusFingerprint(_:)`` of the corpus the lines were checked against.
        package var corpus: UInt64
        /// ``codebookFingerprint(_:)`` of the codebook they were checked against.
        package var codebook: UInt64
        /// The Parallax version that checked them.
        package var version: String

        package init(identity: [Int64], contentChecksum: UInt64, racy: Bool, corpus: UInt64, codebook: UInt64,
                     version: String = ParallaxVersion.current) {
            self.identity = identity; self.contentChecksum = contentChecksum; self.racy = racy
            self.corpus = corpus; self.codebook = codebook; self.version = version
        }
    }

    /// A fingerprint of what the store checks annotations against in a corpus: each
    /// document's id and hash (which stands for its text, so the text is not read: a corpus
    /// loads its documents on first use), and the analysts' ids.
    package static func corpusFingerprint(_ corpus: Corpus) -> UInt64 {
        var w = Writer()
        for d in corpus.documents {
            w.string(d.id); w.string(d.hash)
        }
        w.u32(0xFFFF_FFFF)
        for a in corpus.analysts.all { w.string(a.id) }
        return ContentChecksum.of(w.bytes)
    }

    /// A fingerprint of a codebook (its canonical bytes: questions, scales, renames).
    package static func codebookFingerprint(_ codebook: Codebook) -> UInt64 {
        ContentChecksum.of(codebook.encoded())
    }

    // MARK: Writing

    /// The snapshot of a file's slices, in pieces to write one after another; `nil` when a
    /// record would not read back as it is (then no snapshot is kept).
    package static func encode(_ slices: [SetFile.Slice], key: Key) -> [[UInt8]]? {
        for s in slices {
            for r in s.records {
                guard (try? RecordCodec.decode(RecordCodec.encode(r.record))) == r.record else { return nil }
            }
            guard s.verdicts.count == s.lines.count else { return nil }
        }
        // Each slice's lines, encoded side by side with a string table of their own.
        var bodies = [(groups: [UInt8], strings: [String])](repeating: ([], []), count: slices.count)
        bodies.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let out = out
            DispatchQueue.concurrentPerform(iterations: slices.count) { k in
                out[k] = encodeLines(slices[k])
            }
        }
        var meta = Writer()
        for v in key.identity { meta.int(v) }
        meta.u64(key.contentChecksum)
        meta.u8(key.racy ? 1 : 0)
        meta.u64(key.corpus)
        meta.u64(key.codebook)
        meta.string(key.version)
        meta.u32(UInt32(key.identity.count))
        // Offsets of the groups are absolute: header, meta, then each slice's groups in turn.
        var sliceMetas: [Writer] = []
        for (k, s) in slices.enumerated() {
            var m = Writer()
            m.u32(UInt32(s.count))
            m.u32(UInt32(s.records.count))
            for r in s.records { m.u32(UInt32(r.number)); m.bytes(RecordCodec.encode(r.record)) }
            m.u32(UInt32(s.damaged.count))
            for d in s.damaged { m.int(Int64(d.line)); m.bytes(d.bytes); m.string(d.reason) }
            m.u32(UInt32(s.lines.count))
            m.u32(UInt32(bodies[k].strings.count))
            for t in bodies[k].strings { m.string(t) }
            sliceMetas.append(m)
        }
        let metaLength = meta.bytes.count + sliceMetas.reduce(0) { $0 + $1.bytes.count + 16 }
        var offset = headerLength + metaLength
        for k in slices.indices {
            sliceMetas[k].u64(UInt64(offset))
            sliceMetas[k].u64(UInt64(bodies[k].groups.count))
            offset += bodies[k].groups.count
            meta.raw(sliceMetas[k].bytes)
        }
        var header = Writer()
        header.raw(magic)
        header.u32(formatVersion)
        header.u32(UInt32(slices.count))
        header.u64(UInt64(meta.bytes.count))
        header.u64(ContentChecksum.of(meta.bytes))
        return [header.bytes, meta.bytes] + bodies.map(\.groups)
    }

    private static func encodeLines(_ slice: SetFile.Slice) -> (groups: [UInt8], strings: [String]) {
        var table: [String: UInt32] = [:]
        var strings: [String] = []
        func ref(_ s: String) -> UInt32 {
            if let k = table[s] { return k }
            let k = UInt32(strings.count)
            table[s] = k
            strings.append(s)
            return k
        }
        var out: [UInt8] = []
        out.reserveCapacity(slice.lines.count * 420 + 64)
        var group = Writer()
        group.bytes.reserveCapacity(groupLines * 480)
        var inGroup = 0
        func flush() {
            guard inGroup > 0 else { return }
            var head = Writer()
            head.u32(UInt32(group.bytes.count))
            head.u32(UInt32(inGroup))
            head.u64(ContentChecksum.of(group.bytes))
            out.append(contentsOf: head.bytes)
            out.append(contentsOf: group.bytes)
            group.bytes.removeAll(keepingCapacity: true)
            inGroup = 0
        }
        for (line, verdict) in zip(slice.lines, slice.verdicts) {
            let a = line.annotation
            group.int(Int64(line.number))
            switch verdict {
            case .valid: group.u8(0)
            case .documentChanged: group.u8(1)
            case .invalid(let reason): group.u8(2); group.string(reason)
            }
            let sameTimes = a.modified == a.created
            group.u8((a.confidence == nil ? 0 : 1) | (sameTimes ? 2 : 0))
            group.string(a.id)
            group.u32(ref(a.target.doc)); group.u32(ref(a.target.hash))
            group.u32(ref(a.question)); group.u32(ref(a.analyst))
            group.int(Int64(a.target.start)); group.int(Int64(a.target.end)); group.int(Int64(a.stance))
            if let c = a.confidence { group.u64(c.bitPattern) }
            group.string(a.target.exact); group.string(a.target.prefix); group.string(a.target.suffix)
            group.string(a.note)
            group.string(a.created)
            if !sameTimes { group.string(a.modified) }
            group.u32(UInt32(a.tags.count))
            for t in a.tags { group.u32(ref(t)) }
            group.u32(UInt32(a.extra.fields.count))
            for f in a.extra.fields { group.string(f.key); group.bytes(f.raw) }
            inGroup += 1
            if inGroup == groupLines { flush() }
        }
        flush()
        return (out, strings)
    }

    // MARK: Reading

    /// The key a snapshot was made with, when its header and meta are intact.
    package static func key(of bytes: UnsafeRawBufferPointer) -> Key? {
        try? readMeta(bytes).key
    }

    /// The slices a snapshot holds, as ``SetFile/parseSlices(_:check:)`` gave them when it
    /// was made; `nil` when any part of it is damaged. `release` is told each range of bytes
    /// once it is decoded (the store gives those pages back, so a big snapshot is never all
    /// in memory beside the set it becomes).
    package static func decode(_ bytes: UnsafeRawBufferPointer, release: @Sendable (Range<Int>) -> Void = { _ in }) -> [SetFile.Slice]? {
        guard let (_, metas) = try? readMeta(bytes) else { return nil }
        var results = [SetFile.Slice?](repeating: nil, count: metas.count)
        results.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let out = out
            nonisolated(unsafe) let bytes = bytes
            DispatchQueue.concurrentPerform(iterations: metas.count) { k in
                out[k] = try? decodeSlice(bytes, metas[k], release: release)
            }
        }
        var slices: [SetFile.Slice] = []
        slices.reserveCapacity(results.count)
        for k in results.indices {
            guard let s = results[k] else { return nil }
            results[k] = nil
            slices.append(s)
        }
        return slices
    }

    struct SliceMeta {
        var count: Int
        var records: [SetFile.RecordLine]
        var damaged: [DamagedLine]
        var lines: Int
        var strings: [String]
        var groups: Range<Int>
    }

    struct Damaged: Error {}

    private static func readMeta(_ bytes: UnsafeRawBufferPointer) throws(Damaged) -> (key: Key, slices: [SliceMeta]) {
        var r = Reader(bytes, 0..<bytes.count)
        guard bytes.count >= headerLength, try r.raw(8).elementsEqual(magic) else { throw Damaged() }
        guard try r.u32() == formatVersion else { throw Damaged() }
        let sliceCount = Int(try r.u32())
        let metaLength = Int(try r.u64())
        let checksum = try r.u64()
        guard metaLength <= bytes.count - headerLength,
              ContentChecksum.of(UnsafeRawBufferPointer(rebasing: bytes[headerLength..<(headerLength + metaLength)])) == checksum
        else { throw Damaged() }
        r = Reader(bytes, headerLength..<(headerLength + metaLength))
        var identity: [Int64] = []
        for _ in 0..<7 { identity.append(try r.int()) }
        let content = try r.u64()
        let racy = try r.u8() != 0
        let corpus = try r.u64()
        let codebook = try r.u64()
        let version = try r.string()
        guard try r.u32() == 7 else { throw Damaged() }
        let key = Key(identity: identity, contentChecksum: content, racy: racy, corpus: corpus, codebook: codebook, version: version)
        var metas: [SliceMeta] = []
        for _ in 0..<sliceCount {
            let count = Int(try r.u32())
            var records: [SetFile.RecordLine] = []
            for _ in 0..<Int(try r.u32()) {
                let number = Int(try r.u32())
                guard let record = try? RecordCodec.decode(Array(try r.bytes())) else { throw Damaged() }
                records.append(SetFile.RecordLine(number: number, record: record))
            }
            var damaged: [DamagedLine] = []
            for _ in 0..<Int(try r.u32()) {
                let line = Int(try r.int())
                let raw = Array(try r.bytes())
                damaged.append(DamagedLine(line: line, bytes: raw, reason: try r.string()))
            }
            let lines = Int(try r.u32())
            var strings: [String] = []
            for _ in 0..<Int(try r.u32()) { strings.append(try r.string()) }
            let from = Int(try r.u64()), length = Int(try r.u64())
            guard from >= headerLength + metaLength, length <= bytes.count, from <= bytes.count - length else { throw Damaged() }
            metas.append(SliceMeta(count: count, records: records, damaged: damaged, lines: lines, strings: strings, groups: from..<(from + length)))
        }
        // The slices' groups follow the meta back to back, to the last byte of the file.
        var next = headerLength + metaLength
        for m in metas {
            guard m.groups.lowerBound == next else { throw Damaged() }
            next = m.groups.upperBound
        }
        guard r.atEnd, next == bytes.count else { throw Damaged() }
        return (key, metas)
    }

    private static func decodeSlice(_ bytes: UnsafeRawBufferPointer, _ meta: SliceMeta,
                                    release: (Range<Int>) -> Void) throws(Damaged) -> SetFile.Slice {
        var slice = SetFile.Slice()
        slice.count = meta.count
        slice.records = meta.records
        slice.damaged = meta.damaged
        slice.lines.reserveCapacity(meta.lines)
        slice.verdicts.reserveCapacity(meta.lines)
        var at = meta.groups.lowerBound
        let strings = meta.strings
        func shared(_ r: inout Reader) throws(Damaged) -> String {
            let k = Int(try r.u32())
            guard k < strings.count else { throw Damaged() }
            return strings[k]
        }
        while at < meta.groups.upperBound {
            var head = Reader(bytes, at..<meta.groups.upperBound)
            let length = Int(try head.u32())
            let count = Int(try head.u32())
            let checksum = try head.u64()
            let body = head.position
            guard length <= meta.groups.upperBound - body,
                  ContentChecksum.of(UnsafeRawBufferPointer(rebasing: bytes[body..<(body + length)])) == checksum
            else { throw Damaged() }
            var r = Reader(bytes, body..<(body + length))
            for _ in 0..<count {
                let number = Int(try r.int())
                let verdict: AnnotationValidator.Verdict
                switch try r.u8() {
                case 0: verdict = .valid
                case 1: verdict = .documentChanged
                case 2: verdict = .invalid(try r.string())
                default: throw Damaged()
                }
                let flags = try r.u8()
                let id = try r.string()
                let doc = try shared(&r), hash = try shared(&r), question = try shared(&r), analyst = try shared(&r)
                let start = Int(try r.int()), end = Int(try r.int()), stance = Int(try r.int())
                let confidence = flags & 1 != 0 ? Double(bitPattern: try r.u64()) : nil
                let exact = try r.string(), prefix = try r.string(), suffix = try r.string()
                let note = try r.string()
                let created = try r.string()
                let modified = flags & 2 != 0 ? created : try r.string()
                var tags: [String] = []
                let tagCount = Int(try r.u32())
                if tagCount > 0 {
                    tags.reserveCapacity(tagCount)
                    for _ in 0..<tagCount { tags.append(try shared(&r)) }
                }
                var extra = ExtraFields()
                for _ in 0..<Int(try r.u32()) {
                    let name = try r.string()
                    extra.set(name, raw: Array(try r.bytes()))
                }
                let a = Annotation(id: id, target: TextTarget(doc: doc, start: start, end: end, exact: exact,
                                                             prefix: prefix, suffix: suffix, hash: hash),
                                   question: question, analyst: analyst, stance: stance, confidence: confidence,
                                   tags: tags, note: note, created: created, modified: modified, extra: extra)
                slice.lines.append(SetFile.Line(number: number, annotation: a))
                slice.verdicts.append(verdict)
            }
            guard r.atEnd else { throw Damaged() }
            release(at..<(body + length))
            at = body + length
        }
        guard slice.lines.count == meta.lines else { throw Damaged() }
        return slice
    }

    // MARK: Bytes

    /// Appends little-endian integers and length-prefixed bytes.
    struct Writer {
        var bytes: [UInt8] = []
        mutating func raw(_ b: [UInt8]) { bytes.append(contentsOf: b) }
        mutating func u8(_ v: UInt8) { bytes.append(v) }
        mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
        mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
        mutating func int(_ v: Int64) { u64(UInt64(bitPattern: v)) }
        mutating func bytes(_ b: [UInt8]) { u32(UInt32(b.count)); bytes.append(contentsOf: b) }
        mutating func string(_ s: String) {
            var s = s
            s.withUTF8 { u in
                u32(UInt32(u.count))
                bytes.append(contentsOf: u)
            }
        }
    }

    /// Reads what ``Writer`` wrote, every read checked against the range it may read.
    struct Reader {
        let base: UnsafeRawBufferPointer
        var position: Int
        let end: Int
        init(_ base: UnsafeRawBufferPointer, _ range: Range<Int>) {
            self.base = base; position = range.lowerBound; end = range.upperBound
        }
        var atEnd: Bool { position == end }

        @inline(__always)
        mutating func take(_ n: Int) throws(Damaged) -> Int {
            guard n >= 0, n <= end - position else { throw Damaged() }
            defer { position += n }
            return position
        }
        mutating func raw(_ n: Int) throws(Damaged) -> UnsafeRawBufferPointer {
            let at = try take(n)
            return UnsafeRawBufferPointer(rebasing: base[at..<(at + n)])
        }
        mutating func u8() throws(Damaged) -> UInt8 { base[try take(1)] }
        mutating func u32() throws(Damaged) -> UInt32 {
            UInt32(littleEndian: base.loadUnaligned(fromByteOffset: try take(4), as: UInt32.self))
        }
        mutating func u64() throws(Damaged) -> UInt64 {
            UInt64(littleEndian: base.loadUnaligned(fromByteOffset: try take(8), as: UInt64.self))
        }
        mutating func int() throws(Damaged) -> Int64 { Int64(bitPattern: try u64()) }
        mutating func bytes() throws(Damaged) -> UnsafeRawBufferPointer { try raw(Int(try u32())) }
        mutating func string() throws(Damaged) -> String {
            let b = try bytes()
            if b.isEmpty { return "" }
            return String(decoding: b.assumingMemoryBound(to: UInt8.self), as: UTF8.self)
        }
    }
}
