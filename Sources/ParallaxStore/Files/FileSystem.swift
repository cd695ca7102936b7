import ParallaxCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The system calls the store makes, behind one protocol so tests can inject faults (disk
/// full, permission denied, a failing rename or fsync). ``PosixFileSystem`` is the real one.
public protocol FileSystem: Sendable {
    /// Opens a file; returns a descriptor or throws with `errno`'s text.
    func open(_ path: String, flags: Int32, mode: mode_t) throws -> Int32
    /// Writes all bytes.
    func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws
    /// Flushes a file (or directory) to stable storage.
    func fsync(_ fd: Int32) throws
    /// Closes a descriptor.
    func close(_ fd: Int32)
    /// Renames atomically.
    func rename(_ from: String, _ to: String) throws
    /// Removes a file; a missing file is not an error.
    func unlink(_ path: String) throws
    /// Truncates an open file.
    func truncate(_ fd: Int32, to length: Int) throws
    /// Tries to take an exclusive advisory lock; `false` when another process holds it.
    func tryLock(_ fd: Int32) throws -> Bool
    /// The whole contents of a file, or `nil` when it does not exist.
    func read(_ path: String) throws -> [UInt8]?
    /// Names of the entries of a directory.
    func list(_ directory: String) throws -> [String]
    /// Creates a directory (mode 0755); the real one is in `RuntimeDirectory+Ensure.swift`.
    /// A requirement, so that a test file system sees and records it.
    /// - Returns: `true` when it was created, `false` when it already existed.
    func makeDirectory(_ path: String) throws -> Bool
}

/// The real file system, through POSIX calls.
public struct PosixFileSystem: FileSystem {
    /// Creates the real file system.
    public init() {}

    /// The error for a failed system call: what failed, where, why (errno) and what to do.
    public static func failure(_ what: String, _ path: String, _ code: Int32 = errno) -> ParallaxError {
        let reason = String(cString: strerror(code))
        var hint: String?
        switch code {
        case ENOSPC, EDQUOT: hint = "free some disk space and try again; nothing was changed on disk"
        case EACCES, EPERM: hint = "check the permissions of the file and its directory"
        case EROFS: hint = "the file system is read-only; save elsewhere with --annotations DIR"
        case ENOTDIR: hint = "a part of the path is a file, not a folder; check the path"
        case EISDIR: hint = "that is a folder; name a file"
        default: break
        }
        return ParallaxError(.io, "\(what) failed: \(reason)", at: .file(path), hint: hint)
    }

    public func open(_ path: String, flags: Int32, mode: mode_t) throws -> Int32 {
        let fd = Glibc.open(path, flags | O_CLOEXEC, mode)
        if fd < 0 { throw Self.failure("open", path) }
        return fd
    }

    public func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws {
        var done = 0
        while done < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw Self.failure("write", "fd \(fd)")
            }
            done += n
        }
    }

    public func fsync(_ fd: Int32) throws {
        if Glibc.fsync(fd) != 0 { throw Self.failure("fsync", "fd \(fd)") }
    }

    public func close(_ fd: Int32) { _ = Glibc.close(fd) }

    public func rename(_ from: String, _ to: String) throws {
        if Glibc.rename(from, to) != 0 { throw Self.failure("rename to \(to)", from) }
    }

    public func unlink(_ path: String) throws {
        if Glibc.unlink(path) != 0 && errno != ENOENT { throw Self.failure("remove", path) }
    }

    public func truncate(_ fd: Int32, to length: Int) throws {
        if ftruncate(fd, off_t(length)) != 0 { throw Self.failure("truncate", "fd \(fd)") }
    }

    public func tryLock(_ fd: Int32) throws -> Bool {
        if flock(fd, LOCK_EX | LOCK_NB) == 0 { return true }
        if errno == EWOULDBLOCK { return false }
        throw Self.failure("lock", "fd \(fd)")
    }

    public func read(_ path: String) throws -> [UInt8]? {
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw Self.failure("open", path)
        }
        defer { Glibc.close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Self.failure("stat", path) }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw ParallaxError(.io, "is a directory, not a file", at: path)
        }
        // Read straight into uninitialised storage (no zero-filling of a big buffer first);
        // a file that grows while being read is read to its end.
        var capacity = max(4096, Int(info.st_size) + 1)
        var result: [UInt8] = []
        var failure: Int32 = 0
        while true {
            var filled = result.count
            let more = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                if filled > 0 { _ = buffer.initialize(from: result) }
                count = filled
                while count < buffer.count {
                    let n = Glibc.read(fd, buffer.baseAddress! + count, buffer.count - count)
                    if n < 0 { if errno == EINTR { continue }; failure = errno; return }
                    if n == 0 { break }
                    count += n
                }
                filled = count
            }
            if failure != 0 { throw Self.failure("read", path, failure) }
            let full = more.count == capacity
            result = more
            if !full { return result }
            capacity *= 2
        }
    }

    public func list(_ directory: String) throws -> [String] {
        guard let dir = opendir(directory) else { throw Self.failure("list", directory) }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }
}

