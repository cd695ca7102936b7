/// Renders an ``AgreementReport`` as plain text for a terminal or a file: a table with one row
/// per question (units, pairable values, alpha at three levels, kappa for two coders), the
/// pooled figures, and for two coders the pooled confusion table with the scale's labels.
///
/// Coefficients print with three decimals. Where the data cannot carry a number the text says
/// so instead ("too little data", "undefined (everyone used one value)"), and a number from
/// fewer than ``AgreementCoefficient/smallSampleBelow`` pairable values is flagged "n small".
/// Writes to an injected `TextOutputStream`; lines never exceed ``width`` columns (at least 40
/// are used): when the table does not fit, the "n small" note shrinks to `*`, then long question
/// ids are shortened (not below 16 columns), and failing that each question gets a block of its
/// own. ANSI colour only when ``colour`` is true.
public struct AgreementRenderer: Sendable {
    /// Columns available; values under 40 are treated as 40.
    public var width: Int
    /// Whether to emit ANSI colour codes.
    public var colour: Bool

    /// Creates a renderer.
    /// - Parameters:
    ///   - width: Columns available (default 80; at least 40 is used).
    ///   - colour: Whether to emit ANSI colour codes (default off).
    public init(width: Int = 80, colour: Bool = false) {
        self.width = width
        self.colour = colour
    }

    var columns: Int { max(40, width) }
    var ui: TextLayout { TextLayout(colour: colour) }

    /// Renders the report.
    /// - Parameters:
    ///   - report: The report.
    ///   - out: Where the text goes.
    public func render(_ report: AgreementReport, to out: inout some TextOutputStream) {
        heading(report, to: &out)
        out.write("\n")
        questionTable(report, to: &out)
        out.write("\n")
        overall(report, to: &out)
        if let kappa = report.overall.kappa {
            out.write("\n")
            confusion(report, kappa, to: &out)
        }
    }

    // MARK: - heading

    func heading(_ report: AgreementReport, to out: inout some TextOutputStream) {
        let names = report.coders.map(\.name)
        var title = names.count == 2 ? "Agreement between \(names[0]) and \(names[1])"
            : "Agreement among " + names.dropLast().joined(separator: ", ") + " and " + names.last!
        if let q = report.question { title += " on \(q)" }
        write(title, .bold, to: &out)
        write("A unit is one analyst on one question; a coder's value on it is the median of the coder's "
              + "codings there (for nominal, ordinal and κ the lower middle coding).", .dim, to: &out)
    }

    // MARK: - per question

    /// The short coefficient columns of the table, in order.
    func cells(_ f: AgreementFigures) -> [AgreementCoefficient] {
        [f.alpha.nominal, f.alpha.ordinal, f.alpha.interval] + (f.kappa.map { [$0.unweighted] } ?? [])
    }

