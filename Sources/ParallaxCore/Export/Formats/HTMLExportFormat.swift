/// A review report as one self-contained HTML5 page: the Markdown report's content (see
/// ``MarkdownExportFormat``) with a chart per question and every passage in its context.
///
/// **Self-contained.** One file with an inline `<style>`: no script, no external font, style
/// sheet or image, no URL at all (inline SVG needs no namespace declaration in HTML), so it
/// opens offline, in a mail attachment or an archive, and prints as it shows.
///
/// **What it shows.** A masthead (sets, counts, export time, documents cited); an "at a glance"
/// table of stances (questions × analysts, each cell tinted by side); then per coded question
/// its text and scale, a chart placing each analyst on the scale (``StanceChart``), the
/// summary and pattern as `compare` words them, the compare table (analyst, stance, label,
/// where, coders), and every coding behind each position: the passage with the paragraph text
/// around it (the annotation's own prefix and suffix) and the span in `<mark>`, where it
/// stands, the coder, stance, confidence, tags and annotation id, and the note. Questions
/// nobody coded and codings on questions the codebook lacks come last.
///
/// **Escaping.** Every piece of user text (names, labels, question texts, quotes, notes, tags,
/// set, document and annotation ids, times) goes through ``HTMLText/escaped(_:)`` — `&`, `<`,
/// `>`, `"` and `'` — in content and attributes alike; every attribute is double-quoted, and
/// no user text reaches an element name, an attribute name, an `id` or `href` (those are
/// built from section and row numbers).
///
/// **Colour.** Stances below 0 are orange, at 0 grey, above 0 blue (a pair colour-blind
/// readers tell apart); text on every tint keeps a contrast of at least 4.5:1, and every
/// stance is also written as a number, so nothing depends on colour. The same input gives the
/// same bytes.
public struct HTMLExportFormat: TextExportFormat {
    /// Creates the format.
    public init() {}

    public var name: String { "html" }
    public var summary: String { "HTML review report: one self-contained page with charts and evidence" }
    public var fileExtension: String? { "html" }

    public func write(_ input: ExportInput, to stream: inout some TextOutputStream) {
        let report = ReviewReport(input)
        let H = HTMLText.escaped
        let title = "Parallax review" + (report.sets.isEmpty ? "" : ": " + report.sets.map(\.name).joined(separator: ", "))
        stream.write("""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="Parallax">
            <title>\(HTMLText.flat(title))</title>
            <style>
            \(HTMLExportFormat.style)\(HTMLExportFormat.timelineStyle)</style>
            </head>
            <body>

            """)
        writeMasthead(report, to: &stream)
        stream.write("<main class=\"wrap\">\n")
        if !report.sections.isEmpty { writeOverview(report, to: &stream) }
        for section in report.sections { writeSection(section, to: &stream) }
        writeTimelines(report, input, to: &stream)
        if !report.uncoded.isEmpty {
            stream.write("<section class=\"rest\" id=\"uncoded\">\n<h2>Questions nobody coded</h2>\n<ul class=\"plain\">\n")
            for q in report.uncoded {
                stream.write("<li><span class=\"qid\">\(H(q.id))</span> \(H(q.text))</li>\n")
            }
            stream.write("</ul>\n</section>\n")
        }
        if !report.unknownQuestions.isEmpty {
            stream.write("<section class=\"rest\" id=\"unknown\">\n<h2>Codings on questions not in the codebook</h2>\n")
            stream.write("<p>These cannot be compared: the codebook gives them no scale.</p>\n<ul class=\"plain\">\n")
            for (id, n) in report.unknownQuestions {
                stream.write("<li><span class=\"qid\">\(H(id))</span> \(ReportText.count(n, "coding"))</li>\n")
            }
            stream.write("</ul>\n</section>\n")
        }
        if !report.otherMemos.isEmpty {
            stream.write("<section class=\"rest\" id=\"memos\">\n<h2>Memos</h2>\n")
            for (set, memo) in report.otherMemos { writeMemo(memo, set: set, to: &stream) }
            stream.write("</section>\n")
        }
        stream.write("</main>\n<footer class=\"wrap colophon\">\n<p>Made with Parallax. An analyst’s stance on a question is "
                     + "the median of the codings of their words; a half-point (-1.5) lies between two points of the scale. "
                     + "¶N is the paragraph of the document a passage starts in.</p>\n</footer>\n</body>\n</html>\n")
    }

