import ParallaxCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension RuntimeDirectory {
    /// Creates the folder and its `.gitignore` when they are missing, durably (the new
    /// entries' directories are fsynced).
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
        if try fs.read(ignore) == nil { try fs.replaceAtomically(ignore, with: Array(gitignore.utf8)) }
        return folder
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