    func questionTable(_ report: AgreementReport, to out: inout some TextOutputStream) {
        let two = report.coders.count == 2
        let headers = ["α nom", "α ord", "α int"] + (two ? ["κ"] : [])
        let cellWidth = 6
        let rows = report.questions
        let unitsWidth = max(5, rows.map { String($0.figures.units).count }.max() ?? 1)
        let nWidth = max(2, rows.map { String($0.figures.pairableValues).count }.max() ?? 1)
        let small = rows.contains { $0.figures.sample == .smallSample && !allUndefined($0.figures) }
        // Fit the width: first the note "n small" shrinks to "*", then long ids are cut (never
        // below 16 columns, so that they stay recognisable); failing that, one block a question.
        var idWidth = max(8, rows.map { TextLayout.columns($0.question.id) }.max() ?? 8)
        let numbers = 2 + unitsWidth + 2 + nWidth + headers.count * (2 + cellWidth)
        var note = "n small"
        if small && idWidth + numbers + 2 + note.count > columns { note = "*" }
        let rest = numbers + (small ? 2 + note.count : 0)
        if idWidth + rest > columns { idWidth = max(min(idWidth, 16), columns - rest) }
        guard idWidth + rest <= columns else { return questionBlocks(report, to: &out) }

        func prefix(_ id: String, _ units: String, _ n: String) -> String {
            TextLayout.pad(TextLayout.truncate(id, idWidth), idWidth) + "  " + TextLayout.padLeft(units, unitsWidth)
                + "  " + TextLayout.padLeft(n, nWidth)
        }
        let header = prefix("question", "units", "n") + headers.map { "  " + TextLayout.padLeft($0, cellWidth) }.joined()
        out.write(ui.paint(header, .bold) + "\n")
        var usedUndefined = false
        for entry in rows {
            let f = entry.figures
            let head = prefix(entry.question.id, String(f.units), String(f.pairableValues))
            if let words = rowNote(f, coders: report.coders.count) {
                let lines = TextLayout.wrap(words, width: max(8, columns - head.count - 2))
                out.write(head + "  " + ui.paint(lines[0], .dim) + "\n")
                for line in lines.dropFirst() {
                    out.write(String(repeating: " ", count: head.count + 2) + ui.paint(line, .dim) + "\n")
                }
                continue
            }
            var line = head
            for c in cells(f) {
                let text = c.value.map(AgreementRenderer.number) ?? (c.status == .undefined ? "undef." : "—")
                usedUndefined = usedUndefined || c.status == .undefined
                line += "  " + TextLayout.padLeft(text, cellWidth)
            }
            if f.sample == .smallSample { line += "  " + ui.paint(note, .yellow) }
            out.write(line + "\n")
        }
        out.write("\n")
        var legend = ["units: positions coded by any coder",
                      "n: pairable values (in units coded by " + (two ? "both)" : "two or more)"),
                      "α: Krippendorff's alpha, nominal, ordinal, interval"]
        if two { legend.append("κ: Cohen's kappa, unweighted") }
        if small {
            legend.append((note == "*" ? "*: n small, " : "n small: ")
                          + "fewer than \(AgreementCoefficient.smallSampleBelow) pairable values, read with care")
        }
        if usedUndefined { legend.append("undef.: undefined, everyone used one value") }
        for line in AgreementRenderer.wrap(items: legend, width: columns) {
            out.write(ui.paint(line, .dim) + "\n")
        }
    }

    /// The words that replace a row's numbers, when the numbers cannot be read.
    func rowNote(_ f: AgreementFigures, coders: Int) -> String? {
        let by = coders == 2 ? "both" : "two or more coders"
        if f.units == 0 { return "not coded" }
        if f.sample == .tooLittleData {
            return f.pairableUnits == 0 ? "too little data: no unit coded by \(by)" : "too little data: 1 unit coded by \(by)"
        }
        if allUndefined(f) { return AgreementCoefficient.Status.undefined.description }
        return nil
    }

    func allUndefined(_ f: AgreementFigures) -> Bool {
        cells(f).allSatisfy { $0.status == .undefined }
    }

    /// The narrow layout: one block per question.
    func questionBlocks(_ report: AgreementReport, to out: inout some TextOutputStream) {
        for entry in report.questions {
            let f = entry.figures
            out.write(ui.paint(TextLayout.truncate(entry.question.id, columns), .bold) + "\n")
            var counts = [ComparisonRenderer.count(f.units, "unit"), "n \(f.pairableValues)"]
            if let words = rowNote(f, coders: report.coders.count) {
                counts.append(words)
                write(items: counts, indent: "  ", to: &out)
                continue
            }
            if f.sample == .smallSample { counts.append(AgreementCoefficient.Status.smallSample.description) }
            write(items: counts, indent: "  ", to: &out)
            var items = [("α nominal", f.alpha.nominal), ("ordinal", f.alpha.ordinal), ("interval", f.alpha.interval)]
            if let k = f.kappa { items.append(("κ", k.unweighted)) }
            write(items: items.map { $0.0 + " " + AgreementRenderer.text($0.1) }, indent: "  ", to: &out)
        }
    }

    // MARK: - overall

