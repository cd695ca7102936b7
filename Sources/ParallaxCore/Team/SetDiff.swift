/// The semantic difference between two versions of an annotation set (or two coders' sets):
/// which annotations were added, removed and changed, and what changed in each.
///
/// Annotations are paired by id first. Of the rest, an old and a new annotation on the same
/// question whose spans overlap in the same document are paired as one changed annotation
/// (coded again under a new id: ``Entry/oldID`` says which; its new `created` is not listed
/// as a change), the largest overlap first. What is left is added or removed. A change of
/// `modified` alone is not a change.
///
/// ```swift
/// let diff = SetDiff(old: before.annotations, new: after.annotations, oldName: "main", newName: "alice")
/// var text = ""
/// SetDiffRenderer(width: 100).render(diff, to: &text)
/// ```
public struct SetDiff: Codable, Equatable, Sendable {
    /// What happened to one annotation.
    public enum Kind: String, Codable, Sendable {
        /// In both versions, with different content.
        case changed
        /// Only in the new version.
        case added
        /// Only in the old version.
        case removed
    }

    /// One changed field: its old and new value.
    public struct FieldChange: Codable, Equatable, Sendable {
        /// The field.
        public var field: AnnotationField
        /// The value before.
        public var old: FieldValue
        /// The value after.
        public var new: FieldValue
        /// For the span: how it changed.
        public var span: SpanChange?

        /// Creates a field change.
        public init(field: AnnotationField, old: FieldValue, new: FieldValue, span: SpanChange? = nil) {
            self.field = field; self.old = old; self.new = new; self.span = span
        }

        /// The changes from one version of an annotation to another, in field order.
        public static func between(_ a: Annotation, _ b: Annotation) -> [FieldChange] {
            AnnotationField.differences(a, b).map { f in
                FieldChange(field: f, old: f.value(of: a), new: f.value(of: b),
                            span: f == .span ? SpanChange(from: a.target, to: b.target) : nil)
            }
        }

