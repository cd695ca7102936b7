/// Folded search over a corpus: each document is folded once, then every query is a byte
/// search (`memmem`) over the folded bytes, mapped back to spans of the original text.
public struct SearchIndex: Sendable {
    /// The corpus searched.
    public let corpus: Corpus
    private let folded: [FoldedText]

    /// Folds every document of a corpus.
    /// - Complexity: O(size of the corpus), once.
    public init(corpus: Corpus) {
        self.corpus = corpus
        self.folded = corpus.documents.map { FoldedText($0.text) }
    }

    /// Finds a phrase in every document (or one), folding case, diacritics, quotes, dashes
    /// and whitespace on both sides.
    /// - Parameters:
    ///   - phrase: What the user typed.
    ///   - doc: Restrict to this document id.
    /// - Returns: Hits in document order, then text order.
    public func find(_ phrase: String, in doc: String? = nil) -> [SearchHit] {
        let needle = Array(Folding.fold(phrase).utf8)
        guard !needle.isEmpty else { return [] }
        var hits: [SearchHit] = []
        for (i, document) in corpus.documents.enumerated() where doc == nil || document.id == doc {
            for (s, e) in folded[i].occurrences(of: needle, scalarCount: document.text.scalarCount) {
                let (start, end) = document.text.widenedToGraphemes(s, e)
                hits.append(SearchIndex.hit(in: document, start: start, end: end))
            }
        }
        return hits
    }

    /// Number of hits per document without building hit records.
    public func count(_ phrase: String) -> Int {
        let needle = Array(Folding.fold(phrase).utf8)
        var n = 0
        for (i, d) in corpus.documents.enumerated() {
            n += folded[i].occurrences(of: needle, scalarCount: d.text.scalarCount).count
        }
        return n
    }

    /// A hit record for a span of a document, with paragraph, analyst and context line.
    public static func hit(in document: Document, start: Int, end: Int, width: Int = 40) -> SearchHit {
        SearchHit(doc: document.id, start: start, end: end,
                  text: document.text.text(start, end),
                  paragraph: document.paragraph(containing: start)?.number ?? 0,
                  analyst: document.voice(at: start),
                  context: keywordInContext(document.text, start: start, end: end, width: width))
    }

    /// The hit with up to `width` scalars either side, whitespace runs shown as one space.
    public static func keywordInContext(_ text: ScalarText, start: Int, end: Int, width: Int) -> String {
        let a = max(0, start - width), b = min(text.scalarCount, end + width)
        func flat(_ s: String) -> String {
            var out = ""
            var space = false
            for ch in s.unicodeScalars {
                if ch.properties.isWhitespace { if !space { out += " " }; space = true } else { out.unicodeScalars.append(ch); space = false }
            }
            return out
        }
        let left = (a > 0 ? "…" : "") + flat(text.text(a, start))
        let right = flat(text.text(end, b)) + (b < text.scalarCount ? "…" : "")
        return left + "[" + flat(text.text(start, end)) + "]" + right
    }
}
