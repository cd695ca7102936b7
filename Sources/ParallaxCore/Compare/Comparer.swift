/// Compares analysts' positions: one question across analysts (``compare(question:sets:)``),
/// two analysts across questions (``diff(_:_:sets:)``), and everyone on everything
/// (``matrix(sets:)``).
///
/// Pure: it reads the corpus (for display names and paragraph numbers), the codebook and the
/// codings it is given, and returns values; renderers turn them into text
/// (``ComparisonRenderer``). Stances are aggregated by the median (``Aggregation``).
///
/// ```swift
/// let comparer = Comparer(corpus: corpus, codebook: codebook, codings: Coding.placed(in: sets))
/// let table = try comparer.compare(question: "reset-wedge")
/// ```
public struct Comparer: Sendable {
    /// The corpus: analysts (names, who is compared by default) and documents (¶ numbers).
    public let corpus: Corpus
    /// The codebook: the questions and their scales.
    public let codebook: Codebook
    /// The codings compared, as given.
    public let codings: [Coding]
    /// Indices into `codings` by question, then analyst.
    private let index: [String: [String: [Int]]]
    /// Position of each document in the manifest, to order passages as a reader meets them.
    private let documentOrder: [String: Int]
    /// Each coding's place in corpus order as integers (set, document, offset), so sorting a
    /// question's codings compares numbers, not strings; ties are broken by id.
    private let orderKeys: [OrderKey]
    /// Rank of each set name (alphabetical), for the `sets` filter.
    private let setRanks: [String: Int]