        private enum CodingKeys: String, CodingKey { case field, old, new, span }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            field = try c.decode(AnnotationField.self, forKey: .field)
            old = try FieldValue.decode(field, from: c, forKey: .old)
            new = try FieldValue.decode(field, from: c, forKey: .new)
            span = try c.decodeIfPresent(SpanChange.self, forKey: .span)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(field, forKey: .field)
            try c.encode(old, forKey: .old)
            try c.encode(new, forKey: .new)
            try c.encodeIfPresent(span, forKey: .span)
        }
    }

    /// One added, removed or changed annotation.
    public struct Entry: Codable, Equatable, Sendable {
        /// What happened.
        public var kind: Kind
        /// The annotation's id (in the new version; in the old one when removed).
        public var id: String
        /// The old id, when a changed annotation was paired by its span under another id.
        public var oldID: String?
        /// The question (new version; old when removed).
        public var question: String
        /// The analyst (new version; old when removed).
        public var analyst: String
        /// The stance (new version; old when removed).
        public var stance: Int
        /// The document.
        public var doc: String
        /// Start of the span, in scalars.
        public var start: Int
        /// End of the span, in scalars.
        public var end: Int
        /// The quoted text.
        public var exact: String
        /// For changed annotations, what changed, in field order.
        public var changes: [FieldChange]

        /// An entry describing `annotation` (the new version, or the old one when removed).
        public init(kind: Kind, annotation a: Annotation, oldID: String? = nil, changes: [FieldChange] = []) {
            self.kind = kind; id = a.id; self.oldID = oldID; question = a.question; analyst = a.analyst
            stance = a.stance; doc = a.target.doc; start = a.target.start; end = a.target.end
            exact = a.target.exact; self.changes = changes
        }

        /// How much a changed annotation matters to a reader: a different question or stance
        /// (more for a bigger move on the scale) before a different analyst, a span in another
        /// place, then confidence, tags and note. Added and removed entries score 0.
        ///
        /// The sharpest single change counts first, then all of them together, so one stance
        /// moved by two points outranks many small edits.
        public var sharpness: Int {
            let scores = changes.map { c -> Int in
                switch (c.field, c.old, c.new) {
                case (.stance, .integer(let a), .integer(let b)): return 100 + 10 * abs(a - b)
                case (.question, _, _): return 150
                case (.analyst, _, _): return 120
                case (.span, _, _): return c.span == .otherDocument ? 90 : 40
                case (.confidence, _, _): return 20
                case (.tags, _, _): return 15
                case (.note, _, _): return 10
                default: return 5
                }
            }
            return (scores.max() ?? 0) * 10_000 + scores.reduce(0, +)
        }
    }

    /// What the old version is called (a set name, a file, a git revision).
    public var oldName: String
    /// What the new version is called.
    public var newName: String
    /// Changed annotations (sharpest first), then added, then removed (by place).
    public var entries: [Entry]
    /// Annotations in both versions with the same content.
    public var unchanged: Int
    /// Damaged lines only in the new version, as text.
    public var damagedAdded: [String]
    /// Damaged lines only in the old version, as text.
    public var damagedRemoved: [String]
    /// Memos added, removed or changed, by id.
    public var memos: [MemoEntry] = []
    /// Question renames only the new version went through.
    public var renames: [QuestionRename] = []

    /// What happened to one memo.
    public struct MemoEntry: Codable, Equatable, Sendable {
        /// Added, removed or changed.
        public var kind: Kind
        /// The memo's id.
        public var id: String
        /// Its target (new version; old when removed), `question:reset-wedge`.
        public var target: String
        /// The old text (nil when added).
        public var old: String?
        /// The new text (nil when removed).
        public var new: String?
    }

    /// The memo differences between two versions.
    static func memoEntries(old: [Memo], new: [Memo]) -> [MemoEntry] {
        let o = Dictionary(old.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let n = Dictionary(new.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var out: [MemoEntry] = []
        for id in Set(o.keys).union(n.keys).sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            switch (o[id], n[id]) {
            case (nil, let b?): out.append(MemoEntry(kind: .added, id: id, target: b.target.description, old: nil, new: b.text))
            case (let a?, nil): out.append(MemoEntry(kind: .removed, id: id, target: a.target.description, old: a.text, new: nil))
            case (let a?, let b?) where !a.sameContent(as: b):
                out.append(MemoEntry(kind: .changed, id: id, target: b.target.description, old: a.target == b.target ? a.text : a.target.description + ": " + a.text, new: b.text))
            default: break
            }
        }
        return out
    }

    /// Compares two versions of a set.
    /// - Parameters:
    ///   - old: The old version's annotations (ids unique).
    ///   - new: The new version's annotations (ids unique).
    ///   - oldName: What to call the old version.
    ///   - newName: What to call the new version.
    ///   - oldDamaged: The old version's damaged lines.
    ///   - newDamaged: The new version's damaged lines.
    /// - Complexity: O(*n* log *n*) for *n* annotations, plus the overlapping pairs among those
    ///   whose id is in one version only.
    public init(old: [Annotation], new: [Annotation], oldName: String, newName: String,
                oldDamaged: [DamagedLine] = [], newDamaged: [DamagedLine] = []) {
        var oldByID: [String: Annotation] = [:]
        for a in old { oldByID[a.id] = oldByID[a.id] ?? a }
        var newIDs = Set<String>()
        var changed: [Entry] = []
        var added: [Annotation] = []
        var unchanged = 0
        for b in new where newIDs.insert(b.id).inserted {
            guard let a = oldByID[b.id] else { added.append(b); continue }
            let changes = FieldChange.between(a, b)
            if changes.isEmpty { unchanged += 1 } else { changed.append(Entry(kind: .changed, annotation: b, changes: changes)) }
        }
        var removed = old.filter { !newIDs.contains($0.id) }
        var seenRemoved = Set<String>()
        removed = removed.filter { seenRemoved.insert($0.id).inserted }
        self.init(oldName: oldName, newName: newName, changed: changed, added: added, removed: removed, unchanged: unchanged,
                  oldDamaged: oldDamaged, newDamaged: newDamaged)
    }

    /// The rest of a diff once the annotations are paired by id: those in one version only
    /// paired by overlap, then everything in report order. The order of `added` and
    /// `removed` does not matter: every order used below is total.
    init(oldName: String, newName: String, changed: [Entry], added: [Annotation], removed: [Annotation], unchanged: Int,
         oldDamaged: [DamagedLine], newDamaged: [DamagedLine]) {
        self.oldName = oldName
        self.newName = newName
        var changed = changed
        let pairs = SetDiff.pairByOverlap(removed: removed, added: added)
        var pairedOld = Set<String>(), pairedNew = Set<String>()
        for (a, b) in pairs {
            pairedOld.insert(a.id); pairedNew.insert(b.id)
            // Coded again: a new creation time is not news.
            changed.append(Entry(kind: .changed, annotation: b, oldID: a.id,
                                 changes: FieldChange.between(a, b).filter { $0.field != .created }))
        }
        changed.sort { ($0.sharpness, $1.id) > ($1.sharpness, $0.id) }
        func byPlace(_ x: Annotation, _ y: Annotation) -> Bool {
            (x.target.doc, x.target.start, x.id) < (y.target.doc, y.target.start, y.id)
        }
        entries = changed
            + added.filter { !pairedNew.contains($0.id) }.sorted(by: byPlace).map { Entry(kind: .added, annotation: $0) }
            + removed.filter { !pairedOld.contains($0.id) }.sorted(by: byPlace).map { Entry(kind: .removed, annotation: $0) }
        self.unchanged = unchanged
        let oldLines = Set(oldDamaged.map(\.bytes)), newLines = Set(newDamaged.map(\.bytes))
        damagedAdded = newDamaged.filter { !oldLines.contains($0.bytes) }.map { String(decoding: $0.bytes, as: UTF8.self) }
        damagedRemoved = oldDamaged.filter { !newLines.contains($0.bytes) }.map { String(decoding: $0.bytes, as: UTF8.self) }
    }

    /// Compares two versions of a set file.
    public init(old: SetContents, new: SetContents, oldName: String, newName: String) {
        // Both versions read through every rename either went through, so a renamed question
        // is not a change of every coding on it.
        var renames: [QuestionRename] = []
        for r in old.renames + new.renames where !renames.contains(r) { renames.append(r) }
        let old = old.renamed(through: renames), new = new.renamed(through: renames)
        self.init(old: old.annotations, new: new.annotations, oldName: oldName, newName: newName,
                  oldDamaged: old.damaged, newDamaged: new.damaged)
        memos = SetDiff.memoEntries(old: old.memos, new: new.memos)
        self.renames = new.renames.filter { !old.renames.contains($0) }
    }

    /// Entries of one kind.
    public func entries(_ kind: Kind) -> [Entry] { entries.filter { $0.kind == kind } }

    /// Whether the two versions say the same thing.
    public var isEmpty: Bool { entries.isEmpty && damagedAdded.isEmpty && damagedRemoved.isEmpty && memos.isEmpty && renames.isEmpty }
}
