#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import ParallaxCore

/// A change to several files that lands whole or not at all, under SIGKILL and power loss:
/// a fresh process finds either every file as it was or every file as the change made it.
///
/// ```swift
/// try FileTransaction(directory: store.directory, fs: fs)
///     .commit(files: [setPath: setBytes, codebookPath: codebookBytes], removing: [journalPath])
/// ```
///
/// The protocol (an intent record under ``RuntimeDirectory``, `.parallax/`; described with the
/// crash states it survives in docs/reliability.md, "Multi-file changes"):
/// 1. **Claim.** `.parallax/ID.intent.tmp` is created (exclusively) and locked, the record is
///    written — each target with its temporary file, size and SHA-256, the files to remove, and
///    last the record's own SHA-256 — and fsynced, then `.parallax` is fsynced.
/// 2. **Prepare.** Each new content goes to a temporary file beside its target
///    (`TARGET.txn-ID`), fsynced; then each target's directory is fsynced.
/// 3. **Commit point.** The claim is renamed to `.parallax/ID.intent` and `.parallax` fsynced.
/// 4. **Apply.** Each temporary file is renamed over its target, each file to remove is
///    unlinked, and each directory touched is fsynced.
/// 5. **Done.** The record is unlinked, `.parallax` fsynced, and the lock released.
///
/// ``recover(in:fs:waitingUpTo:)`` (run by ``AnnotationStore`` when it opens and whenever it
/// takes a lock) finishes step 4 for every `ID.intent` whose process is gone (its lock can be
/// taken), and discards every claim that never reached the commit point with its temporary
/// files: nothing had been changed yet. Renames and unlinks are idempotent, so recovery can
/// itself be interrupted and run again.
///
/// The caller must hold the locks that guard every file it changes (a set's lock for its
/// file and journal, `codebook.lock` for the codebook), as for any other write.
public struct FileTransaction {
    /// The annotations directory; the intent record goes in its ``RuntimeDirectory``.
    public let directory: String
    private let fs: any FileSystem

    /// Suffix of the temporary files, before the transaction's id.
    static let temporaryMarker = ".txn-"
    static let committedSuffix = ".intent"
    static let claimSuffix = ".intent.tmp"

    /// Prepares a transaction whose intent record is kept in `directory`'s `.parallax/`.
    /// - Parameters:
    ///   - directory: The annotations directory. Paths given to ``commit(files:removing:)``
    ///     must lie inside it (`directory + "/…"`, `..` allowed) or be absolute.
    ///   - fs: The file system (tests record or fault it here).
    public init(directory: String, fs: any FileSystem = PosixFileSystem()) {
        self.directory = directory
        self.fs = fs
    }

    /// Replaces and removes files, all or nothing.
    ///
    /// When this returns, every file is durably changed. When it throws before the commit
    /// point (a full disk, a failed write or fsync), nothing was changed and no temporary
    /// file is left. When it throws after the commit point (a rename or a directory fsync
    /// failing, which a full disk does not cause), the change is decided: the error says so,
    /// and the next ``recover(in:fs:waitingUpTo:)`` completes it.
    /// - Parameters:
    ///   - files: New contents by path.
    ///   - removing: Paths to remove (a missing file is not an error).
    /// - Throws: ``ParallaxError`` of kind `.io` (or `.usage` for a path outside the directory).
    public func commit(files: [String: [UInt8]], removing: [String] = []) throws {
        if files.isEmpty && removing.isEmpty { return }
        let state = try RuntimeDirectory.ensure(in: directory, fs: fs)
        let id = Self.newID()
        let targets = files.keys.sorted()
        let record = Record(
            id: id,
            replace: try targets.map { target in
                Record.Replacement(target: try stored(target), temporary: try stored(target + Self.temporaryMarker + id),
                                   size: files[target]!.count, sha256: Self.sha256(files[target]!))
            },
            remove: try removing.map(stored))
        let claim = state + "/" + id + Self.claimSuffix
        let committed = state + "/" + id + Self.committedSuffix
        let fd = try fs.open(claim, flags: O_WRONLY | O_CREAT | O_EXCL, mode: 0o644)
        // Closing releases the lock; it stays held until the record is gone.
        defer { fs.close(fd) }
        var temporaries: [String] = []
        do {
            _ = try fs.tryLock(fd)
            try record.encoded().withUnsafeBytes { try fs.write(fd, $0) }
            try fs.fsync(fd)
            try fs.syncDirectory(state)
            for target in targets {
                let temporary = target + Self.temporaryMarker + id
                let out = try fs.open(temporary, flags: O_WRONLY | O_CREAT | O_TRUNC, mode: 0o644)
                temporaries.append(temporary)
                defer { fs.close(out) }
                try files[target]!.withUnsafeBytes { try fs.write(out, $0) }
                try fs.fsync(out)
            }
            for folder in Set(targets.map(FileSystemDirectory.of)).sorted() { try fs.syncDirectory(folder) }
            try fs.rename(claim, committed)
        } catch {
            for temporary in temporaries { try? fs.unlink(temporary) }
            try? fs.unlink(claim)
            throw error
        }
        do {
            try fs.syncDirectory(state)
            try apply(record)
            try fs.unlink(committed)
            try fs.syncDirectory(state)
        } catch var error as ParallaxError {
            error.hint = "the change is recorded in \(committed) and will be completed when the annotations are next opened"
                + (error.hint.map { "; " + $0 } ?? "")
            throw error
        }
    }

