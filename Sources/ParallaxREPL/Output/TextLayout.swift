/// Width-aware text helpers: display width of a string on a terminal, wrapping, truncating,
/// and aligned tables.
public enum TextLayout {
    /// Terminal columns a string takes: wide East Asian characters and emoji count 2,
    /// combining marks and zero-width characters 0, ANSI escapes 0.
    public static func width(_ s: String) -> Int {
        var w = 0
        var inEscape = false
        for ch in s {
            if inEscape { if ch.isLetter { inEscape = false }; continue }
            if ch == "\u{1B}" { inEscape = true; continue }
            w += width(of: ch)
        }
        return w
    }

    static func width(of ch: Character) -> Int {
        guard let first = ch.unicodeScalars.first else { return 0 }
        let v = first.value
        if first.properties.isEmojiPresentation || ch.unicodeScalars.count > 1 && ch.unicodeScalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        if (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v) { return 2 }
        switch first.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return 0
        default: return 1
        }
    }

    /// Pads with spaces to `columns` display columns.
    public static func pad(_ s: String, _ columns: Int) -> String {
        let w = width(s)
        return w >= columns ? s : s + String(repeating: " ", count: columns - w)
    }

    /// Cuts to at most `columns` display columns, ending with `…` when cut.
    public static func truncate(_ s: String, _ columns: Int) -> String {
        if width(s) <= columns { return s }
        var out = ""
        var w = 0
        for ch in s {
            let cw = width(of: ch)
            if w + cw > columns - 1 { break }
            out.append(ch); w += cw
        }
        return out + "…"
    }

    /// Word-wraps to `columns`, never cutting words shorter than a line.
    public static func wrap(_ s: String, _ columns: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in s.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            let w = String(word)
            if line.isEmpty { line = w }
            else if width(line) + 1 + width(w) <= columns { line += " " + w }
            else { lines.append(line); line = w }
            while width(line) > columns {
                let head = String(line.prefix(columns))
                lines.append(head)
                line = String(line.dropFirst(columns))
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// An aligned table. The last column takes the remaining width and wraps (or, with
    /// `truncateLast`, is cut to one line); other columns are as wide as their widest cell.
    public static func table(header: [String], rows: [[String]], width: Int, style: Style, truncateLast: Bool = false) -> String {
        guard !header.isEmpty else { return "" }
        let n = header.count
        var widths = header.map { Self.width($0) }
        for r in rows { for (i, c) in r.enumerated() where i < n - 1 { widths[i] = max(widths[i], Self.width(c)) } }
        let fixed = widths.dropLast().reduce(0, +) + 2 * (n - 1)
        let last = max(20, width - fixed)
        var out = ""
        func emit(_ cells: [String], bold: Bool) {
            let wrapped = truncateLast ? [TextLayout.truncate(cells.last ?? "", last)] : TextLayout.wrap(cells.last ?? "", last)
            for (k, piece) in wrapped.enumerated() {
                var line = ""
                for i in 0..<(n - 1) {
                    line += pad(k == 0 ? cells[i] : "", widths[i]) + "  "
                }
                line += piece
                while line.hasSuffix(" ") { line.removeLast() }
                out += (bold ? style.bold(line) : line) + "\n"
            }
        }
        emit(header, bold: true)
        for r in rows { emit(r, bold: false) }
        return out
    }
}
