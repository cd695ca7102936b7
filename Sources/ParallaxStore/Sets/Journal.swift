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
}

/// The append-only journal beside a set file (`NAME.journal`): every change is appended and
/// fsynced before it is reported done, which costs one small write instead of rewriting the
/// whole set. Replaying is idempotent (a put replaces, a delete removes), so a crash between
/// compaction's rename and the journal's removal loses nothing.
///
/// Lines: `put {canonical annotation}` or `delete ID`. Only a last line without its line
/// feed can be torn by a crash; it was never acknowledged, and replay ignores it.
public final class Journal {
    /// The journal's path.
    public let path: String
    private let fs: any FileSystem
    private var fd: Int32?
    /// Entries appended since the journal was last emptied (including replayed ones).
    public private(set) var count = 0

    /// Creates a journal handle; nothing is opened until the first append.
    public init(path: String, fs: any FileSystem, existingEntries: Int = 0) {
        self.path = path; self.fs = fs; self.count = existingEntries
    }

    deinit { if let fd { fs.close(fd) } }

    /// Appends entries and fsyncs; when this returns they are on disk.
    public func append(_ entries: [JournalEntry]) throws {
        var bytes: [UInt8] = []
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
            // The tail may hold part of this write; drop the handle so the next append
            // reopens, and make sure a partial line cannot glue onto the next one.
            fs.close(handle)
            fd = nil
            if let again = try? fs.open(path, flags: O_WRONLY | O_APPEND, mode: 0o644) {
                _ = try? [UInt8]([0x0A]).withUnsafeBytes { try fs.write(again, $0) }
                fs.close(again)
            }
            throw error
        }
        count += entries.count
    }

    /// Removes the journal (after its entries have been compacted into the set file).
    public func remove() throws {
        if let fd { fs.close(fd); self.fd = nil }
        try fs.unlink(path)
        try fs.syncDirectory(FileSystemDirectory.of(path))
        count = 0
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
        }
    }

    /// Parses a journal's bytes.
    /// - Returns: entries in order, damaged complete lines (reported, skipped), and whether the
    ///   last line was torn (no line feed).
    public static func parse(_ bytes: [UInt8]) -> (entries: [JournalEntry], damaged: [DamagedLine], torn: Bool) {
        var entries: [JournalEntry] = []
        var damaged: [DamagedLine] = []
        var torn = false
        var start = 0
        var number = 0
        while start < bytes.count {
            number += 1
            guard let end = bytes[start...].firstIndex(of: 0x0A) else { torn = true; break }
            let line = Array(bytes[start..<end])
            start = end + 1
            if line.isEmpty { continue }
            if line.starts(with: "put ".utf8) {
                do throws(AnnotationCodec.LineError) {
                    entries.append(.put(try AnnotationCodec.decode(Array(line.dropFirst(4)))))
                } catch {
                    damaged.append(DamagedLine(line: number, bytes: line, reason: error.message))
                }
            } else if line.starts(with: "delete ".utf8) {
                entries.append(.delete(String(decoding: line.dropFirst(7), as: UTF8.self)))
            } else {
                damaged.append(DamagedLine(line: number, bytes: line, reason: "not a journal entry"))
            }
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
