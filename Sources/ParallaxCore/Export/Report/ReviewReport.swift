/// What the review reports (`md`, `html`) say, worked out once from an export input: what the
/// report covers, then one section per question of the codebook that has codings, in codebook
/// order, then the questions nobody coded.
///
/// A section is the question's comparison (``Comparer/compare(question:sets:)``, so the rows,
/// the medians, the summary and the pattern are exactly what `compare` shows) with every
/// coding behind each position as a quote: a report is for review, and a reviewer checks each
/// coding, not only the one quoted in the table. Quotes follow the comparison's order (by set,
/// then as a reader meets them in the corpus).
///
/// Codings on a question the codebook lacks cannot be compared (no scale); they are counted
/// and named at the end rather than dropped in silence.
struct ReviewReport {
    /// One coding shown as evidence.
    struct Quote {
        /// The coding.
        var coding: Coding
        /// `brookings ¶36`.
        var location: String
        /// Up to 32 scalars of the paragraph before the span, flattened, starting at a word and
        /// ending in a space when one separates it from the span; empty at the paragraph's start.
        var before: String
        /// The span's exact text, flattened to one line.
        var exact: String
        /// Up to 32 scalars of the paragraph after the span, flattened, ending at a word (and
        /// starting with a space when one separates it from the span).
        var after: String
        /// Whether text of the paragraph precedes `before` (the context was cut).
        var cutBefore: Bool
        /// Whether text of the paragraph follows `after`.
        var cutAfter: Bool
    }

    /// An analyst with a position on a question, and the codings behind it.
    struct Entry {
        /// The position, as the comparison gives it.
        var position: AnalystPosition
        /// Every coding behind it, in the comparison's order.
        var quotes: [Quote]
    }

    /// A question that has codings.
    struct Section {
        /// 1-based number among the sections, for anchors (`q1`).
        var number: Int
        /// The comparison: question, rows, summary.
        var comparison: QuestionComparison
        /// The analysts who take a position, in row order.
        var entries: [Entry]
        /// The memos about the question, in export order.
        var memos: [(set: String, memo: Memo)] = []
    }

    /// Set names in order, each with its number of codings.
    var sets: [(name: String, codings: Int)]
    /// Codings in all.
    var codings: Int
    /// When the export was made (``ExportInput/generated``).
    var generated: String?
    /// The latest `modified` time among the codings.
    var latestChange: String?
    /// The documents the codings refer to, in corpus order.
    var documents: [DocumentInfo]
    /// Document ids the codings use that the corpus lacks, sorted.
    var unknownDocuments: [String]
    /// Questions in the codebook.
    var questionCount: Int
    /// One section per coded question, codebook order.
    var sections: [Section]
    /// Questions of the codebook nobody coded.
    var uncoded: [Question]
    /// Question ids used by codings but missing from the codebook, with their counts, sorted.
    var unknownQuestions: [(id: String, codings: Int)]
    /// Analysts with a position on at least one question, in the matrix's column order.
    var analysts: [StanceMatrix.Analyst]
    /// Stances of those analysts on the coded questions (rows in section order).
    var matrix: StanceMatrix
    /// Memos not shown in a question's section (about the project, a document, an analyst,
    /// or a question nobody coded), by kind (project, documents, analysts, questions), then
    /// target, then export order.
    var otherMemos: [(set: String, memo: Memo)]

