/// Works out timelines from codings and the documents' dates.
///
/// **Order.** A track's codings run by document date (a period sorts by its first day, then the
/// shorter first: `2023-09-01`, then `2023-09`, then `2023-09-15`), then the manifest's order of
/// documents, then offset, set and id; codings on undated documents come last.
///
/// **Positions.** Per document, the analyst's position is the median of their codings there,
/// pooled over the sets used (``Aggregation``, the rule `compare` uses).
///
/// **Shifts.** Each dated document's position is compared with the position in the latest
/// earlier document of a *different* date (in the order above); when the two differ, that is
/// a shift. Documents of one date are never compared with each other (that would be a
/// contradiction, not a change over time), and a shift already recorded from the same earlier
/// document to the same position at the same date is not repeated. Undated documents take no
/// part in shifts: without a date there is no "before".
///
/// **Contradictions.** Codings on opposite sides of 0 (some below, some above) within one
/// dated day, month or year as the manifest gives it (all documents of that date), or within
/// one undated document.
///
/// ```swift
/// let builder = TimelineBuilder(corpus: corpus, codebook: codebook, codings: codings)
/// let timeline = try builder.question("reset-wedge")
/// ```
public struct TimelineBuilder: Sendable {
    /// The corpus: dates, manifest order, paragraphs, names.
    public let corpus: Corpus
    /// The codebook: scales and labels.
    public let codebook: Codebook
    /// The codings, as given.
    public let codings: [Coding]
    /// Indices into `codings` by question, then analyst.
    private let index: [String: [String: [Int]]]
    /// Date and manifest position of each known document.
    private let documents: [String: (date: PartialDate?, order: Int)]

    /// Indexes codings.
    /// - Complexity: O(*n*) for *n* codings.
    public init(corpus: Corpus, codebook: Codebook, codings: [Coding]) {
        self.corpus = corpus
        self.codebook = codebook
        self.codings = codings
        self.index = Coding.indices(byQuestionAndAnalyst: codings)
        var documents: [String: (date: PartialDate?, order: Int)] = [:]
        for (k, d) in corpus.documents.enumerated() where documents[d.id] == nil {
            documents[d.id] = (d.info.partialDate, k)
        }
        self.documents = documents
    }

    /// Every analyst who coded a question, over time.
    /// - Parameters:
    ///   - question: A question id (folded; a unique prefix also resolves).
    ///   - sets: Only codings from these sets; `nil` for all.
    /// - Returns: A track per analyst with codings, in `compare`'s row order (analysts
    ///   compared by default in manifest order, then other known voices, then unknown ids).
    /// - Throws: ``ParallaxError`` (`.notFound`) for an unknown question.
    public func question(_ question: String, sets: Set<String>? = nil) throws -> Timeline {
        let q = try codebook.require(question)
        let byAnalyst = index[q.id] ?? [:]
        let tracks = analystOrder(Set(byAnalyst.keys)).compactMap { a in
            track(analyst: a, question: q, indices: byAnalyst[a] ?? [], sets: sets)
        }
        return Timeline(subject: .question, id: q.id, title: q.text, sets: sets.map { $0.sorted() }, tracks: tracks)
    }

    /// One analyst across every question of the codebook, over time.
    /// - Parameters:
    ///   - analyst: An analyst id (resolved by the caller).
    ///   - sets: Only codings from these sets; `nil` for all.
    /// - Returns: A track per question with codings, in codebook order.
    public func analyst(_ analyst: String, sets: Set<String>? = nil) -> Timeline {
        let tracks = codebook.questions.compactMap { q in
            track(analyst: analyst, question: q, indices: index[q.id]?[analyst] ?? [], sets: sets)
        }
        return Timeline(subject: .analyst, id: analyst, title: name(of: analyst), sets: sets.map { $0.sorted() }, tracks: tracks)
    }

    /// One analyst on one question; `nil` when they have no coding there.
    public func track(analyst: String, question q: Question, sets: Set<String>? = nil) -> TimelineTrack? {
        track(analyst: analyst, question: q, indices: index[q.id]?[analyst] ?? [], sets: sets)
    }

    // MARK: - one track

    private struct Key: Comparable {
        var undated: Int, first: Int, last: Int, order: Int, doc: String, start: Int, set: String, id: String
        static func < (a: Key, b: Key) -> Bool {
            if (a.undated, a.first, a.last, a.order) != (b.undated, b.first, b.last, b.order) {
                return (a.undated, a.first, a.last, a.order) < (b.undated, b.first, b.last, b.order)
            }
            if a.doc != b.doc { return a.doc < b.doc }
            if a.start != b.start { return a.start < b.start }
            if a.set != b.set { return a.set < b.set }
            return a.id < b.id
        }
    }

