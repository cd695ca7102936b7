/// `agree SET SET [SET…]`: how far coders (annotation sets) agree on the positions they coded,
/// per question and over all questions pooled.
///
/// **Units.** A unit is one analyst on one question. Each coder's value on a unit is derived
/// from all of that coder's codings there (see ``AgreementUnit`` for the rule: the median for
/// the interval level, the lower middle coding for nominal, ordinal and kappa). A unit that only
/// one coder coded is counted but not pairable: it says nothing about agreement.
///
/// **Figures.** Per question and overall (every unit of every question in scope, pooled):
/// Krippendorff's alpha, nominal, ordinal and interval, with the number of pairable values and
/// units; for exactly two coders also Cohen's kappa, unweighted, linear and quadratic, with the
/// weights over the whole scale, and the confusion table (rows: first coder). Each coefficient
/// says whether there is enough data to read it (``AgreementCoefficient``).
///
/// **Left out.** Codings on questions the codebook does not have, and codings whose stance is
/// not on their question's scale, cannot be placed on a scale; they are counted in
/// ``leftOut`` and otherwise ignored. Codings of sets not named as coders are ignored.
///
/// ```swift
/// let report = try AgreementReport(codebook: codebook, coders: ["alice", "bob"],
///                                  codings: Coding.placed(in: sets))
/// report.overall.alpha.ordinal.value   // Double?, nil when there is too little data
/// ```
public struct AgreementReport: Codable, Equatable, Sendable {
    /// Codings the report could not use.
    public struct LeftOut: Codable, Equatable, Sendable {
        /// Codings on a question the codebook does not have.
        public var unknownQuestion: Int
        /// Codings whose stance is not a point of their question's scale.
        public var offScale: Int

        /// Creates the counts.
        public init(unknownQuestion: Int, offScale: Int) {
            self.unknownQuestion = unknownQuestion; self.offScale = offScale
        }

        /// Whether nothing was left out.
        public var isEmpty: Bool { unknownQuestion == 0 && offScale == 0 }
    }

    /// One coder's share of the data.
    public struct Coder: Codable, Equatable, Sendable {
        /// Set name.
        public var name: String
        /// Codings used (in scope, on the scale).
        public var codings: Int
        /// Units the coder coded.
        public var units: Int

        /// Creates a coder entry.
        public init(name: String, codings: Int, units: Int) {
            self.name = name; self.codings = codings; self.units = units
        }
    }

    /// The coders (set names) in the order given; the first is the confusion table's rows.
    public var coders: [Coder]
    /// The question asked for with `question:`, `nil` for every question of the codebook.
    public var question: String?
    /// One entry per question in scope, in codebook order (questions nobody coded included).
    public var questions: [QuestionAgreement]
    /// Every unit of every question in scope, pooled.
    public var overall: AgreementFigures
    /// The values pooled kappa and the overall confusion table run over: every point of every
    /// question's scale in scope, ascending.
    public var overallScale: [Int]
    /// A label per value of ``overallScale`` when every question in scope labels its points
    /// alike (one question, or a shared scale); `nil` when the labels differ by question.
    public var overallLabels: [String]?
    /// Whether every question in scope has the same scale values; when not, the pooled
    /// figures mix scales and must be read with that in mind.
    public var sharedScale: Bool
    /// Codings left out.
    public var leftOut: LeftOut
    /// Every unit coded by at least one coder, by question (codebook order), then analyst id.
    public var units: [AgreementUnit]

    /// Creates a report from its parts (``init(codebook:coders:codings:question:)`` computes one).
    public init(coders: [Coder], question: String?, questions: [QuestionAgreement], overall: AgreementFigures,
                overallScale: [Int], overallLabels: [String]?, sharedScale: Bool, leftOut: LeftOut,
                units: [AgreementUnit]) {
        self.coders = coders; self.question = question; self.questions = questions; self.overall = overall
        self.overallScale = overallScale; self.overallLabels = overallLabels; self.sharedScale = sharedScale
        self.leftOut = leftOut; self.units = units
    }

    /// Computes agreement between coders.
    /// - Parameters:
    ///   - codebook: The questions and their scales.
    ///   - coders: Set names, two or more, each once, in the order to report them.
    ///   - codings: Codings tagged with their set (orphans left out by the caller, for example
    ///     with ``Coding/placed(in:)``); codings of other sets are ignored.
    ///   - question: Only this question (folded; a unique prefix also resolves); `nil` for all.
    /// - Throws: ``ParallaxError`` (`.usage`) for fewer than two coders or a coder named twice;
    ///   (`.notFound`) for an unknown question.
    /// - Complexity: O(*n* + *N*·*m* log *m* + *q*·*k*²) for *n* codings, *N* units, *m* coders,
    ///   *q* questions and *k* scale points.
    public init(codebook: Codebook, coders: [String], codings: [Coding], question: String? = nil) throws {
        let (coderIndex, _) = try AgreementReport.coderIndexAndScope(coders: coders, question: question, codebook: codebook)
        var tallies = [AgreementTally](repeating: AgreementTally(), count: coders.count)
        for coding in codings {
            guard let c = coderIndex[coding.set] else { continue }
            tallies[c].add(coding.annotation)
        }
        try self.init(codebook: codebook, coders: coders, tallies: tallies, question: question)
    }

