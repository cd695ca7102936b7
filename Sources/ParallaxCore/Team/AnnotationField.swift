/// A field of an annotation as set diff and merge see it: the unit that is compared, merged
/// field by field, reported as changed and recorded in a conflict.
///
/// The span (document, offsets, quote selector and hash) is one field, because its parts only
/// make sense together. `id` is the identity, not a field; `modified` is bookkeeping: a save
/// that only moves `modified` is not a change, and a merge keeps the later of the two times.
/// Members Parallax does not know are one field, `extra`.
///
/// Fields are ordered from the most to the least consequential for a reader of the coding.
public enum AnnotationField: String, Codable, CaseIterable, Comparable, Sendable {
    /// The question coded.
    case question
    /// The stance on the question's scale.
    case stance
    /// Whose position it is.
    case analyst
    /// Where it is: document, offsets, quote selector, document hash.
    case span
    /// The coder's confidence.
    case confidence
    /// The tags.
    case tags
    /// The coder's note.
    case note
    /// When it was first coded.
    case created
    /// Members Parallax does not know, kept verbatim.
    case extra

    public static func < (a: AnnotationField, b: AnnotationField) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// This field's value in an annotation.
    public func value(of a: Annotation) -> FieldValue {
        switch self {
        case .question: return .text(a.question)
        case .stance: return .integer(a.stance)
        case .analyst: return .text(a.analyst)
        case .span: return .span(a.target)
        case .confidence: return a.confidence.map { .number($0) } ?? .absent
        case .tags: return .tags(a.tags)
        case .note: return .text(a.note)
        case .created: return .text(a.created)
        case .extra: return .extra(a.extra)
        }
    }

    /// Sets this field of an annotation.
    /// - Parameters:
    ///   - value: A value of this field's type (as ``value(of:)`` returns it).
    ///   - a: The annotation to change.
    /// - Throws: ``ParallaxError`` (`.invalidData`) when the value is not of this field's type,
    ///   e.g. read from a hand-edited conflicts file.
    public func set(_ value: FieldValue, on a: inout Annotation) throws {
        switch (self, value) {
        case (.question, .text(let s)): a.question = s
        case (.stance, .integer(let v)): a.stance = v
        case (.analyst, .text(let s)): a.analyst = s
        case (.span, .span(let t)): a.target = t
        case (.confidence, .number(let c)): a.confidence = c
        case (.confidence, .integer(let c)): a.confidence = Double(c)
        case (.confidence, .absent): a.confidence = nil
        case (.tags, .tags(let t)): a.tags = t
        case (.tags, .absent): a.tags = []
        case (.note, .text(let s)): a.note = s
        case (.note, .absent): a.note = ""
        case (.created, .text(let s)): a.created = s
        case (.extra, .extra(let e)): a.extra = e
        case (.extra, .absent): a.extra = ExtraFields()
        default:
            throw ParallaxError(.invalidData, "\(value.kindName) is not a value for \(rawValue)")
        }
    }

    /// Whether two annotations have the same value of this field. Tags compare as a set:
    /// reordering them is not a change.
    public func same(_ a: Annotation, _ b: Annotation) -> Bool {
        switch self {
        case .question: return a.question == b.question
        case .stance: return a.stance == b.stance
        case .analyst: return a.analyst == b.analyst
        case .span: return a.target == b.target
        case .confidence: return a.confidence == b.confidence
        case .tags: return a.tags == b.tags || Set(a.tags) == Set(b.tags)
        case .note: return a.note == b.note
        case .created: return a.created == b.created
        case .extra: return a.extra == b.extra
        }
    }

    /// The fields whose values differ between two versions of an annotation, in field order.
    public static func differences(_ a: Annotation, _ b: Annotation) -> [AnnotationField] {
        allCases.filter { !$0.same(a, b) }
    }

    /// Whether two versions of an annotation say the same thing (`id` and `modified` aside).
    public static func sameContent(_ a: Annotation, _ b: Annotation) -> Bool {
        allCases.allSatisfy { $0.same(a, b) }
    }
}
