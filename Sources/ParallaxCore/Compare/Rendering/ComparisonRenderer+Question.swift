extension ComparisonRenderer {
    /// Renders `compare QUESTION`: the question and its scale, one block per analyst (name,
    /// stance and label, where the quoted passage stands, the quote, the codings), then the
    /// summary and the pattern in words.
    /// - Parameters:
    ///   - comparison: The comparison.
    ///   - out: Where the text goes.
    public func render(_ comparison: QuestionComparison, to out: inout some TextOutputStream) {
        let q = comparison.question
        let ui = layout
        out.write(ui.paint(q.id, .bold) + (comparison.sets.map { "  (sets: " + $0.joined(separator: ", ") + ")" } ?? "") + "\n")
        for line in TextLayout.wrap(q.text, width: columns) { out.write(line + "\n") }
        for line in legend(q) { out.write(ui.paint(line, .dim) + "\n") }
        out.write("\n")

        let rows = comparison.rows
        let nameWidth = min(24, columns / 3, rows.map { TextLayout.columns($0.name) }.max() ?? 0)
        let numberWidth = max(2, rows.compactMap { $0.stance.map { Aggregation.signed($0).count } }.max() ?? 2)
        let labelWidth = rows.compactMap { $0.label.map(TextLayout.columns) }.max() ?? 0
        let indent = "    "
        for row in rows {
            let name = TextLayout.pad(TextLayout.truncate(row.name, nameWidth), nameWidth)
            guard let stance = row.stance else {
                out.write(name + "  " + String(repeating: " ", count: numberWidth + 2) + ui.paint("no position", .dim) + "\n")
                continue
            }
            let number = TextLayout.padLeft(Aggregation.signed(stance), numberWidth)
            let label = row.label ?? ""
            let location = row.evidence?.location ?? ""
            let head = name + "  " + number + "  " + TextLayout.pad(label, labelWidth)
            let stanceText = ui.paint(number + "  " + label, stance: stance)
            if TextLayout.columns(head) + 2 + TextLayout.columns(location) <= columns {
                out.write(name + "  " + stanceText + String(repeating: " ", count: labelWidth - TextLayout.columns(label))
                          + "  " + location + "\n")
            } else if TextLayout.columns(name + "  " + number + "  " + label) <= columns {
                out.write(name + "  " + stanceText + "\n")
                out.write(indent + location + "\n")
            } else {
                // Too narrow for name and stance on one line.
                out.write(TextLayout.truncate(row.name, columns) + "\n")
                for line in TextLayout.wrap(number + "  " + label, width: columns - indent.count) {
                    out.write(indent + ui.paint(line, stance: stance) + "\n")
                }
                out.write(indent + location + "\n")
            }
            if let evidence = row.evidence {
                for line in TextLayout.wrap("“" + evidence.quote + "”", width: columns - indent.count) {
                    out.write(indent + line + "\n")
                }
            }
            for line in codingsLines(row, width: columns - indent.count) {
                out.write(indent + ui.paint(line, .dim) + "\n")
            }
        }
        out.write("\n")
        for line in TextLayout.wrap(items: summaryItems(comparison), separator: " · ", width: columns, rest: columns) {
            out.write(line + "\n")
        }
        for line in TextLayout.wrap(patternText(comparison), width: columns) { out.write(ui.paint(line, .bold) + "\n") }
    }

    /// `2 codings by baseline: -2 -2`, or with several coders each one's median and codings:
    /// `coders differ: alice -2 (-2 -2) · bob -1 (-1)`; as items to wrap between.
    func codingsItems(_ row: AnalystPosition) -> [String] {
        var items: [String]
        if row.coders.count == 1, let only = row.coders.first {
            items = [ComparisonRenderer.count(row.codings.count, "coding") + " by \(only.set): "
                + row.codings.map { Question.signed($0.stance) }.joined(separator: " ")]
        } else {
            items = row.coders.map { coder in
                let own = row.codings.filter { $0.set == coder.set }.map { Question.signed($0.stance) }
                return "\(coder.set) \(Aggregation.signed(coder.stance)) (" + own.joined(separator: " ") + ")"
            }
            if !items.isEmpty { items[0] = (row.codersDisagree ? "coders differ: " : "coders agree: ") + items[0] }
        }
        if row.codedOnBothSides, !items.isEmpty { items[items.count - 1] += "; codings on both sides of 0" }
        return items
    }

    /// The codings line(s) of a row, wrapped between coders.
    func codingsLines(_ row: AnalystPosition, width: Int) -> [String] {
        TextLayout.wrap(items: codingsItems(row), separator: " · ", width: width, rest: width)
    }

    /// `4 of 6 analysts take a position · median -1 unlikely · spread -2 to -1 (range 1)`.
    func summaryItems(_ c: QuestionComparison) -> [String] {
        let s = c.summary
        var parts = ["\(s.positions) of " + ComparisonRenderer.count(s.analysts, "analyst")
                     + (s.positions == 1 ? " takes a position" : " take a position")]
        if let median = s.median {
            parts.append("median " + ComparisonRenderer.stanceText(median, label: Aggregation.label(of: median, on: c.question)))
        }
        if let low = s.min, let high = s.max, let range = s.range, s.positions > 1 {
            parts.append(low == high ? "no spread (all at \(Aggregation.signed(low)))"
                : "spread " + Aggregation.signed(low) + " to " + Aggregation.signed(high)
                    + " (range " + Aggregation.signed(range).replacingOccurrences(of: "+", with: "") + ")")
        }
        return parts
    }

    /// The pattern in plain words, with the counts behind it.
    func patternText(_ c: QuestionComparison) -> String {
        let s = c.summary
        let q = c.question
        func at(_ v: Double) -> String { ComparisonRenderer.stanceText(v, label: Aggregation.label(of: v, on: q)) }
        /// `3 positions below 0, 1 at 0 and 2 above 0`, the given side first.
        func counts(first: Side?) -> String {
            var parts: [(side: Side, count: Int, place: String)] = []
            if s.below > 0 { parts.append((.negative, s.below, "below 0")) }
            if s.neutral > 0 { parts.append((.neutral, s.neutral, "at 0")) }
            if s.above > 0 { parts.append((.positive, s.above, "above 0")) }
            if let first, let i = parts.firstIndex(where: { $0.side == first }) { parts.insert(parts.remove(at: i), at: 0) }
            let text = parts.enumerated().map { i, p in
                (i == 0 ? ComparisonRenderer.count(p.count, "position") : "\(p.count)") + " " + p.place
            }
            guard text.count > 1 else { return text.first ?? "" }
            return text.dropLast().joined(separator: ", ") + " and " + text.last!
        }
        let all = s.positions == 2 ? "both positions" : "all " + ComparisonRenderer.count(s.positions, "position")
        switch s.pattern {
        case .tooFew:
            return s.positions == 0 ? "No analyst takes a position on this question."
                : "Too few positions for a pattern: only one analyst takes a position."
        case .consensus:
            guard let low = s.min, let high = s.max else { return "Consensus." }
            let place = low == high ? "at " + at(low) : "between " + at(low) + " and " + at(high)
            switch s.side {
            case .negative?: return "Consensus on the negative side: \(all) \(place)."
            case .positive?: return "Consensus on the positive side: \(all) \(place)."
            default: return "Consensus on 0: \(all) \(place)."
            }
        case .lean:
            let side = s.side == .negative ? "negative" : "positive"
            return "Lean to the \(side) side: \(counts(first: s.side))."
        case .split:
            return "Split: \(counts(first: nil))."
        case .polarised:
            guard let low = s.min, let high = s.max else { return "Polarised." }
            return "Polarised: \(counts(first: nil)), from " + at(low) + " to " + at(high) + "."
        case .mixed:
            return "Mixed, no side holds a majority: \(counts(first: .neutral))."
        }
    }
}
