/// Folding every set's journal into its file under the set's lock, for work that hands the
/// set files to another program (git, in `sync`).
extension AnnotationStore {
    /// Runs `body` with every named set locked for writing by this session and its journal
    /// folded into the set file: what this session changed, and what a session killed before
    /// it compacted had acknowledged (its journal is replayed when the lock is taken). The
    /// locks this session did not hold before are let go afterwards.
    ///
    /// A set file another program changes while a journal is still beside it would have that
    /// journal replayed over the new file, undoing the program's changes to the same
    /// annotations; and the program would not see the journal's changes.
    /// - Throws: ``ParallaxError`` of kind `.locked`, naming the holder, when another session
    ///   writes one of the sets (nothing is changed then beyond journals already folded,
    ///   which changes no annotation), or what `body` throws.
    package func withJournalsFolded<T>(_ names: [String], _ body: () throws -> T) throws -> T {
        var taken: [String] = []
        defer { for name in taken { entries[name]?.lock = nil } }
        for name in names {
            let before = isWriting(name)
            let e = try writable(name)
            if !before { taken.append(name) }
            if e.journal.count > 0 { try compact(e) }
        }
        return try body()
    }
}
