/// `agree SET SET … --unitizing`: how far coders agree on *which passages* they coded with each
/// question, by Krippendorff's unitizing alpha (``KrippendorffUnitizingAlpha``).
///
/// **Continuum.** Every corpus document, in manifest order, laid end to end; a document's
/// length is its number of Unicode scalars (code points), so a span at [s, e) of the third
/// document sits at [s + l₁ + l₂, e + l₁ + l₂).
///
/// **Units.** A coder's units for a question are the spans the coder coded with that question,
/// whatever their stance or analyst. Spans of one coder on one question that overlap are merged
/// into one unit (αu needs each coder's units of a category to be disjoint); how many were
/// merged is in ``merged``. Spans that touch stay separate units.
///
/// **Figures.** Per question, αu = 1 − D_o / D_e; pooled over the questions that have at least
/// one unit, 1 − mean D_o / mean D_e.
///
/// **Left out.** Codings on questions the codebook does not have, and spans that do not lie in a
/// corpus document, are counted in ``leftOut``; codings of sets not named as coders are ignored.
public struct UnitizingReport: Codable, Equatable, Sendable {
    /// One coder's share of the data.
    public struct Coder: Codable, Equatable, Sendable {
        /// Set name.
        public var name: String
        /// Spans used (in scope, in the corpus).
        public var spans: Int
        /// Units after merging overlapping spans, over every question in scope.
        public var units: Int

        /// Creates a coder entry.
        public init(name: String, spans: Int, units: Int) {
            self.name = name; self.spans = spans; self.units = units
        }
    }

    /// One question's figures.
    public struct Entry: Codable, Equatable, Sendable {
        /// The question id.
        public var question: String
        /// Units per coder, in the order of ``UnitizingReport/coders``.
        public var units: [Int]
        /// αu with D_o and D_e; undefined (``AgreementUndefinedReason/noUnits``) when nobody coded
        /// the question.
        public var alpha: UnitizingAlphaResult

        /// Creates an entry.
        public init(question: String, units: [Int], alpha: UnitizingAlphaResult) {
            self.question = question; self.units = units; self.alpha = alpha
        }
    }

    /// Codings the report could not use.
    public struct LeftOut: Codable, Equatable, Sendable {
        /// Codings on a question the codebook does not have.
        public var unknownQuestion: Int
        /// Spans that do not lie within a corpus document (unknown document, or past its end).
        public var outsideCorpus: Int

        /// Creates the counts.
        public init(unknownQuestion: Int, outsideCorpus: Int) {
            self.unknownQuestion = unknownQuestion; self.outsideCorpus = outsideCorpus
        }

        /// Whether nothing was left out.
        public var isEmpty: Bool { unknownQuestion == 0 && outsideCorpus == 0 }
    }

    /// The coders (set names) in the order given.
    public var coders: [Coder]
    /// The question asked for with `question:`, `nil` for every question of the codebook.
    public var question: String?
    /// How many documents the continuum strings together.
    public var documents: Int
    /// The continuum's length in code points.
    public var continuum: Int
    /// One entry per question in scope, in codebook order (questions nobody coded included).
    public var questions: [Entry]
    /// Pooled over the questions that have units: 1 − mean D_o / mean D_e.
    public var pooled: UnitizingAlphaResult
    /// How many questions the pooled figure averages over.
    public var pooledQuestions: Int
    /// Spans merged into an overlapping span of the same coder and question.
    public var merged: Int
    /// Codings left out.
    public var leftOut: LeftOut

    /// Creates a report from its parts (``init(codebook:documents:coders:codings:question:)``
    /// computes one).
    public init(coders: [Coder], question: String?, documents: Int, continuum: Int, questions: [Entry],
                pooled: UnitizingAlphaResult, pooledQuestions: Int, merged: Int, leftOut: LeftOut) {
        self.coders = coders; self.question = question; self.documents = documents; self.continuum = continuum
        self.questions = questions; self.pooled = pooled; self.pooledQuestions = pooledQuestions
        self.merged = merged; self.leftOut = leftOut
    }

