/// The codings a ``DateFilter`` keeps, and how many it left out and why.
public struct DatedSelection: Sendable {
    /// The window applied.
    public var filter: DateFilter
    /// The codings on documents in the window, in their given order.
    public var kept: [Coding]
    /// Codings left out because their document is dated outside the window.
    public var outOfRange: Int
    /// Codings left out because their document has no date (or is not in the corpus).
    public var undated: Int

    /// Codings left out in all.
    public var leftOut: Int { outOfRange + undated }

    /// A selection worked out elsewhere (a cache keeps the counts, not the codings twice).
    public init(filter: DateFilter, kept: [Coding], outOfRange: Int, undated: Int) {
        self.filter = filter; self.kept = kept; self.outOfRange = outOfRange; self.undated = undated
    }

    /// Applies a window to codings.
    /// - Parameters:
    ///   - filter: The window; without bounds every coding is kept.
    ///   - codings: Codings in any order.
    ///   - corpus: Gives each document's date.
    /// - Complexity: O(*n*) for *n* codings, one date decision per document.
    public init(_ filter: DateFilter, codings: [Coding], corpus: Corpus) {
        self.filter = filter
        guard filter.isActive else {
            kept = codings; outOfRange = 0; undated = 0
            return
        }
        // Decide once per document: 0 in range, 1 out of range, 2 undated.
        var verdicts: [String: UInt8] = [:]
        var kept: [Coding] = []
        kept.reserveCapacity(codings.count)
        var out = 0, none = 0
        var lastDoc = "", lastVerdict: UInt8 = 0, seen = false
        for c in codings {
            let doc = c.annotation.target.doc
            let verdict: UInt8
            if seen && doc == lastDoc {
                verdict = lastVerdict
            } else if let v = verdicts[doc] {
                verdict = v
            } else {
                let date = corpus.document(doc)?.info.partialDate
                verdict = date == nil ? 2 : filter.admits(date) ? 0 : 1
                verdicts[doc] = verdict
            }
            lastDoc = doc; lastVerdict = verdict; seen = true
            switch verdict {
            case 0: kept.append(c)
            case 1: out += 1
            default: none += 1
            }
        }
        self.kept = kept; self.outOfRange = out; self.undated = none
    }

    /// What was left out, in words, or `nil` when nothing was:
    /// `3 codings left out by since:2024: 2 on documents dated outside it, 1 on an undated document`.
    public var note: String? {
        guard leftOut > 0 else { return nil }
        func n(_ k: Int, _ word: String) -> String { "\(k) \(word)\(k == 1 ? "" : "s")" }
        var parts: [String] = []
        if outOfRange > 0 { parts.append("\(outOfRange) on documents dated outside it") }
        if undated > 0 { parts.append("\(undated) on undated documents") }
        return n(leftOut, "coding") + " left out by " + filter.description + ": " + parts.joined(separator: ", ")
    }
}
