/// Finds sentence boundaries inside a paragraph.
///
/// A sentence ends at `.`, `!` or `?` (with any closing quotes, brackets and glued footnote
/// digits after it: `order”.2`, `win.12`) followed by whitespace and a capital letter, a
/// digit or an opening quote — except after abbreviations (`U.S.`, `D.C.`, `Mr.`, `e.g.`)
/// and single initials (`Bonny L. Lin`).
public enum SentenceSplitter {
    static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gen", "col", "lt", "sen", "rep", "gov", "pres",
        "e.g", "i.e", "etc", "vs", "vol", "pp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
        "sept", "oct", "nov", "dec", "inc", "ltd", "co", "corp", "fig", "cf", "approx", "est",
    ]

    /// Sentence ranges `[start, end)` in scalar offsets covering `[start, end)` of a text,
    /// trimmed of surrounding whitespace.
    public static func sentences(in text: ScalarText, start: Int, end: Int) -> [(start: Int, end: Int)] {
        let scalars = Array(text.text(start, end).unicodeScalars)
        var result: [(Int, Int)] = []
        var sentenceStart = 0
        var i = 0
        let closers: Set<Unicode.Scalar> = ["\"", "'", "”", "’", ")", "]", "»"]
        let openers: Set<Unicode.Scalar> = ["\"", "“", "‘", "'", "(", "[", "«"]
        func isSpace(_ s: Unicode.Scalar) -> Bool { s.properties.isWhitespace }
        while i < scalars.count {
            let s = scalars[i]
            guard s == "." || s == "!" || s == "?" || s == "…" else { i += 1; continue }
            // Extend over closing quotes/brackets and glued footnote digits.
            var j = i + 1
            while j < scalars.count, closers.contains(scalars[j]) { j += 1 }
            var k = j
            while k < scalars.count, scalars[k].properties.numericType != nil, k - j < 3 { k += 1 }
            // `order1.`: a period after glued footnote digits is handled as any period.
            let end = (k > j && k < scalars.count && isSpace(scalars[k])) ? k : j
            guard end < scalars.count, isSpace(scalars[end]) else { i = max(i + 1, j); continue }
            var next = end
            while next < scalars.count, isSpace(scalars[next]) { next += 1 }
            guard next < scalars.count else { break }
            let n = scalars[next]
            let startsSentence = n.properties.isUppercase || n.properties.numericType != nil || openers.contains(n)
            if startsSentence && s == "." && isAbbreviation(scalars, periodAt: i) {
                i = end; continue
            }
            if startsSentence {
                result.append((start + sentenceStart, start + end))
                sentenceStart = next
                i = next
            } else {
                i = end
            }
        }
        if sentenceStart < scalars.count {
            var e = scalars.count
            while e > sentenceStart, isSpace(scalars[e - 1]) { e -= 1 }
            if e > sentenceStart { result.append((start + sentenceStart, start + e)) }
        }
        return result
    }

    /// Whether the period at `i` ends an abbreviation or an initial rather than a sentence.
    static func isAbbreviation(_ s: [Unicode.Scalar], periodAt i: Int) -> Bool {
        // The word before the period, letters and inner periods only.
        var b = i
        while b > 0, s[b - 1].properties.isAlphabetic || s[b - 1] == "." { b -= 1 }
        let word = String(String.UnicodeScalarView(s[b..<i]))
        if word.isEmpty { return false }
        let letters = word.unicodeScalars.filter { $0.properties.isAlphabetic }
        // U.S., D.C., U.K. — letters separated by periods.
        if word.contains(".") && letters.count <= 4 && word.split(separator: ".").allSatisfy({ $0.count == 1 }) { return true }
        // A single capital initial: "L." in "Bonny L. Lin".
        if letters.count == 1 && word.unicodeScalars.first!.properties.isUppercase { return true }
        return abbreviations.contains(word.lowercased())
    }
}
extension Document {
    /// The sentence containing scalar `offset`, within its paragraph.
    public func sentence(containing offset: Int) -> (start: Int, end: Int)? {
        guard let p = paragraph(containing: offset), offset < p.end else { return nil }
        return SentenceSplitter.sentences(in: text, start: p.start, end: p.end)
            .first { $0.start <= offset && offset < $0.end }
    }
}
