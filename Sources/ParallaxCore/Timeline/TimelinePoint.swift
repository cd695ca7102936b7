/// One coding on a timeline: when, where, what stance, the words, and who coded it.
public struct TimelinePoint: Codable, Equatable, Sendable {
    /// The document's date, `nil` when it is undated.
    public var date: PartialDate?
    /// Document id.
    public var doc: String
    /// The ¶ the span starts in, when known.
    public var paragraph: Int?
    /// The question coded.
    public var question: String
    /// The coded stance.
    public var stance: Int
    /// What the stance means on the question's scale.
    public var label: String?
    /// The coder's confidence, if given.
    public var confidence: Double?
    /// The span's text, shortened to about 100 characters (``Evidence/shorten(_:limit:)``).
    public var quote: String
    /// The annotation set (coder) the coding comes from.
    public var set: String
    /// The annotation's id.
    public var annotation: String

    /// Creates a point.
    public init(date: PartialDate?, doc: String, paragraph: Int?, question: String, stance: Int, label: String?,
                confidence: Double?, quote: String, set: String, annotation: String) {
        self.date = date; self.doc = doc; self.paragraph = paragraph; self.question = question
        self.stance = stance; self.label = label; self.confidence = confidence; self.quote = quote
        self.set = set; self.annotation = annotation
    }

    /// `lin ¶3`, or the document id alone.
    public var location: String { paragraph.map { "\(doc) ¶\($0)" } ?? doc }

    /// `2023-09`, or `undated`.
    public var dateText: String { date?.description ?? "undated" }
}
