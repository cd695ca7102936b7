/// A whole annotation as a `Codable` JSON object with the annotation line's member names,
/// unknown members under `extra` as their raw JSON texts: how ``FieldValue`` writes and reads
/// annotations, spans and unknown members in diffs and conflicts files.
struct AnnotationJSON: Codable {
    /// A span as a JSON object with the annotation line's member names.
    struct Span: Codable {
        var doc: String
        var start, end: Int
        var exact, prefix, suffix, hash: String

        init(_ t: TextTarget) {
            doc = t.doc; start = t.start; end = t.end; exact = t.exact; prefix = t.prefix; suffix = t.suffix; hash = t.hash
        }

        var target: TextTarget {
            TextTarget(doc: doc, start: start, end: end, exact: exact, prefix: prefix, suffix: suffix, hash: hash)
        }
    }

    /// Unknown members as an object of their raw JSON texts (`{"x-colour":"\"red\""}`), so
    /// they survive a trip through `Codable` byte for byte.
    enum Extra {
        static func texts(_ e: ExtraFields) -> [String: String] {
            Dictionary(e.fields.map { ($0.key, String(decoding: $0.raw, as: UTF8.self)) }, uniquingKeysWith: { a, _ in a })
        }

        static func fields(_ texts: [String: String]) -> ExtraFields {
            var e = ExtraFields()
            for (k, v) in texts { e.set(k, raw: Array(v.utf8)) }
            return e
        }
    }

    var id: String
    var doc: String
    var start, end: Int
    var exact, prefix, suffix, hash: String
    var question, analyst: String
    var stance: Int
    var confidence: Double?
    var tags: [String]?
    var note: String?
    var created, modified: String
    var extra: [String: String]?

    init(_ a: Annotation) {
        id = a.id; doc = a.target.doc; start = a.target.start; end = a.target.end
        exact = a.target.exact; prefix = a.target.prefix; suffix = a.target.suffix; hash = a.target.hash
        question = a.question; analyst = a.analyst; stance = a.stance; confidence = a.confidence
        tags = a.tags.isEmpty ? nil : a.tags
        note = a.note.isEmpty ? nil : a.note
        created = a.created; modified = a.modified
        extra = a.extra.isEmpty ? nil : Extra.texts(a.extra)
    }

    var annotation: Annotation {
        Annotation(id: id, target: TextTarget(doc: doc, start: start, end: end, exact: exact, prefix: prefix,
                                              suffix: suffix, hash: hash),
                   question: question, analyst: analyst, stance: stance, confidence: confidence, tags: tags ?? [],
                   note: note ?? "", created: created, modified: modified, extra: extra.map(Extra.fields) ?? ExtraFields())
    }
}
