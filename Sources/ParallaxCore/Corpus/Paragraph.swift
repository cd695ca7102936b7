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

    /// The paragraph of `paragraphs` (in text order) containing scalar `offset`, or the
    /// nearest one before it; `nil` when the offset is before the first.
    /// - Complexity: O(log *p*).
    public static func containing(_ offset: Int, in paragraphs: [Paragraph]) -> Paragraph? {
        var lo = 0, hi = paragraphs.count - 1, found: Int?
        while lo <= hi {
            let mid = (lo + hi) / 2
            if paragraphs[mid].start <= offset { found = mid; lo = mid + 1 } else { hi = mid - 1 }
        }
        return found.map { paragraphs[$0] }
    }
}
