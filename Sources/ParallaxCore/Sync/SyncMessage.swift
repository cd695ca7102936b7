/// The commit message `sync` writes: the user's words (or a summary) on the first line, then
/// one line per changed set with its counts, so `git log` says who coded what.
///
/// ```
/// sync: alice +3 ~1, bob −2
///
/// alice: 3 added, 1 changed
/// bob: 2 removed
/// ```
public struct SyncMessage: Equatable, Sendable {
    /// What changed in one set since the last commit.
    public struct SetChange: Equatable, Sendable {
        /// The set's name.
        public var set: String
        /// Annotations added, changed and removed.
        public var added: Int, changed: Int, removed: Int
        /// Damaged lines added or removed.
        public var damaged: Int
        /// Memos added, changed or removed.
        public var memos: Int = 0
        /// Question renames (and merges) the set went through.
        public var renames: [QuestionRename] = []

        /// Creates a set's counts.
        public init(set: String, added: Int = 0, changed: Int = 0, removed: Int = 0, damaged: Int = 0) {
            self.set = set; self.added = added; self.changed = changed; self.removed = removed; self.damaged = damaged
        }

        /// The counts of a semantic diff between the committed and the current set.
        public init(set: String, diff: SetDiff) {
            self.init(set: set, added: diff.entries(.added).count, changed: diff.entries(.changed).count,
                      removed: diff.entries(.removed).count, damaged: diff.damagedAdded.count + diff.damagedRemoved.count)
            memos = diff.memos.count
            renames = diff.renames
        }

        /// Whether nothing changed (a file rewritten with the same annotations).
        public var isEmpty: Bool { added + changed + removed + damaged + memos == 0 && renames.isEmpty }

        /// `+3 ~1 −2`.
        public var short: String {
            var parts: [String] = []
            if added > 0 { parts.append("+\(added)") }
            if changed > 0 { parts.append("~\(changed)") }
            if removed > 0 { parts.append("−\(removed)") }
            if damaged > 0 { parts.append("!\(damaged)") }
            if memos > 0 { parts.append("\(memos) memo\(memos == 1 ? "" : "s")") }
            parts += renames.map { "\($0.from)→\($0.to)" }
            return parts.isEmpty ? "rewritten" : parts.joined(separator: " ")
        }

        /// `3 added, 1 changed`.
        public var long: String {
            var parts: [String] = []
            if added > 0 { parts.append("\(added) added") }
            if changed > 0 { parts.append("\(changed) changed") }
            if removed > 0 { parts.append("\(removed) removed") }
            if damaged > 0 { parts.append("\(damaged) damaged line\(damaged == 1 ? "" : "s") added or mended") }
            if memos > 0 { parts.append("\(memos) memo\(memos == 1 ? "" : "s") added, changed or removed") }
            parts += renames.map { "question \($0.from) renamed to \($0.to)" }
            return parts.isEmpty ? "rewritten, no annotation changed" : parts.joined(separator: ", ")
        }
    }

    /// The sets that changed, in name order.
    public var sets: [SetChange]
    /// Other files committed with them (the codebook, `.gitattributes`).
    public var others: [String]
    /// The user's message, if any.
    public var message: String?

    /// Creates a message.
    public init(sets: [SetChange], others: [String] = [], message: String? = nil) {
        self.sets = sets.sorted { $0.set < $1.set }; self.others = others; self.message = message
    }

    /// The full commit message.
    public var text: String {
        var subject = message?.trimmingSpaces ?? ""
        if subject.isEmpty {
            let named = sets.prefix(4).map { "\($0.set) \($0.short)" }
            subject = "sync: " + (named.isEmpty ? others.joined(separator: ", ") : named.joined(separator: ", "))
            if sets.count > 4 { subject += ", and \(sets.count - 4) more set\(sets.count == 5 ? "" : "s")" }
        }
        var lines = [subject, ""]
        for s in sets { lines.append("\(s.set): \(s.long)") }
        for o in others { lines.append("\(o): updated") }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    fileprivate var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
