import ParallaxCore

extension SetFile {
    /// Saves a set's canonical file durably: written to a temporary file, fsynced, renamed
    /// over `path`, and the directory fsynced (see ``FileSystem/replaceAtomically(_:with:)``).
    /// `temporaryIn` is the folder for the temporary file (default: beside `path`).
    /// - Complexity: O(n log n) to order by id, then O(n) to encode and write, in slices
    ///   encoded side by side, so the whole file is never in memory at once.
    public static func save(_ set: AnnotationSet, to path: String, fs: any FileSystem, temporaryIn: String? = nil) throws {
        let byID = set.byID
        let order = sortedByID(byID)
        try fs.replaceAtomically(path, temporaryIn: temporaryIn, producing: { write in
            try encode(count: order.count, annotation: { byID.values[order[$0]] }, records: set.records, damaged: set.damaged, write)
        })
    }
}
