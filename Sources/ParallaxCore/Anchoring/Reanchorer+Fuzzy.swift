// Step 3: approximate occurrences of the quote, near the expected position and where seeds hit.

extension Reanchorer {
    /// Approximate occurrences of the quote in scalars `[from, to)`, widened to whole grapheme
    /// clusters, with their context compared precisely.
    func fuzzyCandidates(_ q: AnchorQuery, _ matcher: FuzzyMatcher, from: Int, to: Int, expected: Int) -> [Candidate] {
        guard to - from >= q.length - matcher.budget, to > from else { return [] }
        let window = text.scalarValues(from, to)
        return matcher.occurrences(in: window).map { found in
            var start = from + found.start
            var end = from + found.end
            var edits = found.edits
            let widened = text.widenedToGraphemes(start, end)
            if widened != (start, end) {
                (start, end) = widened
                edits = matcher.forward.distance(to: text.scalarValues(start, end))
            }
            let a = text.utf8Offset(ofScalar: start)
            let b = text.utf8Offset(ofScalar: end)
            return Candidate(start: start, end: end, edits: edits,
                             context: contextAgreement(q, startByte: a, endByte: b, precise: true),
                             quoteLength: q.length, expected: expected)
        }
    }

    /// The regions (scalar ranges) where seed hits agree on a place for the quote, best
    /// supported first.
    ///
    /// Hits whose diagonals lie within `4 × budget + 16` bytes of each other form one region
    /// (an edit shifts a diagonal by at most 4 bytes); a region's support is the number of
    /// distinct seeds in it. When six or more of the target's seeds occur somewhere, a region
    /// needs two, so a lone common 8-byte piece does not send the matcher anywhere.
    func seedWindows(_ q: AnchorQuery, hits: [SeedScanner.Hit], budget: Int) -> [(start: Int, end: Int)] {
        guard !hits.isEmpty else { return [] }
        let sorted = hits.sorted { $0.diagonal < $1.diagonal }
        let gap = 4 * budget + 16
        let seedTotal = Set(hits.map(\.seed)).count
        let needed = seedTotal >= 6 ? 2 : 1
        var regions: [(low: Int, high: Int, support: Int)] = []
        var low = sorted[0].diagonal, high = low
        var seeds: Set<Int> = [sorted[0].seed]
        for hit in sorted.dropFirst() {
            if hit.diagonal - high <= gap {
                high = hit.diagonal
                seeds.insert(hit.seed)
            } else {
                regions.append((low, high, seeds.count))
                low = hit.diagonal; high = low; seeds = [hit.seed]
            }
        }
        regions.append((low, high, seeds.count))
        let slack = 4 * (budget + 8)
        let n = text.utf8.count
        return regions
            .filter { $0.support >= needed }
            .sorted { $0.support > $1.support }
            .prefix(options.maximumFuzzyWindows)
            .map { r in
                let a = min(max(0, r.low - slack), n)
                let b = min(max(0, r.high + q.exactBytes.count + slack), n)
                return (text.scalarOffset(ofUTF8: a), min(text.scalarOffset(ofUTF8: b) + 1, text.scalarCount))
            }
    }
}
