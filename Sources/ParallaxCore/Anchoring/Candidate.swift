/// A possible place for a target during the search, in scalar and byte offsets.
struct Candidate {
    /// Scalar offsets in the new text.
    var start: Int
    var end: Int
    /// Scalar edits between the recorded quote and the text here.
    var edits: Int
    /// Recorded context scalars that agree here.
    var context: Int
    /// Recorded scalars that agree here: quote length − edits + context.
    var agreement: Int
    /// Scalars between `start` and the expected start.
    var distance: Int

    init(start: Int, end: Int, edits: Int, context: Int, quoteLength: Int, expected: Int) {
        self.start = start
        self.end = end
        self.edits = edits
        self.context = context
        self.agreement = quoteLength - edits + context
        self.distance = abs(start - expected)
    }

    /// Ordering for `max(by:)`: less agreement is worse; at equal agreement, farther is worse.
    static func worse(_ a: Candidate, _ b: Candidate) -> Bool {
        if a.agreement != b.agreement { return a.agreement < b.agreement }
        return nearer(b, a)
    }

    /// Ordering for `min(by:)`: nearer the expected position first, then earlier.
    static func nearer(_ a: Candidate, _ b: Candidate) -> Bool {
        if a.distance != b.distance { return a.distance < b.distance }
        return a.start < b.start
    }

    /// One candidate per group of overlapping spans, the best of each group. The same
    /// occurrence is often found twice (by the exact and the fuzzy search, from two windows,
    /// or with slightly different ends), and must not count as a rival of itself.
    static func collapsingOverlaps(_ pool: [Candidate]) -> [Candidate] {
        guard pool.count > 1 else { return pool }
        let sorted = pool.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
        var result: [Candidate] = []
        var best = sorted[0]
        var groupEnd = sorted[0].end
        for c in sorted.dropFirst() {
            if c.start < groupEnd || c.start == best.start {
                if worse(best, c) { best = c }
                groupEnd = max(groupEnd, c.end)
            } else {
                result.append(best)
                best = c
                groupEnd = c.end
            }
        }
        result.append(best)
        return result
    }
}