    private func track(analyst: String, question q: Question, indices: [Int], sets: Set<String>?) -> TimelineTrack? {
        let chosen = sets.map { s in indices.filter { s.contains(codings[$0].set) } } ?? indices
        guard !chosen.isEmpty else { return nil }
        let keyed = chosen.map { i -> (Key, Coding) in
            let c = codings[i], a = c.annotation
            let info = documents[a.target.doc]
            let date = info?.date
            return (Key(undated: date == nil ? 1 : 0, first: date?.first ?? 0, last: date?.last ?? 0,
                        order: info?.order ?? Int.max, doc: a.target.doc, start: a.target.start, set: c.set, id: a.id), c)
        }.sorted { $0.0 < $1.0 }
        let points = keyed.map { point($0.1, question: q) }

        // Positions: one per document, in order.
        var groups: [[TimelinePoint]] = []
        for p in points {
            if let last = groups.last?.last, last.doc == p.doc { groups[groups.count - 1].append(p) } else { groups.append([p]) }
        }
        let positions = groups.map { g -> DocumentPosition in
            let median = Aggregation.median(g.map(\.stance))!
            return DocumentPosition(date: g[0].date, doc: g[0].doc, stance: median, label: Aggregation.label(of: median, on: q),
                                    codings: g.count, evidence: Self.evidence(g, for: median))
        }

        return TimelineTrack(analyst: analyst, name: name(of: analyst), question: q.id, points: points, positions: positions,
                             shifts: Self.shifts(positions, question: q.id),
                             contradictions: Self.contradictions(points, question: q.id))
    }

    /// Shifts between positions of different dates (see the type's description).
    static func shifts(_ positions: [DocumentPosition], question: String) -> [TimelineShift] {
        var shifts: [TimelineShift] = []
        let dated = positions.filter { $0.date != nil }
        var seen = Set<String>()
        for (k, to) in dated.enumerated() {
            guard let from = dated[..<k].last(where: { $0.date != to.date }), from.stance != to.stance else { continue }
            let key = "\(from.doc)\u{0}\(to.stance)\u{0}\(to.date!)"
            guard seen.insert(key).inserted else { continue }
            shifts.append(TimelineShift(question: question, from: from, to: to))
        }
        return shifts
    }

    /// Codings on both sides of 0 within one date (dated documents) or one undated document.
    static func contradictions(_ points: [TimelinePoint], question: String) -> [TimelineContradiction] {
        var groups: [(key: String, points: [TimelinePoint])] = []
        for p in points {
            let key = p.date.map { "d:" + $0.description } ?? "u:" + p.doc
            if groups.last?.key == key { groups[groups.count - 1].points.append(p) } else { groups.append((key, [p])) }
        }
        return groups.compactMap { g in
            let below = g.points.filter { $0.stance < 0 }, above = g.points.filter { $0.stance > 0 }
            guard let neg = below.min(by: { $0.stance < $1.stance }), let pos = above.max(by: { $0.stance < $1.stance }) else { return nil }
            var docs: [String] = []
            for p in g.points where !docs.contains(p.doc) { docs.append(p.doc) }
            return TimelineContradiction(question: question, date: g.points[0].date, docs: docs,
                                         negative: neg, positive: pos, below: below.count, above: above.count)
        }
    }

    /// The coding quoted for a position: stance closest to it, then most confident, then first.
    static func evidence(_ points: [TimelinePoint], for median: Double) -> TimelinePoint {
        var best = points[0]
        for p in points.dropFirst() {
            let d = abs(Double(p.stance) - median), e = abs(Double(best.stance) - median)
            if d < e || (d == e && (p.confidence ?? -1) > (best.confidence ?? -1)) { best = p }
        }
        return best
    }

    private func point(_ c: Coding, question q: Question) -> TimelinePoint {
        let a = c.annotation
        return TimelinePoint(date: documents[a.target.doc]?.date, doc: a.target.doc,
                             paragraph: corpus.document(a.target.doc)?.paragraph(containing: a.target.start)?.number,
                             question: q.id, stance: a.stance, label: q.label(of: a.stance), confidence: a.confidence,
                             quote: Evidence.shorten(a.target.exact), set: c.set, annotation: a.id)
    }

    /// Analysts compared by default (manifest order), then other known voices among `coded`,
    /// then unknown ids alphabetically: `compare`'s row order.
    private func analystOrder(_ coded: Set<String>) -> [String] {
        let all = corpus.analysts.all
        let known = Set(all.map(\.id))
        return all.filter { $0.compared && coded.contains($0.id) }.map(\.id)
            + all.filter { !$0.compared && coded.contains($0.id) }.map(\.id)
            + coded.subtracting(known).sorted()
    }

    private func name(of analyst: String) -> String {
        corpus.analysts.analyst(id: analyst)?.name ?? analyst
    }
}