    /// Title, what the report covers, the documents.
    func writeMasthead(_ report: ReviewReport, to stream: inout some TextOutputStream) {
        let H = HTMLText.escaped
        stream.write("<header class=\"masthead\">\n<div class=\"wrap\">\n<p class=\"kicker\">Parallax review report</p>\n")
        stream.write("<h1>Where the analysts stand</h1>\n")
        if report.isEmpty {
            stream.write("<p class=\"lede\">No codings to report.</p>\n")
        } else {
            let coders = report.sets.map { "<b>" + H($0.name) + "</b>" }
            stream.write("<p class=\"lede\">" + ReportText.count(report.codings, "coding") + " by "
                         + ReportText.list(coders) + " on \(report.sections.count) of "
                         + ReportText.count(report.questionCount, "question") + ": where "
                         + ReportText.count(report.analysts.count, "analyst") + " stand, and the passages behind each position.</p>\n")
        }
        stream.write("<dl class=\"facts\">\n")
        if !report.sets.isEmpty {
            let sets = report.sets.map { H($0.name) + " <span class=\"muted\">(" + ReportText.count($0.codings, "coding") + ")</span>" }
            stream.write("<div><dt>Sets</dt><dd>" + sets.joined(separator: ", ") + "</dd></div>\n")
        }
        if let generated = report.generated {
            stream.write("<div><dt>Exported</dt><dd><time datetime=\"\(HTMLText.flat(generated))\">\(H(ReportText.time(generated)))</time></dd></div>\n")
        }
        if let latest = report.latestChange {
            stream.write("<div><dt>Latest change to a coding</dt><dd><time datetime=\"\(HTMLText.flat(latest))\">\(H(ReportText.time(latest)))</time></dd></div>\n")
        }
        stream.write("</dl>\n")
        if !report.documents.isEmpty || !report.unknownDocuments.isEmpty {
            stream.write("<h2 class=\"docs-title\">Documents cited</h2>\n<ul class=\"docs\">\n")
            for d in report.documents {
                let source = [d.publisher, d.date].filter { !$0.isEmpty }.map(H).joined(separator: ", ")
                stream.write("<li><b>\(H(d.id))</b><span>\(H(d.title))" + (source.isEmpty ? "" : " <span class=\"muted\">· \(source)</span>") + "</span></li>\n")
            }
            for id in report.unknownDocuments { stream.write("<li><b>\(H(id))</b><span class=\"muted\">not in the corpus</span></li>\n") }
            stream.write("</ul>\n")
        }
        stream.write("</div>\n</header>\n")
    }

    /// Questions × analysts, each cell a stance chip, and each question's pattern.
    func writeOverview(_ report: ReviewReport, to stream: inout some TextOutputStream) {
        let H = HTMLText.escaped
        stream.write("<section class=\"overview\" aria-labelledby=\"overview\">\n<h2 id=\"overview\">At a glance</h2>\n")
        stream.write("<div class=\"scroll\"><table class=\"matrix\">\n<thead><tr><th scope=\"col\">Question</th>")
        for a in report.analysts { stream.write("<th scope=\"col\" class=\"num\">\(H(a.name))</th>") }
        stream.write("<th scope=\"col\">Pattern</th></tr></thead>\n<tbody>\n")
        for (row, section) in zip(report.matrix.rows, report.sections) {
            let q = section.comparison.question
            stream.write("<tr><th scope=\"row\"><a href=\"#q\(section.number)\">\(H(q.id))</a><span class=\"qtext\">\(H(q.text))</span></th>")
            for value in row.stances {
                stream.write("<td class=\"num\">" + (value.map { chip($0, on: q) } ?? "<span class=\"none\" title=\"no position\">·</span>") + "</td>")
            }
            stream.write("<td class=\"pattern-name\">\(patternCell(section.comparison.summary))</td></tr>\n")
        }
        stream.write("</tbody>\n</table></div>\n")
        stream.write("<p class=\"legend\"><span class=\"stance neg\">-1</span> below 0 · <span class=\"stance neu\">0</span> at 0 · "
                     + "<span class=\"stance pos\">+1</span> above 0; darker at the ends of the scale; · no position. "
                     + "Each question’s section gives the labels of its scale.</p>\n</section>\n")
    }

