/// Plain-text layout for terminal tables: widths, padding, word wrapping, optional ANSI colour.
///
/// Widths count grapheme clusters (`Aslı` is four columns); East Asian wide characters are
/// not given two columns. Colour is applied after layout, so escape codes never count.
struct TextLayout: Sendable {
    /// Whether to emit ANSI colour codes.
    var colour: Bool

    enum Paint: String {
        case red = "31", green = "32", yellow = "33", bold = "1", dim = "2"
    }

    /// Columns a string takes.
    static func columns(_ s: String) -> Int { s.count }

    /// `s` followed by spaces up to `width` columns.
    static func pad(_ s: String, _ width: Int) -> String {
        s + String(repeating: " ", count: max(0, width - columns(s)))
    }

    /// Spaces up to `width` columns, then `s`.
    static func padLeft(_ s: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - columns(s))) + s
    }

    /// `s` cut to `width` columns, ending in "…" when cut.
    static func truncate(_ s: String, _ width: Int) -> String {
        guard columns(s) > width else { return s }
        guard width > 1 else { return String(s.prefix(width)) }
        return String(s.prefix(width - 1)) + "…"
    }

    /// Greedy word wrap: words never split unless one alone is wider than the line.
    /// - Parameters:
    ///   - text: The text; runs of whitespace count as one space.
    ///   - width: Columns of the first line.
    ///   - rest: Columns of the following lines (defaults to `width`).
    /// - Returns: At least one line (empty for empty text).
    static func wrap(_ text: String, width: Int, rest: Int? = nil) -> [String] {
        wrap(items: text.split(whereSeparator: \.isWhitespace).map(String.init), separator: " ",
             width: width, rest: rest ?? width)
    }

    /// Greedy wrap of atomic items joined by a separator (scale legends: `-1 unlikely · 0 …`);
    /// the separator is dropped where a line breaks.
    static func wrap(items: [String], separator: String, width: Int, rest: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for item in items {
            var pieces = [item]
            let room = lines.isEmpty ? width : rest
            if columns(item) > max(1, room) {
                // A single item wider than a line: split it hard.
                pieces = stride(from: 0, to: item.count, by: max(1, room)).map {
                    String(item.dropFirst($0).prefix(max(1, room)))
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
    func paint(_ s: String, _ p: Paint) -> String {
        colour && !s.isEmpty ? "\u{1B}[\(p.rawValue)m" + s + "\u{1B}[0m" : s
    }

    /// `s` coloured by the side of a stance: red below 0, green above, unchanged at 0.
    func paint(_ s: String, stance: Double?) -> String {
        guard let stance else { return paint(s, .dim) }
        return stance < 0 ? paint(s, .red) : stance > 0 ? paint(s, .green) : s
    }
}
