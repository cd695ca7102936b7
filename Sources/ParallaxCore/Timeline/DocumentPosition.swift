/// An analyst's position on a question in one document: the median of their codings there
/// (``Aggregation``, the rule `compare` uses), with the quote closest to it.
public struct DocumentPosition: Codable, Equatable, Sendable {
    /// The document's date, `nil` when it is undated.
    public var date: PartialDate?
    /// Document id.
    public var doc: String
    /// The median of the codings in the document.
    public var stance: Double
    /// What the median means on the scale.
    public var label: String?
    /// How many codings it rests on.
    public var codings: Int
    /// The coding quoted for it: the stance closest to the median, then the most confident,
    /// then the first in the text.
    public var evidence: TimelinePoint

    /// Creates a position.
    public init(date: PartialDate?, doc: String, stance: Double, label: String?, codings: Int, evidence: TimelinePoint) {
        self.date = date; self.doc = doc; self.stance = stance; self.label = label
        self.codings = codings; self.evidence = evidence
    }
}
