import Foundation
import ParallaxCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The corpus's caches, in `<corpus>/.parallax/cache/` (a folder git ignores by itself):
///
/// - `documents.idx` — for each document file, its identity (``FileIdentity``) and the
///   content hash computed when it was last read, so a session can start without reading
///   documents whose files did not change (their text is read on first use);
/// - `folded.pack` — every document's folded text and map back to scalar offsets
///   (``FoldedPack``), keyed by content hash and ``Folding/version``, mapped into memory.
///
/// Both are derived data: the corpus files and manifest stay the source of truth. Neither
/// is trusted when stale (an identity or hash that differs, another folding version) or
/// damaged (checksums, bounds): it is rebuilt — for the changed documents only — and written
/// durably (temporary file, fsync, rename, fsync of the folder). A corpus folder that cannot
/// be written works without caching.
public final class CorpusCache: @unchecked Sendable {
    /// The corpus directory.
    public let corpusDirectory: String
    /// `<corpus>/.parallax/cache`.
    public let directory: String
    let fs: any FileSystem
    /// Files changed less than this long before they are recorded are hashed again next
    /// time (a change within the same clock tick would not show in their identity).
    package var racyWindowNanoseconds: Int64 = 2_000_000_000
    /// Whether loads watch the documents' folders (``DocumentWatcher``) so that the check
    /// before each command `stat`s only changed documents; `false` forces the full `stat` pass.
    package var watchesDocuments = DocumentWatcher.enabledByEnvironment

    /// What the last ``loadCorpus()`` and ``searchIndex(for:)`` found.
    public struct Report: Equatable, Sendable {
        /// Documents whose cached hash was trusted (their text not read at start-up).
        public var trusted = 0
        /// Documents read and hashed (new, changed, or no usable index).
        public var hashed = 0
        /// Why the identity index was not used, if it was not (`nil`: used, or none yet).
        public var indexProblem: String?
        /// Whether the manifest was unchanged (and so not decoded at start-up).
        public var manifestTrusted = false
        /// How the folded pack was obtained: `"hit"`, or `"built"` with the reason.
        public var pack: String?
        /// Documents folded afresh when the pack was (re)built.
        public var folded = 0
        /// How a mapped pack's bytes were checked: `"checksum"` (a pass over the whole pack,
        /// on every core), or `"identity"` (a previous process checked them, and the file's
        /// identity has not changed since); `nil` when no pack was mapped from the cache.
        public var packCheck: String?
        /// How the check before each command finds changed documents: `"inotify"`, or why
        /// every unread document is `stat`ed instead (`nil` before a load).
        public var watch: String?
    }

    /// Serialises this process's writes of cache files (their temporary files are named by
    /// process id); other processes write temporary files of their own, and a rename is atomic.
    static let writing = NSLock()

    /// What happened, for tests and `--verbose` diagnostics.
    public private(set) var report = Report()

    /// A cache for the corpus in a directory.
    public init(corpus directory: String, fs: any FileSystem = PosixFileSystem()) {
        self.corpusDirectory = directory
        self.directory = RuntimeDirectory.path(in: directory) + "/cache"
        self.fs = fs
    }

    var indexPath: String { directory + "/documents.idx" }
    var packPath: String { directory + "/folded.pack" }
    var packCheckedPath: String { directory + "/folded.pack.checked" }

    // MARK: Loading the corpus

