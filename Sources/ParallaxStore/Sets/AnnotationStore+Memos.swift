import ParallaxCore

/// Memos: a coder's notes about a question, a document, an analyst or the project, kept in
/// the coder's set, journaled like annotations and undoable.
extension AnnotationStore {
    /// Adds a memo to a set, durably.
    /// - Throws: ``ParallaxError`` for empty text, a target that names nothing known, a taken
    ///   id, a set another session writes, or a failed write (then nothing changed).
    public func addMemo(_ memo: Memo, to name: String) throws {
        let e = try writable(name)
        guard e.set.memos[memo.id] == nil else { throw ParallaxError(.conflict, "memo \(memo.id) already exists in set \(name)") }
        try requireValidMemo(memo)
        let change = MemoChange(set: name, before: nil, after: memo)
        try applyMemo(change, to: e)
        record(.memo(change))
    }

    /// Replaces a memo's text, durably.
    /// - Returns: The memo as it now is.
    @discardableResult
    public func editMemo(_ id: String, in name: String, text: String) throws -> Memo {
        let e = try writable(name)
        guard let before = e.set.memos[id] else { throw ParallaxError(.notFound, "no memo \(id) in set \(name)", hint: "`memos` lists them") }
        var after = before
        after.text = text
        after.modified = Clock.iso8601(milliseconds: Clock.nowMilliseconds())
        try requireValidMemo(after)
        let change = MemoChange(set: name, before: before, after: after)
        try applyMemo(change, to: e)
        record(.memo(change))
        return after
    }

    /// Deletes a memo durably and returns it.
    @discardableResult
    public func deleteMemo(_ id: String, from name: String) throws -> Memo {
        let e = try writable(name)
        guard let before = e.set.memos[id] else { throw ParallaxError(.notFound, "no memo \(id) in set \(name)", hint: "`memos` lists them") }
        let change = MemoChange(set: name, before: before, after: nil)
        try applyMemo(change, to: e)
        record(.memo(change))
        return before
    }

    /// Finds a memo by id or a unique prefix of at least 4 characters in the given sets.
    public func findMemo(_ id: String, in sets: [String]) throws -> (set: String, memo: Memo) {
        var hits: [(String, Memo)] = []
        let key = id.uppercased()
        for name in sets {
            let s = try set(name)
            if let m = s.memos[id] ?? s.memos[key] { return (name, m) }
            guard id.count >= 4 else { continue }
            for m in s.memos.values where m.id.hasPrefix(key) { hits.append((name, m)) }
        }
        if hits.count == 1 { return hits[0] }
        if hits.count > 1 { throw ParallaxError(.ambiguous, "\"\(id)\" matches \(hits.count) memos", hint: "type more of the id") }
        throw ParallaxError(.notFound, "no memo \"\(id)\"", hint: "`memos` lists ids")
    }

    /// Checks a memo's text and target against the corpus and codebook.
    func requireValidMemo(_ m: Memo) throws {
        if m.text.allSatisfy(\.isWhitespace) {
            throw ParallaxError(.usage, "a memo needs some text", hint: "memo add TARGET \"text\"")
        }
        if !AnnotationID.isValid(m.id) { throw ParallaxError(.invalidData, "memo id \"\(m.id)\" must be 1-64 letters, digits, '_' or '-'") }
        func missing(_ what: String, _ id: String, among known: [String]) -> ParallaxError {
            ParallaxError(.notFound, "no \(what) \"\(id)\"", hint: Suggest.closest(to: id, among: known).map { "did you mean \($0)?" } ?? "memo targets name a \(what) by its exact id")
        }
        switch m.target {
        case .question(let id):
            if codebook.question(id) == nil { throw missing("question", id, among: codebook.questions.map(\.id)) }
        case .document(let id):
            if corpus.document(id) == nil { throw missing("document", id, among: corpus.documents.map(\.id)) }
        case .analyst(let id):
            if corpus.analysts.analyst(id: id) == nil { throw missing("analyst", id, among: corpus.analysts.all.map(\.id)) }
        case .project:
            break
        }
    }

    /// Journals a memo change, then applies it in memory.
    func applyMemo(_ change: MemoChange, to e: Entry) throws {
        let entry: JournalEntry = change.after.map { .memo($0) } ?? .deleteMemo(change.before!.id)
        try e.journal.append([entry])
        if let after = change.after { e.set.memos[after.id] = after } else { e.set.memos[change.before!.id] = nil }
        if e.journal.count >= compactionThreshold { try compact(e) }
    }
}
