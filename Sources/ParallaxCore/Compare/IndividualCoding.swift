/// One coding behind an analyst's position, as a comparison reports it: who coded what, where.
public struct IndividualCoding: Codable, Equatable, Sendable {
    /// Set (coder) name.
    public var set: String
    /// Annotation id.
    public var id: String
    /// The stance coded.
    public var stance: Int
    /// The coder's confidence, 0…1.
    public var confidence: Double?
    /// Document id.
    public var doc: String
    /// Paragraph the span starts in (¶N), `nil` when the document is not loaded.
    public var paragraph: Int?

    /// Creates a coding record.
    public init(set: String, id: String, stance: Int, confidence: Double?, doc: String, paragraph: Int?) {
        self.set = set; self.id = id; self.stance = stance; self.confidence = confidence
        self.doc = doc; self.paragraph = paragraph
    }

    /// Every key is written, `null` for a missing value, so the JSON shape is fixed.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(set, forKey: .set)
        try c.encode(id, forKey: .id)
        try c.encode(stance, forKey: .stance)
        try c.encode(confidence, forKey: .confidence)
        try c.encode(doc, forKey: .doc)
        try c.encode(paragraph, forKey: .paragraph)
    }
}
