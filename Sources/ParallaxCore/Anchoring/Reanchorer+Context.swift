// How much of a target's recorded prefix and suffix agrees with the new text around a place.

extension Reanchorer {
    /// Recorded context scalars that agree around UTF-8 range `[startByte, endByte)`.
    ///
    /// A side counts its common run next to the span (the prefix's common suffix, the suffix's
    /// common prefix). When that run is not the whole side and `precise` is set, a side also
    /// counts `length − 2 × edit distance`, which forgives a changed letter a few scalars away
    /// from the span but gives unrelated text nothing: two random 32-scalar English strings
    /// are about 22 edits apart, and 32 − 44 is below zero.
    /// - Complexity: O(32) per side, or O(32²) when `precise` and the side changed.
    func contextAgreement(_ q: AnchorQuery, startByte: Int, endByte: Int, precise: Bool) -> Int {
        prefixAgreement(q, startByte, precise) + suffixAgreement(q, endByte, precise)
    }

    private func prefixAgreement(_ q: AnchorQuery, _ at: Int, _ precise: Bool) -> Int {
        let stored = q.prefixBytes
        guard q.prefixLength > 0 else { return 0 }
        let bytes = text.utf8
        let limit = min(stored.count, at)
        var c = 0
        while c < limit && stored[stored.count - 1 - c] == bytes[at - 1 - c] { c += 1 }
        if c == stored.count { return q.prefixLength }
        // Whole scalars in the common run: a run that begins inside a scalar does not count it.
        let run = ScalarText.scalarCount(stored, stored.count - c, stored.count)
        guard precise else { return run }
        let from = text.utf8Offset(scalars: q.prefixLength, before: at)
        let distance = EditDistance.levenshtein(ScalarText.decode(stored, 0, stored.count),
                                                ScalarText.decode(bytes, from, at))
        return max(run, q.prefixLength - 2 * distance)
    }

    private func suffixAgreement(_ q: AnchorQuery, _ at: Int, _ precise: Bool) -> Int {
        let stored = q.suffixBytes
        guard q.suffixLength > 0 else { return 0 }
        let bytes = text.utf8
        let limit = min(stored.count, bytes.count - at)
        var c = 0
        while c < limit && stored[c] == bytes[at + c] { c += 1 }
        if c == stored.count { return q.suffixLength }
        var run = ScalarText.scalarCount(stored, 0, c)
        // A run that ends inside a scalar counted its lead byte.
        if run > 0 && ScalarText.isContinuation(stored[c]) { run -= 1 }
        guard precise else { return run }
        let to = text.utf8Offset(scalars: q.suffixLength, after: at)
        let distance = EditDistance.levenshtein(ScalarText.decode(stored, 0, stored.count),
                                                ScalarText.decode(bytes, at, to))
        return max(run, q.suffixLength - 2 * distance)
    }
}
