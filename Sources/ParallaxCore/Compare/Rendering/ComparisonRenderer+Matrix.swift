extension ComparisonRenderer {
    /// Renders `matrix`: question ids down the side, analyst ids across, one aggregated stance
    /// per cell (blank for no position; half-points as `-1.5`, aligned on the units digit).
    /// Headers longer than a cell are cut with "…"; when the columns do not fit the width, the
    /// analysts are split into several tables, each repeating the question ids.
    /// - Parameters:
    ///   - matrix: The matrix.
    ///   - out: Where the text goes.
    public func render(_ matrix: StanceMatrix, to out: inout some TextOutputStream) {
        let ui = layout
        var title = "Stances by question and analyst (median of each analyst's codings)"
        if let sets = matrix.sets { title += ", sets: " + sets.joined(separator: ", ") }
        for line in TextLayout.wrap(title, width: columns) { out.write(ui.paint(line, .bold) + "\n") }

        let sideWidth = min(max(8, columns / 3), matrix.rows.map { TextLayout.columns($0.question) }.max() ?? 8)
        let gap = 2
        // Per column: whether any value has a fraction (then integers get two spaces of padding
        // so units digits line up), and the width the values need.
        let fractional = matrix.analysts.indices.map { c in
            matrix.rows.contains { row in row.stances[c].map { $0 != $0.rounded() } ?? false }
        }
        let valueWidths = matrix.analysts.indices.map { c in
            matrix.rows.compactMap { row in row.stances[c].map { cellText($0, fractional: fractional[c]).count } }.max() ?? 2
        }
        let room = columns - sideWidth
        let full = matrix.analysts.indices.map { c in
            min(max(valueWidths[c], TextLayout.columns(matrix.analysts[c].id)), max(valueWidths[c], room - gap))
        }
        var widths = full
        // Cut long headers (to no less than the values or 5 columns) until one table fits; if
        // it cannot, keep the full headers and split the analysts into several tables instead.
        while widths.reduce(0, { $0 + $1 + gap }) > room,
              let widest = widths.indices.max(by: { widths[$0] < widths[$1] }),
              widths[widest] > max(valueWidths[widest], 5) {
            widths[widest] -= 1
        }
        if widths.reduce(0, { $0 + $1 + gap }) > room { widths = full }
        // Split columns into tables that fit.
        var groups: [[Int]] = [[]]
        var used = 0
        for c in matrix.analysts.indices {
            if used + widths[c] + gap > room, !groups[groups.count - 1].isEmpty {
                groups.append([]); used = 0
            }
            groups[groups.count - 1].append(c); used += widths[c] + gap
        }

        for group in groups where !group.isEmpty || matrix.analysts.isEmpty {
            out.write("\n")
            var header = String(repeating: " ", count: sideWidth)
            for c in group {
                header += String(repeating: " ", count: gap)
                    + TextLayout.padLeft(TextLayout.truncate(matrix.analysts[c].id, widths[c]), widths[c])
            }
            out.write(trimmed(header) + "\n")
            for row in matrix.rows {
                var line = TextLayout.pad(TextLayout.truncate(row.question, sideWidth), sideWidth)
                for c in group {
                    line += String(repeating: " ", count: gap)
                    if let v = row.stances[c] {
                        let text = cellText(v, fractional: fractional[c])
                        let padding = String(repeating: " ", count: max(0, widths[c] - text.count))
                        let core = text.hasSuffix("  ") ? String(text.dropLast(2)) : text
                        line += padding + ui.paint(core, stance: v) + (text.hasSuffix("  ") ? "  " : "")
                    } else {
                        line += String(repeating: " ", count: widths[c])
                    }
                }
                out.write(trimmed(line) + "\n")
            }
        }
        out.write("\n")
        let legend = "Each cell is a stance on that question's scale, -2 to +2 (compare QUESTION for "
            + "the labels); a half-point lies between two points; blank: no position."
        for line in TextLayout.wrap(legend, width: columns) { out.write(ui.paint(line, .dim) + "\n") }
    }

    /// `-1`, `+2`, `0`, `-1.5`; with `fractional`, integers get two trailing spaces so that the
    /// units digits of a column line up.
    func cellText(_ v: Double, fractional: Bool) -> String {
        let text = Aggregation.signed(v)
        return fractional && v == v.rounded() ? text + "  " : text
    }

    /// A line without trailing spaces.
    func trimmed(_ s: String) -> String {
        var s = s
        while s.last == " " { s.removeLast() }
        return s
    }
}
