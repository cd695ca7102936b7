import Foundation

/// Renders a ``UnitizingReport`` as plain text, in the manner of ``AgreementRenderer``: a table
/// with one row per question (each coder's units, αu), then the pooled figure with its mean
/// disagreements, the coders' counts and what was merged or left out.
///
/// αu prints with three decimals; D_o and D_e, which are small on a long continuum, with three
/// significant digits. Lines never exceed ``width`` columns (at least 40 are used): when the
/// table does not fit, long question ids are shortened (not below 16 columns), and failing that
/// each question gets a block of its own. ANSI colour only when ``colour`` is true.
public struct UnitizingRenderer: Sendable {
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
    var base: AgreementRenderer { AgreementRenderer(width: width, colour: colour) }

    /// Renders the report.
    /// - Parameters:
    ///   - report: The report.
    ///   - out: Where the text goes.
    public func render(_ report: UnitizingReport, to out: inout some TextOutputStream) {
        let names = report.coders.map(\.name)
        var title = names.count == 2 ? "Unitizing agreement between \(names[0]) and \(names[1])"
            : "Unitizing agreement among " + names.dropLast().joined(separator: ", ") + " and " + names.last!
        if let q = report.question { title += " on \(q)" }
        base.write(title, .bold, to: &out)
        base.write("Krippendorff's αu on which passages each coder coded with a question. The continuum is the "
                   + ComparisonRenderer.count(report.documents, "corpus document") + " end to end ("
                   + ComparisonRenderer.count(report.continuum, "code point") + "); a unit is a coded span, "
                   + "whatever its stance.", .dim, to: &out)
        out.write("\n")
        table(report, to: &out)
        out.write("\n")
        pooled(report, to: &out)
    }

    /// A question's αu, or the words that stand in for it.
    static func text(_ result: UnitizingAlphaResult) -> String {
        if let alpha = result.alpha { return AgreementRenderer.number(alpha) }
        return result.undefinedReason == .noUnits ? "not coded" : "undef."
    }

    func table(_ report: UnitizingReport, to out: inout some TextOutputStream) {
        let rows = report.questions
        let coderWidths = report.coders.map { c in
            min(10, max(5, TextLayout.columns(c.name), rows.map { String($0.units.isEmpty ? 0 : $0.units.max()!).count }.max() ?? 1))
        }
        let alphaWidth = 9
        let rest = coderWidths.reduce(0) { $0 + 2 + $1 } + 2 + alphaWidth
        var idWidth = max(8, rows.map { TextLayout.columns($0.question) }.max() ?? 8)
        if idWidth + rest > columns { idWidth = max(min(idWidth, 16), columns - rest) }
        guard idWidth + rest <= columns else { return blocks(report, to: &out) }

        var header = TextLayout.pad("question", idWidth)
        for (c, w) in zip(report.coders, coderWidths) { header += "  " + TextLayout.padLeft(TextLayout.truncate(c.name, w), w) }
        out.write(ui.paint(header + "  " + TextLayout.padLeft("αu", 6), .bold) + "\n")
        var undefined = false
        for entry in rows {
            var line = TextLayout.pad(TextLayout.truncate(entry.question, idWidth), idWidth)
            for (i, w) in coderWidths.enumerated() {
                line += "  " + TextLayout.padLeft(String(i < entry.units.count ? entry.units[i] : 0), w)
            }
            let text = Self.text(entry.alpha)
            undefined = undefined || text == "undef."
            line += "  " + (entry.alpha.alpha == nil ? ui.paint(text, .dim) : TextLayout.padLeft(text, 6))
            out.write(line + "\n")
        }
        out.write("\n")
        var legend = ["under each coder: the passages they coded with the question (overlapping spans merged)",
                      "αu: 1 the same passages, 0 no better than chance, below 0 worse"]
        if undefined { legend.append("undef.: undefined, chance would produce no disagreement") }
        for line in AgreementRenderer.wrap(items: legend, width: columns) { out.write(ui.paint(line, .dim) + "\n") }
    }

    /// The narrow layout: one block per question.
    func blocks(_ report: UnitizingReport, to out: inout some TextOutputStream) {
        for entry in report.questions {
            out.write(ui.paint(TextLayout.truncate(entry.question, columns), .bold) + "\n")
            var items = ["αu " + Self.text(entry.alpha)]
            for (i, c) in report.coders.enumerated() where i < entry.units.count {
                items.append(c.name + " " + ComparisonRenderer.count(entry.units[i], "passage"))
            }
            base.write(items: items, indent: "  ", to: &out)
        }
    }

    func pooled(_ report: UnitizingReport, to out: inout some TextOutputStream) {
        let title = report.questions.count == 1 ? "\(report.questions[0].question) in full"
            : "All \(report.questions.count) questions pooled (\(report.pooledQuestions) with passages)"
        base.write(title, .bold, to: &out)
        let p = report.pooled
        if p.undefinedReason == .noUnits {
            base.write("no coder coded a passage: nothing to compare", .dim, indent: "  ", to: &out)
        } else {
            base.write(items: ["αu " + Self.text(p), "mean D_o " + Self.significant(p.observedDisagreement),
                               "mean D_e " + Self.significant(p.expectedDisagreement)], indent: "  ", to: &out)
        }
        base.write(items: report.coders.enumerated().map { i, c in
            (i == 0 ? "\(c.name) coded " : "\(c.name) ") + ComparisonRenderer.count(c.units, "passage")
                + " (" + ComparisonRenderer.count(c.spans, "span") + ")"
        }, indent: "  ", to: &out)
        if report.merged > 0 {
            base.write((report.merged == 1 ? "1 span overlaps" : "\(report.merged) spans overlap")
                       + " another span of its coder on the same question: merged into one passage", .dim, indent: "  ", to: &out)
        }
        if !report.leftOut.isEmpty {
            var items: [String] = []
            if report.leftOut.unknownQuestion > 0 {
                items.append(ComparisonRenderer.count(report.leftOut.unknownQuestion, "coding") + " on questions not in the codebook")
            }
            if report.leftOut.outsideCorpus > 0 {
                items.append(ComparisonRenderer.count(report.leftOut.outsideCorpus, "span") + " outside the corpus documents")
            }
            items[0] = "left out: " + items[0]
            base.write(items: items, indent: "  ", to: &out)
        }
    }

    /// Three significant digits: `0.0144`, `2.27`, `1.23e-05`, `0`.
    static func significant(_ value: Double) -> String {
        value == 0 ? "0" : String(format: "%.3g", value)
    }
}
