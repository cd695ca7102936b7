import ParallaxCore
import Foundation

/// Writes an export's files to disk durably: each file is written to a temporary file,
/// fsynced and renamed into place, so an interrupted export never leaves a torn file.
public struct FileExportSink: ExportSink {
    /// The destination the user named: a file, or a directory for multi-file formats.
    public let destination: String
    private let fs: any FileSystem
    /// Paths written, in order.
    public private(set) var written: [String] = []

    /// Creates a sink writing to `destination`.
    public init(destination: String, fs: any FileSystem = PosixFileSystem()) {
        self.destination = destination
        self.fs = fs
    }

    public mutating func write(_ bytes: [UInt8], to path: String) throws {
        try write(to: path) { write in try bytes.withUnsafeBytes { try write($0) } }
    }

    /// Streams the pieces to the temporary file as they come, then fsync, rename, fsync of
    /// the directory (``FileSystem/replaceAtomically(_:temporaryIn:producing:)``).
    public mutating func write(to path: String, producing produce: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
        let target = path.isEmpty ? destination : destination + "/" + path
        let directory = (target as NSString).deletingLastPathComponent
        if !directory.isEmpty && !FileManager.default.fileExists(atPath: directory) {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw ParallaxError(.io, "cannot create the directory", at: directory, hint: "check the path and its permissions")
            }
        }
        try fs.replaceAtomically(target, producing: produce)
        written.append(target)
    }
}
