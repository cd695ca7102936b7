/// Levenshtein distance between short scalar sequences, for comparing context (≤ 32 scalars
/// a side). Longer texts go through ``BitParallelMatcher``.
enum EditDistance {
    /// The number of single-scalar insertions, deletions and substitutions that turn `a`
    /// into `b`.
    /// - Complexity: O(`a.count` × `b.count`) time, O(`b.count`) space.
    static func levenshtein(_ a: [UInt32], _ b: [UInt32]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var row = Array(0...b.count)
        for i in 1...a.count {
            var diagonal = row[0]
            row[0] = i
            let x = a[i - 1]
            for j in 1...b.count {
                let above = row[j]
                let cost = x == b[j - 1] ? 0 : 1
                row[j] = min(diagonal + cost, above + 1, row[j - 1] + 1)
                diagonal = above
            }
        }
        return row[b.count]
    }
}