extension FileSystem {
    /// Replaces a file durably: writes a temporary file in the same directory, fsyncs it,
    /// renames it over the target and fsyncs the directory. A crash at any moment leaves
    /// either the old file or the new one, never a torn one; on failure the temporary file is
    /// removed and the target is untouched.
    public func replaceAtomically(_ path: String, with bytes: [UInt8]) throws {
        try replaceAtomically(path) { write in try bytes.withUnsafeBytes { try write($0) } }
    }

    /// Replaces a file durably with bytes produced piece by piece (so a big file need not be
    /// in memory at once): `produce` calls `write` with each piece, in order, and they are
    /// written to the temporary file, small ones gathered into writes of about a megabyte. Then as
    /// ``replaceAtomically(_:with:)``: fsync, rename over `path`, fsync of the directory; on
    /// failure (of a write or of `produce`) the temporary file is removed and `path` is
    /// untouched. `temporaryIn` puts the temporary file in another folder of the same file
    /// system (the store's `.parallax/`, where git never sees it).
    public func replaceAtomically(_ path: String, temporaryIn: String? = nil,
                                  producing produce: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
        let directory = FileSystemDirectory.of(path)
        let temporary = (temporaryIn.map { $0 + "/" + path.split(separator: "/").last.map(String.init)! } ?? path) + ".tmp-\(getpid())"
        let fd: Int32
        do {
            fd = try open(temporary, flags: O_WRONLY | O_CREAT | O_TRUNC, mode: 0o644)
        } catch var error as ParallaxError where error.location?.innermost == .file(temporary) {
            // The temporary file is ours, not the user's: say which file could not be written.
            error.location = .init([.file(path)])
            throw error
        }
        do {
            // Small pieces are gathered into writes of about 1 MB; big ones go as they come.
            var pending: [UInt8] = []
            let chunk = 1 << 20
            try produce { piece in
                if pending.count + piece.count > chunk && !pending.isEmpty {
                    try pending.withUnsafeBytes { try write(fd, $0) }
                    pending.removeAll(keepingCapacity: true)
                }
                if piece.count >= chunk / 2 {
                    try write(fd, piece)
                } else {
                    pending.append(contentsOf: piece)
                }
            }
            if !pending.isEmpty { try pending.withUnsafeBytes { try write(fd, $0) } }
            try fsync(fd)
            close(fd)
        } catch {
            close(fd)
            try? unlink(temporary)
            throw error
        }
        do {
            try rename(temporary, path)
        } catch {
            try? unlink(temporary)
            throw error
        }
        try syncDirectory(directory)
    }

    /// fsyncs a directory so that a rename or a new entry in it is durable.
    public func syncDirectory(_ directory: String) throws {
        let fd = try open(directory, flags: O_RDONLY | O_DIRECTORY, mode: 0)
        defer { close(fd) }
        try fsync(fd)
    }
}