    /// Computes agreement between coders from their tallies (what a session keeps per set).
    /// - Parameters:
    ///   - codebook: The questions and their scales.
    ///   - coders: Set names, two or more, each once, in the order to report them.
    ///   - tallies: One per coder, in the same order (orphans left out).
    ///   - question: Only this question (folded; a unique prefix also resolves); `nil` for all.
    /// - Throws: ``ParallaxError`` as ``init(codebook:coders:codings:question:)`` does; (`.usage`)
    ///   when the tallies are not one per coder.
    /// - Complexity: O(*s* + *N*·*m* log *m* + *q*·*k*²) for *s* stances of the questions in
    ///   scope, *N* units, *m* coders, *q* questions and *k* scale points.
    public init(codebook: Codebook, coders: [String], tallies: [AgreementTally], question: String? = nil) throws {
        let (_, scope) = try AgreementReport.coderIndexAndScope(coders: coders, question: question, codebook: codebook)
        guard tallies.count == coders.count else {
            throw ParallaxError(.usage, "\(tallies.count) tallies for \(coders.count) coders", hint: "give one tally per coder")
        }
        let inScope = Set(scope.map(\.id))

        // question → analyst → one list of stances per coder; codings on questions the
        // codebook does not have are counted (when every question is asked for), those off
        // their question's scale are counted and left out.
        var grouped: [String: [String: [[Int]]]] = [:]
        var unknownQuestion = 0, offScale = 0
        var used = [Int](repeating: 0, count: coders.count)
        for (c, tally) in tallies.enumerated() {
            if question == nil {
                for (q, byAnalyst) in tally.stances where !inScope.contains(q) {
                    for (_, stances) in byAnalyst { unknownQuestion += stances.count }
                }
            }
            for q in scope {
                guard let byAnalyst = tally.stances[q.id] else { continue }
                let onScale = Set(q.values)
                for (analyst, stances) in byAnalyst {
                    let kept = stances.filter(onScale.contains)
                    offScale += stances.count - kept.count
                    guard !kept.isEmpty else { continue }
                    used[c] += kept.count
                    grouped[q.id, default: [:]][analyst, default: Array(repeating: [], count: coders.count)][c] = kept
                }
            }
        }

        var units: [AgreementUnit] = []
        var entries: [QuestionAgreement] = []
        for q in scope {
            let mine = (grouped[q.id] ?? [:]).sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
                .map { AgreementUnit(question: q.id, analyst: $0.key, codings: $0.value) }
            units += mine
            entries.append(QuestionAgreement(question: q, figures: try .compute(units: mine, coders: coders.count, scale: q.values)))
        }
        let overallScale = Set(scope.flatMap(\.values)).sorted()
        let shared = scope.allSatisfy { $0.values == scope.first?.values }
        let labels: [String]? = shared && scope.allSatisfy({ $0.scale.map(\.label) == scope.first?.scale.map(\.label) })
            ? scope.first?.scale.map(\.label) : nil

        self.init(
            coders: coders.enumerated().map { i, name in
                Coder(name: name, codings: used[i], units: units.count(where: { !$0.codings[i].isEmpty }))
            },
            question: scope.count == 1 && question != nil ? scope[0].id : nil,
            questions: entries,
            overall: try .compute(units: units, coders: coders.count, scale: overallScale),
            overallScale: overallScale, overallLabels: labels, sharedScale: shared,
            leftOut: LeftOut(unknownQuestion: unknownQuestion, offScale: offScale),
            units: units)
    }

    /// Every key is written, `null` for a missing value, so the JSON shape is fixed.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(coders, forKey: .coders)
        try c.encode(question, forKey: .question)
        try c.encode(questions, forKey: .questions)
        try c.encode(overall, forKey: .overall)
        try c.encode(overallScale, forKey: .overallScale)
        try c.encode(overallLabels, forKey: .overallLabels)
        try c.encode(sharedScale, forKey: .sharedScale)
        try c.encode(leftOut, forKey: .leftOut)
        try c.encode(units, forKey: .units)
    }
}
