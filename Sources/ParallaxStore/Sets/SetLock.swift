import ParallaxCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Who holds a set's write lock, as recorded in its lock file.
public struct LockHolder: Equatable, Sendable, CustomStringConvertible {
    /// Process id of the holder.
    public var pid: Int
    /// Host name of the holder.
    public var host: String
    /// When it took the lock (UTC ISO 8601).
    public var since: String
    public var description: String { "pid \(pid) on \(host) since \(since)" }
}

/// The one-writer-per-set lock: an advisory `flock` on `NAME.lock`, held for as long as the
/// writing session lasts. The kernel releases it when the holder dies, so a lock left by a
/// dead process is stale by construction and simply taken over; the file's contents (pid,
/// host, since) only serve to tell a refused writer who holds the set.
public final class SetLock {
    /// The lock file's path.
    public let path: String
    private let fd: Int32
    private let fs: any FileSystem

    private init(path: String, fd: Int32, fs: any FileSystem) {
        self.path = path; self.fd = fd; self.fs = fs
    }

    deinit { fs.close(fd) }

    /// Takes the lock or reports who holds it.
    /// - Throws: ``ParallaxError`` of kind `.locked` naming the holder, or `.io`.
    public static func acquire(_ path: String, set: String, fs: any FileSystem) throws -> SetLock {
        let fd = try fs.open(path, flags: O_RDWR | O_CREAT, mode: 0o644)
        let locked: Bool
        do { locked = try fs.tryLock(fd) } catch { fs.close(fd); throw error }
        guard locked else {
            fs.close(fd)
            let holder = (try? fs.read(path)).flatMap { $0 }.flatMap(parse)
            let who = holder.map { "by \($0)" } ?? "by another process (starting up)"
            throw ParallaxError(.locked, "set \(set) is open for writing \(who)", at: path,
                                hint: "this session can read it but not change it; close the other session, or work in another set with `use NAME`")
        }
        var name = [CChar](repeating: 0, count: 256)
        gethostname(&name, 255)
        let host = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let info = "{\"pid\":\(getpid()),\"host\":\"\(host)\",\"since\":\"\(Clock.iso8601(milliseconds: Clock.nowMilliseconds()))\"}\n"
        do {
            // Write over the old note first and cut it to length after, so a refused writer
            // reading meanwhile always finds a holder, never an empty file.
            let bytes = Array(info.utf8)
            try bytes.withUnsafeBytes { try fs.write(fd, $0) }
            try fs.truncate(fd, to: bytes.count)
        } catch {
            // The lock is ours even if the note about it could not be written.
        }
        return SetLock(path: path, fd: fd, fs: fs)
    }

    /// Who holds the lock at `path`, as its note says (`nil` when there is no readable note;
    /// the note may be left by a holder that is gone: only ``acquire(_:set:fs:)`` can tell).
    public static func holder(of path: String, fs: any FileSystem) -> LockHolder? {
        (try? fs.read(path)).flatMap { $0 }.flatMap(parse)
    }

    /// Reads a lock file's holder.
    static func parse(_ bytes: [UInt8]) -> LockHolder? {
        let text = String(decoding: bytes, as: UTF8.self)
        func field(_ key: String) -> String? {
            guard let r = text.range(of: "\"\(key)\":") else { return nil }
            var rest = text[r.upperBound...]
            if rest.first == "\"" {
                rest = rest.dropFirst()
                return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
            }
            return String(rest.prefix { $0.isNumber })
        }
        guard let pid = field("pid").flatMap({ Int($0) }) else { return nil }
        return LockHolder(pid: pid, host: field("host") ?? "?", since: field("since") ?? "?")
    }
}
