/// The passage shown for an analyst's position: one annotation's text, shortened for a table,
/// and where it stands.
///
/// **Which annotation.** Among the analyst's codings on the question, the one whose stance is
/// closest to the aggregated stance (so the quote illustrates the position shown), then the
/// most confident (no confidence counts as lowest), then the first in the corpus (documents in
/// manifest order, then by offset), then the smallest id.
public struct Evidence: Codable, Equatable, Sendable {
    /// Id of the annotation quoted.
    public var annotation: String
    /// Set (coder) the annotation belongs to.
    public var set: String
    /// The annotation's own stance.
    public var stance: Int
    /// The coder's confidence, 0…1.
    public var confidence: Double?
    /// Document id.
    public var doc: String
    /// Number of the paragraph the span starts in (¶N), `nil` when the document is not loaded.
    public var paragraph: Int?
    /// First scalar of the span.
    public var start: Int
    /// Scalar just after the span.
    public var end: Int
    /// The span's exact text.
    public var exact: String
    /// The text shortened for display (see ``shorten(_:limit:)``).
    public var quote: String
    /// The coder's note: the reading behind the stance.
    public var note: String

    /// Creates evidence from its parts.
    public init(annotation: String, set: String, stance: Int, confidence: Double?, doc: String,
                paragraph: Int?, start: Int, end: Int, exact: String, quote: String, note: String) {
        self.annotation = annotation; self.set = set; self.stance = stance; self.confidence = confidence
        self.doc = doc; self.paragraph = paragraph; self.start = start; self.end = end
        self.exact = exact; self.quote = quote; self.note = note
    }

    /// Where the passage stands: `brookings ¶63` (`brookings` alone when the paragraph is unknown).
    public var location: String {
        paragraph.map { "\(doc) ¶\($0)" } ?? doc
    }

    /// Every key is written, `null` for a missing value, so the JSON shape is fixed.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(annotation, forKey: .annotation)
        try c.encode(set, forKey: .set)
        try c.encode(stance, forKey: .stance)
        try c.encode(confidence, forKey: .confidence)
        try c.encode(doc, forKey: .doc)
        try c.encode(paragraph, forKey: .paragraph)
        try c.encode(start, forKey: .start)
        try c.encode(end, forKey: .end)
        try c.encode(exact, forKey: .exact)
        try c.encode(quote, forKey: .quote)
        try c.encode(note, forKey: .note)
    }

    /// A passage shortened for display: runs of whitespace (line breaks included) become one
    /// space; text longer than `limit` scalars is cut at the last word boundary that leaves room
    /// for the ellipsis (or, for a single very long word, at the last whole character), and
    /// "…" is appended — after a space when the cut falls at the end of a sentence
    /// (`counterproductive. …`), directly otherwise, with punctuation that would dangle before
    /// it (`,;:` and dashes) dropped. Grapheme clusters are never split.
    /// - Parameters:
    ///   - text: The passage.
    ///   - limit: The most scalars the result may have, the ellipsis included (at least 3).
    /// - Returns: The passage, at most `limit` scalars long.
    public static func shorten(_ text: String, limit: Int = 100) -> String {
        var flat = ""
        var pendingSpace = false
        for ch in text {
            if ch.isWhitespace { pendingSpace = !flat.isEmpty; continue }
            if pendingSpace { flat.append(" "); pendingSpace = false }
            flat.append(ch)
        }
        guard flat.unicodeScalars.count > limit else { return flat }
        // Keep whole characters while they fit in limit - 2 scalars (room for " …"); note the
        // last space seen.
        let room = max(1, limit - 2)
        var kept = flat.startIndex
        var lastSpace: String.Index?
        var scalars = 0
        for i in flat.indices {
            let n = flat[i].unicodeScalars.count
            if scalars + n > room { break }
            if flat[i] == " " { lastSpace = i }
            scalars += n
            kept = flat.index(after: i)
        }
        var cut = kept
        // A word boundary in the second half of the room is a better cut than a split word.
        if kept < flat.endIndex, flat[kept] != " ", let space = lastSpace,
           flat.distance(from: flat.startIndex, to: space) >= room / 2 {
            cut = space
        }
        var head = flat[..<cut]
        while let last = head.last, last == " " || ",;:([{—–-".contains(last) { head = head.dropLast() }
        var end = head.last
        if let c = end, "”’\"')]".contains(c) { end = head.dropLast().last }
        let sentenceEnd = end.map { ".!?".contains($0) } ?? false
        return String(head) + (sentenceEnd ? " …" : "…")
    }
}