    func overall(_ report: AgreementReport, to out: inout some TextOutputStream) {
        let f = report.overall
        let two = report.coders.count == 2
        let by = two ? "both" : "two or more coders"
        let title = report.questions.count == 1 ? "\(report.questions[0].question.id) in full"
            : "All \(report.questions.count) questions pooled"
        write(title, .bold, to: &out)
        write(items: [ComparisonRenderer.count(f.units, "unit"), "\(f.pairableUnits) coded by \(by)",
                      ComparisonRenderer.count(f.pairableValues, "pairable value")], indent: "  ", to: &out)
        if f.sample == .tooLittleData {
            write("too little data: fewer than \(AgreementCoefficient.minimumPairableUnits) units coded by \(by)",
                  .dim, indent: "  ", to: &out)
        } else {
            let label = 16
            let alpha = [("nominal", f.alpha.nominal), ("ordinal", f.alpha.ordinal), ("interval", f.alpha.interval)]
            write(items: alpha.map { $0.0 + " " + AgreementRenderer.text($0.1) },
                  indent: "  ", head: TextLayout.pad("Krippendorff's α", label) + "  ", to: &out)
            if let k = f.kappa {
                write(items: KappaWeighting.allCases.map { $0.rawValue + " " + AgreementRenderer.text(k[$0]) },
                      indent: "  ", head: TextLayout.pad("Cohen's κ", label) + "  ", to: &out)
            }
            if f.sample == .smallSample {
                write("n small: fewer than \(AgreementCoefficient.smallSampleBelow) pairable values, read with care",
                      .yellow, indent: "  ", to: &out)
            }
        }
        if !report.sharedScale {
            write("the questions' scales differ, so the pooled figures mix them", .yellow, indent: "  ", to: &out)
        }
        write(items: report.coders.enumerated().map { i, c in
            (i == 0 ? "\(c.name) coded " : "\(c.name) ") + ComparisonRenderer.count(c.units, "unit")
                + " (" + ComparisonRenderer.count(c.codings, "coding") + ")"
        }, indent: "  ", to: &out)
        if f.splitReadings > 0 {
            let values = f.splitReadings == 1 ? "1 coder value rests" : "\(f.splitReadings) coder values rest"
            write("\(values) on codings split evenly between two points: nominal, ordinal and κ take the lower, "
                  + "interval the midpoint", .dim, indent: "  ", to: &out)
        }
        if !report.leftOut.isEmpty {
            var items: [String] = []
            if report.leftOut.unknownQuestion > 0 {
                items.append(ComparisonRenderer.count(report.leftOut.unknownQuestion, "coding") + " on questions not in the codebook")
            }
            if report.leftOut.offScale > 0 {
                items.append(ComparisonRenderer.count(report.leftOut.offScale, "coding") + " off its question's scale")
            }
            items[0] = "left out: " + items[0]
            write(items: items, indent: "  ", to: &out)
        }
        if !two { write("κ and the confusion table need exactly two coders", .dim, indent: "  ", to: &out) }
    }

    // MARK: - confusion table

    func confusion(_ report: AgreementReport, _ kappa: AgreementFigures.Kappas, to out: inout some TextOutputStream) {
        let table = kappa.confusion
        let first = report.coders[0].name, second = report.coders[1].name
        let scope = report.questions.count == 1 ? report.questions[0].question.id : "all questions pooled"
        write("Confusion table, \(scope): rows \(first), columns \(second)", .bold, to: &out)
        guard kappa.itemsCompared > 0 else {
            write("no unit coded by both", .dim, indent: "  ", to: &out)
            return
        }
        let values = table.categories.map(Question.signed)
        let rows = table.rowTotals, cols = table.columnTotals
        let cellWidth = max(3, (values.map(\.count) + [String(kappa.itemsCompared).count]).max()!)
        let totalWidth = max(5, String(kappa.itemsCompared).count)
        let valueWidth = values.map(\.count).max() ?? 2
        let indent = 2
        let body = table.categories.count * (2 + cellWidth) + 2 + totalWidth
        let room = columns - indent - body
        guard room >= max(valueWidth, 5) else { return confusionList(report, kappa, to: &out) }
        let labels = report.overallLabels.flatMap { room >= valueWidth + 4 ? $0 : nil }
        let heads = values.enumerated().map { i, v in
            TextLayout.padLeft(v, valueWidth) + (labels.map { " " + $0[i] } ?? "")
        }
        let headWidth = min(room, max(5, heads.map(TextLayout.columns).max()!))
        let pad = String(repeating: " ", count: indent)
        var header = pad + String(repeating: " ", count: headWidth)
        for v in values { header += "  " + TextLayout.padLeft(v, cellWidth) }
        out.write(ui.paint(header + "  " + TextLayout.padLeft("total", totalWidth), .bold) + "\n")
        for (i, head) in heads.enumerated() {
            var line = pad + TextLayout.pad(TextLayout.truncate(head, headWidth), headWidth)
            for (j, n) in table.counts[i].enumerated() {
                let cell = TextLayout.padLeft(String(n), cellWidth)
                line += "  " + (i == j ? ui.paint(cell, .bold) : n == 0 ? ui.paint(cell, .dim) : cell)
            }
            out.write(line + "  " + TextLayout.padLeft(String(rows[i]), totalWidth) + "\n")
        }
        var footer = pad + TextLayout.pad("total", headWidth)
        for n in cols { footer += "  " + TextLayout.padLeft(String(n), cellWidth) }
        out.write(footer + "  " + TextLayout.padLeft(String(kappa.itemsCompared), totalWidth) + "\n")
        confusionNotes(report, kappa, to: &out)
    }

