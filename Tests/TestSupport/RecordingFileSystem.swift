#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ParallaxCore
import ParallaxStore

/// The real file system, recording every call that changes what is (or will be) on disk, as
/// the crash-state enumeration (``CrashStates``) replays them; and able to fail, or to stop
/// dead as a killed process would, at the n-th such call.
///
/// Paths under `root` are recorded relative to it.
public final class RecordingFileSystem: FileSystem, @unchecked Sendable {
    /// One recorded call.
    public enum Operation: Equatable, Sendable, CustomStringConvertible {
        /// A folder created.
        case mkdir(String)
        /// A file created empty (`open` with `O_CREAT` of a file that did not exist).
        case create(String)
        /// A file cut to a length (`O_TRUNC` or `ftruncate`).
        case truncate(String, Int)
        /// Bytes written at an offset.
        case write(String, offset: Int, bytes: [UInt8])
        /// A file's data and size made durable.
        case fsync(String)
        /// A folder's entries (creations, renames, removals in it) made durable.
        case fsyncDirectory(String)
        /// A rename.
        case rename(String, String)
        /// A removal.
        case unlink(String)
        /// Not a call: a change the caller acknowledged at this point (``mark(_:)``).
        case mark(String)

        public var description: String {
            switch self {
            case .mkdir(let p): "mkdir \(p)"
            case .create(let p): "create \(p)"
            case .truncate(let p, let n): "truncate \(p) \(n)"
            case .write(let p, let o, let b): "write \(p) @\(o) +\(b.count)"
            case .fsync(let p): "fsync \(p)"
            case .fsyncDirectory(let p): "fsync-dir \(p)"
            case .rename(let a, let b): "rename \(a) -> \(b)"
            case .unlink(let p): "unlink \(p)"
            case .mark(let m): "ack \(m)"
            }
        }
    }

    /// The folder whose paths are recorded relative to it.
    public let root: String
    private let real = PosixFileSystem()
    private let lock = NSLock()
    private var recorded: [Operation] = []
    private var handles: [Int32: (path: String, directory: Bool)] = [:]
    private var calls = 0
    /// When set, the call with this number (0-based, counting calls that change the disk:
    /// open for writing, write, fsync, rename, unlink, truncate, mkdir) fails with EIO.
    public var failAt: Int?
    /// When set, the call with this number and every later one fail without doing anything,
    /// as if the process had been killed there (its clean-up cannot reach the disk either).
    public var stopAt: Int?
    /// Whether a stop or a failure was hit.
    public private(set) var tripped = false

    /// Records calls for paths under `root`.
    public init(root: String) { self.root = root }

    /// The calls recorded so far.
    public var operations: [Operation] { lock.lock(); defer { lock.unlock() }; return recorded }
    /// Calls that change the disk made so far.
    public var callCount: Int { lock.lock(); defer { lock.unlock() }; return calls }

    /// Records that the caller acknowledged a change here (told the user it was done).
    public func mark(_ label: String) { append(.mark(label)) }

    /// Forgets what was recorded.
    public func reset() { lock.lock(); recorded = []; calls = 0; tripped = false; lock.unlock() }

    private func append(_ op: Operation) { lock.lock(); recorded.append(op); lock.unlock() }

    private func relative(_ path: String) -> String {
        if path == root { return "." }
        return path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path
    }

    /// Counts a call that changes the disk; throws when it is the one to fail or past a stop.
    private func step(_ what: String, _ path: String) throws {
        lock.lock()
        let n = calls
        calls += 1
        let fail = n == failAt || (stopAt.map { n >= $0 } ?? false)
        if fail { tripped = true }
        lock.unlock()
        if fail { throw PosixFileSystem.failure(what, path, EIO) }
    }

    public func open(_ path: String, flags: Int32, mode: mode_t) throws -> Int32 {
        let writing = flags & (O_WRONLY | O_RDWR | O_CREAT | O_TRUNC) != 0
        if writing { try step("open", path) }
        let existed = access(path, F_OK) == 0
        let fd = try real.open(path, flags: flags, mode: mode)
        lock.lock(); handles[fd] = (relative(path), flags & O_DIRECTORY != 0); lock.unlock()
        if flags & O_CREAT != 0 && !existed { append(.create(relative(path))) }
        if flags & O_TRUNC != 0 && existed { append(.truncate(relative(path), 0)) }
        return fd
    }

    public func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws {
        let path = handle(fd).path
        try step("write", path)
        // O_APPEND writes land at the end; others at the current position.
        var offset = Int(lseek(fd, 0, SEEK_CUR))
        if fcntl(fd, F_GETFL) & O_APPEND != 0 {
            var info = stat()
            fstat(fd, &info)
            offset = Int(info.st_size)
        }
        try real.write(fd, bytes)
        append(.write(path, offset: offset, bytes: Array(bytes)))
    }

    public func fsync(_ fd: Int32) throws {
        let h = handle(fd)
        try step("fsync", h.path)
        try real.fsync(fd)
        append(h.directory ? .fsyncDirectory(h.path) : .fsync(h.path))
    }

    public func close(_ fd: Int32) {
        lock.lock(); handles[fd] = nil; lock.unlock()
        real.close(fd)
    }

    public func rename(_ from: String, _ to: String) throws {
        try step("rename to \(to)", from)
        try real.rename(from, to)
        append(.rename(relative(from), relative(to)))
    }

    public func unlink(_ path: String) throws {
        try step("remove", path)
        let existed = access(path, F_OK) == 0
        try real.unlink(path)
        if existed { append(.unlink(relative(path))) }
    }

    public func truncate(_ fd: Int32, to length: Int) throws {
        let path = handle(fd).path
        try step("truncate", path)
        try real.truncate(fd, to: length)
        append(.truncate(path, length))
    }

    public func tryLock(_ fd: Int32) throws -> Bool { try real.tryLock(fd) }
    public func read(_ path: String) throws -> [UInt8]? { try real.read(path) }
    public func list(_ directory: String) throws -> [String] { try real.list(directory) }

    public func makeDirectory(_ path: String) throws -> Bool {
        try step("create folder", path)
        let created = try real.makeDirectory(path)
        if created { append(.mkdir(relative(path))) }
        return created
    }

    private func handle(_ fd: Int32) -> (path: String, directory: Bool) {
        lock.lock(); defer { lock.unlock() }
        return handles[fd] ?? ("fd \(fd)", false)
    }
}