    /// A pattern for the overview: the word, then the side it is on, if any, on a line of its
    /// own (`consensus` / `negative side`).
    func patternCell(_ s: ComparisonSummary) -> String {
        switch s.pattern {
        case .consensus where s.side == .neutral: return "<b>consensus</b><span class=\"side\">at 0</span>"
        case .consensus, .lean:
            let word = s.pattern == .lean ? "lean" : "consensus"
            return "<b>\(word)</b>" + (s.side.map { "<span class=\"side\">\($0.rawValue) side</span>" } ?? "")
        default: return "<b>\(HTMLText.escaped(ReviewReport.patternName(s)))</b>"
        }
    }

    /// A question's definition, inclusion and exclusion criteria and examples, as a
    /// description list, when it has them.
    func writeDefinition(_ q: Question, to stream: inout some TextOutputStream) {
        let parts: [(String, String?)] = [("Definition", q.definition), ("Include", q.include), ("Exclude", q.exclude),
                                          ("Examples", q.examples.flatMap { $0.isEmpty ? nil : $0.joined(separator: ", ") })]
        let given = parts.compactMap { p in p.1.map { (p.0, $0) } }
        guard !given.isEmpty else { return }
        stream.write("<dl class=\"definition\">\n")
        for (label, text) in given {
            stream.write("<dt>\(label)</dt><dd>" + HTMLExportFormat.lines(text) + "</dd>\n")
        }
        stream.write("</dl>\n")
    }

    /// One memo: what it is about, its coder and time, then its text.
    func writeMemo(_ memo: Memo, set: String, to stream: inout some TextOutputStream) {
        let H = HTMLText.escaped
        stream.write("<div class=\"memo\">\n<p class=\"memo-head\"><b>Memo on \(H(memo.target.description))</b> · \(H(set)) · "
                     + "<time datetime=\"\(H(memo.modified))\">\(H(ReportText.time(memo.modified)))</time></p>\n")
        for paragraph in MarkdownText.paragraphs(of: memo.text) {
            stream.write("<p>" + HTMLExportFormat.lines(paragraph) + "</p>\n")
        }
        stream.write("</div>\n")
    }

    /// Text escaped, its line breaks as `<br>`.
    static func lines(_ text: String) -> String {
        text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map { HTMLText.escaped(String($0)) }.joined(separator: "<br>")
    }

    /// One question: text, scale, chart, summary, table, evidence.
    func writeSection(_ section: ReviewReport.Section, to stream: inout some TextOutputStream) {
        let H = HTMLText.escaped
        let c = section.comparison, q = c.question, id = "q\(section.number)"
        let renderer = ComparisonRenderer()
        stream.write("<section class=\"question\" id=\"\(id)\" aria-labelledby=\"\(id)-h\">\n")
        stream.write("<p class=\"qid\">\(H(q.id))</p>\n<h2 id=\"\(id)-h\">\(H(q.text.isEmpty ? q.id : q.text))</h2>\n")
        let legend = q.scale.map { "<span class=\"point\"><b>\(H(Question.signed($0.value)))</b> \(H($0.label))</span>" }
        stream.write("<p class=\"scale\">Scale: " + legend.joined(separator: " <span class=\"sep\">·</span> ") + "</p>\n")
        writeDefinition(q, to: &stream)

        let chart = StanceChart(c)
        stream.write("<figure class=\"chart-figure\">\n" + chart.svg() + "\n<figcaption>Each dot is an analyst’s stance (the median of their codings); ◆ the median of the positions.")
        let silent = c.rows.filter { !$0.hasPosition }.map { H($0.name) }
        if !silent.isEmpty { stream.write(" No position: " + ReportText.list(silent) + ".") }
        stream.write("</figcaption>\n</figure>\n")

        stream.write("<p class=\"summary\">\(H(renderer.summaryItems(c).joined(separator: " · ")))</p>\n")
        stream.write("<p class=\"pattern\">\(H(renderer.patternText(c)))</p>\n")

        stream.write("<div class=\"scroll\"><table class=\"compare\">\n<thead><tr><th scope=\"col\">Analyst</th><th scope=\"col\" class=\"num\">Stance</th>"
                     + "<th scope=\"col\">Label</th><th scope=\"col\">Where</th><th scope=\"col\">Coders</th></tr></thead>\n<tbody>\n")
        var entryNumber = 0
        for row in c.rows {
            guard let stance = row.stance else {
                stream.write("<tr class=\"silent\"><th scope=\"row\">\(H(row.name))</th><td></td><td colspan=\"3\">no position</td></tr>\n")
                continue
            }
            entryNumber += 1
            stream.write("<tr><th scope=\"row\"><a href=\"#\(id)-a\(entryNumber)\">\(H(row.name))</a></th>"
                         + "<td class=\"num\">\(chip(stance, on: q))</td><td>\(H(row.label ?? ""))</td>"
                         + "<td class=\"where\">\(H(row.evidence?.location ?? ""))</td>"
                         + "<td class=\"coders\">\(H(renderer.codingsItems(row).joined(separator: " · ")))</td></tr>\n")
        }
        stream.write("</tbody>\n</table></div>\n")

        if !section.memos.isEmpty {
            stream.write("<h3>Memos</h3>\n")
            for (set, memo) in section.memos { writeMemo(memo, set: set, to: &stream) }
        }
        stream.write("<h3>Evidence</h3>\n")
        for (k, entry) in section.entries.enumerated() {
            let p = entry.position
            stream.write("<div class=\"analyst\" id=\"\(id)-a\(k + 1)\">\n<h4>\(H(p.name)) \(chip(p.stance ?? 0, on: q))"
                         + " <span class=\"label\">\(H(p.label ?? ""))</span></h4>\n")
            for quote in entry.quotes { writeQuote(quote, question: q, to: &stream) }
            stream.write("</div>\n")
        }
        stream.write("</section>\n")
    }

