/// A numbered paragraph of a document (¶1, ¶2, … as a reader counts them).
public struct Paragraph: Equatable, Sendable {
    /// 1-based number among the document's non-empty paragraphs.
    public var number: Int
    /// Scalar offset of the first non-whitespace scalar.
    public var start: Int
    /// Scalar offset just after the last non-whitespace scalar.
    public var end: Int
    /// Index into the document's ``Document/turns`` of the turn this paragraph belongs to.
    public var turn: Int?
}