    /// Works out a report.
    /// - Parameter input: The codings, corpus and codebook.
    /// - Complexity: O(*q* · *n*) for *q* questions and *n* codings (one comparison each).
    init(_ input: ExportInput) {
        let comparer = Comparer(corpus: input.corpus, codebook: input.codebook, codings: input.codings)
        var counts: [String: Int] = [:]
        for c in input.codings { counts[c.set, default: 0] += 1 }
        sets = input.setNames.map { ($0, counts[$0] ?? 0) }
        codings = input.codings.count
        generated = input.generated
        latestChange = input.codings.map(\.annotation.modified).max()
        let docIDs = Set(input.codings.map(\.annotation.target.doc))
        documents = input.corpus.documents.filter { docIDs.contains($0.id) }.map(\.info)
        unknownDocuments = docIDs.filter { input.corpus.document($0) == nil }.sorted()
        questionCount = input.codebook.questions.count

        var byKey: [String: Coding] = [:]
        for c in input.codings where byKey[ReviewReport.key(c.set, c.annotation.id)] == nil {
            byKey[ReviewReport.key(c.set, c.annotation.id)] = c
        }
        var sections: [Section] = []
        var uncoded: [Question] = []
        for q in input.codebook.questions {
            guard let comparison = try? comparer.compare(question: q.id), comparison.summary.positions > 0 else {
                uncoded.append(q); continue
            }
            let entries = comparison.rows.filter(\.hasPosition).map { row in
                Entry(position: row, quotes: row.codings.compactMap { ic in
                    byKey[ReviewReport.key(ic.set, ic.id)].map {
                        ReviewReport.quote($0, location: ReportText.location(doc: ic.doc, paragraph: ic.paragraph))
                    }
                })
            }
            sections.append(Section(number: sections.count + 1, comparison: comparison, entries: entries,
                                    memos: input.memos(about: .question(q.id))))
        }
        self.sections = sections
        let sectioned = Set(sections.map { MemoTarget.question($0.comparison.question.id) })
        let rank = ["project": 0, "doc": 1, "analyst": 2, "question": 3]
        otherMemos = input.orderedMemos.filter { !sectioned.contains($0.memo.target) }.enumerated().sorted { a, b in
            let (s, t) = (a.element.memo.target, b.element.memo.target)
            if s.kind != t.kind { return rank[s.kind, default: 4] < rank[t.kind, default: 4] }
            if s.id != t.id { return s.id.utf8.lexicographicallyPrecedes(t.id.utf8) }
            return a.offset < b.offset
        }.map(\.element)
        self.uncoded = uncoded

        let known = Set(input.codebook.questions.map(\.id))
        var unknown: [String: Int] = [:]
        for c in input.codings where !known.contains(c.annotation.question) { unknown[c.annotation.question, default: 0] += 1 }
        unknownQuestions = unknown.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.map { ($0.key, $0.value) }

        // Columns: analysts with a position somewhere, in the comparer's order.
        let full = comparer.matrix()
        let coded = Set(sections.map(\.comparison.question.id))
        let rows = full.rows.filter { coded.contains($0.question) }
        let columns = full.analysts.indices.filter { c in rows.contains { $0.stances[c] != nil } }
        analysts = columns.map { full.analysts[$0] }
        matrix = StanceMatrix(sets: nil, analysts: analysts,
                              rows: rows.map { row in StanceMatrix.Row(question: row.question, stances: columns.map { row.stances[$0] }) })
    }

    /// Whether nothing at all was coded.
    var isEmpty: Bool { codings == 0 }

    /// The pattern of a comparison in two or three words: `consensus (negative side)`, `split`.
    static func patternName(_ s: ComparisonSummary) -> String {
        let side = s.side.map { " (\($0.rawValue) side)" } ?? ""
        switch s.pattern {
        case .consensus: return s.side == .neutral ? "consensus at 0" : "consensus" + side
        case .lean: return "lean" + side
        case .split: return "split"
        case .polarised: return "polarised"
        case .mixed: return "mixed"
        case .tooFew: return "too few positions"
        }
    }

    /// A key for a coding by set and id.
    private static func key(_ set: String, _ id: String) -> String { set + "\u{0}" + id }

    /// A coding as a quote, with its context cut to the paragraph it stands in.
    ///
    /// The context is the annotation's own prefix and suffix (what its quote selector keeps).
    /// It stops at a line break, so it never runs into the previous or next paragraph; one of
    /// full length was cut from a longer text, so its partial word at the far end is dropped.
    static func quote(_ c: Coding, location: String) -> Quote {
        let t = c.annotation.target
        var before = Substring(t.prefix), after = Substring(t.suffix)
        var cutBefore = before.unicodeScalars.count >= TextTarget.contextLength
        var cutAfter = after.unicodeScalars.count >= TextTarget.contextLength
        if let br = before.lastIndex(where: \.isNewline) { before = before[before.index(after: br)...]; cutBefore = false }
        if let br = after.firstIndex(where: \.isNewline) { after = after[..<br]; cutAfter = false }
        if cutBefore, let space = before.firstIndex(where: \.isWhitespace) { before = before[space...] }
        if cutAfter, let space = after.lastIndex(where: \.isWhitespace) { after = after[..<space] }
        // Keep one space where the context meets the span, so the three read as one text.
        var b = ReportText.flattened(String(before)), a = ReportText.flattened(String(after))
        if !b.isEmpty, before.last?.isWhitespace == true { b += " " }
        if !a.isEmpty, after.first?.isWhitespace == true { a = " " + a }
        return Quote(coding: c, location: location, before: b, exact: ReportText.flattened(t.exact), after: a,
                     cutBefore: cutBefore && !b.isEmpty, cutAfter: cutAfter && !a.isEmpty)
    }
}
