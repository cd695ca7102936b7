/// An analytic memo: what a coder notices about a question, a document, an analyst or the
/// project, kept in the coder's set beside the annotations (a line `{"kind":"memo",…}`),
/// durable, undoable, merged and diffed like them.
public struct Memo: Equatable, Sendable {
    /// Stable, sortable id (a ULID, as annotation ids).
    public var id: String
    /// What it is about.
    public var target: MemoTarget
    /// The memo's text.
    public var text: String
    /// Creation time, UTC ISO 8601.
    public var created: String
    /// Last modification time, UTC ISO 8601.
    public var modified: String
    /// Members this version does not know, kept verbatim.
    public var extra: ExtraFields

    /// Creates a memo.
    public init(id: String, target: MemoTarget, text: String, created: String, modified: String? = nil,
                extra: ExtraFields = ExtraFields()) {
        self.id = id; self.target = target; self.text = text; self.created = created
        self.modified = modified ?? created; self.extra = extra
    }

    /// Whether two versions say the same thing (times aside).
    public func sameContent(as other: Memo) -> Bool {
        id == other.id && target == other.target && text == other.text && extra == other.extra
    }
}
