extension Coding {
    /// Positions of codings in `codings`, by question, then analyst, in order: the index the
    /// comparer and the timeline builder both look codings up by.
    /// - Complexity: O(*n*) for *n* codings.
    static func indices(byQuestionAndAnalyst codings: [Coding]) -> [String: [String: [Int]]] {
        var index: [String: [String: [Int]]] = [:]
        for (i, c) in codings.enumerated() {
            index[c.annotation.question, default: [:]][c.annotation.analyst, default: []].append(i)
        }
        return index
    }
}
