import ParallaxCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The annotation store: the codebook and one file per set in a directory, with durable
/// changes, one writer per set, damaged lines kept, re-anchoring, and undo/redo.
///
/// Layout of the directory:
/// - `codebook.json` — the questions and scales.
/// - `NAME.jsonl` — set NAME, canonical: one annotation a line, sorted by id.
/// - `.parallax/` — what belongs to this working tree and never to git (see
///   ``RuntimeDirectory``; it holds its own `.gitignore`):
///   - `NAME.journal` — changes not yet compacted into `NAME.jsonl` (appended and fsynced);
///   - `NAME.lock` — the writer's lock (see ``SetLock``);
///   - `NAME.jsonl.tmp-PID` — a compaction being written;
///   - `NAME.conflicts.jsonl` — merge conflicts not yet resolved (see ``ConflictFile``).
///
/// Older versions kept journals, locks and conflict records beside the sets. A journal left
/// there is replayed on every load (after the set file, before the new journal) and is
/// compacted into the set and removed when a session first writes the set; conflict records
/// are moved into `.parallax/` when the store opens.
public final class AnnotationStore {
    /// The directory holding the codebook and sets.
    public let directory: String
    /// The corpus annotations refer to.
    public let corpus: Corpus
    /// The codebook in force.
    public internal(set) var codebook: Codebook
    /// Journal entries after which a set is compacted into its file.
    public var compactionThreshold = 4096
    /// Set files at least this big are loaded through a snapshot in `.parallax/` when it is
    /// current, and get one when it is not (see the README's performance section).
    public var snapshotMinimumBytes = 1 << 20
    /// How the last set load read its file (tests check hits, misses and rebuilds).
    package var lastSnapshotOutcome: SetSnapshotCache.Outcome = .noFile
    /// Whether the last compaction left a snapshot of the file it wrote (tests check it).
    package var lastSaveSnapshotWritten = false
    /// The corpus's fingerprint for snapshots, computed on first use.
    private lazy var corpusFingerprint = SetSnapshot.corpusFingerprint(corpus)

    package let fs: any FileSystem
    private let anchor: @Sendable ([TextTarget], Document) -> [AnchorOutcome]
    var entries: [String: Entry] = [:]
    var undoStack: [UndoStep] = []
    var redoStack: [UndoStep] = []
    private var ids = AnnotationID()

    final class Entry {
        var set: AnnotationSet
        var lock: SetLock?
        var journal: Journal
        var problems: [ParallaxError]
        /// An older version's journal beside the set was replayed into ``set`` (removed at
        /// the next compaction).
        var legacyJournal = false
        init(set: AnnotationSet, journal: Journal, problems: [ParallaxError]) {
            self.set = set; self.journal = journal; self.problems = problems
        }
    }

    /// One undoable change: the annotation before and after (nil = absent).
    struct Change {
        var set: String
        var before: Annotation?
        var after: Annotation?
    }

    /// The codebook's file name.
    public static let codebookName = "codebook.json"

    /// Opens the store in a directory and reads its codebook.
    /// - Parameters:
    ///   - directory: Where the codebook and sets live.
    ///   - corpus: The corpus spans refer to.
    ///   - fs: The file system (tests inject faults here).
    ///   - anchor: How to re-anchor spans whose document changed (a batch per document).
    /// - Throws: ``ParallaxError`` when the codebook is missing or malformed.
    public init(directory: String, corpus: Corpus, fs: any FileSystem = PosixFileSystem(),
                anchor: @escaping @Sendable ([TextTarget], Document) -> [AnchorOutcome] = Reanchoring.anchor) throws {
        self.directory = directory
        self.corpus = corpus
        self.fs = fs
        self.anchor = anchor
        // A multi-file change interrupted by a crash is completed before anything is read.
        try FileTransaction.recover(in: directory, fs: fs)
        let path = directory + "/" + AnnotationStore.codebookName
        guard let bytes = try fs.read(path) else {
            throw ParallaxError(.notFound, "no codebook", at: path,
                                hint: "point --annotations at a directory holding \(AnnotationStore.codebookName)")
        }
        codebook = try AnnotationStore.decodeCodebook(bytes, path: path)
        let problems = codebook.problems()
        if let first = problems.first { throw ParallaxError(.invalidData, first, at: path) }
        migrateLegacyConflictFiles()
    }

