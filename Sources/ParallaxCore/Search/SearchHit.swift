/// One place where a folded search matched, reported as a span of the original text.
public struct SearchHit: Equatable, Sendable, Codable {
    /// Document id.
    public var doc: String
    /// Scalar offset of the first scalar of the hit.
    public var start: Int
    /// Scalar offset just after the hit.
    public var end: Int
    /// The original text of the hit (as written, not folded).
    public var text: String
    /// Number of the paragraph it lies in.
    public var paragraph: Int
    /// Analyst who speaks there, `nil` in editorial text.
    public var analyst: String?
    /// A keyword-in-context line: the hit with some words either side, on one line.
    public var context: String
}