    /// One coding: the passage in its context with the span marked, the note, the facts as
    /// the figure's caption.
    func writeQuote(_ quote: ReviewReport.Quote, question: Question, to stream: inout some TextOutputStream) {
        let H = HTMLText.escaped
        let a = quote.coding.annotation
        stream.write("<figure class=\"quote \(StanceChart.sideClass(Double(a.stance)))\">\n<blockquote><p>")
        if !quote.before.isEmpty { stream.write("<span class=\"ctx\">" + (quote.cutBefore ? "…" : "") + H(quote.before) + "</span>") }
        stream.write("<mark>\(H(quote.exact))</mark>")
        if !quote.after.isEmpty { stream.write("<span class=\"ctx\">" + H(quote.after) + (quote.cutAfter ? "…" : "") + "</span>") }
        stream.write("</p></blockquote>\n")
        // The note before the caption: a figure's caption is its first or last child, so
        // nothing may follow it. Its line and paragraph breaks show (`white-space: pre-line`).
        let note = ReportText.safe(a.note).trimmingWhitespace
        if !note.isEmpty { stream.write("<p class=\"note\">\(H(note))</p>\n") }
        stream.write("<figcaption>")
        var facts = ["<span class=\"where\">\(H(quote.location))</span>",
                     "coded by <b>\(H(quote.coding.set))</b>",
                     "<span class=\"own \(StanceChart.sideClass(Double(a.stance)))\">\(H(ReportText.stance(a.stance, on: question)))</span>"]
        if let confidence = a.confidence { facts.append("confidence " + ReportText.confidence(confidence)) }
        let tags = a.tags.map(ReportText.flattened).filter { !$0.isEmpty }
        if !tags.isEmpty { facts.append(tags.map { "<span class=\"tag\">\(H($0))</span>" }.joined(separator: " ")) }
        facts.append("<span class=\"id\">\(H(a.id))</span>")
        stream.write(facts.joined(separator: " <span class=\"sep\">·</span> ") + "</figcaption>\n")
        stream.write("</figure>\n")
    }

    /// A stance as a tinted chip: `<span class="stance neg strong">-2</span>`, with the label
    /// as a tooltip. Strong at the ends of the scale (three quarters of the way out or more).
    func chip(_ value: Double, on question: Question) -> String {
        let extreme = question.values.map { abs(Double($0)) }.max() ?? 2
        let strong = value != 0 && abs(value) >= extreme * 0.75
        let label = Aggregation.label(of: value, on: question)
        return "<span class=\"stance \(StanceChart.sideClass(value))\(strong ? " strong" : "")\""
            + (label.map { " title=\"\(HTMLText.flat($0))\"" } ?? "") + ">\(Aggregation.signed(value))</span>"
    }
}

private extension String {
    /// The string without leading or trailing whitespace (line breaks included).
    var trimmingWhitespace: String {
        var sub = Substring(self)
        while let f = sub.first, f.isWhitespace { sub = sub.dropFirst() }
        while let l = sub.last, l.isWhitespace { sub = sub.dropLast() }
        return String(sub)
    }
}
