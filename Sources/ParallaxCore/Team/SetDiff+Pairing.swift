extension SetDiff {
    /// Pairs annotations present in one version only: same document, same question, spans
    /// overlapping; the largest overlap first, then the nearest start, then ids, each
    /// annotation in at most one pair.
    static func pairByOverlap(removed: [Annotation], added: [Annotation]) -> [(Annotation, Annotation)] {
        struct Key: Hashable { var doc: String; var question: String }
        let olds = Dictionary(grouping: removed) { Key(doc: $0.target.doc, question: $0.question) }
        var candidates: [(overlap: Int, distance: Int, old: Annotation, new: Annotation)] = []
        for (key, news) in Dictionary(grouping: added, by: { Key(doc: $0.target.doc, question: $0.question) }) {
            guard let group = olds[key]?.sorted(by: { $0.target.start < $1.target.start }) else { continue }
            let longest = group.map(\.target.length).max() ?? 0
            let starts = group.map(\.target.start)
            for b in news {
                // Old spans that can overlap b start in (b.start - longest, b.end).
                var i = lowerBound(starts, b.target.start - longest + 1)
                while i < group.count && group[i].target.start < b.target.end {
                    let a = group[i]
                    let overlap = min(a.target.end, b.target.end) - max(a.target.start, b.target.start)
                    if overlap > 0 {
                        candidates.append((overlap, abs(a.target.start - b.target.start), a, b))
                    }
                    i += 1
                }
            }
        }
        candidates.sort {
            ($0.overlap, -$0.distance) != ($1.overlap, -$1.distance)
                ? ($0.overlap, -$0.distance) > ($1.overlap, -$1.distance)
                : ($0.old.id, $0.new.id) < ($1.old.id, $1.new.id)
        }
        var usedOld = Set<String>(), usedNew = Set<String>()
        var pairs: [(Annotation, Annotation)] = []
        for c in candidates where !usedOld.contains(c.old.id) && !usedNew.contains(c.new.id) {
            usedOld.insert(c.old.id); usedNew.insert(c.new.id)
            pairs.append((c.old, c.new))
        }
        return pairs
    }

    private static func lowerBound(_ sorted: [Int], _ value: Int) -> Int {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
