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

    /// Creates a result.
    public init(annotations: [Annotation], damaged: [DamagedLine], conflicts: [MergeConflict],
                fromTheirs: Int = 0, combined: Int = 0) {
        self.annotations = annotations; self.damaged = damaged; self.conflicts = conflicts
        self.fromTheirs = fromTheirs; self.combined = combined
    }

    /// The merged set file's bytes (``SetFile/encode(_:damaged:)``).
    public var bytes: [UInt8] { SetFile.encode(annotations, damaged: damaged) }

    /// The merged set as ``SetContents``.
    public var contents: SetContents { SetContents(annotations: annotations, damaged: damaged) }

    /// Whether the merge needs a person.
    public var hasConflicts: Bool { !conflicts.isEmpty }
}
