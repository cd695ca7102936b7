/// The value of one ``AnnotationField`` (or a whole annotation) as a diff or a merge conflict
/// reports it.
///
/// In JSON a value is written as the annotation line writes the field: a stance as a number, a
/// note as a string, tags as an array of strings, a span as an object with `doc`, `start`,
/// `end`, `exact`, `prefix`, `suffix` and `hash`, unknown members as an object of their raw
/// JSON texts, a whole annotation as an object with the line's members, and ``absent`` as
/// `null`. Reading it back needs to know the field (a confidence of `1` and a stance of `1`
/// look the same), so the types that hold values decode them with
/// ``decode(_:from:forKey:)``.
public enum FieldValue: Equatable, Sendable {
    /// Nothing: no confidence, or no annotation on that side of a merge.
    case absent
    /// A stance.
    case integer(Int)
    /// A confidence.
    case number(Double)
    /// A question, analyst, note or creation time.
    case text(String)
    /// Tags.
    case tags([String])
    /// A span with its quote selector and document hash.
    case span(TextTarget)
    /// Members Parallax does not know.
    case extra(ExtraFields)
    /// A whole annotation (when one side deleted it, or both added it).
    case annotation(Annotation)

    /// The annotation, when this is one.
    public var annotation: Annotation? {
        if case .annotation(let a) = self { return a }
        return nil
    }

    /// What kind of value this is, for messages.
    var kindName: String {
        switch self {
        case .absent: return "null"
        case .integer: return "a whole number"
        case .number: return "a number"
        case .text: return "a string"
        case .tags: return "a list of tags"
        case .span: return "a span"
        case .extra: return "unknown members"
        case .annotation: return "an annotation"
        }
    }

    /// The value in a few words for a terminal line: `+1`, `0.75`, `“a note”`,
    /// `evidence, explicit`, `brookings 2930-3037`, `(none)`.
    public var summary: String {
        switch self {
        case .absent: return "(none)"
        case .integer(let v): return Question.signed(v)
        case .number(let d): return "\(d)"
        case .text(let s): return "“" + s.split(whereSeparator: \.isWhitespace).joined(separator: " ") + "”"
        case .tags(let t): return t.isEmpty ? "(none)" : t.joined(separator: ", ")
        case .span(let t): return "\(t.doc) \(t.start)-\(t.end)"
        case .extra(let e): return e.isEmpty ? "(none)" : e.fields.map(\.key).joined(separator: ", ")
        case .annotation(let a): return "\(a.question) \(Question.signed(a.stance)) · \(a.analyst) · \(a.target.doc) \(a.target.start)-\(a.target.end)"
        }
    }
}
