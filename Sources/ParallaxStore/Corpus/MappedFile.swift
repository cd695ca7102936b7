#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ParallaxCore

/// A file mapped read-only into memory, unmapped when the last reference goes.
final class MappedFile: @unchecked Sendable {
    /// The file's bytes.
    let buffer: UnsafeRawBufferPointer
    /// The identity of the file that was mapped (from the open descriptor, so it is the
    /// identity of exactly these bytes).
    let identity: FileIdentity

    /// Maps a whole file.
    /// - Returns: `nil` when the file does not exist.
    /// - Throws: ``ParallaxError`` when it exists but cannot be opened or mapped.
    init?(path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw PosixFileSystem.failure("open", path)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw PosixFileSystem.failure("stat", path) }
        identity = FileIdentity(info)
        let size = Int(info.st_size)
        guard size > 0 else { buffer = UnsafeRawBufferPointer(start: nil, count: 0); return }
        guard let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else {
            throw PosixFileSystem.failure("map", path)
        }
        buffer = UnsafeRawBufferPointer(start: p, count: size)
    }

    deinit {
        if let p = buffer.baseAddress { munmap(UnsafeMutableRawPointer(mutating: p), buffer.count) }
    }
}
