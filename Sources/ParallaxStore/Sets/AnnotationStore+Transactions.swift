import ParallaxCore

/// Changes to several sets (and the codebook, and files beside them) made all or nothing
/// with a ``FileTransaction``: each set touched is rewritten whole (its journal folded in and
/// removed), so a crash or a power loss leaves every file as before or every file as after.
extension AnnotationStore {
    /// Applies changes to several sets, optionally with a new codebook and other files, all or
    /// nothing, durably.
    ///
    /// Takes the write lock of every set named (and `codebook.lock` when `codebook` is given),
    /// checks every annotation put against the corpus and the codebook that will be in force,
    /// then writes each set's canonical file, the codebook and `files`, and removes the sets'
    /// journals and `removing`, in one ``FileTransaction``. Memory changes only once it is done.
    /// - Parameters:
    ///   - changes: For each set, puts (add or replace) and deletes, applied in order.
    ///   - codebook: The new codebook, saved with the change (`nil`: unchanged).
    ///   - files: Other files to replace in the same change (paths inside ``directory`` or
    ///     absolute), such as a set's conflicts file.
    ///   - removing: Other files to remove in the same change.
    ///   - undoable: Whether `undo` takes back each annotation change, one at a time.
    /// - Throws: ``ParallaxError``: an invalid annotation, a delete of an absent one, a lock
    ///   held by another process, or a failed write; nothing is changed then (see
    ///   ``FileTransaction/commit(files:removing:)`` for a failure after the commit point).
    public func commit(_ changes: [String: [JournalEntry]], codebook newBook: Codebook? = nil,
                       files: [String: [UInt8]] = [:], removing: [String] = [], undoable: Bool = false) throws {
        var codebookLock: SetLock?
        defer { withExtendedLifetime(codebookLock) {} }
        if let newBook {
            if let problem = newBook.problems().first { throw ParallaxError(.usage, problem) }
            codebookLock = try SetLock.acquire(lockPath(of: "codebook"), set: "codebook", fs: fs)
        }
        let validator = AnnotationValidator(corpus: corpus, codebook: newBook ?? codebook)
        var planned: [(entry: Entry, set: AnnotationSet, changes: [Change])] = []
        var contents = files
        var removed = removing
        for name in changes.keys.sorted() {
            let e = try writable(name)
            var set = e.set
            var done: [Change] = []
            for change in changes[name]! {
                switch change {
                case .put(let a):
                    switch validator.check(a) {
                    case .valid: break
                    case .documentChanged:
                        throw ParallaxError(.invalidData, "annotation \(a.id) refers to another version of document \(a.target.doc)")
                    case .invalid(let reason): throw ParallaxError(.invalidData, reason, at: "annotation \(a.id)")
                    }
                    done.append(Change(set: name, before: set.byID[a.id], after: a))
                    set.byID[a.id] = a
                    set.orphans.remove(a.id)
                    set.reanchored.remove(a.id)
                case .delete(let id):
                    guard let before = set.byID[id] else { throw ParallaxError(.notFound, "no annotation \(id) in set \(name)") }
                    done.append(Change(set: name, before: before, after: nil))
                    set.byID[id] = nil
                    set.orphans.remove(id)
                    set.reanchored.remove(id)
                case .memo(let m):
                    set.memos[m.id] = m
                case .deleteMemo(let id):
                    set.memos[id] = nil
                }
            }
            contents[path(of: name)] = SetFile.encode(Array(set.byID.values), records: set.records, damaged: set.damaged)
            removed.append(journalPath(of: name))
            // An older version's journal beside the set is folded in too.
            if e.legacyJournal { removed.append(legacyJournalPath(of: name)) }
            planned.append((e, set, done))
        }
        if let newBook { contents[directory + "/" + AnnotationStore.codebookName] = newBook.encoded() }
        // The journals are replaced under their handles: close them (an append reopens).
        for p in planned { p.entry.journal.release() }
        try FileTransaction(directory: directory, fs: fs).commit(files: contents, removing: removed)
        for p in planned {
            var set = p.set
            set.reanchored.removeAll()
            p.entry.set = set
            p.entry.journal.count = 0
            p.entry.journal.needsRewrite = false
            p.entry.legacyJournal = false
            if undoable { for c in p.changes { record(c) } }
        }
        if let newBook { codebook = newBook }
    }

    /// Adds annotations to several sets, all of them or none, even across a crash or a power
    /// loss. Annotations identical to one already in their set are skipped.
    /// - Parameter bySet: The annotations for each set.
    /// - Returns: How many were added to each set.
    /// - Throws: ``ParallaxError`` when any is invalid or would replace a different
    ///   annotation with the same id; nothing is written then.
    @discardableResult
    public func addAll(_ bySet: [String: [Annotation]]) throws -> [String: Int] {
        if bySet.count == 1, let (name, annotations) = bySet.first {
            // One set: one journal append is already all or nothing.
            return [name: try addAll(annotations, to: name)]
        }
        var changes: [String: [JournalEntry]] = [:]
        var added: [String: Int] = [:]
        for (name, annotations) in bySet {
            let existing = try writable(name).set
            var seen = Set<String>()
            var fresh: [JournalEntry] = []
            for a in annotations {
                if let old = existing.byID[a.id] {
                    if old == a { continue }
                    throw ParallaxError(.conflict, "annotation \(a.id) already exists in set \(name) with other content",
                                        hint: "nothing was imported; import into another set with set:NAME")
                }
                guard seen.insert(a.id).inserted else {
                    throw ParallaxError(.conflict, "annotation \(a.id) appears twice in the batch", hint: "nothing was imported")
                }
                fresh.append(.put(a))
            }
            added[name] = fresh.count
            if !fresh.isEmpty { changes[name] = fresh }
        }
        if !changes.isEmpty { try commit(changes, undoable: true) }
        return added
    }
}
