import ParallaxCore
/// Merge conflicts recorded beside a set (``ConflictFile``), listed and resolved through the
/// store, so a resolution is as durable as any other change: the set and its conflicts file
/// change together in one ``FileTransaction``, under the set's write lock, so a crash leaves
/// the conflict either unresolved or resolved, never half.
extension AnnotationStore {
    /// What ``resolve(_:in:with:field:)`` did.
    public struct Resolution: Equatable, Sendable {
        /// What became of the annotation.
        public enum Outcome: String, Sendable {
            /// Restored (it was absent from the set).
            case added
            /// Changed.
            case updated
            /// Removed from the set.
            case deleted
            /// The set already held the chosen side.
            case unchanged
        }
        /// The annotation's id.
        public var id: String
        /// The side chosen.
        public var side: MergeSide
        /// The fields settled (empty when the conflict was about the whole annotation).
        public var fields: [AnnotationField]
        /// What became of the annotation.
        public var outcome: Outcome
        /// The annotation as the set now holds it (`nil` when absent).
        public var annotation: Annotation?
        /// Conflicts left in the set.
        public var remaining: Int
    }

    /// The conflicts file of a set: `.parallax/NAME.conflicts.jsonl` in the store's directory.
    public func conflictsPath(of set: String) -> String { RuntimeDirectory.path(of: set + ConflictFile.suffix, in: directory) }

    /// The set's unresolved merge conflicts, in file order.
    /// - Throws: ``ParallaxError`` for an invalid set name or an unreadable file.
    public func conflicts(of set: String) throws -> [MergeConflict] {
        try AnnotationSet.validate(name: set)
        guard let bytes = try fs.read(conflictsPath(of: set)) else { return [] }
        return ConflictFile.parse(bytes).conflicts
    }

    /// Unresolved conflicts, and unreadable lines of the conflicts file, as problems.
    func conflictProblems(of set: String) throws -> [ParallaxError] {
        let path = conflictsPath(of: set)
        guard let bytes = try fs.read(path) else { return [] }
        let parsed = ConflictFile.parse(bytes)
        var problems: [ParallaxError] = []
        if !parsed.conflicts.isEmpty {
            let n = parsed.conflicts.count
            problems.append(ParallaxError(.conflict, "set \(set) has \(n) unresolved merge conflict\(n == 1 ? "" : "s"); it holds ours until resolved",
                                          at: path, hint: "`conflicts` lists them, `resolve ID ours|theirs|base` settles one"))
        }
        for d in parsed.damaged {
            problems.append(ParallaxError(.invalidData, d.reason, at: .file(path, line: d.line), hint: "the line is kept as it is; mend or remove it by hand"))
        }
        return problems
    }

    /// Resolves the conflicts on one annotation in favour of a side, durably.
    /// - Parameters:
    ///   - id: The annotation's id, or a unique prefix of at least 4 characters among the
    ///     conflicted ids.
    ///   - set: The set.
    ///   - side: Whose value wins. ``MergeSide/ours`` keeps what the set holds (ours, or a
    ///     later edit of it) and only forgets the conflict.
    ///   - field: Settle only this field's conflict (default: every conflict on the id).
    /// - Returns: What was done.
    /// - Throws: ``ParallaxError``: no such conflict, another process writes the set, the
    ///   chosen version is not valid against the corpus and codebook (e.g. a stance off the
    ///   scale of the question kept; the conflict then stays), or a failed write.
    @discardableResult
    public func resolve(_ id: String, in set: String, with side: MergeSide, field: AnnotationField? = nil) throws -> Resolution {
        try lockForWriting(set)
        let path = conflictsPath(of: set)
        let file = try fs.read(path).map(ConflictFile.parse) ?? (conflicts: [], damaged: [])
        let key = try conflictID(id, among: file.conflicts.map(\.id), set: set)
        var chosen = file.conflicts.filter { $0.id == key }
        if let field {
            chosen = chosen.filter { $0.field == field || $0.field == nil }
            if chosen.contains(where: { $0.field == nil }) {
                throw ParallaxError(.usage, "the conflict on \(key) is about the whole annotation, not its \(field.rawValue)",
                                    hint: "resolve it without field:")
            }
            if chosen.isEmpty {
                let fields = file.conflicts.filter { $0.id == key }.compactMap { $0.field?.rawValue }
                throw ParallaxError(.notFound, "no conflict on the \(field.rawValue) of \(key)", hint: "its conflicts: " + fields.joined(separator: ", "))
            }
        }
        let current = try self.set(set).byID[key]
        var target = current
        // The set holds ours already (or a later edit of it): ours only forgets the conflict.
        if side != .ours {
            for c in chosen { target = try c.resolving(c.field == nil ? current : target, with: side) }
        }
        let outcome: Resolution.Outcome
        var change: [JournalEntry] = []
        switch (current, target) {
        case (nil, nil): outcome = .unchanged
        case (_?, nil): change = [.delete(key)]; outcome = .deleted
        case (nil, let t?): change = [.put(t)]; outcome = .added
        case (let c?, var t?):
            if t == c {
                outcome = .unchanged
            } else {
                if chosen.allSatisfy({ $0.field != nil }) { t.modified = Clock.iso8601(milliseconds: Clock.nowMilliseconds()) }
                change = [.put(t)]
                target = t
                outcome = .updated
            }
        }
        // The set and its conflicts file change together, all or nothing.
        let remaining = file.conflicts.filter { $0.id != key || !chosen.contains($0) }
        let keep = !(remaining.isEmpty && file.damaged.isEmpty)
        try commit(change.isEmpty ? [:] : [set: change],
                   files: keep ? [path: ConflictFile.encode(remaining, damaged: file.damaged)] : [:],
                   removing: keep ? [] : [path], undoable: true)
        return Resolution(id: key, side: side, fields: chosen.compactMap(\.field), outcome: outcome, annotation: target,
                          remaining: remaining.count)
    }

    /// Resolves every conflict of a set in favour of one side.
    /// - Returns: What was done, annotation by annotation, in id order. Stops at the first
    ///   annotation that cannot be resolved (those before it stay resolved).
    @discardableResult
    public func resolveAll(in set: String, with side: MergeSide) throws -> [Resolution] {
        var ids: [String] = []
        for c in try conflicts(of: set) where !ids.contains(c.id) { ids.append(c.id) }
        return try ids.map { try resolve($0, in: set, with: side) }
    }

    private func conflictID(_ id: String, among ids: [String], set: String) throws -> String {
        if ids.contains(id) { return id }
        let matches = Set(ids.filter { id.count >= 4 && $0.hasPrefix(id.uppercased()) })
        if matches.count == 1 { return matches.first! }
        if matches.count > 1 {
            throw ParallaxError(.ambiguous, "\"\(id)\" matches \(matches.count) conflicted annotations", hint: "type more of the id")
        }
        throw ParallaxError(.notFound, "no merge conflict on \"\(id)\" in set \(set)",
                            hint: ids.isEmpty ? "set \(set) has no unresolved conflicts" : "`conflicts` lists them")
    }
}
