import ParallaxCore

extension SetFile {
    /// Saves a set's canonical file durably: written to a temporary file, fsynced, renamed
    /// over `path`, and the directory fsynced (see ``FileSystem/replaceAtomically(_:with:)``).
    /// `temporaryIn` is the folder for the temporary file (default: beside `path`).
    /// - Complexity: O(n log n) to order by id, then O(n) to encode and write, in slices
    ///   encoded side by side, so the whole file is never in memory at once.
    public static func save(_ set: AnnotationSet, to path: String, fs: any FileSystem, temporaryIn: String? = nil) throws {
        try save(set, order: sortedByID(set.byID), to: path, fs: fs, temporaryIn: temporaryIn)
    }

    /// Saves a set's canonical file durably, its annotations in `order` (``sortedByID(_:)``
    /// of its annotations), and returns the ``ContentChecksum`` of the bytes written: what
    /// the set's snapshot is keyed by.
    @discardableResult
    package static func save(_ set: AnnotationSet, order: [Dictionary<String, Annotation>.Index], to path: String,
                             fs: any FileSystem, temporaryIn: String? = nil) throws -> UInt64 {
        let byID = set.byID
        var checksum = ContentChecksum.Running()
        try fs.replaceAtomically(path, temporaryIn: temporaryIn, producing: { write in
            checksum = ContentChecksum.Running()
            try encode(count: order.count, annotation: { byID.values[order[$0]] }, records: set.records, damaged: set.damaged) { bytes in
                checksum.add(bytes)
                try write(bytes)
            }
        })
        return checksum.value
    }
}
