import Dispatch
import Foundation

/// Folded search over a corpus: each document is folded once (or its folding is read from
/// the store's cache, see ``FoldedPack``), then every query is a byte search over the folded
/// bytes, mapped back to spans of the original text.
public struct SearchIndex: Sendable {
    /// The corpus searched.
    public let corpus: Corpus
    /// Every document's folded text, in corpus order.
    public let pack: FoldedPack

    /// Folds every document of a corpus.
    /// - Complexity: O(size of the corpus), once.
    public init(corpus: Corpus) {
        self.corpus = corpus
        // A pack just built is valid by construction.
        self.pack = try! FoldedPack(bytes: FoldedPack.build(corpus).bytes)
    }

    /// Searches a corpus through an already folded pack of its documents.
    /// - Precondition: `pack.matches(corpus)` (the same documents, by content hash, in order).
    public init(corpus: Corpus, pack: FoldedPack) {
        precondition(pack.count == corpus.documents.count, "a folded pack of another corpus")
        self.corpus = corpus
        self.pack = pack
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
            for (s, e) in pack.occurrences(of: needle, inDocument: i) {
                let (start, end) = document.text.widenedToGraphemes(s, e)
                hits.append(SearchIndex.hit(in: document, start: start, end: end))
            }
        }
        return hits
    }

    /// Number of hits in every document, without building hit records (nor reading any
    /// document's text): one pass over the folded bytes, on every core when they are many.
    public func count(_ phrase: String) -> Int {
        let needle = Array(Folding.fold(phrase).utf8)
        guard !needle.isEmpty else { return 0 }
        let parts = pack.foldedLength >= 8 << 20 ? pack.slices(2) : [0..<pack.foldedLength]
        if parts.count == 1 { return pack.count(needle, in: parts[0]) }
        let counts = PartCounts(parts.count)
        let pack = pack
        DispatchQueue.concurrentPerform(iterations: parts.count) { k in
            counts.set(k, pack.count(needle, in: parts[k]))
        }
        return counts.total
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

/// One count per slice, each written by one thread.
private final class PartCounts: @unchecked Sendable {
    private var values: [Int]
    private let lock = NSLock()
    init(_ n: Int) { values = Array(repeating: 0, count: n) }
    func set(_ k: Int, _ v: Int) { lock.lock(); values[k] = v; lock.unlock() }
    var total: Int { lock.lock(); defer { lock.unlock() }; return values.reduce(0, +) }
}
