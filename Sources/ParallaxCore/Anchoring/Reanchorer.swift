/// Finds annotation targets again in a changed version of their document (DESIGN decision 2).
///
/// Each target is tried, in order:
/// 1. **Position**: the old offsets still hold the exact quote (and, for a short quote, its
///    context). In a batch the offsets shifted by the neighbours' displacement are tried too.
/// 2. **Exact quote**: every occurrence of the quote, near the expected position first, then
///    in the whole text; each is scored by how much of the recorded prefix and suffix agrees
///    around it, and by its distance from the expected position.
/// 3. **Fuzzy**: approximate occurrences within an edit budget (``AnchoringOptions/editBudget(quoteLength:)``),
///    looked for near the expected position and then in regions where exact 8-byte pieces of
///    the quote and its context occur; scored on quote and context together.
/// 4. Otherwise the target is **orphaned**, with a reason.
///
/// Every candidate is measured in one unit: the number of recorded scalars (quote plus
/// context) that agree with the text there; its score is that number over all recorded
/// scalars. A candidate is taken only when the evidence is sufficient: a quote shorter than
/// ``AnchoringOptions/selfEvidentQuoteLength`` also needs
/// ``AnchoringOptions/minimumContextAgreement`` scalars of context to agree and a score of
/// ``AnchoringOptions/minimumScore``, and so does every fuzzy match. A short quote whose
/// surroundings were rewritten is therefore orphaned rather than moved to a look-alike.
/// Candidates within ``AnchoringOptions/tieMargin`` of the best are a tie, settled by distance
/// from the expected position and reported with ``AnchorConfidence/low`` confidence.
///
/// Pure: no I/O. Safe to share between tasks.
public struct Reanchorer: Sendable {
    /// The document's new text.
    public let text: ScalarText
    /// Lowercase hex SHA-256 of the new text.
    public let hash: String
    /// The thresholds in use.
    public var options: AnchoringOptions

    /// Prepares to re-anchor targets against a new text.
    /// - Parameters:
    ///   - text: The document's new text.
    ///   - hash: Its content hash (a target recorded against this same hash is placed at its
    ///     offsets without further checks when the quote is still there).
    ///   - options: Thresholds; the defaults suit Parallax.
    public init(text: ScalarText, hash: String, options: AnchoringOptions = AnchoringOptions()) {
        self.text = text
        self.hash = hash
        self.options = options
    }

    /// Re-anchors one target.
    /// - Returns: Its placement in the new text, or an orphan report.
    /// - Complexity: O(1) amortised when the quote is still at its old offsets; one pass over
    ///   the text for the exact search and, if that fails, one more for the fuzzy seeds.
    public func reanchor(_ target: TextTarget) -> AnchorResult {
        let query = AnchorQuery(target)
        if let result = nearby(query, expected: target.start) { return result }
        let found = ByteSearch.occurrences(of: query.exactBytes, in: text.utf8)
        switch afterExactSearch(query, expected: target.start, occurrences: found) {
        case .decided(let result):
            return result
        case .needsSeeds(let pool):
            var scanner = SeedScanner()
            scanner.add(query, owner: 0)
            let hits = scanner.scan(text.utf8, maximumHits: options.maximumSeedHits, owners: 1)
            return finish(query, expected: target.start, pool: pool, hits: hits[0])
        }
    }

    /// The target at a placement: new offsets, quote and context from the new text, new hash.
    public func target(_ old: TextTarget, placedAt placement: AnchorPlacement) -> TextTarget {
        TextTarget(doc: old.doc, start: placement.start, end: placement.end, text: text, hash: hash)
    }

    // MARK: Pipeline

    /// Where a target stands after the search of the whole text for its exact quote.
    enum Stage {
        case decided(AnchorResult)
        /// Nothing acceptable yet; the candidates gathered so far, to be completed by the
        /// fuzzy search around seed hits.
        case needsSeeds([Candidate])
    }

    /// Steps 1 and 2 near the expected position: the result when it is settled there (an empty
    /// quote, or an exact occurrence so well supported that a search of the whole text could
    /// not change the place), `nil` when the whole text must be searched.
    /// - Parameter expected: Where the span's start is expected (the old start, or the old
    ///   start plus the displacement of the preceding targets in a batch).
    /// - Complexity: O(m + 64) when the quote is at the old or shifted offsets, otherwise a
    ///   byte search of ``AnchoringOptions/localWindow`` scalars each side.
    func nearby(_ q: AnchorQuery, expected: Int) -> AnchorResult? {
        guard q.length > 0 else {
            return .orphaned(AnchorOrphan(reason: .emptyQuote, message: "the target records no quoted text"))
        }
        let old = q.target.start
        // 1. Position, then the position shifted as the neighbours were.
        if let c = exactCandidate(q, at: old, expected: expected) {
            if q.target.hash == hash {
                return .placed(AnchorPlacement(start: c.start, end: c.end, method: .position, score: 1,
                                               confidence: .high, edits: 0))
            }
            if isStrong(c, q) { return placement(c, q, confidence: .high) }
        }
        if expected != old, let c = exactCandidate(q, at: expected, expected: expected), isStrong(c, q) {
            return placement(c, q, confidence: .high)
        }
        // 2. Exact quote near the expected position.
        let window = localWindow(q, expected: expected)
        let local = exactCandidates(q, among: ByteSearch.occurrences(of: q.exactBytes, in: text.utf8,
                                                                     from: text.utf8Offset(ofScalar: window.start),
                                                                     to: text.utf8Offset(ofScalar: window.end)),
                                    expected: expected)
        if let choice = choose(local, q), isStrong(choice.candidate, q) {
            return placement(choice.candidate, q, confidence: choice.confidence)
        }
        return nil
    }