    /// Finishes step 4 of a committed record: renames each temporary file still present over
    /// its target (checking its size and SHA-256 when `verify`), unlinks the files to remove,
    /// and fsyncs the directories touched.
    private func apply(_ record: Record, verify: Bool = false) throws {
        var touched = Set<String>()
        for r in record.replace {
            let temporary = resolved(r.temporary), target = resolved(r.target)
            if verify {
                guard let bytes = try fs.read(temporary) else { touched.insert(FileSystemDirectory.of(target)); continue }
                guard bytes.count == r.size, Self.sha256(bytes) == r.sha256 else {
                    throw ParallaxError(.invalidData, "the new contents of \(target) do not match the change record \(record.id)",
                                        at: temporary, hint: "the disk returned other bytes than were written; keep a copy of \(RuntimeDirectory.name) and check the disk")
                }
            }
            try fs.rename(temporary, target)
            touched.insert(FileSystemDirectory.of(target))
        }
        for path in record.remove.map(resolved) {
            try fs.unlink(path)
            touched.insert(FileSystemDirectory.of(path))
        }
        for folder in touched.sorted() { try fs.syncDirectory(folder) }
    }

    /// What ``recover(in:fs:waitingUpTo:)`` found.
    public struct Recovery: Equatable, Sendable {
        /// Ids of committed changes it completed.
        public var completed: [String] = []
        /// Ids of changes that never reached the commit point, discarded with their
        /// temporary files.
        public var discarded: [String] = []
        /// Ids of changes another live process is making (left alone).
        public var inProgress: [String] = []
    }

