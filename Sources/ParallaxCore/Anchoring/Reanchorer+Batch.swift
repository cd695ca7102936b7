// Re-anchoring many targets of one document at once.

extension Reanchorer {
    /// Re-anchors many targets of one document against the new text.
    ///
    /// Targets are visited in their old order. An edit displaces everything after it by the
    /// same amount, so each target is first tried at its old start plus the displacement of the
    /// last target placed before it with high confidence; after an edit near the start of a
    /// document nearly every target is settled there by one comparison of bytes. The targets
    /// not settled near their expected position share one pass over the text for their exact
    /// quotes (``QuoteScanner``), and those that then need the fuzzy search one more for their
    /// seeds. The results are those of re-anchoring one target at a time, except that the
    /// expected position (which breaks ties) includes the displacement.
    /// - Parameter targets: Targets recorded against an earlier version of this document.
    /// - Returns: One result per target, in the order given.
    /// - Complexity: O(t log t + t × (m + 64)) when most targets only moved, plus at most two
    ///   passes over the text for the others.
    public func reanchor(_ targets: [TextTarget]) -> [AnchorResult] {
        var results = [AnchorResult?](repeating: nil, count: targets.count)
        let order = targets.indices.sorted {
            (targets[$0].start, targets[$0].end, $0) < (targets[$1].start, targets[$1].end, $1)
        }
        // Near the expected position, learning the displacement as we go. A run of misses may
        // mean the displacement jumped (a long insertion or deletion): the 2nd, 4th, 8th… miss
        // in a row is searched in the whole text at once, so the run ends soon and costs a
        // logarithmic number of whole-text searches even across a deleted stretch.
        var displacement = 0
        var misses = 0
        var deferred: [(index: Int, query: AnchorQuery, expected: Int)] = []
        var pending: [(index: Int, query: AnchorQuery, expected: Int, pool: [Candidate])] = []
        for i in order {
            let query = AnchorQuery(targets[i])
            let expected = targets[i].start + displacement
            var result = nearby(query, expected: expected)
            if result == nil {
                misses += 1
                guard misses >= 2 && misses & (misses - 1) == 0 else {
                    deferred.append((i, query, expected))
                    continue
                }
                let found = ByteSearch.occurrences(of: query.exactBytes, in: text.utf8)
                switch afterExactSearch(query, expected: expected, occurrences: found) {
                case .decided(let r): result = r
                case .needsSeeds(let pool): pending.append((i, query, expected, pool))
                }
            }
            guard let result else { continue }
            results[i] = result
            if let p = result.placement, p.confidence == .high {
                displacement = p.start - targets[i].start
                misses = 0
            }
        }
        // The whole text, once for all the quotes that were not found nearby.
        let found = deferred.count >= 8
            ? QuoteScanner.occurrences(of: deferred.map(\.query.exactBytes), in: text.utf8)
            : deferred.map { ByteSearch.occurrences(of: $0.query.exactBytes, in: text.utf8) }
        for (d, occurrences) in zip(deferred, found) {
            switch afterExactSearch(d.query, expected: d.expected, occurrences: occurrences) {
            case .decided(let result): results[d.index] = result
            case .needsSeeds(let pool): pending.append((d.index, d.query, d.expected, pool))
            }
        }
        // The fuzzy search around seeds, one scan for all.
        if !pending.isEmpty {
            var scanner = SeedScanner()
            for (owner, p) in pending.enumerated() { scanner.add(p.query, owner: owner) }
            let hits = scanner.scan(text.utf8, maximumHits: options.maximumSeedHits, owners: pending.count)
            for (owner, p) in pending.enumerated() {
                results[p.index] = finish(p.query, expected: p.expected, pool: p.pool, hits: hits[owner])
            }
        }
        return results.map { $0! }
    }
}