    static func decodeCodebook(_ bytes: [UInt8], path: String) throws -> Codebook {
        do {
            return try JSONDecoder().decode(Codebook.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw ParallaxError(.invalidData, DecodingErrorText.describe(error, bytes: bytes), at: path)
        }
    }

    // MARK: Paths

    func path(of set: String) -> String { directory + "/" + set + ".jsonl" }
    func journalPath(of set: String) -> String { RuntimeDirectory.path(of: set + ".journal", in: directory) }
    /// The path of a set's lock file (in ``RuntimeDirectory``).
    public func lockPath(of set: String) -> String { RuntimeDirectory.path(of: set + ".lock", in: directory) }
    /// Where older versions kept a set's journal: beside the set.
    func legacyJournalPath(of set: String) -> String { directory + "/" + set + ".journal" }
    /// Where older versions kept a set's lock: beside the set.
    func legacyLockPath(of set: String) -> String { directory + "/" + set + ".lock" }

    /// Names of the sets on disk (and sets created in this session), sorted.
    public func setNames() throws -> [String] {
        var names = Set(entries.filter { $0.value.lock != nil }.keys)
        func add(_ files: [String], suffixes: [String]) {
            for file in files {
                for suffix in suffixes where file.hasSuffix(suffix) && !ConflictFile.isConflictFile(file) {
                    let name = String(file.dropLast(suffix.count))
                    if (try? AnnotationSet.validate(name: name)) != nil { names.insert(name) }
                }
            }
        }
        add(try fs.list(directory), suffixes: [".jsonl", ".journal"])
        // A set with only a journal so far (its first changes, not yet compacted).
        add((try? fs.list(RuntimeDirectory.path(in: directory))) ?? [], suffixes: [".journal"])
        return names.sorted()
    }

    // MARK: Reading

    /// The set with this name, loaded on first use. A set with no file yet is empty.
    /// - Throws: ``ParallaxError`` for an invalid name or an unreadable file.
    public func set(_ name: String) throws -> AnnotationSet {
        try entry(name).set
    }

    /// What loading a set found: damaged lines (with `file:line`), orphans, re-anchored spans;
    /// and merge conflicts not yet resolved (read afresh on every call).
    public func problems(of name: String) throws -> [ParallaxError] {
        try entry(name).problems + conflictProblems(of: name)
    }

    /// Whether this session holds the set's write lock.
    public func isWriting(_ name: String) -> Bool { entries[name]?.lock != nil }

    private func entry(_ name: String) throws -> Entry {
        if let e = entries[name] { return e }
        try AnnotationSet.validate(name: name)
        let e = try load(name)
        entries[name] = e
        return e
    }

    func load(_ name: String) throws -> Entry {
        let file = path(of: name)
        let journalFile = journalPath(of: name)
        var set = AnnotationSet(name: name)
        var problems: [ParallaxError] = []
        var seen = FirstLines()
        var changedAt: [String: String] = [:]
        let validator = AnnotationValidator(corpus: corpus, codebook: codebook)
        let (renamed, check) = lineCheck(validator)
        func current(_ a: Annotation) -> Annotation {
            guard let renamed, let r = renamed[a.question] else { return a }
            return r.apply(to: a)
        }

        func admit(_ a: Annotation, line: Int, raw: () -> [UInt8], where location: @autoclosure () -> String,
                   verdict: AnnotationValidator.Verdict? = nil) {
            switch verdict ?? validator.check(a) {
            case .valid:
                set.byID[a.id] = a
            case .documentChanged:
                // Placed after everything is read, in one batch per document.
                set.byID[a.id] = a
                changedAt[a.id] = location()
            case .invalid(let reason):
                set.damaged.append(DamagedLine(line: line, bytes: raw(), reason: reason))
                problems.append(ParallaxError(.invalidData, reason, at: location(),
                                              hint: "the line is kept as it is; mend it by hand, then `check`"))
            }
        }

        // Decoded and validated side by side, one slice of the file per core (the corpus and
        // codebook are only read); the file's bytes are released as soon as they are parsed.
        // A big set comes from its snapshot instead when that is current (see SetSnapshotCache).
        let read = try SetSnapshotCache(directory: directory, fs: fs, minimumBytes: snapshotMinimumBytes)
            .slices(of: name, file: file, corpus: corpusFingerprint, codebook: SetSnapshot.codebookFingerprint(codebook), check: check)
        lastSnapshotOutcome = read.outcome
        if var slices = read.slices {
            let total = slices.reduce(0) { $0 + $1.lines.count }
            set.byID.reserveCapacity(total)
            for k in slices.indices {
                for r in slices[k].records {
                    switch r.record {
                    case .memo(var m):
                        if case .question(let q) = m.target, let r = renamed?[q] { m.target = .question(r.to) }
                        if set.memos[m.id] != nil || !AnnotationID.isValid(m.id) {
                            let reason = set.memos[m.id] != nil ? "duplicate memo id \(m.id)" : "memo id \"\(m.id)\" must be 1-64 letters, digits, '_' or '-'"
                            set.damaged.append(DamagedLine(line: r.number, bytes: RecordCodec.encode(r.record), reason: reason))
                            problems.append(ParallaxError(.invalidData, reason, at: "\(file):\(r.number)",
                                                          hint: "the line is kept as it is; mend it by hand, then `check`"))
                        } else {
                            set.memos[m.id] = m
                        }
                    case .renamed(let rename):
                        set.renames.append(rename)
                    }
                }
                for d in slices[k].damaged {
                    set.damaged.append(d)
                    problems.append(ParallaxError(.invalidData, d.reason, at: .file(file, line: d.line),
                                                  hint: "the line is kept as it is; mend it by hand, then `check`"))
                }
                // Taken out of the slice, reversed in place and popped: each annotation is
                // moved into the set, never copied.
                var lines = slices[k].lines, verdicts = slices[k].verdicts
                slices[k] = SetFile.Slice()
                lines.reverse()
                verdicts.reverse()
                while let line = lines.popLast(), let verdict = verdicts.popLast() {
                    let a = renamed == nil ? line.annotation : current(line.annotation)
                    if let first = seen.firstLine(of: a.id, inSet: set.byID[a.id] != nil) {
                        let reason = "duplicate id \(a.id) (first on line \(first))"
                        set.damaged.append(DamagedLine(line: line.number, bytes: AnnotationCodec.encode(a), reason: reason))
                        problems.append(ParallaxError(.conflict, reason, at: .file(file, line: line.number),
                                                      hint: "the line is kept as it is; give it a new id or remove it"))
                        continue
                    }
                    var admitted = true
                    if case .invalid = verdict { admitted = false }
                    seen.record(a.id, line: line.number, inSet: admitted)
                    admit(a, line: line.number, raw: { AnnotationCodec.encode(a) }, where: "\(file):\(line.number)", verdict: verdict)
                }
            }
            // Keep damaged lines in file order.
            set.damaged.sort { $0.line < $1.line }
        }
        var replayed = 0
        var journalTorn = false
        var sawLegacyJournal = false
        // An older version's journal beside the set first (it is older than any journal in
        // `.parallax/`, which is only written once the old one is compacted away), then ours.
        let legacyJournal = legacyJournalPath(of: name)
        for (source, bytes) in [(legacyJournal, try fs.read(legacyJournal)), (journalFile, try fs.read(journalFile))] {
            guard let bytes else { continue }
            if source == legacyJournal { sawLegacyJournal = true }
            let parsed = Journal.parse(bytes)
            journalTorn = journalTorn || parsed.torn
            for d in parsed.damaged {
                set.damaged.append(DamagedLine(line: Int.max, bytes: d.bytes, reason: d.reason))
                problems.append(ParallaxError(.invalidData, d.reason, at: .file(source, line: d.line),
                                              hint: "the entry is kept, moved into \(name).jsonl at the next save"))
            }
            for entry in parsed.entries {
                switch entry {
                case .put(let original):
                    let a = current(original)
                    set.byID[a.id] = nil; set.orphans.remove(a.id); set.reanchored.remove(a.id)
                    admit(a, line: Int.max, raw: { Array("put ".utf8) + AnnotationCodec.encode(a) }, where: source)
                case .delete(let id):
                    set.byID[id] = nil; set.orphans.remove(id); set.reanchored.remove(id)
                case .memo(var m):
                    if case .question(let q) = m.target, let r = renamed?[q] { m.target = .question(r.to) }
                    set.memos[m.id] = m
                case .deleteMemo(let id):
                    set.memos[id] = nil
                }
            }
            replayed += parsed.entries.count
        }
        reanchor(&set, changedAt: changedAt, problems: &problems)
        let entry = Entry(set: set, journal: Journal(path: journalFile, fs: fs, existingEntries: replayed, torn: journalTorn), problems: problems)
        entry.legacyJournal = sawLegacyJournal
        return entry
    }

    /// The renames codings made under an old question id go through (`nil` without any), and
    /// the check of a set file's line: the validator's, of the line read as the new id.
    private func lineCheck(_ validator: AnnotationValidator)
        -> (renamed: [String: QuestionRename]?, check: @Sendable (Annotation) -> AnnotationValidator.Verdict) {
        // Codings made under an old question id (renamed or merged away) read as the new one.
        let renamed: [String: QuestionRename]? = codebook.hasRenames
            ? Dictionary(codebook.renames.map { ($0.from, $0) }, uniquingKeysWith: { first, _ in first }) : nil
        if let renamed {
            return (renamed, { a in validator.check(renamed[a.question]?.apply(to: a) ?? a) })
        }
        return (nil, { validator.check($0) })
    }

    /// Re-anchors, one batch per document, the annotations whose document changed since they
    /// were made: placed ones get their new span and hash (saved at the next compaction),
    /// the rest are kept unchanged and reported as orphans.
    private func reanchor(_ set: inout AnnotationSet, changedAt: [String: String], problems: inout [ParallaxError]) {
        let pending = set.byID.values.filter { changedAt[$0.id] != nil && corpus.document($0.target.doc)?.hash != $0.target.hash }
        for (docID, group) in Dictionary(grouping: pending, by: { $0.target.doc }) {
            guard let doc = corpus.document(docID) else { continue }
            let ordered = group.sorted { ($0.target.start, $0.id) < ($1.target.start, $1.id) }
            let outcomes = anchor(ordered.map(\.target), doc)
            for (a, outcome) in zip(ordered, outcomes) {
                let location = changedAt[a.id] ?? set.name
                switch outcome {
                case .placed(let start, let end):
                    var moved = a
                    moved.target = TextTarget(doc: doc.id, start: start, end: end, text: doc.text, hash: doc.hash)
                    set.byID[a.id] = moved
                    set.reanchored.insert(a.id)
                    // Placed after a `doc update` (its old text is a kept version): what the
                    // update does, not a problem, and saved at the set's next compaction (a
                    // `doc update` killed before it saved the set leaves this state).
                    let updated = (doc.info.versions ?? []).contains { $0.sha256 == a.target.hash }
                    if !updated && (start != a.target.start || moved.target.exact != a.target.exact) {
                        problems.append(ParallaxError(.conflict, "document \(doc.id) changed: annotation \(a.id) moved from \(a.target.start)-\(a.target.end) to \(start)-\(end)", at: location))
                    }
                case .orphan(let reason):
                    set.orphans.insert(a.id)
                    problems.append(ParallaxError(.conflict, "orphaned annotation \(a.id): \(reason)", at: location,
                                                  hint: "it is kept unchanged; mark the passage again and `edit \(a.id) span:here`, or delete it"))
                }
            }
        }
    }

    // MARK: Writing

    /// Takes the set's write lock (once per session), reloading it from disk so changes made
    /// by an earlier writer are seen, and compacting a journal left by a crash.
    func writable(_ name: String) throws -> Entry {
        let e = try entry(name)
        if e.lock != nil { return e }
        try RuntimeDirectory.ensure(in: directory, fs: fs)
        let lock = try SetLock.acquire(lockPath(of: name), set: name, fs: fs)
        // Under the lock, so no change to this set's files can start meanwhile; waiting for a
        // record another process may be completing.
        try FileTransaction.recover(in: directory, fs: fs, waitingUpTo: 5)
        // An older version that still runs writes the journal beside the set under the lock
        // beside it: take that one too while the old journal is compacted away.
        let legacyLock = try fs.read(legacyLockPath(of: name)) == nil ? nil
            : try SetLock.acquire(legacyLockPath(of: name), set: name, fs: fs)
        removeStaleTemporaries(of: name)
        let fresh = try load(name)
        fresh.lock = lock
        entries[name] = fresh
        if fresh.journal.count > 0 || fresh.journal.needsRewrite || fresh.legacyJournal { try compact(fresh) }
        if legacyLock != nil {
            try fs.unlink(legacyLockPath(of: name))
            withExtendedLifetime(legacyLock) {}
        }
        return fresh
    }

    /// Takes the set's write lock for this session (as the first change would), for files
    /// written beside the set under the same lock, such as its merge conflicts.
    func lockForWriting(_ name: String) throws { _ = try writable(name) }

    /// Removes the temporary files (`NAME.jsonl.tmp-PID`) of compactions that a killed
    /// writer left (in `.parallax/`, or beside the set from an older version). Only the lock
    /// holder compacts, and this session holds the lock now, so any such file is a dead
    /// process's; the set file itself was never touched by it.
    private func removeStaleTemporaries(of name: String) {
        let prefix = name + ".jsonl.tmp-"
        for folder in [RuntimeDirectory.path(in: directory), directory] {
            for file in (try? fs.list(folder)) ?? [] where file.hasPrefix(prefix) {
                try? fs.unlink(folder + "/" + file)
            }
        }
    }

    /// Moves conflict records an older version kept beside the sets into `.parallax/`,
    /// combined with any already there. Best effort: a store on a read-only disk still opens,
    /// and reads the old records where they are (see ``conflicts(of:)``).
    private func migrateLegacyConflictFiles() {
        guard let files = try? fs.list(directory) else { return }
        for file in files where ConflictFile.isConflictFile(file) {
            let old = directory + "/" + file
            let new = RuntimeDirectory.path(of: file, in: directory)
            do {
                try RuntimeDirectory.ensure(in: directory, fs: fs)
                if let existing = try fs.read(new).map(ConflictFile.parse), let moved = try fs.read(old).map(ConflictFile.parse) {
                    try fs.replaceAtomically(new, with: ConflictFile.encode(ConflictFile.combine(moved.conflicts, existing.conflicts),
                                                                            damaged: moved.damaged + existing.damaged))
                    try fs.unlink(old)
                } else {
                    try fs.rename(old, new)
                }
                try fs.syncDirectory(directory)
                try fs.syncDirectory(RuntimeDirectory.path(in: directory))
            } catch {
                continue
            }
        }
    }

    /// Adds an annotation durably.
    /// - Throws: ``ParallaxError`` when the annotation is invalid, its id is taken, another
    ///   process holds the set, or the disk refuses the write (the set is then unchanged).
    public func add(_ a: Annotation, to name: String) throws {
        let e = try writable(name)
        if e.set.byID[a.id] != nil { throw ParallaxError(.conflict, "annotation \(a.id) already exists in set \(name)") }
        try requireOpen(a.question)
        try requireValid(a)
        try apply(Change(set: name, before: nil, after: a), to: e)
        record(Change(set: name, before: nil, after: a))
    }

    /// Adds many annotations with one durable journal write: all of them or none.
    /// Annotations identical to one already in the set are skipped.
    /// - Returns: How many were added (the rest were already there, unchanged).
    /// - Throws: ``ParallaxError`` when any is invalid or would replace a different
    ///   annotation with the same id; nothing is written then.
    @discardableResult
    public func addAll(_ annotations: [Annotation], to name: String) throws -> Int {
        let e = try writable(name)
        var fresh: [Annotation] = []
        var seen = Set<String>()
        for a in annotations {
            if let existing = e.set.byID[a.id] {
                if existing == a { continue }
                throw ParallaxError(.conflict, "annotation \(a.id) already exists in set \(name) with other content",
                                    hint: "nothing was imported; import into another set with set:NAME")
            }
            guard seen.insert(a.id).inserted else {
                throw ParallaxError(.conflict, "annotation \(a.id) appears twice in the batch", hint: "nothing was imported")
            }
            try requireValid(a)
            fresh.append(a)
        }
        guard !fresh.isEmpty else { return 0 }
        if e.journal.needsRewrite { try compact(e) }
        try e.journal.append(fresh.map { .put($0) })
        for a in fresh { e.set.byID[a.id] = a }
        for a in fresh { record(Change(set: name, before: nil, after: a)) }
        if e.journal.count >= compactionThreshold { try compact(e) }
        return fresh.count
    }

    /// Replaces an annotation (same id) durably.
    public func update(_ a: Annotation, in name: String) throws {
        let e = try writable(name)
        guard let before = e.set.byID[a.id] else { throw ParallaxError(.notFound, "no annotation \(a.id) in set \(name)") }
        if a.question != before.question { try requireOpen(a.question) }
        try requireValid(a)
        let change = Change(set: name, before: before, after: a)
        try apply(change, to: e)
        e.set.orphans.remove(a.id)
        record(change)
    }

    /// Deletes an annotation durably and returns it.
    @discardableResult
    public func delete(_ id: String, from name: String) throws -> Annotation {
        let e = try writable(name)
        guard let before = e.set.byID[id] else { throw ParallaxError(.notFound, "no annotation \(id) in set \(name)") }
        let change = Change(set: name, before: before, after: nil)
        try apply(change, to: e)
        record(change)
        return before
    }

    /// Refuses new codings of a retired question.
    private func requireOpen(_ question: String) throws {
        if let q = codebook.question(question), q.isRetired {
            throw ParallaxError(.usage, "question \(q.id) is retired: it keeps its old codings but takes no new ones",
                                hint: "code another question (`questions` lists them)")
        }
    }

    /// Undoes the last change of this session.
    /// - Returns: a description of what was undone, or `nil` when there is nothing to undo.
    public func undo() throws -> String? {
        try undoChange().map { $0.description(verb: "undid") }
    }

    /// Redoes the last undone change.
    public func redo() throws -> String? {
        try redoChange().map { $0.description(verb: "redid") }
    }

    /// Undoes the last change of this session (an annotation's, a memo's or the codebook's),
    /// on disk when this returns.
    /// - Returns: What was undone, or `nil` when there is nothing to undo.
    public func undoChange() throws -> StoreChange? {
        guard let step = undoStack.last else { return nil }
        try revert(step, forward: false)
        undoStack.removeLast()
        redoStack.append(step)
        return step.summary
    }

    /// Redoes the last undone change.
    /// - Returns: What was redone, or `nil` when there is nothing to redo.
    public func redoChange() throws -> StoreChange? {
        guard let step = redoStack.last else { return nil }
        try revert(step, forward: true)
        redoStack.removeLast()
        undoStack.append(step)
        return step.summary
    }

    /// Applies a step again (`forward`) or its inverse.
    private func revert(_ step: UndoStep, forward: Bool) throws {
        switch step {
        case .annotation(let change):
            let c = forward ? change : Change(set: change.set, before: change.after, after: change.before)
            try apply(c, to: try writable(c.set))
        case .memo(let change):
            try applyMemo(forward ? change : change.inverse, to: try writable(change.set))
        case .codebook(let change):
            try replay(change, forward: forward)
        }
    }

    static func describe(_ c: Change, verb: String) -> String {
        switch (c.before, c.after) {
        case (nil, let a?): return "\(verb) add of \(a.id) in \(c.set)"
        case (let b?, nil): return "\(verb) delete of \(b.id) in \(c.set)"
        case (_, let a?): return "\(verb) edit of \(a.id) in \(c.set)"
        default: return verb
        }
    }

    func record(_ change: Change) {
        record(.annotation(change))
    }

    func record(_ step: UndoStep) {
        undoStack.append(step)
        redoStack.removeAll()
    }

    private func requireValid(_ a: Annotation) throws {
        switch AnnotationValidator(corpus: corpus, codebook: codebook).check(a) {
        case .valid: return
        case .documentChanged: throw ParallaxError(.invalidData, "annotation \(a.id) refers to another version of document \(a.target.doc)")
        case .invalid(let reason): throw ParallaxError(.invalidData, reason, at: "annotation \(a.id)")
        }
    }

    /// Journals a change, then applies it in memory: memory never runs ahead of the disk.
    private func apply(_ change: Change, to e: Entry) throws {
        let entry: JournalEntry
        if let after = change.after { entry = .put(after) } else { entry = .delete(change.before!.id) }
        // A tail torn by a crash or a failed append is never appended to.
        if e.journal.needsRewrite { try compact(e) }
        try e.journal.append([entry])
        if let after = change.after { e.set.byID[after.id] = after } else { e.set.byID[change.before!.id] = nil }
        if let id = change.after?.id ?? change.before?.id { e.set.reanchored.remove(id) }
        if e.journal.count >= compactionThreshold { try compact(e) }
    }

    // MARK: Saving

    /// Takes the set's write lock and saves it in canonical form, so annotations re-anchored
    /// when it loaded (their document changed) are written with their new spans and the
    /// document's new hash; orphans are written unchanged.
    /// - Throws: ``ParallaxError`` when another process holds the set, or the write fails.
    public func saveReanchored(_ name: String) throws {
        try compact(try writable(name))
    }

    /// Writes the set's canonical file and empties its journal (when this session writes it).
    public func compact(_ name: String) throws {
        guard let e = entries[name], e.lock != nil else { return }
        try compact(e)
    }

    func compact(_ e: Entry) throws {
        let file = path(of: e.set.name)
        let order = SetFile.sortedByID(e.set.byID)
        let checksum = try SetFile.save(e.set, order: order, to: file, fs: fs, temporaryIn: RuntimeDirectory.path(in: directory))
        try e.journal.remove()
        if e.legacyJournal {
            // An older version's journal, replayed into the set just saved; its removal is
            // made durable, for replaying it again over later changes would undo them.
            try fs.unlink(legacyJournalPath(of: e.set.name))
            try fs.syncDirectory(directory)
            e.legacyJournal = false
        }
        // The file just written, snapshotted from memory: the next process loads it without
        // parsing it (a cache: written after the save is durable, and never an error).
        lastSaveSnapshotWritten = SetSnapshotCache(directory: directory, fs: fs, minimumBytes: snapshotMinimumBytes)
            .storeSaved(e.set, order: order, file: file, checksum: checksum, corpus: corpusFingerprint,
                        codebook: SetSnapshot.codebookFingerprint(codebook),
                        check: lineCheck(AnnotationValidator(corpus: corpus, codebook: codebook)).check)
        e.set.reanchored.removeAll()
    }

    /// Reads sets afresh from disk after something outside the store changed their files (a
    /// git merge): loaded sets are forgotten, and the ones this session writes are reloaded
    /// under the lock it keeps. Undo and redo forget changes to these sets, which the new
    /// files may have superseded. Compact a set (``compact(_:)``) before its file is changed
    /// outside, or its journal would be replayed over the new file.
    /// - Throws: ``ParallaxError`` when a written set cannot be read.
    public func reload(_ names: [String]) throws {
        let names = Set(names)
        for name in names {
            guard let e = entries[name] else { continue }
            guard let lock = e.lock else { entries[name] = nil; continue }
            let fresh = try load(name)
            fresh.lock = lock
            entries[name] = fresh
        }
        undoStack.removeAll { !names.isDisjoint(with: $0.sets) }
        redoStack.removeAll { !names.isDisjoint(with: $0.sets) }
    }

    /// Compacts every set this session writes and releases their locks. Call at the end of a
    /// session; changes are already durable without it.
    public func close() throws {
        var firstError: (any Error)?
        for e in entries.values where e.lock != nil {
            do {
                if e.journal.count > 0 || e.journal.needsRewrite || !e.set.reanchored.isEmpty { try compact(e) }
            } catch { firstError = firstError ?? error }
            e.lock = nil
        }
        if let firstError { throw firstError }
    }

    /// Creates a new annotation id.
    public func newID() -> String { ids.next(milliseconds: Clock.nowMilliseconds()) }

    // MARK: Codebook

    /// Adds a question to the codebook and saves it durably.
    /// - Throws: ``ParallaxError`` for a taken or malformed id, a bad scale, or a failed write.
    public func addQuestion(_ q: Question) throws {
        guard codebook.question(q.id) == nil else {
            throw ParallaxError(.conflict, "question \(q.id) already exists", hint: "choose another id")
        }
        let path = directory + "/" + AnnotationStore.codebookName
        try RuntimeDirectory.ensure(in: directory, fs: fs)
        let lock = try SetLock.acquire(lockPath(of: "codebook"), set: "codebook", fs: fs)
        defer { withExtendedLifetime(lock) {} }
        try FileTransaction.recover(in: directory, fs: fs, waitingUpTo: 5)
        // Re-read: another session may have added a question meanwhile.
        var book = try fs.read(path).map { try AnnotationStore.decodeCodebook($0, path: path) } ?? codebook
        book.questions.append(q)
        if let problem = book.problems().first { throw ParallaxError(.usage, problem) }
        try fs.replaceAtomically(path, with: book.encoded())
        codebook = book
    }

    // MARK: Lookup

    /// Finds an annotation by id (or a unique prefix of at least 4 characters) in the given
    /// sets.
    public func find(_ id: String, in sets: [String]) throws -> (set: String, annotation: Annotation) {
        var hits: [(String, Annotation)] = []
        var matched = 0
        // Ids are upper case (ULIDs); a prefix is compared as bytes, key by key.
        let prefix = Array(id.uppercased().utf8)
        for name in sets {
            let s = try set(name)
            if let a = s.byID[id] { return (name, a) }
            guard id.count >= 4 else { continue }
            for k in s.byID.indices where s.byID.keys[k].utf8.starts(with: prefix) {
                matched += 1
                if hits.isEmpty { hits.append((name, s.byID.values[k])) }
            }
        }
        if matched == 1 { return hits[0] }
        if matched > 1 {
            throw ParallaxError(.ambiguous, "\"\(id)\" matches \(matched) annotations", hint: "type more of the id")
        }
        throw ParallaxError(.notFound, "no annotation \"\(id)\"", hint: "`list` shows ids")
    }
}

/// The line on which each id of a set file was first seen, for the message about a duplicate.
/// Duplicates are rare, so this costs an array append per line, and a dictionary is built
/// only when the first duplicate turns up; ids that did not make it into the set (refused by
/// the validator) are looked up in a dictionary of their own, usually empty.
private struct FirstLines {
    private var order: [(id: String, line: Int)] = []
    private var index: [String: Int]?
    private var refused: [String: Int] = [:]

    /// Remembers where `id` was first seen; `inSet` tells whether its annotation was admitted.
    mutating func record(_ id: String, line: Int, inSet: Bool) {
        if inSet {
            order.append((id, line))
            if index != nil { index![id] = line }
        } else {
            refused[id] = line
        }
    }

    /// The line where `id` was first seen, or `nil` for a new id. `inSet`: the set already
    /// holds an annotation with this id.
    mutating func firstLine(of id: String, inSet: Bool) -> Int? {
        if !refused.isEmpty, let line = refused[id] { return line }
        guard inSet else { return nil }
        if index == nil { index = Dictionary(order.map { ($0.id, $0.line) }, uniquingKeysWith: { first, _ in first }) }
        return index![id]
    }
}
