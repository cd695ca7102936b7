/// Plain-text layout for terminal output, shared by the core's renderers and the REPL:
/// display widths, padding, truncation, word wrapping, aligned tables, optional ANSI colour.
///
/// Widths are terminal columns: a grapheme cluster takes one (`Aslı` is four), East Asian
/// wide characters and emoji two, combining marks, format characters and ANSI escape
/// sequences none.
public struct TextLayout: Sendable {
    /// Whether to emit ANSI colour codes.
    public var colour: Bool

    /// Creates a layout that colours text or not.
    public init(colour: Bool) { self.colour = colour }

    /// ANSI styles.
    public enum Paint: String, Sendable {
        case red = "31", green = "32", yellow = "33", bold = "1", dim = "2"
    }

    /// Terminal columns a string takes.
    public static func columns(_ s: String) -> Int {
        // Printable ASCII takes one column a byte: no need to break it into characters.
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return s.utf8.count }
        var w = 0
        var inEscape = false
        for ch in s {
            if inEscape { if ch.isLetter { inEscape = false }; continue }
            if ch == "\u{1B}" { inEscape = true; continue }
            w += columns(of: ch)
        }
        return w
    }

    /// Rows a text takes on a screen `columns` wide: each line at least one, long lines
    /// wrapped (a trailing newline opens no row).
    public static func screenLines(_ text: String, columns width: Int) -> Int {
        let width = max(1, width)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if text.hasSuffix("\n") { lines.removeLast() }
        return lines.reduce(0) { $0 + max(1, (columns(String($1)) + width - 1) / width) }
    }

    /// Terminal columns one character takes.
    static func columns(of ch: Character) -> Int {
        guard let first = ch.unicodeScalars.first else { return 0 }
        let v = first.value
        if first.properties.isEmojiPresentation || ch.unicodeScalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        if (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v) { return 2 }
        switch first.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return 0
        default: return 1
        }
    }

    /// The longest prefix of `s` that fits in `width` columns.
    static func prefix(_ s: String, columns width: Int) -> String {
        var out = ""
        var used = 0
        for ch in s {
            let w = columns(of: ch)
            if used + w > width { break }
            out.append(ch); used += w
        }
        return out
    }

    /// `s` followed by spaces up to `width` columns.
    public static func pad(_ s: String, _ width: Int) -> String {
        s + String(repeating: " ", count: max(0, width - columns(s)))
    }

    /// Spaces up to `width` columns, then `s`.
    public static func padLeft(_ s: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - columns(s))) + s
    }

    /// `s` cut to `width` columns, ending in "…" when cut.
    public static func truncate(_ s: String, _ width: Int) -> String {
        guard columns(s) > width else { return s }
        guard width > 1 else { return prefix(s, columns: width) }
        return prefix(s, columns: width - 1) + "…"
    }

    /// Greedy word wrap: words never split unless one alone is wider than the line.
    /// - Parameters:
    ///   - text: The text; runs of whitespace count as one space.
    ///   - width: Columns of the first line.
    ///   - rest: Columns of the following lines (defaults to `width`).
    /// - Returns: At least one line (empty for empty text).
    public static func wrap(_ text: String, width: Int, rest: Int? = nil) -> [String] {
        wrap(items: text.split(whereSeparator: \.isWhitespace).map(String.init), separator: " ",
             width: width, rest: rest ?? width)
    }

    /// Greedy wrap of atomic items joined by a separator (scale legends: `-1 unlikely · 0 …`);
    /// the separator is dropped where a line breaks.
    public static func wrap(items: [String], separator: String, width: Int, rest: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for item in items {
            var pieces = [item]
            let room = lines.isEmpty ? width : rest
            if columns(item) > max(1, room) {
                // A single item wider than a line: split it hard.
                pieces = []
                var remaining = Substring(item)
                while !remaining.isEmpty {
                    var piece = prefix(String(remaining), columns: max(1, room))
                    if piece.isEmpty { piece = String(remaining.prefix(1)) }
                    pieces.append(piece)
                    remaining = remaining.dropFirst(piece.count)
                }
            }
            for piece in pieces {
                let limit = lines.isEmpty ? width : rest
                if line.isEmpty { line = piece; continue }
                if columns(line) + columns(separator) + columns(piece) <= limit {
                    line += separator + piece
                } else {
                    lines.append(line)
                    line = piece
                }
            }
        }
        lines.append(line)
        return lines
    }

    /// `s` wrapped in an ANSI colour, or unchanged when colour is off.
    public func paint(_ s: String, _ p: Paint) -> String {
        colour && !s.isEmpty ? "\u{1B}[\(p.rawValue)m" + s + "\u{1B}[0m" : s
    }

    /// `s` coloured by the side of a stance: red below 0, green above, unchanged at 0.
    public func paint(_ s: String, stance: Double?) -> String {
        guard let stance else { return paint(s, .dim) }
        return stance < 0 ? paint(s, .red) : stance > 0 ? paint(s, .green) : s
    }

    /// An aligned table with a bold header. The last column takes the remaining width and
    /// wraps (or, with `truncateLast`, is cut to one line); the others are as wide as their
    /// widest cell.
    public func table(header: [String], rows: [[String]], width: Int, truncateLast: Bool = false) -> String {
        guard !header.isEmpty else { return "" }
        let n = header.count
        var widths = header.map { Self.columns($0) }
        for r in rows { for (i, c) in r.enumerated() where i < n - 1 { widths[i] = max(widths[i], Self.columns(c)) } }
        let fixed = widths.dropLast().reduce(0, +) + 2 * (n - 1)
        let last = max(20, width - fixed)
        var out = ""
        func emit(_ cells: [String], bold: Bool) {
            let text = cells.last ?? ""
            let pieces = truncateLast ? [Self.truncate(text, last)] : Self.wrap(text, width: last)
            for (k, piece) in pieces.enumerated() {
                var line = ""
                for i in 0..<(n - 1) { line += Self.pad(k == 0 ? cells[i] : "", widths[i]) + "  " }
                line += piece
                while line.hasSuffix(" ") { line.removeLast() }
                out += (bold ? paint(line, .bold) : line) + "\n"
            }
        }
        emit(header, bold: true)
        for r in rows { emit(r, bold: false) }
        return out
    }
}
