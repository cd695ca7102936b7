import ParallaxCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The store's per-set cache: `.parallax/NAME.snapshot`, the set file as the store last read
/// and checked it (``SetSnapshot``), so that a new process loads a big set without parsing
/// its JSON or checking its spans against the corpus again.
///
/// The set file stays the only source of truth. A snapshot is used only when the file's
/// identity (size, device, inode, modification and status-change times) is the one it was
/// made from, and — when the file had been modified within two seconds of being read, so
/// that a later change might keep its time — its checksum too; when the corpus and codebook
/// fingerprints and Parallax's version match; and when every part of it passes its checksum.
/// Anything else (a set saved or edited by another process, a codebook or document changed,
/// a truncated or damaged snapshot) reads the set file as before and writes a new snapshot.
/// The journal is never in a snapshot: it is replayed over the set as on every load.
///
/// Snapshots are written durably (temporary file, fsync, rename, fsync of the folder) through
/// the store's ``FileSystem``, and only for set files of at least ``minimumBytes``: small
/// sets parse in milliseconds. A snapshot that cannot be written is not an error.
package struct SetSnapshotCache {
    let directory: String
    let fs: any FileSystem
    /// Set files smaller than this are always parsed (no snapshot is read or written).
    var minimumBytes: Int

    /// Where a set's snapshot lives.
    func path(of set: String) -> String { RuntimeDirectory.path(of: set + ".snapshot", in: directory) }

    /// What happened on the last ``slices(of:file:corpus:codebook:check:)``.
    package enum Outcome: Equatable, Sendable {
        /// The set has no file.
        case noFile
        /// Parsed: too small for a snapshot.
        case parsed
        /// Read from its snapshot.
        case hit
        /// Parsed, and a snapshot written, for this reason.
        case rebuilt(String)
    }

    /// The set file's slices: from the snapshot when it is current, else parsed (and a
    /// snapshot written for next time); `nil` when the set has no file.
    func slices(of set: String, file: String, corpus: UInt64, codebook: UInt64,
                check: @escaping @Sendable (Annotation) -> AnnotationValidator.Verdict) throws -> (slices: [SetFile.Slice]?, outcome: Outcome) {
        guard let before = SetSnapshotCache.identity(of: file), before[0] >= minimumBytes else {
            let slices = try fs.read(file).map { SetFile.parseSlices($0, check: check) }
            return (slices, slices == nil ? .noFile : .parsed)
        }
        let snapshotPath = path(of: set)
        var why = "no snapshot"
        if let mapped = SnapshotMapping(snapshotPath) {
            if let key = SetSnapshot.key(of: mapped.bytes) {
                if key.identity != before { why = "the set file changed" }
                else if key.corpus != corpus { why = "the corpus changed" }
                else if key.codebook != codebook { why = "the codebook changed" }
                else if key.version != ParallaxVersion.current { why = "another Parallax version made it" }
                else if key.racy, try fs.read(file).map(ContentChecksum.of) != key.contentChecksum { why = "the set file changed" }
                else if let slices = SetSnapshot.decode(mapped.bytes, release: mapped.releaser) { return (slices, .hit) }
                else { why = "the snapshot is damaged" }
            } else {
                why = "the snapshot is damaged"
            }
        }
        guard let bytes = try fs.read(file) else { return (nil, .noFile) }
        let slices = SetFile.parseSlices(bytes, check: check)
        // Kept only when the file did not change while it was read.
        if let after = SetSnapshotCache.identity(of: file), after == before {
            var now = timespec()
            clock_gettime(CLOCK_REALTIME, &now)
            let racy = Int64(now.tv_sec) - before[3] < 2
            let key = SetSnapshot.Key(identity: before, contentChecksum: ContentChecksum.of(bytes), racy: racy,
                                      corpus: corpus, codebook: codebook)
            write(slices, key: key, of: set)
        }
        return (slices, .rebuilt(why))
    }

    /// After a save: writes the snapshot of the file just written from the set in memory
    /// (``SetFile/savedSlices(of:order:check:)``), so the next process that loads the set
    /// does not parse it. Nothing is written (and the old snapshot, now stale, is left to
    /// be found stale) for a file under ``minimumBytes`` or a set with damaged lines.
    ///
    /// The key holds the file's identity as it is now and the checksum of the bytes the save
    /// wrote, marked racy (the file was modified just now): every load compares the file's
    /// checksum too, so a file changed by anyone since the save, even within the same
    /// timestamp, is read again.
    /// - Returns: Whether a snapshot was written.
    @discardableResult
    func storeSaved(_ set: AnnotationSet, order: [Dictionary<String, Annotation>.Index], file: String, checksum: UInt64,
                    corpus: UInt64, codebook: UInt64, check: @Sendable (Annotation) -> AnnotationValidator.Verdict) -> Bool {
        guard let identity = SetSnapshotCache.identity(of: file), identity[0] >= minimumBytes,
              let slices = SetFile.savedSlices(of: set, order: order, check: check) else { return false }
        let key = SetSnapshot.Key(identity: identity, contentChecksum: checksum, racy: true, corpus: corpus, codebook: codebook)
        return write(slices, key: key, of: set.name)
    }

    /// Writes a snapshot durably; a cache that cannot be written costs the next load its
    /// speed, nothing else.
    @discardableResult
    private func write(_ slices: [SetFile.Slice], key: SetSnapshot.Key, of set: String) -> Bool {
        guard let pieces = SetSnapshot.encode(slices, key: key) else { return false }
        do {
            try RuntimeDirectory.ensure(in: directory, fs: fs)
            try fs.replaceAtomically(path(of: set), temporaryIn: nil) { write in
                for p in pieces { try p.withUnsafeBytes { try write($0) } }
            }
            return true
        } catch {
            return false
        }
    }

    /// Size, device, inode, modification and status-change times (seconds, nanoseconds) of a
    /// regular file; `nil` when it is missing or not a regular file.
    static func identity(of path: String) -> [Int64]? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        #if canImport(Darwin)
        let m = info.st_mtimespec, c = info.st_ctimespec
        #else
        let m = info.st_mtim, c = info.st_ctim
        #endif
        return [Int64(info.st_size), Int64(bitPattern: UInt64(info.st_dev)), Int64(bitPattern: UInt64(info.st_ino)),
                Int64(m.tv_sec), Int64(m.tv_nsec), Int64(c.tv_sec), Int64(c.tv_nsec)]
    }
}

/// A snapshot mapped read-only into memory, unmapped when released, whose pages are given
/// back as they are decoded.
final class SnapshotMapping: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer
    private let length: Int

    /// Maps a regular file; `nil` when it is missing, empty or cannot be mapped.
    init?(_ path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0 else { return nil }
        length = Int(info.st_size)
        guard let p = mmap(nil, length, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else { return nil }
        _ = madvise(p, length, MADV_SEQUENTIAL)
        bytes = UnsafeRawBufferPointer(start: p, count: length)
    }

    deinit { munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), length) }

    /// Gives back the whole pages inside a range already read, so a big file is never all
    /// resident at once.
    var releaser: @Sendable (Range<Int>) -> Void {
        let base = UInt(bitPattern: bytes.baseAddress)
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        return { range in
            let from = (range.lowerBound + page - 1) / page * page
            let to = range.upperBound / page * page
            guard to > from, let p = UnsafeMutableRawPointer(bitPattern: base + UInt(from)) else { return }
            _ = madvise(p, to - from, MADV_DONTNEED)
        }
    }
}
