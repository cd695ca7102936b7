/// Escaping for the Markdown review report: user text (names, notes, quotes, tags, labels) is
/// written so that CommonMark and GitHub-flavoured Markdown show it as the literal text it is,
/// never as markup, and never breaks the table or the block it sits in.
///
/// Every character that can start markup anywhere in a line is escaped with a backslash, which
/// CommonMark defines for any ASCII punctuation: `\` `` ` `` `*` `_` `[` `]` `<` `>` `|` `~`
/// `#` `$` (GitHub math), and `&` where it would start an entity reference (`&amp;`,
/// `&#39;`). At the start of a line, `-` `+` `=` and the `.` or `)` after a number are escaped
/// too, so a line never opens a list, a setext heading or a thematic break. Leading and
/// trailing spaces and tabs are dropped (indentation would start code; two trailing spaces a
/// line break) and tabs become spaces. Control characters and non-characters, which a
/// renderer may drop or choke on, become U+FFFD. Everything else — ı, ş, U+00A0, emoji — is
/// written as is.
enum MarkdownText {
    /// Characters escaped wherever they occur.
    private static let alwaysEscaped: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "#", "$"]

    /// Characters escaped when they begin a line.
    private static let lineStartEscaped: Set<Character> = ["-", "+", "="]

    /// Text for an inline context: a paragraph, a heading, a blockquote line.
    /// - Parameters:
    ///   - text: User text, possibly with line breaks.
    ///   - lineBreak: What a line break becomes: `" "` (the default) keeps the text on one
    ///     line (table cells, headings); `"\\\n> "` is a hard break inside a blockquote.
    ///     Blank lines are dropped, so the text stays one paragraph.
    ///   - atLineStart: Whether the text begins a line of the output (a paragraph, a
    ///     blockquote line), where `-`, `+`, `=` and `1.` would start a block. Lines after a
    ///     `lineBreak` holding a line feed always do.
    /// - Returns: The escaped text.
    static func inline(_ text: String, lineBreak: String = " ", atLineStart: Bool = false) -> String {
        let breaksLines = lineBreak.contains("\n")
        return lines(of: text).enumerated().map { i, line in
            escapedLine(line, atLineStart: i == 0 ? atLineStart : breaksLines)
        }.joined(separator: lineBreak)
    }

    /// A text's paragraphs, each as its own text: a blank line (or several) separates
    /// paragraphs, single line breaks stay inside one; blank paragraphs are dropped.
    static func paragraphs(of text: String) -> [String] {
        var out: [String] = []
        var current: [String] = []
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            if trim(ReportText.safe(String(line))).isEmpty {
                if !current.isEmpty { out.append(current.joined(separator: "\n")); current = [] }
            } else {
                current.append(String(line))
            }
        }
        if !current.isEmpty { out.append(current.joined(separator: "\n")) }
        return out
    }

    /// Text for a table cell: one line, `|` escaped, empty for empty text.
    static func cell(_ text: String) -> String {
        inline(text)
    }

    /// The non-blank lines of a text, trimmed of spaces and tabs, with unsafe characters
    /// replaced. Any line break Swift knows (LF, CR, CR LF, VT, FF, NEL, LS, PS) separates lines.
    static func lines(of text: String) -> [String] {
        var out: [String] = []
        var line = ""
        func flush() {
            let trimmed = trim(line)
            if !trimmed.isEmpty { out.append(trimmed) }
            line = ""
        }
        for ch in text {
            if ch.isNewline { flush(); continue }
            if ch == "\t" { line.append(" "); continue }
            line.append(contentsOf: ReportText.safe(ch))
        }
        flush()
        return out
    }

    /// One line (no line breaks in it), escaped.
    private static func escapedLine(_ line: String, atLineStart: Bool) -> String {
        let chars = Array(line)
        var out = ""
        out.reserveCapacity(line.utf8.count + 8)
        // A number of one to nine digits followed by `.` or `)` at the line start is an
        // ordered-list marker: escape the punctuation.
        var listMarker: Int?
        if atLineStart, let end = chars.firstIndex(where: { !$0.isASCII || !$0.isNumber }), end > 0, end <= 9,
           chars[end] == "." || chars[end] == ")" {
            listMarker = end
        }
        for (i, ch) in chars.enumerated() {
            if alwaysEscaped.contains(ch) || (i == 0 && atLineStart && lineStartEscaped.contains(ch)) || i == listMarker
                || (ch == "&" && startsEntity(chars, at: i)) {
                out.append("\\")
            }
            out.append(ch)
        }
        return out
    }

    /// Whether `chars[i]` (an `&`) starts what CommonMark reads as an entity or numeric
    /// character reference: `&name;`, `&#123;`, `&#x1F;`.
    private static func startsEntity(_ chars: [Character], at i: Int) -> Bool {
        var j = i + 1
        func isASCIIDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }
        func isASCIIAlnum(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber) }
        if j < chars.count, chars[j] == "#" {
            j += 1
            let hex = j < chars.count && (chars[j] == "x" || chars[j] == "X")
            if hex { j += 1 }
            let start = j
            while j < chars.count, hex ? chars[j].isHexDigit && chars[j].isASCII : isASCIIDigit(chars[j]) { j += 1 }
            return j > start && j - start <= (hex ? 6 : 7) && j < chars.count && chars[j] == ";"
        }
        let start = j
        while j < chars.count, isASCIIAlnum(chars[j]) { j += 1 }
        return j > start && j - start <= 32 && j < chars.count && chars[j] == ";" && chars[start].isLetter
    }

    /// A line without leading or trailing spaces and tabs.
    private static func trim(_ s: String) -> String {
        var sub = Substring(s)
        while let f = sub.first, f == " " || f == "\t" { sub = sub.dropFirst() }
        while let l = sub.last, l == " " || l == "\t" { sub = sub.dropLast() }
        return String(sub)
    }
}
