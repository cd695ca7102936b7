/// What an export works on: codings and the corpus and codebook they refer to.
public struct ExportInput: Sendable {
    /// The codings to export, in any order; exporters order them themselves.
    public var codings: [Coding]
    /// The documents the codings' spans refer to.
    public var corpus: Corpus
    /// The questions and scales the codings' stances refer to.
    public var codebook: Codebook
    /// When the export is made, as an ISO 8601 UTC time (`2026-11-24T09:30:00Z`, what
    /// ``Clock/iso8601(milliseconds:)`` writes), for the formats that say so (the `md` and
    /// `html` reports); `nil` leaves the date out.
    ///
    /// Exporters never read the clock themselves: the caller passes the time, so the same input
    /// gives the same bytes and tests are deterministic. Record formats ignore it.
    public var generated: String?
    /// The memos of the sets exported, each with its set: the formats that carry memos (REFI-QDA
    /// notes, W3C `commenting` annotations, the reports' memo sections) write them.
    public var memos: [(set: String, memo: Memo)]

    /// Creates an export input.
    /// - Parameters:
    ///   - codings: The codings to export.
    ///   - corpus: The documents they refer to.
    ///   - codebook: The questions they answer.
    ///   - generated: When the export is made (ISO 8601 UTC), for reports; `nil` for none.
    ///   - memos: The sets' memos, each with its set.
    public init(codings: [Coding], corpus: Corpus, codebook: Codebook, generated: String? = nil,
                memos: [(set: String, memo: Memo)] = []) {
        self.codings = codings; self.corpus = corpus; self.codebook = codebook; self.generated = generated
        self.memos = memos
    }

    /// The memos by set name, then memo id: the order every format writes them in.
    public var orderedMemos: [(set: String, memo: Memo)] {
        memos.sorted { a, b in
            a.set != b.set ? a.set.utf8.lexicographicallyPrecedes(b.set.utf8) : a.memo.id.utf8.lexicographicallyPrecedes(b.memo.id.utf8)
        }
    }

    /// The memos about one thing, in ``orderedMemos`` order.
    public func memos(about target: MemoTarget) -> [(set: String, memo: Memo)] {
        orderedMemos.filter { $0.memo.target == target }
    }

    /// The codings by set name, then annotation id (UTF-8 order): the order every record
    /// format writes, so exporting the same sets twice gives identical bytes.
    /// - Complexity: O(n) when the codings are in that order already (a session hands them
    ///   over set by set, each in id order), else O(n log n).
    public var ordered: [Coding] {
        var inOrder = true
        for k in codings.indices.dropFirst() where !Coding.exportOrder(codings[k - 1], codings[k]) {
            inOrder = false
            break
        }
        return inOrder ? codings : codings.sorted(by: Coding.exportOrder)
    }

    /// The set names in order, each once.
    public var setNames: [String] {
        var seen = Set<String>()
        return ordered.compactMap { seen.insert($0.set).inserted ? $0.set : nil }
    }
}