    /// Step 2 over the whole text, given the quote's occurrences (UTF-8 offsets), then step 3
    /// near the expected position.
    func afterExactSearch(_ q: AnchorQuery, expected: Int, occurrences: [Int]) -> Stage {
        var pool = exactCandidates(q, among: occurrences, expected: expected)
        if let choice = choose(pool, q), isStrong(choice.candidate, q) {
            return .decided(placement(choice.candidate, q, confidence: choice.confidence))
        }
        let budget = options.editBudget(quoteLength: q.length)
        guard budget > 0 else { return .decided(decide(pool, q)) }
        let window = localWindow(q, expected: expected)
        pool += fuzzyCandidates(q, FuzzyMatcher(q, budget: budget), from: window.start, to: window.end, expected: expected)
        if pool.contains(where: { isEligible($0, q) }) { return .decided(decide(pool, q)) }
        return .needsSeeds(pool)
    }

    /// Scalars within ``AnchoringOptions/localWindow`` of a span expected at `expected`.
    func localWindow(_ q: AnchorQuery, expected: Int) -> (start: Int, end: Int) {
        let n = text.scalarCount
        return (min(max(0, expected - options.localWindow), n),
                min(max(0, expected + q.length + options.localWindow), n))
    }

    /// Step 3 in the regions the seed hits point at, then the decision.
    func finish(_ q: AnchorQuery, expected: Int, pool: [Candidate], hits: [SeedScanner.Hit]) -> AnchorResult {
        let budget = options.editBudget(quoteLength: q.length)
        let matcher = FuzzyMatcher(q, budget: budget)
        var pool = pool
        for window in seedWindows(q, hits: hits, budget: budget) {
            pool += fuzzyCandidates(q, matcher, from: window.start, to: window.end, expected: expected)
        }
        return decide(pool, q)
    }

    // MARK: Judging candidates

    /// Context agreement a short quote needs: the configured minimum, or half of the context
    /// recorded when a span near the end of a document recorded less.
    func requiredContext(_ q: AnchorQuery) -> Int {
        min(options.minimumContextAgreement, q.contextLength / 2)
    }

    /// Whether the text around a candidate backs it up: always for a long quote, and for a
    /// short one when enough context and enough of everything recorded agree.
    func isSupported(_ c: Candidate, _ q: AnchorQuery) -> Bool {
        q.length >= options.selfEvidentQuoteLength
            || (c.context >= requiredContext(q) && score(c, q) >= options.minimumScore)
    }

    func score(_ c: Candidate, _ q: AnchorQuery) -> Double {
        Double(c.agreement) / Double(q.recordedLength)
    }

    func isEligible(_ c: Candidate, _ q: AnchorQuery) -> Bool {
        guard isSupported(c, q) else { return false }
        if c.edits == 0 { return true }
        return c.edits <= options.editBudget(quoteLength: q.length) && score(c, q) >= options.minimumScore
    }

    /// An exact candidate so well supported that no other can beat it by a tie margin: taking
    /// it without searching further gives the same place a full search would (a far candidate
    /// could at most tie, and ties go to the nearer one).
    func isStrong(_ c: Candidate, _ q: AnchorQuery) -> Bool {
        c.edits == 0 && isEligible(c, q) && c.context > q.contextLength - options.tieMargin
    }

    /// The best eligible candidate, and whether it won clearly.
    func choose(_ pool: [Candidate], _ q: AnchorQuery) -> (candidate: Candidate, confidence: AnchorConfidence)? {
        let eligible = Candidate.collapsingOverlaps(pool).filter { isEligible($0, q) }
        guard let best = eligible.max(by: Candidate.worse) else { return nil }
        let tied = eligible.filter { best.agreement - $0.agreement < options.tieMargin }
        let winner = tied.min(by: Candidate.nearer)!
        return (winner, tied.count > 1 ? .low : .high)
    }

    /// The final decision over every candidate found.
    func decide(_ pool: [Candidate], _ q: AnchorQuery) -> AnchorResult {
        if let choice = choose(pool, q) {
            return placement(choice.candidate, q, confidence: choice.confidence)
        }
        let merged = Candidate.collapsingOverlaps(pool)
        guard let best = merged.max(by: Candidate.worse) else {
            let budget = options.editBudget(quoteLength: q.length)
            let message = budget == 0
                ? "the quote no longer occurs in the text"
                : "neither the quote nor anything within \(budget) edits of it occurs in the text"
            return .orphaned(AnchorOrphan(reason: .notFound, message: message))
        }
        let closest = AnchorCandidate(start: best.start, end: best.end, edits: best.edits,
                                      contextAgreement: best.context, score: score(best, q))
        if !isSupported(best, q) {
            let what = best.edits == 0 ? "the quote occurs" : "a close match (\(best.edits) edits) occurs"
            return .orphaned(AnchorOrphan(
                reason: .weakContext,
                message: "\(what) at \(best.start)-\(best.end), but only \(best.context) of \(q.contextLength) "
                    + "context scalars agree there: too little for a quote of \(q.length)",
                closest: closest))
        }
        return .orphaned(AnchorOrphan(
            reason: .weakMatch,
            message: "the closest match, at \(best.start)-\(best.end) with \(best.edits) edits, agrees on only "
                + "\(Int((score(best, q) * 100).rounded()))% of the recorded quote and context",
            closest: closest))
    }

    func placement(_ c: Candidate, _ q: AnchorQuery, confidence: AnchorConfidence) -> AnchorResult {
        let method: AnchorMethod
        if c.edits > 0 { method = .fuzzy }
        else if c.start == q.target.start && c.end == q.target.end { method = .position }
        else { method = .quote }
        return .placed(AnchorPlacement(start: c.start, end: c.end, method: method, score: score(c, q),
                                       confidence: confidence, edits: c.edits))
    }
}