    /// Loads the corpus, reading only the documents whose files changed since the index was
    /// written (the others are read on first use), and updates the index. When the manifest
    /// itself is unchanged, it is decoded on first use too: start-up then reads the index,
    /// the manifest's bytes and each document's `stat`.
    /// - Throws: ``ParallaxError`` as ``Corpus/load(from:)``.
    public func loadCorpus() throws -> Corpus {
        report = Report()
        let manifestPath = corpusDirectory + "/" + Corpus.manifestName
        var index: Index?
        do {
            index = try readIndex()
        } catch let error as ParallaxError {
            report.indexProblem = error.message
        }
        let now = CorpusCache.now()
        if let index, let identity = FileIdentity.of(manifestPath), index.manifest == identity,
           let bytes = try? fs.read(manifestPath), FileIdentity.of(manifestPath) == identity {
            return try loadTrusted(index, manifestBytes: bytes, manifestPath: manifestPath, now: now)
        }
        // The manifest is new or changed: decode and check it all, read what changed.
        let before = FileIdentity.of(manifestPath)
        let manifest = try Corpus.readManifest(from: corpusDirectory)
        var known: [String: (FileIdentity, String)] = [:]
        for e in index?.documents ?? [] { if let id = e.identity, let h = e.hash { known[e.file] = (id, h) } }
        var entries: [Index.Entry] = []
        let watcher = startWatching(manifest.documents.map(\.file))
        var position = -1, unwatchable: [Int] = []
        var corpus = try Corpus.load(manifest: manifest, directory: corpusDirectory) { info, path, speakers in
            position += 1
            let (found, watchable) = watcher == nil ? (FileIdentity.of(path), true) : FileIdentity.watchable(path)
            if !watchable { unwatchable.append(position) }
            if let identity = found, let (recorded, hash) = known[info.file], recorded == identity {
                report.trusted += 1
                entries.append(Index.Entry(id: info.id, voice: info.voice, file: info.file, identity: identity, hash: hash))
                return Document(info: info, hash: hash, speakers: speakers, file: CorpusCache.file(path, identity)) {
                    try CorpusCache.read(path, expecting: identity)
                }
            }
            guard let document = try readNow(info: info, path: path, speakers: speakers, now: now, into: &entries) else { return nil }
            return document
        }
        watcher?.checkAlways(unwatchable)
        corpus.changeFeed = watcher
        let manifestIdentity = before.flatMap { b in FileIdentity.of(manifestPath) == b && settled(b, now) ? b : nil }
        try? writeIndex(Index(manifest: manifestIdentity, analysts: manifest.analysts, documents: entries))
        return corpus
    }

    /// The corpus of an unchanged manifest, from the index: no JSON decoded unless a
    /// document changed (or until a command needs the manifest's metadata).
    private func loadTrusted(_ index: Index, manifestBytes: [UInt8], manifestPath: String, now: Int64) throws -> Corpus {
        report.manifestTrusted = true
        let source = ManifestSource { try Corpus.decodeManifest(manifestBytes, path: manifestPath) }
        var entries: [Index.Entry] = []
        var changed = false
        let paths = index.documents.map { corpusDirectory + "/" + $0.file }
        // Watched before the identities are taken: no change after them goes unseen.
        let watcher = startWatching(index.documents.map(\.file))
        let found = CorpusCache.identities(of: paths, watched: watcher != nil)
        let identities = found.map(\.identity)
        var corpus = try Corpus(analysts: index.analysts, entries: index.documents.map { (id: $0.id, voice: $0.voice) }, manifest: source) { i, speakers in
            let e = index.documents[i]
            let path = paths[i]
            if let identity = identities[i], let recorded = e.identity, let hash = e.hash, recorded == identity {
                report.trusted += 1
                entries.append(e)
                return Document(id: e.id, entry: i, of: source, hash: hash, speakers: speakers, file: CorpusCache.file(path, identity)) {
                    try CorpusCache.read(path, expecting: identity)
                }
            }
            changed = true
            let info = source.value.documents[i]
            guard let document = try readNow(info: info, path: path, speakers: speakers, now: now, into: &entries) else {
                throw ParallaxError(.notFound, "cannot read document \(info.id)", at: path,
                                    hint: "restore the file or fix \"file\" in \(Corpus.manifestName)")
            }
            return document
        }
        if let watcher {
            watcher.checkAlways(found.indices.filter { !found[$0].watchable })
            corpus.changeFeed = watcher
        }
        if changed { try? writeIndex(Index(manifest: index.manifest, analysts: index.analysts, documents: entries)) }
        return corpus
    }

