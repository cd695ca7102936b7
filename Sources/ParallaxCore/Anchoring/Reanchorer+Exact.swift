#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Steps 1 and 2: the quote at a given offset, and every exact occurrence of the quote.

extension Reanchorer {
    /// The exact quote at scalar offset `start`, if it is there and on grapheme boundaries.
    /// Context is compared cheaply first and precisely only when the cheap count would not
    /// make the candidate strong.
    func exactCandidate(_ q: AnchorQuery, at start: Int, expected: Int) -> Candidate? {
        guard start >= 0, start + q.length <= text.scalarCount else { return nil }
        let a = text.utf8Offset(ofScalar: start)
        let b = a + q.exactBytes.count
        guard b <= text.utf8.count else { return nil }
        let same = text.utf8.withUnsafeBufferPointer { hay in
            q.exactBytes.withUnsafeBufferPointer { pin in
                memcmp(hay.baseAddress! + a, pin.baseAddress!, pin.count) == 0
            }
        }
        guard same, text.isGraphemeBoundary(utf8: a), text.isGraphemeBoundary(utf8: b) else { return nil }
        var c = Candidate(start: start, end: start + q.length, edits: 0,
                          context: contextAgreement(q, startByte: a, endByte: b, precise: false),
                          quoteLength: q.length, expected: expected)
        if !isStrong(c, q) {
            c = Candidate(start: start, end: start + q.length, edits: 0,
                          context: contextAgreement(q, startByte: a, endByte: b, precise: true),
                          quoteLength: q.length, expected: expected)
        }
        return c
    }

    /// Candidates at exact occurrences of the quote (UTF-8 offsets), leaving out those that
    /// would split a grapheme cluster (a quote "e" does not occur in "é" written e + U+0301).
    ///
    /// When the quote occurs more than ``AnchoringOptions/preciseCandidates`` times, all
    /// occurrences are ranked by their common context run and byte distance, and only the
    /// best are compared precisely and returned.
    func exactCandidates(_ q: AnchorQuery, among occurrences: [Int], expected: Int) -> [Candidate] {
        let expectedByte = text.utf8Offset(ofScalar: min(max(0, expected), text.scalarCount))
        var starts = occurrences
        starts.removeAll { !text.isGraphemeBoundary(utf8: $0) || !text.isGraphemeBoundary(utf8: $0 + q.exactBytes.count) }
        if starts.count > options.preciseCandidates {
            let ranked = starts.map { a in
                (a, contextAgreement(q, startByte: a, endByte: a + q.exactBytes.count, precise: false))
            }.sorted { x, y in
                x.1 != y.1 ? x.1 > y.1 : abs(x.0 - expectedByte) < abs(y.0 - expectedByte)
            }
            starts = ranked.prefix(options.preciseCandidates).map(\.0)
        }
        return starts.map { a in
            let start = text.scalarOffset(ofUTF8: a)
            return Candidate(start: start, end: start + q.length, edits: 0,
                             context: contextAgreement(q, startByte: a, endByte: a + q.exactBytes.count, precise: true),
                             quoteLength: q.length, expected: expected)
        }
    }
}
