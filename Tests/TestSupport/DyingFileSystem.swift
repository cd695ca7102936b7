#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ParallaxCore
import ParallaxStore

/// The real file system until a given number of changing operations (writes, fsyncs, renames,
/// unlinks, truncations, opens that may create) have run; from then on every operation fails,
/// as if the process had been killed at that moment: what reached the disk stays, nothing more
/// happens. Run a change with budgets 0, 1, 2, … to cut it short at each of its steps.
public final class DyingFileSystem: FileSystem, @unchecked Sendable {
    private let real = PosixFileSystem()
    private let lock = NSLock()
    private var budget: Int
    /// Whether the budget ran out.
    public private(set) var died = false

    /// The error every operation throws once the file system has died.
    public struct Died: Error {}

    /// A file system that dies after `budget` changing operations.
    public init(budget: Int) { self.budget = budget }

    private func spend() throws {
        lock.lock(); defer { lock.unlock() }
        if died { throw Died() }
        if budget == 0 { died = true; throw Died() }
        budget -= 1
    }

    private func alive() throws {
        lock.lock(); defer { lock.unlock() }
        if died { throw Died() }
    }

    public func open(_ path: String, flags: Int32, mode: mode_t) throws -> Int32 {
        if flags & (O_WRONLY | O_RDWR | O_CREAT) != 0 { try spend() } else { try alive() }
        return try real.open(path, flags: flags, mode: mode)
    }
    public func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws { try spend(); try real.write(fd, bytes) }
    public func fsync(_ fd: Int32) throws { try spend(); try real.fsync(fd) }
    public func close(_ fd: Int32) { real.close(fd) }
    public func rename(_ from: String, _ to: String) throws { try spend(); try real.rename(from, to) }
    public func unlink(_ path: String) throws { try spend(); try real.unlink(path) }
    public func truncate(_ fd: Int32, to length: Int) throws { try spend(); try real.truncate(fd, to: length) }
    public func tryLock(_ fd: Int32) throws -> Bool { try alive(); return try real.tryLock(fd) }
    public func read(_ path: String) throws -> [UInt8]? { try alive(); return try real.read(path) }
    public func list(_ directory: String) throws -> [String] { try alive(); return try real.list(directory) }
}