    /// Starts the watcher of the documents' folders, or records why not.
    private func startWatching(_ files: [String]) -> DocumentWatcher? {
        guard watchesDocuments else { report.watch = "off (every unread document is stat'ed)"; return nil }
        switch DocumentWatcher.start(root: corpusDirectory, files: files) {
        case .success(let watcher): report.watch = "inotify"; return watcher
        case .failure(let refusal): report.watch = refusal.reason + " (every unread document is stat'ed)"; return nil
        }
    }

    /// The identities of many files, `stat`ed on every core, and whether each is `watchable`
    /// (see ``FileIdentity/watchable(_:)``; only asked when `watched`).
    static func identities(of paths: [String], watched: Bool) -> [(identity: FileIdentity?, watchable: Bool)] {
        let stripes = paths.count >= 256 ? 4 : 1
        let box = Identities(paths.count)
        DispatchQueue.concurrentPerform(iterations: stripes) { k in
            let chunk = (paths.count + stripes - 1) / stripes
            let range = (k * chunk)..<min(paths.count, (k + 1) * chunk)
            var part: [(identity: FileIdentity?, watchable: Bool)] = []
            part.reserveCapacity(range.count)
            for i in range { part.append(watched ? FileIdentity.watchable(paths[i]) : (FileIdentity.of(paths[i]), true)) }
            box.set(range, part)
        }
        return box.values
    }

    /// Reads, checks and hashes a document now, and records it (unless its file changed too
    /// recently for its identity to be trusted).
    private func readNow(info: DocumentInfo, path: String, speakers: @escaping @Sendable (String) -> String?, now: Int64,
                         into entries: inout [Index.Entry]) throws -> Document? {
        // A missing or invalid file is reported at start-up, as without a cache.
        guard let before = FileIdentity.of(path), let bytes = try? fs.read(path) else { return nil }
        let document = try Document(info: info, bytes: bytes, speakers: speakers)
        report.hashed += 1
        let trusted = settled(before, now) && FileIdentity.of(path) == before
        entries.append(Index.Entry(id: info.id, voice: info.voice, file: info.file,
                                   identity: trusted ? before : nil, hash: trusted ? document.hash : nil))
        return document
    }

    /// Whether a file last changed long enough ago for its identity to stand for its bytes.
    private func settled(_ identity: FileIdentity, _ now: Int64) -> Bool {
        now - max(identity.modified, identity.changed) >= racyWindowNanoseconds
    }

    /// A lazily read document's file: its path and whether it still has `identity`.
    static func file(_ path: String, _ identity: FileIdentity) -> DocumentFile {
        DocumentFile(path: path, unchanged: { FileIdentity.of(path) == identity })
    }

