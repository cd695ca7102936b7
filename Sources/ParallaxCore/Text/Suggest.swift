/// "Did you mean …" suggestions by edit distance.
public enum Suggest {
    /// The candidate closest to `word` by edit distance, if close enough to be a likely typo.
    public static func closest(to word: String, among candidates: [String]) -> String? {
        let w = Array(Folding.fold(word).unicodeScalars)
        var best: (String, Int)?
        for c in candidates {
            let d = distance(w, Array(Folding.fold(c).unicodeScalars))
            if d <= max(1, w.count / 3), best == nil || d < best!.1 { best = (c, d) }
        }
        return best?.0
    }

    /// Edit distance between two sequences where insertion, deletion, substitution and the
    /// transposition of two neighbours each cost 1 (optimal string alignment): `stnet` is one
    /// typo away from `stent`.
    public static func distance<T: Equatable>(_ a: [T], _ b: [T]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
