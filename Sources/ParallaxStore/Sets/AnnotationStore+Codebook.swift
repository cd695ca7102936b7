#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ParallaxCore

/// Changing the codebook: renaming and merging questions (the codebook and every set, as one
/// transaction), retiring and defining them (the codebook alone). Each is undoable.
extension AnnotationStore {
    var codebookPath: String { directory + "/" + AnnotationStore.codebookName }
    var codebookLockPath: String { lockPath(of: "codebook") }

    /// Takes the codebook lock, waiting briefly for another session's codebook change to end.
    func lockCodebook(wait: Bool = false) throws -> SetLock {
        try RuntimeDirectory.ensure(in: directory, fs: fs)
        var tries = 0
        while true {
            do {
                return try SetLock.acquire(codebookLockPath, set: "codebook", fs: fs)
            } catch let e as ParallaxError where e.kind == .locked && wait && tries < 60 {
                tries += 1
                usleep(50_000)
            }
        }
    }

    /// Finishes a multi-file change a crash cut short (see ``FileTransaction``), waiting a
    /// little for one another session is making.
    func recoverTransaction() throws {
        try FileTransaction.recover(in: directory, fs: fs, waitingUpTo: 5)
    }

    /// The codebook as it is on disk now (another session may have changed it).
    func freshCodebook() throws -> Codebook {
        guard let bytes = try fs.read(codebookPath) else { return codebook }
        return try AnnotationStore.decodeCodebook(bytes, path: codebookPath)
    }

    /// Renames a question in the codebook and in every set of the directory, as one change.
    /// - Returns: What changed.
    /// - Throws: ``ParallaxError`` for an unknown or taken id, a set another session writes
    ///   (naming its holder), or a failed write; then nothing changed.
    @discardableResult
    public func renameQuestion(_ old: String, to new: String) throws -> StoreChange {
        try changeQuestions { book in
            let after = try book.renaming(old, to: new)
            return (after, QuestionRename(from: old, to: new))
        } summary: { codings, sets in .questionRenamed(from: old, to: new, codings: codings, sets: sets) }
    }

    /// Merges question `from` into `into`: its codings move (stances through `map` when the
    /// scales differ), it leaves the codebook and is remembered by `into`.
    /// - Throws: ``ParallaxError`` when the scales differ and no map is given, the map does
    ///   not fit, a set is locked by another session, or a write fails; then nothing changed.
    @discardableResult
    public func mergeQuestion(_ from: String, into: String, map: [Int: Int]? = nil) throws -> StoreChange {
        try changeQuestions { book in
            try book.merging(from, into: into, map: map)
        } summary: { codings, sets in .questionMerged(from: from, into: into, codings: codings, sets: sets) }
    }

    /// Retires a question (kept for its codings, closed to new ones), or brings it back.
    @discardableResult
    public func retireQuestion(_ id: String, retired: Bool = true) throws -> StoreChange {
        try changeCodebook(.questionRetired(id: id, retired: retired)) { try $0.retiring(id, retired) }
    }

    /// Sets a question's definition, criteria or examples (`nil` leaves a part unchanged, an
    /// empty text clears it).
    @discardableResult
    public func defineQuestion(_ id: String, definition: String?, include: String? = nil, exclude: String? = nil,
                               examples: [String]? = nil) throws -> StoreChange {
        try changeCodebook(.questionDefined(id: id)) {
            try $0.defining(id, definition: definition, include: include, exclude: exclude, examples: examples)
        }
    }

    /// Adds the questions of a REFI-QDA codebook file (`.qdc`), all or none, as one undoable
    /// change of the codebook file (see ``QDCCodebook/merge(_:path:into:)``).
    /// - Parameters:
    ///   - bytes: The file's bytes.
    ///   - path: The file's name, for the problems' locations.
    /// - Returns: Which questions were added and which the codebook already had.
    /// - Throws: ``ImportFailure`` listing every problem of the file (nothing changed), or
    ///   ``ParallaxError`` when the codebook is locked or cannot be written.
    public func importQuestions(_ bytes: [UInt8], path: String) throws -> QDCImport {
        let lock = try lockCodebook()
        defer { withExtendedLifetime(lock) {} }
        try recoverTransaction()
        let before = try freshCodebook()
        let merged = try QDCCodebook.merge(bytes, path: path, into: before)
        guard !merged.added.isEmpty else { return merged }
        if let problem = merged.codebook.problems().first { throw ParallaxError(.invalidData, problem, at: path) }
        try fs.replaceAtomically(codebookPath, with: merged.codebook.encoded())
        codebook = merged.codebook
        record(.codebook(CodebookChange(summary: .questionsImported(ids: merged.added, from: path), before: before, after: merged.codebook)))
        return merged
    }

