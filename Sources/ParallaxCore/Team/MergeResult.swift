/// What a three-way merge of a set produced: the merged set (valid, canonical, never with
/// conflict markers) and the conflicts it holds ours for.
public struct MergeResult: Equatable, Sendable {
    /// The merged annotations, sorted by id.
    public var annotations: [Annotation]
    /// The merged damaged lines, verbatim.
    public var damaged: [DamagedLine]
    /// What could not be combined; the merged set holds ours for each.
    public var conflicts: [MergeConflict]
    /// Annotations whose version now comes (in whole or in part) from theirs.
    public var fromTheirs: Int
    /// Annotations whose changes on both sides were combined field by field.
    public var combined: Int
    /// The merged memos.
    public var memos: [Memo] = []
    /// The question renames either side went through (each once, ours first).
    public var renames: [QuestionRename] = []
    /// Memos edited differently on both sides: ours stays, theirs is kept beside it under the
    /// id `ID-theirs` (nothing is lost; a person may fold the two together).
    public var memoConflicts: [String] = []

    /// Creates a result.
    public init(annotations: [Annotation], damaged: [DamagedLine], conflicts: [MergeConflict],
                fromTheirs: Int = 0, combined: Int = 0) {
        self.annotations = annotations; self.damaged = damaged; self.conflicts = conflicts
        self.fromTheirs = fromTheirs; self.combined = combined
    }

    /// The merged set file's bytes (``SetFile/encode(_:damaged:)``).
    public var bytes: [UInt8] { SetFile.encode(annotations, records: SetContents.records(memos: memos, renames: renames), damaged: damaged) }

    /// The merged set as ``SetContents``.
    public var contents: SetContents { SetContents(annotations: annotations, damaged: damaged, memos: memos, renames: renames) }

    /// Whether the merge needs a person.
    public var hasConflicts: Bool { !conflicts.isEmpty }
}
