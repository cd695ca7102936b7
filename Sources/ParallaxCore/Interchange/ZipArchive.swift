import Foundation
import ZIPFoundation

/// Zip archives for `.qdpx` (and other zip-based formats): written in memory through
/// ZIPFoundation, read by ``ZipLayout`` (checked offsets, bounded inflation, CRC-32s) with no
/// temporary file, so the core never touches the disk. Entries are written in the order
/// given with one fixed modification time, so the same entries give the same archive.
enum ZipArchive {
    /// Why an archive could not be read.
    struct ReadError: Error {
        var message: String
        /// The entry at fault, if one is.
        var entry: String?
    }

    /// The most an archive may expand to (guards against zip bombs).
    static let maximumExpandedSize: UInt64 = 1 << 30

    /// An archive holding the entries, deflated.
    /// - Parameters:
    ///   - entries: Paths (with `/`) and contents, in archive order.
    ///   - modified: The modification time every entry gets.
    /// - Throws: What ZIPFoundation throws.
    static func write(_ entries: [(path: String, bytes: [UInt8])], modified: Date) throws -> [UInt8] {
        let archive = try Archive(accessMode: .create)
        for (path, bytes) in entries {
            let data = Data(bytes)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                                 modificationDate: modified, compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw ReadError(message: "the archive could not be built", entry: nil) }
        return [UInt8](data)
    }

    /// Whether an entry path stays inside the archive's folder: relative, no `..` component,
    /// no drive letter, no backslash tricks.
    static func isSafe(_ path: String) -> Bool {
        if path.isEmpty || path.hasPrefix("/") || path.hasPrefix("\\") { return false }
        let scalars = Array(path.unicodeScalars)
        if scalars.count >= 2, scalars[1] == ":" { return false }
        let components = path.split(omittingEmptySubsequences: false) { $0 == "/" || $0 == "\\" }
        return !components.contains("..") && !path.unicodeScalars.contains("\0")
    }

    /// Every file entry of an archive, after checking every entry's path.
    /// - Returns: Paths and contents in archive order (directories left out).
    /// - Throws: ``ReadError`` for a damaged archive, an entry path that leaves the archive's
    ///   folder (absolute or with `..`; nothing is read then), a link, or an archive that
    ///   expands beyond ``maximumExpandedSize``.
    static func read(_ bytes: [UInt8]) throws(ReadError) -> [(path: String, bytes: [UInt8])] {
        // Paths, links and the total size are checked for every entry before any is kept.
        var total: UInt64 = 0
        let checked = try ZipLayout.entries(bytes) { (entry: ZipLayout.Entry) throws(ReadError) -> Bool in
            guard isSafe(entry.path) else {
                throw ReadError(message: "entry \"\(entry.path)\" points outside the archive; the archive is refused", entry: entry.path)
            }
            if entry.isLink {
                throw ReadError(message: "entry \"\(entry.path)\" is a link; the archive is refused", entry: entry.path)
            }
            // Sizes come from the archive: a damaged one may claim anything, up to 2^64 - 1.
            let (sum, overflow) = total.addingReportingOverflow(entry.size)
            total = overflow ? .max : sum
            guard total <= maximumExpandedSize else {
                throw ReadError(message: "the archive expands to more than \(maximumExpandedSize) bytes", entry: nil)
            }
            return !entry.isDirectory
        }
        return checked.filter { !$0.isDirectory }.map { ($0.path, $0.bytes) }
    }
}
