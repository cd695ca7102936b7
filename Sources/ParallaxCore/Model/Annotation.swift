/// One coding: a span of a document, coded against a question with a stance on its scale.
public struct Annotation: Equatable, Sendable {
    /// Stable, sortable id (a ULID: time-ordered, 26 Crockford base-32 characters).
    public var id: String
    /// The span, its quote selector and the hash of the text its offsets refer to.
    public var target: TextTarget
    /// Question id from the codebook.
    public var question: String
    /// Analyst whose position this codes: the speaker or author of the span unless overridden.
    public var analyst: String
    /// Stance, a point on the question's scale.
    public var stance: Int
    /// The coder's confidence in the coding, 0…1.
    public var confidence: Double?
    /// Free tags (`evidence`, `explicit`).
    public var tags: [String]
    /// The coder's note: the reading behind the stance.
    public var note: String
    /// Creation time, UTC ISO 8601 (`2026-11-23T16:00:00Z`), kept as written.
    public var created: String
    /// Last modification time, UTC ISO 8601.
    public var modified: String
    /// Fields this version does not know, kept verbatim (raw JSON) so they survive a round trip.
    public var extra: ExtraFields

    /// Creates an annotation.
    public init(id: String, target: TextTarget, question: String, analyst: String, stance: Int,
                confidence: Double? = nil, tags: [String] = [], note: String = "",
                created: String, modified: String? = nil, extra: ExtraFields = ExtraFields()) {
        self.id = id; self.target = target; self.question = question; self.analyst = analyst
        self.stance = stance; self.confidence = confidence; self.tags = tags; self.note = note
        self.created = created; self.modified = modified ?? created; self.extra = extra
    }
}

/// JSON members an annotation line had that this version does not know, with their values'
/// exact bytes, in key order.
public struct ExtraFields: Equatable, Sendable {
    /// `(key, raw JSON value)` pairs sorted by key.
    public private(set) var fields: [(key: String, raw: [UInt8])]

    /// No extra fields.
    public init() { fields = [] }

    /// Adds or replaces a field.
    public mutating func set(_ key: String, raw: [UInt8]) {
        fields.removeAll { $0.key == key }
        fields.append((key, raw))
        fields.sort { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
    }

    /// The raw JSON value of a field.
    public subscript(key: String) -> [UInt8]? { fields.first { $0.key == key }?.raw }

    /// Whether there are none.
    public var isEmpty: Bool { fields.isEmpty }

    public static func == (a: ExtraFields, b: ExtraFields) -> Bool {
        a.fields.count == b.fields.count && zip(a.fields, b.fields).allSatisfy { $0.key == $1.key && $0.raw == $1.raw }
    }
}
