// Re-anchoring many targets of one document at once.

extension Reanchorer {
    /// Re-anchors many targets of one document against the new text.
    ///
    /// Targets are visited in their old order. An edit displaces everything after it by the
    /// same amount, so each target is first tried at its old start plus the displacement of the
    /// last target placed before it with high confidence; after an edit near the start of a
    /// document nearly every target is settled there by one comparison of bytes. The targets
    /// that need the fuzzy search share one pass over the text for their seeds.
    /// - Parameter targets: Targets recorded against an earlier version of this document.
    /// - Returns: One result per target, in the order given.
    /// - Complexity: O(t log t + t × (m + 64)) when most targets only moved; each target whose
    ///   quote changed adds an exact search of the text, and all of them one seed scan.
    public func reanchor(_ targets: [TextTarget]) -> [AnchorResult] {
        var results = [AnchorResult?](repeating: nil, count: targets.count)
        let order = targets.indices.sorted {
            (targets[$0].start, targets[$0].end, $0) < (targets[$1].start, targets[$1].end, $1)
        }
        var displacement = 0
        var pending: [(index: Int, query: AnchorQuery, expected: Int, pool: [Candidate])] = []
        for i in order {
            let query = AnchorQuery(targets[i])
            let expected = targets[i].start + displacement
            switch search(query, expected: expected) {
            case .decided(let result):
                results[i] = result
                if let p = result.placement, p.confidence == .high {
                    displacement = p.start - targets[i].start
                }
            case .needsSeeds(let pool):
                pending.append((i, query, expected, pool))
            }
        }
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