    /// Completes every committed change whose process is gone and discards every claim that
    /// never reached its commit point. Run it before reading files a transaction may change,
    /// and again after taking the lock that guards them.
    /// - Parameters:
    ///   - directory: The annotations directory.
    ///   - fs: The file system.
    ///   - seconds: How long to wait for a record another process holds (a process finishing
    ///     or recovering it) before leaving it alone.
    /// - Returns: What was done.
    /// - Throws: ``ParallaxError`` when a record cannot be completed (the files are then left
    ///   as they are, and the record stays for the next attempt).
    @discardableResult
    public static func recover(in directory: String, fs: any FileSystem, waitingUpTo seconds: Double = 0) throws -> Recovery {
        var result = Recovery()
        guard let top = try? fs.list(directory), top.contains(RuntimeDirectory.name) else { return result }
        let state = RuntimeDirectory.path(in: directory)
        let transaction = FileTransaction(directory: directory, fs: fs)
        var names = try fs.list(state)
        for name in names {
            let committed = name.hasSuffix(committedSuffix)
            guard committed || name.hasSuffix(claimSuffix) else { continue }
            let id = String(name.dropLast(committed ? committedSuffix.count : claimSuffix.count))
            let path = state + "/" + name
            guard let fd = try? fs.open(path, flags: O_RDONLY, mode: 0) else { continue }
            defer { fs.close(fd) }
            guard try lock(fd, fs: fs, waitingUpTo: seconds) else { result.inProgress.append(id); continue }
            // Read after locking: whoever held it may have finished and removed it.
            guard let bytes = try fs.read(path) else { continue }
            let record = Record(decoding: bytes)
            if committed, let record {
                try transaction.apply(record, verify: true)
                result.completed.append(id)
            } else {
                // Never committed (or damaged, which the protocol's fsync before the rename
                // rules out): nothing was changed, only temporary files may exist.
                for r in record?.replace ?? [] { try fs.unlink(transaction.resolved(r.temporary)) }
                result.discarded.append(id)
            }
            try fs.unlink(path)
            try fs.syncDirectory(state)
        }
        // Temporary files whose claim is gone (a discard interrupted before its unlinks were
        // durable): a live transaction's claim always exists before its temporary files.
        names = try fs.list(state)
        // And the temporary `.gitignore` of an earlier version killed while creating the folder
        // (this version writes it in place).
        for file in names where RuntimeDirectory.isStaleIgnoreTemporary(file) {
            try fs.unlink(state + "/" + file)
            try fs.syncDirectory(state)
        }
        for folder in [directory, state] {
            for file in try fs.list(folder) {
                guard let marker = file.range(of: temporaryMarker) else { continue }
                let id = String(file[marker.upperBound...])
                guard isID(id),
                      !names.contains(id + committedSuffix), !names.contains(id + claimSuffix) else { continue }
                try fs.unlink(folder + "/" + file)
                try fs.syncDirectory(folder)
            }
        }
        return result
    }

    private static func lock(_ fd: Int32, fs: any FileSystem, waitingUpTo seconds: Double) throws -> Bool {
        var waited = 0.0
        while true {
            if try fs.tryLock(fd) { return true }
            if waited >= seconds { return false }
            usleep(10_000)
            waited += 0.01
        }
    }

    // MARK: Paths

    /// A path as the record keeps it: relative to the directory when inside it, else absolute.
    private func stored(_ path: String) throws -> String {
        let prefix = directory + "/"
        if path.hasPrefix(prefix) { return String(path.dropFirst(prefix.count)) }
        if path.hasPrefix("/") { return path }
        throw ParallaxError(.usage, "a file changed by a transaction must be inside \(directory) or absolute", at: path)
    }

    private func resolved(_ stored: String) -> String {
        stored.hasPrefix("/") ? stored : directory + "/" + stored
    }

    /// Whether a string has the shape of a transaction id (`PID-HEX`).
    private static func isID(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[0].allSatisfy(\.isASCII) && parts[0].allSatisfy(\.isNumber)
            && !parts[1].isEmpty && parts[1].allSatisfy { $0.isASCII && $0.isHexDigit && !$0.isUppercase }
    }

    private static func newID() -> String {
        "\(getpid())-" + String(UInt64.random(in: 0...UInt64.max), radix: 16)
    }

    static func sha256(_ bytes: [UInt8]) -> String { Document.sha256(bytes) }

    // MARK: Record

    /// The intent record: one JSON line, then `sha256 HEX` of that line.
    struct Record: Codable, Equatable {
        struct Replacement: Codable, Equatable {
            var target: String
            var temporary: String
            var size: Int
            var sha256: String
        }
        var id: String
        var replace: [Replacement]
        var remove: [String]

        init(id: String, replace: [Replacement], remove: [String]) {
            self.id = id; self.replace = replace; self.remove = remove
        }

        /// Reads a record; `nil` when it is torn or its checksum does not match.
        init?(decoding bytes: [UInt8]) {
            let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
            guard lines.count == 3, lines[2].isEmpty else { return nil }
            let body = Array(lines[0])
            guard Array(lines[1]) == Array("sha256 ".utf8) + Array(FileTransaction.sha256(body).utf8),
                  let record = try? JSONDecoder().decode(Record.self, from: Data(body)) else { return nil }
            self = record
        }

        func encoded() -> [UInt8] {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            // Encoding strings and integers cannot fail.
            let body = [UInt8]((try? encoder.encode(self)) ?? Data())
            return body + [0x0A] + Array("sha256 \(FileTransaction.sha256(body))\n".utf8)
        }
    }
}
