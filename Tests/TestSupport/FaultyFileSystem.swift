#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ParallaxCore
import ParallaxStore

/// The real file system with faults injected on demand: each operation can be told to fail
/// with an errno, once or until cleared.
public final class FaultyFileSystem: FileSystem, @unchecked Sendable {
    /// The operations a fault can hit.
    public enum Operation: Hashable, Sendable { case open, write, fsync, rename, unlink, truncate, lock, read, list, makeDirectory }

    private let real = PosixFileSystem()
    private let lock = NSLock()
    private var faults: [Operation: Int32] = [:]
    /// Operations that failed, in order.
    public private(set) var failed: [Operation] = []

    /// Creates a file system with no faults.
    public init() {}

    /// Makes every call of `operation` fail with `code` until ``clear()``.
    public func fail(_ operation: Operation, with code: Int32) {
        lock.lock(); faults[operation] = code; lock.unlock()
    }

    /// Removes every fault.
    public func clear() { lock.lock(); faults.removeAll(); lock.unlock() }

    private func check(_ op: Operation, _ path: String) throws {
        lock.lock()
        let code = faults[op]
        if code != nil { failed.append(op) }
        lock.unlock()
        if let code { throw PosixFileSystem.failure("\(op)", path, code) }
    }

    public func open(_ path: String, flags: Int32, mode: mode_t) throws -> Int32 { try check(.open, path); return try real.open(path, flags: flags, mode: mode) }
    public func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws { try check(.write, "fd \(fd)"); try real.write(fd, bytes) }
    public func fsync(_ fd: Int32) throws { try check(.fsync, "fd \(fd)"); try real.fsync(fd) }
    public func close(_ fd: Int32) { real.close(fd) }
    public func rename(_ from: String, _ to: String) throws { try check(.rename, from); try real.rename(from, to) }
    public func unlink(_ path: String) throws { try check(.unlink, path); try real.unlink(path) }
    public func truncate(_ fd: Int32, to length: Int) throws { try check(.truncate, "fd \(fd)"); try real.truncate(fd, to: length) }
    public func tryLock(_ fd: Int32) throws -> Bool { try check(.lock, "fd \(fd)"); return try real.tryLock(fd) }
    public func read(_ path: String) throws -> [UInt8]? { try check(.read, path); return try real.read(path) }
    public func list(_ directory: String) throws -> [String] { try check(.list, directory); return try real.list(directory) }
    public func makeDirectory(_ path: String) throws -> Bool { try check(.makeDirectory, path); return try real.makeDirectory(path) }
}
