/// JSON for field values: written as the annotation line writes each field, read back
/// knowing the field (see ``FieldValue``).
extension FieldValue: Encodable {
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .absent:
            var c = encoder.singleValueContainer(); try c.encodeNil()
        case .integer(let v):
            var c = encoder.singleValueContainer(); try c.encode(v)
        case .number(let d):
            var c = encoder.singleValueContainer(); try c.encode(d)
        case .text(let s):
            var c = encoder.singleValueContainer(); try c.encode(s)
        case .tags(let t):
            var c = encoder.singleValueContainer(); try c.encode(t)
        case .span(let t):
            try AnnotationJSON.Span(t).encode(to: encoder)
        case .extra(let e):
            var c = encoder.singleValueContainer(); try c.encode(AnnotationJSON.Extra.texts(e))
        case .annotation(let a):
            try AnnotationJSON(a).encode(to: encoder)
        }
    }

    /// Reads a value written by ``encode(to:)``.
    /// - Parameters:
    ///   - field: The field the value belongs to, or `nil` for a whole annotation.
    ///   - container: The container holding it.
    ///   - key: Its key.
    /// - Throws: `DecodingError` when the value does not fit the field.
    public static func decode<K: CodingKey>(_ field: AnnotationField?, from container: KeyedDecodingContainer<K>,
                                            forKey key: K) throws -> FieldValue {
        if try !container.contains(key) || container.decodeNil(forKey: key) { return .absent }
        guard let field else { return .annotation(try container.decode(AnnotationJSON.self, forKey: key).annotation) }
        switch field {
        case .question, .analyst, .note, .created: return .text(try container.decode(String.self, forKey: key))
        case .stance: return .integer(try container.decode(Int.self, forKey: key))
        case .confidence: return .number(try container.decode(Double.self, forKey: key))
        case .tags: return .tags(try container.decode([String].self, forKey: key))
        case .span: return .span(try container.decode(AnnotationJSON.Span.self, forKey: key).target)
        case .extra: return .extra(AnnotationJSON.Extra.fields(try container.decode([String: String].self, forKey: key)))
        }
    }
}
