import ParallaxCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension RuntimeDirectory {
    /// Creates the folder and its `.gitignore` when they are missing, durably (the new
    /// entries' directories are fsynced).
    ///
    /// The `.gitignore` is written in place, not through a temporary file renamed over it: a
    /// process killed meanwhile would leave that temporary file behind, named after its pid,
    /// for no later process to know it could remove. A crash can leave the `.gitignore` empty
    /// or torn instead (shorter than its two bytes, or zeros), which the next call writes
    /// again; two processes writing it at once write the same bytes.
    /// - Parameters:
    ///   - directory: The annotations directory.
    ///   - fs: The file system.
    /// - Returns: The folder's path.
    /// - Throws: ``ParallaxError`` when the folder or its `.gitignore` cannot be written.
    @discardableResult
    public static func ensure(in directory: String, fs: any FileSystem) throws -> String {
        let folder = path(in: directory)
        let ignore = folder + "/.gitignore"
        if try fs.makeDirectory(folder) { try fs.syncDirectory(directory) }
        let wanted = Array(gitignore.utf8)
        let present = try fs.read(ignore)
        // Missing, or left torn by a crash; one the user changed is left alone.
        if present == nil || (present! != wanted && present!.count <= wanted.count) {
            let fd = try fs.open(ignore, flags: O_WRONLY | O_CREAT | O_TRUNC, mode: 0o644)
            defer { fs.close(fd) }
            try wanted.withUnsafeBytes { try fs.write(fd, $0) }
            try fs.fsync(fd)
            try fs.syncDirectory(folder)
        }
        return folder
    }

    /// Whether a file in the folder is a temporary `.gitignore` an earlier version was
    /// writing (`.gitignore.tmp-PID`) when it was killed: ``FileTransaction/recover(in:fs:waitingUpTo:)``
    /// removes them.
    static func isStaleIgnoreTemporary(_ name: String) -> Bool {
        name.hasPrefix(".gitignore.tmp-")
    }

    /// ``ensure(in:fs:)`` for the annotations directory that holds a set file.
    @discardableResult
    public static func ensure(besideSetFile path: String, fs: any FileSystem) throws -> String {
        try ensure(in: FileSystemDirectory.of(path), fs: fs)
    }
}

extension FileSystem {
    /// Creates a directory (mode 0755).
    /// - Returns: `true` when it was created, `false` when it already existed.
    /// - Throws: ``ParallaxError`` when it cannot be created, or a file is in the way.
    public func makeDirectory(_ path: String) throws -> Bool {
        if mkdir(path, 0o755) == 0 { return true }
        let code = errno
        if code == EEXIST {
            var info = stat()
            if stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR { return false }
            throw ParallaxError(.io, "a file is in the way of the folder", at: path,
                                hint: "move that file away; Parallax keeps its locks and journals in this folder")
        }
        throw PosixFileSystem.failure("create folder", path, code)
    }
}
