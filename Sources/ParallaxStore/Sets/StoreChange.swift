import ParallaxCore

/// What an undoable change did, as a value: `undo` and `redo` return it and the REPL words it.
public enum StoreChange: Equatable, Sendable {
    /// An annotation was added, edited or deleted in a set.
    case annotation(set: String, id: String, kind: Kind)
    /// A memo was added, edited or deleted in a set.
    case memo(set: String, id: String, kind: Kind)
    /// A question was renamed, in the codebook and in every set.
    case questionRenamed(from: String, to: String, codings: Int, sets: Int)
    /// A question was merged into another, in the codebook and in every set.
    case questionMerged(from: String, into: String, codings: Int, sets: Int)
    /// A question was retired (or brought back).
    case questionRetired(id: String, retired: Bool)
    /// A question's definition, criteria or examples changed.
    case questionDefined(id: String)
    /// Questions were added from a REFI-QDA codebook file (`import qdc`).
    case questionsImported(ids: [String], from: String)

    /// Which way a record changed.
    public enum Kind: String, Equatable, Sendable {
        /// It was added.
        case add
        /// It was changed.
        case edit
        /// It was removed.
        case delete
    }

    /// Plain words for the change with a verb (`undid add of 01K… in alice`).
    public func description(verb: String) -> String {
        switch self {
        case .annotation(let set, let id, let kind): return "\(verb) \(kind.rawValue) of \(id) in \(set)"
        case .memo(let set, let id, let kind): return "\(verb) \(kind.rawValue) of memo \(id) in \(set)"
        case .questionRenamed(let from, let to, let n, let sets):
            return "\(verb) rename of question \(from) to \(to) (\(n) coding\(n == 1 ? "" : "s") in \(sets) set\(sets == 1 ? "" : "s"))"
        case .questionMerged(let from, let into, let n, let sets):
            return "\(verb) merge of question \(from) into \(into) (\(n) coding\(n == 1 ? "" : "s") in \(sets) set\(sets == 1 ? "" : "s"))"
        case .questionRetired(let id, let retired): return "\(verb) \(retired ? "retirement" : "return") of question \(id)"
        case .questionDefined(let id): return "\(verb) definition of question \(id)"
        case .questionsImported(let ids, let path):
            return "\(verb) import of \(ids.count) question\(ids.count == 1 ? "" : "s") from \(path)"
        }
    }
}

/// One step of the store's undo history.
enum UndoStep {
    case annotation(AnnotationStore.Change)
    case memo(MemoChange)
    case codebook(CodebookChange)

    /// The sets the step changed.
    var sets: [String] {
        switch self {
        case .annotation(let c): return [c.set]
        case .memo(let c): return [c.set]
        case .codebook(let c): return Array(c.sets.keys)
        }
    }

    /// The change as a value.
    var summary: StoreChange {
        switch self {
        case .annotation(let c):
            let kind: StoreChange.Kind = c.before == nil ? .add : c.after == nil ? .delete : .edit
            return .annotation(set: c.set, id: c.after?.id ?? c.before?.id ?? "", kind: kind)
        case .memo(let c):
            let kind: StoreChange.Kind = c.before == nil ? .add : c.after == nil ? .delete : .edit
            return .memo(set: c.set, id: c.after?.id ?? c.before?.id ?? "", kind: kind)
        case .codebook(let c): return c.summary
        }
    }
}

/// A memo before and after one change (nil = absent).
struct MemoChange {
    var set: String
    var before: Memo?
    var after: Memo?
    var inverse: MemoChange { MemoChange(set: set, before: after, after: before) }
}

/// A codebook change and what it did to each set: enough to apply it again or take it back.
struct CodebookChange {
    /// What one set went through.
    struct SetRewrite {
        var annotations: [(before: Annotation, after: Annotation)] = []
        var memos: [(before: Memo, after: Memo)] = []
        /// The rename record added to the set, if any.
        var rename: QuestionRename?
    }
    var summary: StoreChange
    var before: Codebook
    var after: Codebook
    var sets: [String: SetRewrite] = [:]
}
