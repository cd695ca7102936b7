/// A quote prepared for approximate search: forward and reversed bit-parallel matchers and the
/// edit budget.
struct FuzzyMatcher {
    /// The quote's scalars.
    let quote: [UInt32]
    /// Most edits accepted.
    let budget: Int
    /// Finds where approximate occurrences end (free start).
    let forward: BitParallelMatcher
    /// Run backwards from an end, finds where that occurrence starts.
    let backward: BitParallelMatcher

    init(_ q: AnchorQuery, budget: Int) {
        quote = q.exactScalars
        self.budget = budget
        forward = BitParallelMatcher(pattern: quote)
        backward = BitParallelMatcher(pattern: quote.reversed())
    }

    /// Approximate occurrences in `window`, as `(start, end, edits)` in window offsets, at most
    /// `limit` of them, fewest edits first.
    ///
    /// Sellers' algorithm gives, for every end position, the fewest edits of an occurrence
    /// ending there; each local minimum within the budget is an occurrence (both ends of a flat
    /// minimum are kept: a changed last word can be covered or left out at equal cost, and the
    /// context decides). Its start is found by running the reversed quote backwards from the
    /// end, anchored there; among equally good starts the one giving the quote's length wins.
    /// - Complexity: O(⌈m/64⌉ × (window + limit × (m + budget))).
    func occurrences(in window: [UInt32], limit: Int = 32) -> [(start: Int, end: Int, edits: Int)] {
        let d = forward.distances(window, freeStart: true)
        let n = window.count
        var ends: [(end: Int, edits: Int)] = []
        var j = 1
        while j <= n {
            let v = d[j]
            guard v <= budget else { j += 1; continue }
            var last = j
            while last < n && d[last + 1] == v { last += 1 }
            let fallsIn = d[j - 1] > v
            let risesAfter = last == n || d[last + 1] > v
            if fallsIn && risesAfter {
                ends.append((j, v))
                if last != j { ends.append((last, v)) }
            }
            j = last + 1
        }
        if ends.count > limit {
            ends.sort { $0.edits < $1.edits }
            ends.removeLast(ends.count - limit)
        }
        let m = quote.count
        return ends.map { e in
            let from = max(0, e.end - m - budget)
            let reversed = Array(window[from..<e.end].reversed())
            let r = backward.distances(reversed, freeStart: false)
            var bestLength = 0
            for l in r.indices where r[l] < r[bestLength] || (r[l] == r[bestLength] && abs(l - m) < abs(bestLength - m)) {
                bestLength = l
            }
            return (e.end - bestLength, e.end, r[bestLength])
        }
    }
}