    /// Indexes codings for comparison.
    /// - Parameters:
    ///   - corpus: The corpus the codings refer to.
    ///   - codebook: The questions.
    ///   - codings: Placed annotations tagged with their set (orphans left out by the caller).
    /// - Complexity: O(*n*) for *n* codings.
    public init(corpus: Corpus, codebook: Codebook, codings: [Coding]) {
        self.corpus = corpus
        self.codebook = codebook
        self.codings = codings
        self.index = Coding.indices(byQuestionAndAnalyst: codings)
        let documentOrder = Dictionary(corpus.documents.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.documentOrder = documentOrder
        // Sets alphabetically; documents the manifest does not know after its own, by id.
        let setNames = Set(codings.map(\.set)).sorted()
        let setRanks = Dictionary(uniqueKeysWithValues: setNames.enumerated().map { ($1, $0) })
        self.setRanks = setRanks
        let unknownDocuments = Set(codings.map(\.annotation.target.doc)).subtracting(documentOrder.keys).sorted()
        var docRanks = documentOrder
        for (k, doc) in unknownDocuments.enumerated() { docRanks[doc] = corpus.documents.count + k }
        self.orderKeys = codings.map {
            OrderKey(set: setRanks[$0.set]!, document: docRanks[$0.annotation.target.doc]!, start: $0.annotation.target.start)
        }
    }

    /// A coding's place in corpus order, set by set.
    private struct OrderKey: Comparable, Sendable {
        var set: Int, document: Int, start: Int
        static func < (a: OrderKey, b: OrderKey) -> Bool {
            (a.set, a.document, a.start) < (b.set, b.document, b.start)
        }
    }

    // MARK: - compare

    /// Every analyst's position on one question.
    /// - Parameters:
    ///   - question: A question id (folded; a unique prefix also resolves).
    ///   - sets: Use only codings from these sets; `nil` for all.
    /// - Returns: One row per analyst compared by default (manifest order), then any other
    ///   voice coded on the question, and a summary.
    /// - Throws: ``ParallaxError`` (`.notFound`) for an unknown question.
    public func compare(question: String, sets: Set<String>? = nil) throws -> QuestionComparison {
        let q = try codebook.require(question)
        let coded = Set(index[q.id]?.keys.filter { !selected(q.id, $0, sets).isEmpty } ?? [])
        let rows = columns(adding: coded).map { position(of: $0, on: q, sets: sets) }
        let summary = ComparisonSummary(stances: rows.compactMap(\.stance), analysts: rows.count)
        return QuestionComparison(question: q, sets: sets.map { $0.sorted() }, rows: rows, summary: summary)
    }

    // MARK: - diff

    /// Two analysts across every question of the codebook, sharpest disagreement first (see
    /// ``AnalystDiff`` for the order and ``DiffVerdict`` for the verdicts).
    /// - Parameters:
    ///   - first: An analyst id (resolved by the caller, e.g. with ``AnalystDirectory/resolve(_:)``).
    ///   - second: Another analyst id.
    ///   - sets: Use only codings from these sets; `nil` for all.
    /// - Throws: ``ParallaxError`` (`.notFound`) for an id that is neither in the corpus
    ///   manifest nor on any coding.
    public func diff(_ first: String, _ second: String, sets: Set<String>? = nil) throws -> AnalystDiff {
        for id in [first, second] where corpus.analysts.analyst(id: id) == nil
            && !codings.contains(where: { $0.annotation.analyst == id }) {
            throw ParallaxError(.notFound, "no analyst \"\(id)\"",
                                hint: "known analysts: " + corpus.analysts.all.map(\.id).joined(separator: ", "))
        }
        let entries = codebook.questions.map { q in
            QuestionDiff(question: q, first: position(of: first, on: q, sets: sets),
                         second: position(of: second, on: q, sets: sets))
        }
        return AnalystDiff(first: first, firstName: name(of: first), second: second, secondName: name(of: second),
                           sets: sets.map { $0.sorted() }, entries: entries)
    }

    // MARK: - matrix

    /// Questions × analysts: each analyst's aggregated stance on each question.
    /// - Parameter sets: Use only codings from these sets; `nil` for all.
    /// - Returns: Rows in codebook order; columns for the analysts compared by default, then
    ///   any other voice with a coding among the sets used.
    public func matrix(sets: Set<String>? = nil) -> StanceMatrix {
        var coded = Set<String>()
        for byAnalyst in index.values {
            for analyst in byAnalyst.keys where !coded.contains(analyst) && !selected(byAnalyst, analyst, sets).isEmpty {
                coded.insert(analyst)
            }
        }
        let analysts = columns(adding: coded)
        let rows = codebook.questions.map { q in
            StanceMatrix.Row(question: q.id, stances: analysts.map { a in
                Aggregation.median(selected(q.id, a, sets).map { codings[$0].annotation.stance })
            })
        }
        return StanceMatrix(sets: sets.map { $0.sorted() },
                            analysts: analysts.map { StanceMatrix.Analyst(id: $0, name: name(of: $0)) }, rows: rows)
    }

    // MARK: - one position

    /// Where one analyst stands on one question: the median of their codings, each coding,
    /// each set's median and the evidence quote.
    /// - Parameters:
    ///   - analyst: Analyst id.
    ///   - question: The question.
    ///   - sets: Use only codings from these sets; `nil` for all.
    public func position(of analyst: String, on question: Question, sets: Set<String>? = nil) -> AnalystPosition {
        // By set, then corpus order (as ``precedes(_:_:)``), comparing integer keys.
        let mine = selected(question.id, analyst, sets).sorted { i, j in
            let a = orderKeys[i], b = orderKeys[j]
            if a != b { return a < b }
            return codings[i].annotation.id < codings[j].annotation.id
        }.map { codings[$0] }
        let stance = Aggregation.median(mine.map(\.annotation.stance))
        var bySet: [(set: String, stances: [Int])] = []
        for c in mine {
            if bySet.last?.set == c.set { bySet[bySet.count - 1].stances.append(c.annotation.stance) }
            else { bySet.append((c.set, [c.annotation.stance])) }
        }
        let coders = bySet.map { CoderStance(set: $0.set, stance: Aggregation.median($0.stances)!, codings: $0.stances.count) }
        let quoted = stance.flatMap { s in mine.min { a, b in betterEvidence(a, b, for: s) } }
        return AnalystPosition(
            analyst: analyst, name: name(of: analyst), stance: stance,
            label: stance.flatMap { Aggregation.label(of: $0, on: question) },
            codings: mine.map { c in
                IndividualCoding(set: c.set, id: c.annotation.id, stance: c.annotation.stance,
                                 confidence: c.annotation.confidence, doc: c.annotation.target.doc,
                                 paragraph: paragraph(of: c.annotation))
            },
            coders: coders,
            evidence: quoted.map(evidence))
    }

    // MARK: - helpers

    private func selected(_ byAnalyst: [String: [Int]], _ analyst: String, _ sets: Set<String>?) -> [Int] {
        let all = byAnalyst[analyst] ?? []
        guard let sets else { return all }
        let allowed = Set(sets.compactMap { setRanks[$0] })
        return all.filter { allowed.contains(orderKeys[$0].set) }
    }

    /// Indices of the codings of an analyst on a question, from the sets allowed.
    private func selected(_ question: String, _ analyst: String, _ sets: Set<String>?) -> [Int] {
        selected(index[question] ?? [:], analyst, sets)
    }

    /// The analysts to list: those compared by default in manifest order, then the other ids
    /// in `coded` (known voices in manifest order, unknown ids alphabetically).
    private func columns(adding coded: Set<String>) -> [String] {
        let all = corpus.analysts.all
        let known = Set(all.map(\.id))
        return all.filter(\.compared).map(\.id)
            + all.filter { !$0.compared && coded.contains($0.id) }.map(\.id)
            + coded.subtracting(known).sorted()
    }

    /// Display name of an analyst, the id when the manifest does not know it.
    private func name(of analyst: String) -> String {
        corpus.analysts.analyst(id: analyst)?.name ?? analyst
    }

    /// The ¶ number an annotation starts in.
    private func paragraph(of a: Annotation) -> Int? {
        corpus.document(a.target.doc)?.paragraph(containing: a.target.start)?.number
    }

    /// Corpus order: documents in manifest order (unknown ones last, by id), then offset, then id.
    private func precedes(_ a: Annotation, _ b: Annotation) -> Bool {
        let da = documentOrder[a.target.doc] ?? Int.max, db = documentOrder[b.target.doc] ?? Int.max
        if da != db { return da < db }
        if a.target.doc != b.target.doc { return a.target.doc < b.target.doc }
        if a.target.start != b.target.start { return a.target.start < b.target.start }
        return a.id < b.id
    }

    /// Whether `a` is the better quote for a position at `stance` (see ``Evidence``): stance
    /// closest to the position, then most confident, then first in the corpus.
    private func betterEvidence(_ a: Coding, _ b: Coding, for stance: Double) -> Bool {
        let da = abs(Double(a.annotation.stance) - stance), db = abs(Double(b.annotation.stance) - stance)
        if da != db { return da < db }
        let ca = a.annotation.confidence ?? -1, cb = b.annotation.confidence ?? -1
        if ca != cb { return ca > cb }
        if a.annotation.target.doc != b.annotation.target.doc || a.annotation.target.start != b.annotation.target.start
            || a.annotation.id != b.annotation.id {
            return precedes(a.annotation, b.annotation)
        }
        return a.set < b.set
    }

    private func evidence(_ c: Coding) -> Evidence {
        let a = c.annotation
        return Evidence(annotation: a.id, set: c.set, stance: a.stance, confidence: a.confidence,
                        doc: a.target.doc, paragraph: paragraph(of: a), start: a.target.start, end: a.target.end,
                        exact: a.target.exact, quote: Evidence.shorten(a.target.exact), note: a.note)
    }
}