    /// A change of the codebook file alone, under its lock, re-read first.
    private func changeCodebook(_ summary: StoreChange, _ change: (Codebook) throws -> Codebook) throws -> StoreChange {
        let lock = try lockCodebook()
        defer { withExtendedLifetime(lock) {} }
        try recoverTransaction()
        let before = try freshCodebook()
        let after = try change(before)
        if let problem = after.problems().first { throw ParallaxError(.usage, problem) }
        try fs.replaceAtomically(codebookPath, with: after.encoded())
        codebook = after
        record(.codebook(CodebookChange(summary: summary, before: before, after: after)))
        return summary
    }

    /// A question rename or merge: the codebook and every set rewritten together.
    private func changeQuestions(_ change: (Codebook) throws -> (Codebook, QuestionRename),
                                 summary: (Int, Int) -> StoreChange) throws -> StoreChange {
        let lock = try lockCodebook()
        defer { withExtendedLifetime(lock) {} }
        try recoverTransaction()
        let before = try freshCodebook()
        let (after, rename) = try change(before)
        if let problem = after.problems().first { throw ParallaxError(.usage, problem) }
        let names = try setNames()
        return try withSetsLocked(names) { held in
            var rewrites: [String: CodebookChange.SetRewrite] = [:]
            var codings = 0
            for name in names {
                let set = held[name]!.set
                var r = CodebookChange.SetRewrite(rename: rename)
                for a in set.annotations where a.question == rename.from {
                    r.annotations.append((a, rename.apply(to: a)))
                }
                let target = MemoTarget.question(rename.from)
                for m in set.memoList(about: target) {
                    var moved = m
                    moved.target = .question(rename.to)
                    r.memos.append((m, moved))
                }
                codings += r.annotations.count
                rewrites[name] = r
            }
            let step = CodebookChange(summary: summary(codings, names.count), before: before, after: after, sets: rewrites)
            try commit(step, forward: true, held: held)
            record(.codebook(step))
            return step.summary
        }
    }

    /// Applies a codebook change again or takes it back (undo, redo).
    func replay(_ change: CodebookChange, forward: Bool) throws {
        let lock = try lockCodebook()
        defer { withExtendedLifetime(lock) {} }
        try recoverTransaction()
        let now = try freshCodebook()
        let expected = forward ? change.before : change.after
        guard now == expected else {
            throw ParallaxError(.conflict, "the codebook changed since (another session edited it), so this change cannot be \(forward ? "redone" : "undone") safely",
                                at: codebookPath, hint: "make the change again by hand with `question …`")
        }
        if change.sets.isEmpty {
            let book = forward ? change.after : change.before
            try fs.replaceAtomically(codebookPath, with: book.encoded())
            codebook = book
            return
        }
        let names = change.sets.keys.sorted()
        try withSetsLocked(names) { held in try commit(change, forward: forward, held: held) }
    }

    /// Writes the codebook and the sets of a change (or its inverse) as one transaction, then
    /// updates memory. Each set's annotations are changed only where they still are as the
    /// change left (or found) them.
    private func commit(_ change: CodebookChange, forward: Bool, held: [String: Entry]) throws {
        let book = forward ? change.after : change.before
        var files: [String: [UInt8]] = [codebookPath: book.encoded()]
        var newSets: [String: AnnotationSet] = [:]
        for (name, r) in change.sets.sorted(by: { $0.key < $1.key }) {
            guard let e = held[name] else { continue }
            var set = e.set
            for pair in r.annotations {
                let (from, to) = forward ? (pair.before, pair.after) : (pair.after, pair.before)
                if set.byID[from.id] == from { set.byID[from.id] = to }
            }
            for pair in r.memos {
                let (from, to) = forward ? (pair.before, pair.after) : (pair.after, pair.before)
                if set.memos[from.id] == from { set.memos[from.id] = to }
            }
            if let rename = r.rename {
                if forward { set.renames.append(rename) }
                else if let k = set.renames.lastIndex(of: rename) { set.renames.remove(at: k) }
            }
            files[path(of: name)] = SetFile.encode(set.annotations, records: set.records, damaged: set.damaged)
            newSets[name] = set
        }
        try FileTransaction(directory: directory, fs: fs).commit(files: files)
        codebook = book
        for (name, set) in newSets { held[name]!.set = set }
    }

    /// Runs `body` with every named set locked for writing, reloaded and compacted (an empty
    /// journal), then lets go of the locks this session did not hold before.
    /// - Throws: ``ParallaxError`` of kind `.locked`, naming the holder, when another session
    ///   writes one of the sets; nothing is changed then.
    private func withSetsLocked<T>(_ names: [String], _ body: ([String: Entry]) throws -> T) throws -> T {
        var held: [String: Entry] = [:]
        var taken: [String] = []
        defer {
            for name in taken { entries[name]?.lock = nil }
        }
        for name in names {
            let before = entries[name]?.lock != nil
            let e = try writable(name)
            if !before { taken.append(name) }
            if e.journal.count > 0 { try compact(e) }
            held[name] = e
        }
        return try body(held)
    }
}
