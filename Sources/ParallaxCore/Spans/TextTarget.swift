/// What an annotation points at: a span of a document in Unicode scalar offsets, with a
/// quote selector and the hash of the text the offsets refer to.
///
/// These are the W3C Web Annotation units (TextPositionSelector in code points, start
/// inclusive, end exclusive; TextQuoteSelector with exact, prefix and suffix), so export
/// needs no conversion. Spans always cover whole grapheme clusters: a requested span that
/// would split one is widened to the cluster boundaries (see ``ScalarText/widenedToGraphemes(_:_:)``).
public struct TextTarget: Equatable, Hashable, Sendable {
    /// How many scalars of context the prefix and suffix keep.
    public static let contextLength = 32

    /// Document id.
    public var doc: String
    /// First scalar of the span.
    public var start: Int
    /// Scalar just after the span.
    public var end: Int
    /// The span's text, exactly.
    public var exact: String
    /// Up to 32 scalars before the span.
    public var prefix: String
    /// Up to 32 scalars after the span.
    public var suffix: String
    /// Lowercase hex SHA-256 of the document the offsets refer to.
    public var hash: String

    /// Creates a target from its parts.
    public init(doc: String, start: Int, end: Int, exact: String, prefix: String, suffix: String, hash: String) {
        self.doc = doc; self.start = start; self.end = end
        self.exact = exact; self.prefix = prefix; self.suffix = suffix; self.hash = hash
    }

    /// Selects `[start, end)` of a document, widened to whole grapheme clusters, with its
    /// quote selector and the document's hash.
    /// - Throws: ``ParallaxError`` when the span is reversed, empty or outside the document.
    public init(document: Document, start: Int, end: Int) throws {
        let n = document.text.scalarCount
        guard start >= 0, end <= n else {
            throw ParallaxError(.usage, "span \(start)-\(end) lies outside document \(document.id) (0-\(n))",
                                at: .document(document.id, offset: start))
        }
        guard start < end else {
            throw ParallaxError(.usage, "span \(start)-\(end) is empty or reversed", at: .document(document.id, offset: start),
                                hint: "give START before END")
        }
        let (s, e) = document.text.widenedToGraphemes(start, end)
        self.init(doc: document.id, start: s, end: e, text: document.text, hash: document.hash)
    }

    /// A target over `[start, end)` of a text with the context taken from that text.
    public init(doc: String, start: Int, end: Int, text: ScalarText, hash: String) {
        self.doc = doc
        self.start = start
        self.end = end
        self.exact = text.text(start, end)
        self.prefix = text.text(max(0, start - TextTarget.contextLength), start)
        self.suffix = text.text(end, min(text.scalarCount, end + TextTarget.contextLength))
        self.hash = hash
    }

    /// The span's length in scalars.
    public var length: Int { end - start }
}