    /// Reads a document's bytes on first use; `verified` when its identity is unchanged.
    static func read(_ path: String, expecting identity: FileIdentity) throws -> (bytes: [UInt8], verified: Bool) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw PosixFileSystem.failure("open", path) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw PosixFileSystem.failure("stat", path) }
        let size = Int(info.st_size)
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = 0
            while count < size {
                let n = Glibc.read(fd, buffer.baseAddress! + count, size - count)
                if n < 0 { if errno == EINTR { continue }; failure = errno; return }
                if n == 0 { break }
                count += n
            }
        }
        if failure != 0 { throw PosixFileSystem.failure("read", path, failure) }
        return (bytes, FileIdentity(info) == identity && bytes.count == size)
    }

    static func now() -> Int64 {
        var t = timespec()
        clock_gettime(CLOCK_REALTIME, &t)
        return Int64(t.tv_sec) * 1_000_000_000 + Int64(t.tv_nsec)
    }

    // MARK: The identity index

    /// What `documents.idx` records.
    struct Index {
        struct Entry {
            var id: String
            var voice: String?
            var file: String
            /// `nil` when the file is not to be trusted next time (it changed too recently).
            var identity: FileIdentity?
            var hash: String?
        }
        /// The manifest's identity when every entry below was made from it.
        var manifest: FileIdentity?
        var analysts: [AnalystInfo]
        /// In manifest order.
        var documents: [Entry]
    }

    static let indexHeader = "parallax documents index 3\n"  // 3: checksum by ContentChecksum

    /// The index, or `nil` when there is none.
    /// - Throws: ``ParallaxError`` when it exists but is damaged.
    func readIndex() throws -> Index? {
        guard let bytes = try fs.read(indexPath) else { return nil }
        func damaged(_ what: String) -> ParallaxError {
            ParallaxError(.invalidData, "the documents index is damaged: \(what)", at: indexPath, hint: "it is rebuilt")
        }
        let header = Array(CorpusCache.indexHeader.utf8)
        guard bytes.count > header.count, Array(bytes[0..<header.count]) == header else { throw damaged("unknown header") }
        // Last line: "end CHECKSUM\n", the checksum of every byte before it.
        guard bytes.last == 0x0A, let lastStart = bytes.dropLast().lastIndex(of: 0x0A).map({ $0 + 1 }) else { throw damaged("no end line") }
        let last = String(decoding: bytes[lastStart..<(bytes.count - 1)], as: UTF8.self)
        let sum = bytes.withUnsafeBytes { ContentChecksum.of(UnsafeRawBufferPointer(rebasing: $0[0..<lastStart])) }
        guard last == "end " + String(sum, radix: 16) else { throw damaged("its checksum does not match") }
        var lines: [ArraySlice<UInt8>] = []
        var i = header.count
        while i < lastStart {
            guard let nl = bytes[i..<lastStart].firstIndex(of: 0x0A) else { throw damaged("a cut line") }
            lines.append(bytes[i..<nl])
            i = nl + 1
        }
        guard lines.count >= 2 else { throw damaged("too short") }
        func number(_ f: ArraySlice<UInt8>) -> Int64? {
            guard !f.isEmpty, f.count <= 19 else { return nil }
            var v: Int64 = 0
            for c in f { guard c >= 0x30 && c <= 0x39 else { return nil }; v = v * 10 + Int64(c - 0x30) }
            return v
        }
        func identity(_ fields: ArraySlice<ArraySlice<UInt8>>) -> FileIdentity? {
            let f = Array(fields)
            guard f.count == 5, let dev = number(f[0]), let ino = number(f[1]), let size = number(f[2]),
                  let mtime = number(f[3]), let ctime = number(f[4]) else { return nil }
            return FileIdentity(device: UInt64(dev), inode: UInt64(ino), size: size, modified: mtime, changed: ctime)
        }
        // "manifest DEV INO SIZE MTIME CTIME" or "manifest -"
        let m = lines[0].split(separator: 0x20, omittingEmptySubsequences: false)
        guard m.first.map(Array.init) == Array("manifest".utf8) else { throw damaged("no manifest line") }
        let manifest = m.count == 2 && Array(m[1]) == [0x2D] ? nil : identity(m.dropFirst())
        guard manifest != nil || m.count == 2 else { throw damaged("a bad manifest line") }
        // "analysts JSON"
        let a = lines[1]
        let prefix = Array("analysts ".utf8)
        guard a.count > prefix.count, Array(a.prefix(prefix.count)) == prefix,
              let analysts = try? JSONDecoder().decode([AnalystInfo].self, from: Data(a.dropFirst(prefix.count))) else {
            throw damaged("a bad analysts line")
        }
        // "HASH DEV INO SIZE MTIME CTIME ID\tVOICE\tFILE", or "- ID\tVOICE\tFILE"
        var documents: [Index.Entry] = []
        documents.reserveCapacity(lines.count - 2)
        for line in lines.dropFirst(2) {
            let names = line.split(separator: 0x09, omittingEmptySubsequences: false)
            guard names.count == 3, let space = names[0].lastIndex(of: 0x20) else { throw damaged("a bad line") }
            let id = String(decoding: names[0][(space + 1)...], as: UTF8.self)
            let fields = names[0][..<space].split(separator: 0x20, omittingEmptySubsequences: false)
            let voice = names[1].isEmpty ? nil : String(decoding: names[1], as: UTF8.self)
            let file = String(decoding: names[2], as: UTF8.self)
            if fields.count == 1 && Array(fields[0]) == [0x2D] {
                documents.append(Index.Entry(id: id, voice: voice, file: file, identity: nil, hash: nil))
                continue
            }
            guard fields.count == 6, fields[0].count == 64, let ident = identity(fields.dropFirst()) else { throw damaged("a bad line") }
            documents.append(Index.Entry(id: id, voice: voice, file: file, identity: ident, hash: String(decoding: fields[0], as: UTF8.self)))
        }
        return Index(manifest: manifest, analysts: analysts, documents: documents)
    }

    /// Writes the index durably (not at all when a name holds a tab or a line break).
    func writeIndex(_ index: Index) throws {
        func plain(_ s: String) -> Bool { !s.utf8.contains(0x09) && !s.utf8.contains(0x0A) && !s.utf8.contains(0x0D) }
        guard index.documents.allSatisfy({ plain($0.id) && plain($0.file) && plain($0.voice ?? "") && !$0.id.contains(" ") }) else { return }
        func fields(_ id: FileIdentity) -> String { "\(id.device) \(id.inode) \(id.size) \(id.modified) \(id.changed)" }
        var out = Array(CorpusCache.indexHeader.utf8)
        out += Array(("manifest " + (index.manifest.map(fields) ?? "-") + "\n").utf8)
        let analysts = try JSONEncoder().encode(index.analysts)
        guard !analysts.contains(0x0A) else { return }
        out += Array("analysts ".utf8) + Array(analysts) + [0x0A]
        for e in index.documents {
            let head = e.identity.flatMap { id in e.hash.map { "\($0) " + fields(id) } } ?? "-"
            out += Array("\(head) \(e.id)\t\(e.voice ?? "")\t\(e.file)\n".utf8)
        }
        let sum = ContentChecksum.of(out)
        out += Array("end \(String(sum, radix: 16))\n".utf8)
        try ensureDirectory()
        CorpusCache.writing.lock(); defer { CorpusCache.writing.unlock() }
        try fs.replaceAtomically(indexPath, with: out)
    }

    func ensureDirectory() throws {
        let runtime = try RuntimeDirectory.ensure(in: corpusDirectory, fs: fs)
        if try fs.makeDirectory(directory) { try fs.syncDirectory(runtime) }
    }

    // MARK: The folded pack

    /// The search index of a corpus loaded from this directory: the folded pack is mapped
    /// from the cache when it holds exactly the corpus's documents and is intact; otherwise
    /// it is rebuilt (folding only the documents it lacks), written durably and mapped.
    public func searchIndex(for corpus: Corpus) -> SearchIndex {
        var old: FoldedPack?
        do {
            if let mapped = try MappedFile(path: packPath) {
                // The whole-pack checksum is skipped when a process already verified these
                // very bytes: the file's identity is the one recorded then (any write since,
                // even in place, changes its status-change time; see `recordChecked`).
                let trusted = packCheckedIdentity() == PackCheck(identity: mapped.identity, buffer: mapped.buffer)
                report.packCheck = trusted ? "identity" : "checksum"
                let pack = try FoldedPack(buffer: mapped.buffer, owner: mapped, checksum: !trusted)
                if pack.matches(corpus) {
                    report.pack = "hit"
                    if !trusted { recordChecked(PackCheck(identity: mapped.identity, buffer: mapped.buffer)) }
                    return SearchIndex(corpus: corpus, pack: pack)
                }
                old = pack
                report.pack = "built: stale"
            } else {
                report.pack = "built: none"
            }
        } catch let error as ParallaxError {
            report.pack = "built: " + error.message
        } catch {
            report.pack = "built: \(error)"
        }
        let (bytes, folded) = FoldedPack.build(corpus, reusing: old)
        report.folded = folded
        old = nil
        do {
            try ensureDirectory()
            try CorpusCache.writing.withLock { try fs.replaceAtomically(packPath, with: bytes) }
            if let mapped = try MappedFile(path: packPath) {
                let pack = try FoldedPack(buffer: mapped.buffer, owner: mapped, checksum: false)
                if pack.matches(corpus) { return SearchIndex(corpus: corpus, pack: pack) }
            }
        } catch {
            // A corpus folder that cannot be written: search from memory.
        }
        return SearchIndex(corpus: corpus, pack: try! FoldedPack(bytes: bytes))
    }
}

