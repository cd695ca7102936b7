import ParallaxCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One change recorded in a set's journal.
public enum JournalEntry: Equatable, Sendable {
    /// The annotation as it now is (added or edited).
    case put(Annotation)
    /// The annotation with this id was deleted.
    case delete(String)
    /// The memo as it now is (added or edited).
    case memo(Memo)
    /// The memo with this id was deleted.
    case deleteMemo(String)
}

/// The append-only journal beside a set file (`NAME.journal`): every change is appended and
/// fsynced before it is reported done, which costs one small write instead of rewriting the
/// whole set. Replaying is idempotent (a put replaces, a delete removes), so a crash between
/// compaction's rename and the journal's removal loses nothing.
///
/// Lines: `put {canonical annotation}` or `delete ID`. Several entries appended at once (an
/// import) follow a `batch N` line: replay takes all N or, when fewer follow, none. Only the
/// tail can be torn by a crash (a last line without its line feed, or a batch cut short): it
/// was never acknowledged, and replay ignores it. A torn tail, or one left by an append that
/// failed, must not have more appended to it (the next line would glue on, or count towards
/// the cut batch): ``needsRewrite`` tells the store to compact first.
/// Memos: `memo {canonical memo}` or `unmemo ID` (an older version reports these as damaged
/// entries and keeps them).
public final class Journal {
    /// The journal's path.
    public let path: String
    private let fs: any FileSystem
    private var fd: Int32?
    /// Entries appended since the journal was last emptied (including replayed ones).
    public internal(set) var count = 0
    /// Whether the file's tail may be torn (found so when read, or left by a failed append),
    /// so that the journal must be folded into the set and removed before the next append.
    public internal(set) var needsRewrite = false

    /// Creates a journal handle; nothing is opened until the first append.
    public init(path: String, fs: any FileSystem, existingEntries: Int = 0, torn: Bool = false) {
        self.path = path; self.fs = fs; self.count = existingEntries; self.needsRewrite = torn
    }

    deinit { if let fd { fs.close(fd) } }

    /// Appends entries and fsyncs; when this returns they are on disk.
    public func append(_ entries: [JournalEntry]) throws {
        precondition(!needsRewrite, "a journal with a torn tail is compacted before it is appended to")
        var bytes: [UInt8] = []
        if entries.count > 1 { bytes.append(contentsOf: "batch \(entries.count)\n".utf8) }
        for e in entries { Journal.encode(e, into: &bytes) }
        let handle: Int32
        if let fd {
            handle = fd
        } else {
            handle = try fs.open(path, flags: O_WRONLY | O_CREAT | O_APPEND, mode: 0o644)
            do {
                try fs.syncDirectory(FileSystemDirectory.of(path))
            } catch {
                fs.close(handle)
                throw error
            }
            fd = handle
        }
        do {
            try bytes.withUnsafeBytes { try fs.write(handle, $0) }
            try fs.fsync(handle)
        } catch {
            // The tail may hold part of this write: drop the handle, and have the store fold
            // the journal into the set (from memory, which never took this change) before
            // anything more is appended.
            fs.close(handle)
            fd = nil
            needsRewrite = true
            throw error
        }
        count += entries.count
    }

    /// Closes the handle (the next append reopens the file): before another writer, such as
    /// a ``FileTransaction``, replaces or removes the journal's file.
    func release() {
        if let fd { fs.close(fd); self.fd = nil }
    }

    /// Removes the journal (after its entries have been compacted into the set file).
    public func remove() throws {
        if let fd { fs.close(fd); self.fd = nil }
        try fs.unlink(path)
        try fs.syncDirectory(FileSystemDirectory.of(path))
        count = 0
        needsRewrite = false
    }

    static func encode(_ entry: JournalEntry, into bytes: inout [UInt8]) {
        switch entry {
        case .put(let a):
            bytes.append(contentsOf: "put ".utf8)
            AnnotationCodec.append(a, to: &bytes)
        case .delete(let id):
            bytes.append(contentsOf: "delete ".utf8)
            bytes.append(contentsOf: id.utf8)
            bytes.append(0x0A)
        case .memo(let m):
            bytes.append(contentsOf: "memo ".utf8)
            bytes.append(contentsOf: RecordCodec.encode(.memo(m)))
            bytes.append(0x0A)
        case .deleteMemo(let id):
            bytes.append(contentsOf: "unmemo ".utf8)
            bytes.append(contentsOf: id.utf8)
            bytes.append(0x0A)
        }
    }

    /// Parses a journal's bytes.
    /// - Returns: entries in order, damaged complete lines (reported, skipped), and whether the
    ///   tail was torn (a last line without its line feed, or a batch with fewer lines than it
    ///   announced: its entries are left out).
    public static func parse(_ bytes: [UInt8]) -> (entries: [JournalEntry], damaged: [DamagedLine], torn: Bool) {
        var entries: [JournalEntry] = []
        var damaged: [DamagedLine] = []
        var torn = false
        var start = 0
        var number = 0
        // Inside a batch: its lines still to come, and where its entries begin.
        var batchLeft = 0
        var batchEntries = 0, batchDamaged = 0
        while start < bytes.count {
            number += 1
            guard let end = bytes[start...].firstIndex(of: 0x0A) else { torn = true; break }
            let line = Array(bytes[start..<end])
            start = end + 1
            if batchLeft > 0 { batchLeft -= 1 }
            if line.isEmpty { continue }
            if line.starts(with: "batch ".utf8), batchLeft == 0,
               let n = Int(String(decoding: line.dropFirst(6), as: UTF8.self)), n > 0 {
                batchLeft = n
                batchEntries = entries.count
                batchDamaged = damaged.count
                continue
            }
            if line.starts(with: "put ".utf8) {
                do throws(AnnotationCodec.LineError) {
                    entries.append(.put(try AnnotationCodec.decode(Array(line.dropFirst(4)))))
                } catch {
                    damaged.append(DamagedLine(line: number, bytes: line, reason: error.message))
                }
            } else if line.starts(with: "delete ".utf8) {
                entries.append(.delete(String(decoding: line.dropFirst(7), as: UTF8.self)))
            } else if line.starts(with: "memo ".utf8) {
                do throws(AnnotationCodec.LineError) {
                    guard case .memo(let m) = try RecordCodec.decode(Array(line.dropFirst(5))) else {
                        throw AnnotationCodec.LineError(message: "not a memo", column: nil)
                    }
                    entries.append(.memo(m))
                } catch {
                    damaged.append(DamagedLine(line: number, bytes: line, reason: error.message))
                }
            } else if line.starts(with: "unmemo ".utf8) {
                entries.append(.deleteMemo(String(decoding: line.dropFirst(7), as: UTF8.self)))
            } else {
                damaged.append(DamagedLine(line: number, bytes: line, reason: "not a journal entry"))
            }
        }
        if batchLeft > 0 {
            // A batch cut short by a crash: it was never acknowledged, so none of it counts.
            entries.removeSubrange(batchEntries...)
            damaged.removeSubrange(batchDamaged...)
            torn = true
        }
        return (entries, damaged, torn)
    }
}

enum FileSystemDirectory {
    static func of(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
