/// A change a three-way merge could not combine on its own, with the three versions of what
/// is at stake, so a person can pick one from the REPL (`resolve ID ours|theirs|base`)
/// instead of editing conflict markers.
///
/// The merged set holds ours for every conflict; the conflict is recorded beside it (see
/// ``ConflictFile``). Kinds:
/// - ``Kind/edited``: the same field changed differently on both sides; the values are that
///   field's (``field`` is set).
/// - ``Kind/deletedByOurs``, ``Kind/deletedByTheirs``: deleted on one side, edited on the
///   other; the values are whole annotations, ``FieldValue/absent`` on the deleting side.
/// - ``Kind/addedBoth``: the same id added on both sides with different content; the values
///   are whole annotations, ``FieldValue/absent`` for the base.
public struct MergeConflict: Codable, Equatable, Sendable {
    /// What kind of disagreement this is.
    public enum Kind: String, Codable, Sendable {
        /// The same field changed differently on both sides.
        case edited
        /// Deleted on ours, edited on theirs.
        case deletedByOurs = "deleted-ours"
        /// Edited on ours, deleted on theirs.
        case deletedByTheirs = "deleted-theirs"
        /// Added on both sides with different content.
        case addedBoth = "added-both"
    }

    /// The annotation's id.
    public var id: String
    /// What kind of disagreement this is.
    public var kind: Kind
    /// The field at stake (``Kind/edited`` only; `nil` when whole annotations are).
    public var field: AnnotationField?
    /// The common ancestor's value.
    public var base: FieldValue
    /// Our value (what the merged set holds).
    public var ours: FieldValue
    /// Their value.
    public var theirs: FieldValue

    /// Creates a conflict.
    public init(id: String, kind: Kind, field: AnnotationField? = nil, base: FieldValue, ours: FieldValue, theirs: FieldValue) {
        self.id = id; self.kind = kind; self.field = field
        self.base = base; self.ours = ours; self.theirs = theirs
    }

    /// The value of one side.
    public func value(_ side: MergeSide) -> FieldValue {
        switch side {
        case .base: return base
        case .ours: return ours
        case .theirs: return theirs
        }
    }

    /// What the annotation becomes when this conflict is resolved in favour of a side.
    /// - Parameters:
    ///   - current: The annotation as the set now holds it (`nil` when absent).
    ///   - side: The side whose value wins.
    /// - Returns: The annotation to keep, or `nil` when it should be absent.
    /// - Throws: ``ParallaxError`` when a field conflict is resolved on an annotation the set
    ///   no longer holds, or a value does not fit its field.
    public func resolving(_ current: Annotation?, with side: MergeSide) throws -> Annotation? {
        guard let field else { return value(side).annotation }
        guard var a = current else {
            if side == .ours { return nil }
            throw ParallaxError(.notFound, "annotation \(id) is no longer in the set, so its \(field.rawValue) cannot be set",
                                hint: "resolve it with ours to forget the conflict")
        }
        try field.set(value(side), on: &a)
        return a
    }

    /// Whether two conflicts are about the same thing: the same field of the same annotation,
    /// or the same annotation as a whole. A newer record replaces an older one about the same
    /// thing; a whole-annotation record replaces every field record of its id, and the other
    /// way round.
    public func overlaps(_ other: MergeConflict) -> Bool {
        id == other.id && (field == nil || other.field == nil || field == other.field)
    }

    private enum CodingKeys: String, CodingKey { case id, kind, field, base, ours, theirs }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        kind = try c.decode(Kind.self, forKey: .kind)
        field = try c.decodeIfPresent(AnnotationField.self, forKey: .field)
        if kind == .edited && field == nil {
            throw DecodingError.keyNotFound(CodingKeys.field, .init(codingPath: c.codingPath, debugDescription: "an edited conflict names its field"))
        }
        if kind != .edited { field = nil }
        base = try FieldValue.decode(field, from: c, forKey: .base)
        ours = try FieldValue.decode(field, from: c, forKey: .ours)
        theirs = try FieldValue.decode(field, from: c, forKey: .theirs)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(kind, forKey: .kind)
        try c.encodeIfPresent(field, forKey: .field)
        try c.encode(base, forKey: .base)
        try c.encode(ours, forKey: .ours)
        try c.encode(theirs, forKey: .theirs)
    }
}