extension CorpusCache {
    /// What `folded.pack.checked` records: the identity of a pack file whose checksum a
    /// process verified, and the checksum stored in its trailer.
    struct PackCheck: Equatable {
        var identity: FileIdentity
        var checksum: UInt64

        init(identity: FileIdentity, checksum: UInt64) {
            self.identity = identity
            self.checksum = checksum
        }

        /// The check of a mapped pack (`checksum` 0 when it is too short to hold a trailer).
        init(identity: FileIdentity, buffer: UnsafeRawBufferPointer) {
            self.identity = identity
            let t = buffer.count - FoldedPack.trailerSize + 48
            checksum = t >= 48 ? UInt64(littleEndian: buffer.baseAddress!.loadUnaligned(fromByteOffset: t, as: UInt64.self)) : 0
        }
    }

    static let packCheckedHeader = "parallax pack checked 1 "

    /// The recorded check, or `nil` (none, unreadable or damaged: the pack is then verified).
    func packCheckedIdentity() -> PackCheck? {
        guard let bytes = try? fs.read(packCheckedPath) else { return nil }
        let line = String(decoding: bytes, as: UTF8.self)
        guard line.hasPrefix(CorpusCache.packCheckedHeader), line.hasSuffix("\n") else { return nil }
        let f = line.dropFirst(CorpusCache.packCheckedHeader.count).dropLast().split(separator: " ")
        guard f.count == 6, let dev = UInt64(f[0]), let ino = UInt64(f[1]), let size = Int64(f[2]),
              let mtime = Int64(f[3]), let ctime = Int64(f[4]), let sum = UInt64(f[5], radix: 16) else { return nil }
        return PackCheck(identity: FileIdentity(device: dev, inode: ino, size: size, modified: mtime, changed: ctime), checksum: sum)
    }

    /// Records that a pack's checksum was verified, unless the file changed so recently that
    /// a later write within the same clock tick would leave its identity unchanged (then the
    /// next process verifies it again, as it does for documents).
    func recordChecked(_ check: PackCheck) {
        guard CorpusCache.now() - max(check.identity.modified, check.identity.changed) >= racyWindowNanoseconds else { return }
        let id = check.identity
        let line = CorpusCache.packCheckedHeader + "\(id.device) \(id.inode) \(id.size) \(id.modified) \(id.changed) \(String(check.checksum, radix: 16))\n"
        CorpusCache.writing.withLock { try? fs.replaceAtomically(packCheckedPath, with: Array(line.utf8)) }
    }
}

/// Identities found by several threads, each filling its own range.
private final class Identities: @unchecked Sendable {
    private(set) var values: [(identity: FileIdentity?, watchable: Bool)]
    private let lock = NSLock()
    init(_ n: Int) { values = Array(repeating: (nil, false), count: n) }
    func set(_ range: Range<Int>, _ part: [(identity: FileIdentity?, watchable: Bool)]) {
        lock.lock(); values.replaceSubrange(range, with: part); lock.unlock()
    }
}
