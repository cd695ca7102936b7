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
        return ParallaxError(.io, "\(what) failed: \(reason)", at: path, hint: hint)
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
        var result = [UInt8](repeating: 0, count: Int(info.st_size))
        var filled = 0
        while true {
            if filled == result.count { result.append(contentsOf: repeatElement(0, count: max(4096, result.count / 2))) }
            let n = result.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + filled, $0.count - filled) }
            if n < 0 { if errno == EINTR { continue }; throw Self.failure("read", path) }
            if n == 0 { break }
            filled += n
        }
        result.removeSubrange(filled...)
        return result
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
        let directory = FileSystemDirectory.of(path)
        let temporary = path + ".tmp-\(getpid())"
        let fd: Int32
        do {
            fd = try open(temporary, flags: O_WRONLY | O_CREAT | O_TRUNC, mode: 0o644)
        } catch var error as ParallaxError where error.location == temporary {
            // The temporary file is ours, not the user's: say which file could not be written.
            error.location = path
            throw error
        }
        do {
            try bytes.withUnsafeBytes { try write(fd, $0) }
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
