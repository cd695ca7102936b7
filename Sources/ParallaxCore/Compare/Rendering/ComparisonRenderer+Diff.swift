extension ComparisonRenderer {
    /// Renders `diff A B`: a count of verdicts, then one block per question, sharpest
    /// disagreement first: the verdict and distance, the question, and the two analysts side by
    /// side (stance, where the quote stands, the quote). Narrow widths (under 60 columns) stack
    /// the two sides instead. Questions neither analyst speaks to are listed in one line at the end.
    /// - Parameters:
    ///   - diff: The diff.
    ///   - out: Where the text goes.
    public func render(_ diff: AnalystDiff, to out: inout some TextOutputStream) {
        let ui = layout
        let title = "\(diff.firstName) vs \(diff.secondName): " + ComparisonRenderer.count(diff.entries.count, "question")
            + (diff.sets.map { " (sets: " + $0.joined(separator: ", ") + ")" } ?? "")
        for line in TextLayout.wrap(title, width: columns) { out.write(ui.paint(line, .bold) + "\n") }
        let counts = diff.counts
        let tally = DiffVerdict.allCases.filter { counts[$0, default: 0] > 0 }
            .map { "\(counts[$0, default: 0]) " + ComparisonRenderer.verdictName($0) }
        for line in TextLayout.wrap(items: tally, separator: " · ", width: columns, rest: columns) {
            out.write(line + "\n")
        }

        for entry in diff.entries where entry.verdict != .neither {
            out.write("\n")
            var heading = TextLayout.wrap("── " + entry.question.id + ": " + headline(entry), width: columns)
            let last = heading.count - 1
            if TextLayout.columns(heading[last]) + 2 <= columns {
                heading[last] += " " + String(repeating: "─", count: columns - TextLayout.columns(heading[last]) - 1)
            }
            for line in heading { out.write(ui.paint(line, .bold) + "\n") }
            for line in TextLayout.wrap(entry.question.text, width: columns) { out.write(line + "\n") }
            let sides = [entry.first, entry.second]
            if columns >= 60 {
                let gap = 3
                let cell = (columns - gap) / 2
                let blocks = sides.map { side(of: $0, width: cell) }
                for i in 0..<max(blocks[0].count, blocks[1].count) {
                    let left = i < blocks[0].count ? blocks[0][i] : (text: "", stance: nil, paint: nil)
                    let right = i < blocks[1].count ? blocks[1][i] : (text: "", stance: nil, paint: nil)
                    let padded = painted(left) + String(repeating: " ", count: cell + gap - TextLayout.columns(left.text))
                    let line = right.text.isEmpty ? painted(left) : padded + painted(right)
                    out.write(line + "\n")
                }
            } else {
                for (k, position) in sides.enumerated() {
                    if k > 0 { out.write("\n") }
                    for piece in side(of: position, width: columns) { out.write(painted(piece) + "\n") }
                }
            }
        }

        let silent = diff.entries.filter { $0.verdict == .neither }.map(\.question.id)
        if !silent.isEmpty {
            out.write("\n")
            let text = silent.count == diff.entries.count
                ? "Neither takes a position on any question."
                : "Neither takes a position on: " + silent.joined(separator: ", ") + "."
            for line in TextLayout.wrap(text, width: columns) { out.write(ui.paint(line, .dim) + "\n") }
        }
    }

    /// A verdict in words, as counted in the tally.
    static func verdictName(_ v: DiffVerdict) -> String {
        switch v {
        case .opposite: return "on opposite sides"
        case .differ: return "differ (one at 0)"
        case .sameSide: return "on the same side"
        case .agree: return "agree"
        case .onlyOne: return "only one speaks"
        case .neither: return "neither speaks"
        }
    }

    /// `opposite sides, 2 points apart`, `only Ali Wyne takes a position`.
    func headline(_ e: QuestionDiff) -> String {
        let apart = e.distance.map { ", " + ComparisonRenderer.points($0) + " apart" } ?? ""
        switch e.verdict {
        case .opposite: return "opposite sides" + apart
        case .differ: return "differ (one at 0)" + apart
        case .sameSide: return "same side" + apart
        case .agree: return "agree"
        case .onlyOne: return "only " + (e.first.hasPosition ? e.first.name : e.second.name) + " takes a position"
        case .neither: return "neither takes a position"
        }
    }

    typealias Piece = (text: String, stance: Double?, paint: TextLayout.Paint?)

    /// One analyst's side of a diff block, as lines of at most `width` columns.
    func side(of p: AnalystPosition, width: Int) -> [Piece] {
        var lines: [Piece] = TextLayout.wrap(p.name, width: width).map { ($0, nil, .bold) }
        guard let stance = p.stance else {
            lines.append(("no position", nil, .dim))
            return lines
        }
        for line in TextLayout.wrap(ComparisonRenderer.stanceText(stance, label: p.label), width: width) {
            lines.append((line, stance, nil))
        }
        if let e = p.evidence {
            lines.append((TextLayout.truncate(e.location, width), nil, nil))
            for line in TextLayout.wrap("“" + e.quote + "”", width: width) { lines.append((line, nil, nil)) }
        }
        if p.coders.count > 1 || p.codedOnBothSides {
            for line in codingsLines(p, width: width) { lines.append((line, nil, .dim)) }
        }
        return lines
    }

    /// A piece of a side with its colour.
    func painted(_ piece: Piece) -> String {
        let ui = layout
        if let stance = piece.stance { return ui.paint(piece.text, stance: stance) }
        if let p = piece.paint { return ui.paint(piece.text, p) }
        return piece.text
    }
}
