import ParallaxCore
import ParallaxStore

/// One word of a command line.
public struct Word: Equatable, Sendable {
    /// The word's text, quotes removed and escapes applied.
    public var text: String
    /// Whether it starts with a quote (such a word is never an option or a flag).
    public var quoted: Bool
    /// 1-based column (in characters) where it starts.
    public var column: Int
}

/// Splits a command line into words, shell-style: spaces separate words; `"…"`, `'…'` and
/// curly `“…”` / `‘…’` quote; a backslash escapes the next character outside single quotes.
///
/// The line is read scalar by scalar, not by `Character`: a space followed by a combining
/// mark or a zero-width joiner is one `Character` to Swift, and reading by `Character` would
/// swallow the mark into the space that separates two words.
public enum Tokenizer {
    private static let closing: [Unicode.Scalar: Unicode.Scalar] = ["\"": "\"", "'": "'", "“": "”", "‘": "’", "„": "“"]

    /// The words of a line.
    /// - Throws: ``ParallaxError`` for an unterminated quote, with its column.
    public static func words(_ line: String) throws -> [Word] {
        // Columns count Characters, as the user sees them: the column of each scalar.
        var columns: [Int] = []
        for (n, ch) in line.enumerated() { columns += repeatElement(n + 1, count: ch.unicodeScalars.count) }
        var words: [Word] = []
        var current = String.UnicodeScalarView()
        var quoted = false
        var inWord = false
        var start = 0
        var quote: Unicode.Scalar?
        var quoteColumn = 0
        var escaping = false
        for (k, ch) in line.unicodeScalars.enumerated() {
            let column = columns[k]
            if escaping {
                current.append(ch); escaping = false; continue
            }
            if let q = quote {
                if ch == closing[q]! || (q == "“" && ch == "\"") { quote = nil }
                else if ch == "\\" && q != "'" { escaping = true }
                else { current.append(ch) }
                continue
            }
            if ch == "\\" {
                if !inWord { inWord = true; start = column }
                escaping = true
                continue
            }
            if closing[ch] != nil {
                // A word is "quoted" (never an option or a flag) only when it starts with a
                // quote: `"tags:a"` is text, `note:"a long note"` is the option note.
                if !inWord { inWord = true; start = column; quoted = true }
                quote = ch; quoteColumn = column
                continue
            }
            if ch.properties.isWhitespace {
                if inWord { words.append(Word(text: String(current), quoted: quoted, column: start)) }
                current = String.UnicodeScalarView(); quoted = false; inWord = false
                continue
            }
            if !inWord { inWord = true; start = column }
            current.append(ch)
        }
        if quote != nil {
            throw ParallaxError(.usage, "unterminated quote", at: "column \(quoteColumn)",
                                hint: "close the quote, or escape it with a backslash")
        }
        if escaping { current.append("\\") }
        if inWord { words.append(Word(text: String(current), quoted: quoted, column: start)) }
        return words
    }

    /// Quotes a word for display or history so that ``words(_:)`` reads it back unchanged.
    public static func quote(_ word: String) -> String {
        let special: Set<Unicode.Scalar> = ["\"", "'", "“", "”", "‘", "’", "„", "\\"]
        if !word.isEmpty && !word.unicodeScalars.contains(where: { $0.properties.isWhitespace || special.contains($0) }) { return word }
        var out = "\""
        for ch in word.unicodeScalars {
            if ch == "\"" || ch == "\\" { out.unicodeScalars.append("\\") }
            out.unicodeScalars.append(ch)
        }
        return out + "\""
    }
}
