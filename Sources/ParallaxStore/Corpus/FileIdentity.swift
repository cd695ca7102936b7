#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `stat` says about a file that changes whenever its bytes may have: device, inode,
/// size, modification and status-change times (nanoseconds). Equal identities mean the
/// bytes hashed earlier are still the file's, as git's index assumes.
public struct FileIdentity: Equatable, Hashable, Sendable {
    /// Device and inode.
    public var device: UInt64, inode: UInt64
    /// Size in bytes.
    public var size: Int64
    /// Modification and status-change times, nanoseconds since 1970.
    public var modified: Int64, changed: Int64

    /// The identity of a file, or `nil` when it cannot be stat'ed.
    public static func of(_ path: String) -> FileIdentity? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return FileIdentity(info)
    }

    /// The identity of a file, and whether inotify events on its folder cover every change to
    /// it: not a symbolic link, and no other hard link.
    static func watchable(_ path: String) -> (identity: FileIdentity?, watchable: Bool) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return (nil, false) }
        if (info.st_mode & S_IFMT) == S_IFREG { return (FileIdentity(info), info.st_nlink == 1) }
        return (of(path), false)
    }

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        #if canImport(Darwin)
        modified = Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        changed = Int64(info.st_ctimespec.tv_sec) * 1_000_000_000 + Int64(info.st_ctimespec.tv_nsec)
        #else
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
        #endif
    }

    /// Creates an identity from its parts.
    public init(device: UInt64, inode: UInt64, size: Int64, modified: Int64, changed: Int64) {
        self.device = device; self.inode = inode; self.size = size; self.modified = modified; self.changed = changed
    }
}