    /// Computes unitizing agreement over a corpus.
    /// - Parameters:
    ///   - codebook: The questions.
    ///   - corpus: The documents, whose manifest order and lengths make the continuum.
    ///   - coders: Set names, two or more, each once.
    ///   - codings: Codings tagged with their set (orphans left out by the caller).
    ///   - question: Only this question (folded; a unique prefix also resolves); `nil` for all.
    /// - Throws: As ``init(codebook:documents:coders:codings:question:)``.
    public init(codebook: Codebook, corpus: Corpus, coders: [String], codings: [Coding], question: String? = nil) throws {
        try self.init(codebook: codebook, documents: corpus.documents.map { ($0.id, $0.text.scalarCount) },
                      coders: coders, codings: codings, question: question)
    }

    /// Computes unitizing agreement over an explicit list of documents.
    /// - Parameters:
    ///   - codebook: The questions.
    ///   - documents: Document ids and lengths in code points, in the order the continuum
    ///     strings them together.
    ///   - coders: Set names, two or more, each once.
    ///   - codings: Codings tagged with their set; codings of other sets are ignored.
    ///   - question: Only this question; `nil` for all.
    /// - Throws: ``ParallaxError`` (`.usage`) for fewer than two coders or a coder named twice;
    ///   (`.notFound`) for an unknown question; (`.invalidData`) for a corpus with no text.
    /// - Complexity: O(*n* log *n* + *q*·*R*²·*k*) for *n* codings, *q* questions, *R* coders
    ///   with up to *k* units a question.
    public init(codebook: Codebook, documents: [(id: String, length: Int)], coders: [String], codings: [Coding],
                question: String? = nil) throws {
        let (coderIndex, scope) = try AgreementReport.coderIndexAndScope(coders: coders, question: question, codebook: codebook)
        let inScope = Set(scope.map(\.id))
        var starts: [String: (start: Int, length: Int)] = [:]
        var total = 0
        for document in documents where starts[document.id] == nil {
            starts[document.id] = (total, document.length)
            total += document.length
        }
        guard total > 0 else {
            throw ParallaxError(.invalidData, "the corpus has no text, so there is no continuum to unitize",
                                hint: "add documents to the corpus")
        }

        // question → coder → spans on the continuum.
        var spans: [String: [[(start: Int, end: Int)]]] = [:]
        var unknownQuestion = 0, outside = 0
        var used = [Int](repeating: 0, count: coders.count)
        for coding in codings {
            guard let c = coderIndex[coding.set] else { continue }
            let a = coding.annotation
            guard inScope.contains(a.question) else {
                if question == nil { unknownQuestion += 1 }
                continue
            }
            guard let doc = starts[a.target.doc], a.target.start >= 0, a.target.start < a.target.end,
                  a.target.end <= doc.length else { outside += 1; continue }
            used[c] += 1
            spans[a.question, default: Array(repeating: [], count: coders.count)][c]
                .append((doc.start + a.target.start, doc.start + a.target.end))
        }

        var units: [UnitizingUnit] = []
        var merged = 0
        var perQuestion: [String: [Int]] = [:]
        for q in scope {
            var counts = [Int](repeating: 0, count: coders.count)
            for (c, list) in (spans[q.id] ?? []).enumerated() {
                var current: (start: Int, end: Int)?
                for span in list.sorted(by: { ($0.start, $0.end) < ($1.start, $1.end) }) {
                    if let open = current, span.start < open.end {
                        current = (open.start, max(open.end, span.end))
                        merged += 1
                    } else {
                        if let open = current {
                            units.append(UnitizingUnit(category: q.id, coder: c, offset: open.start, length: open.end - open.start))
                            counts[c] += 1
                        }
                        current = span
                    }
                }
                if let open = current {
                    units.append(UnitizingUnit(category: q.id, coder: c, offset: open.start, length: open.end - open.start))
                    counts[c] += 1
                }
            }
            perQuestion[q.id] = counts
        }
        let study = try UnitizingStudy(begin: 0, length: total, coders: coders.count, units: units)
        let entries = scope.map { q in
            Entry(question: q.id, units: perQuestion[q.id] ?? [], alpha: KrippendorffUnitizingAlpha.result(study, category: q.id))
        }
        self.init(
            coders: coders.enumerated().map { i, name in
                Coder(name: name, spans: used[i], units: entries.reduce(0) { $0 + $1.units[i] })
            },
            question: scope.count == 1 && question != nil ? scope[0].id : nil,
            documents: starts.count, continuum: total, questions: entries,
            pooled: KrippendorffUnitizingAlpha.pooled(entries.map(\.alpha)),
            pooledQuestions: study.categories.count, merged: merged,
            leftOut: LeftOut(unknownQuestion: unknownQuestion, outsideCorpus: outside))
    }
}