    /// When even a bare table is too wide: the non-empty cells, one a line.
    func confusionList(_ report: AgreementReport, _ kappa: AgreementFigures.Kappas, to out: inout some TextOutputStream) {
        let table = kappa.confusion
        for (i, row) in table.counts.enumerated() {
            for (j, n) in row.enumerated() where n > 0 {
                let text = "\(report.coders[0].name) \(Question.signed(table.categories[i])), "
                    + "\(report.coders[1].name) \(Question.signed(table.categories[j])): " + ComparisonRenderer.count(n, "unit")
                write(text, i == j ? .bold : nil, indent: "  ", to: &out)
            }
        }
        confusionNotes(report, kappa, to: &out)
    }

    func confusionNotes(_ report: AgreementReport, _ kappa: AgreementFigures.Kappas, to out: inout some TextOutputStream) {
        var notes: [String] = []
        if kappa.itemsSkipped > 0 {
            notes.append(ComparisonRenderer.count(kappa.itemsSkipped, "unit") + " coded by one coder only "
                         + (kappa.itemsSkipped == 1 ? "is" : "are") + " not in the table")
        }
        if report.overallLabels == nil, let low = report.overallScale.first, let high = report.overallScale.last {
            notes.append("the labels differ by question: \(Question.signed(low)) … \(Question.signed(high)) are "
                         + "each question's own points")
        }
        for note in notes { write(note, .dim, indent: "  ", to: &out) }
    }

    // MARK: - helpers

    /// A coefficient with three decimals: `0.750`, `-0.125`, `1.000`.
    public static func number(_ value: Double) -> String {
        let thousandths = Int((abs(value) * 1000).rounded())
        let fraction = String(thousandths % 1000)
        let digits = "\(thousandths / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
        return value < 0 && thousandths > 0 ? "-" + digits : digits
    }

    /// A coefficient's number, or the words that stand in for it.
    public static func text(_ c: AgreementCoefficient) -> String {
        guard let value = c.value else { return c.status.description }
        return number(value)
    }

    /// Writes text wrapped to the width, each line with an indent and in one paint.
    func write(_ text: String, _ paint: TextLayout.Paint? = nil, indent: String = "", to out: inout some TextOutputStream) {
        for line in TextLayout.wrap(text, width: columns - indent.count) {
            out.write(indent + (paint.map { ui.paint(line, $0) } ?? line) + "\n")
        }
    }

    /// Writes items joined by " · ", wrapped between items; `head` starts the first line and
    /// continuation lines are indented under the first item.
    func write(items: [String], indent: String, head: String = "", to out: inout some TextOutputStream) {
        let start = indent.count + TextLayout.columns(head)
        for (i, line) in AgreementRenderer.wrap(items: items, width: columns - start).enumerated() {
            out.write((i == 0 ? indent + head : String(repeating: " ", count: start)) + line + "\n")
        }
    }

    /// Greedy wrap of items joined by " · ", breaking between items; an item wider than a line
    /// is word-wrapped on lines of its own.
    static func wrap(items: [String], width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for item in items {
            if !line.isEmpty {
                if TextLayout.columns(line) + 3 + TextLayout.columns(item) <= width {
                    line += " · " + item
                    continue
                }
                lines.append(line)
            }
            let pieces = TextLayout.wrap(item, width: width)
            lines += pieces.dropLast()
            line = pieces.last ?? ""
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }
}
