/// A review report in GitHub-flavoured Markdown: where each analyst stands on each coded
/// question, and the passages and notes behind it, for colleagues who review a coding.
///
/// ```
/// # Parallax review: baseline
/// - **Sets:** baseline (63 codings) …
/// ## At a glance
/// | Question | Angela Stent | Ali Wyne | … | Pattern |
/// ## reset-wedge
/// Could a U.S.–Russia rapprochement (a "reverse Nixon") pull Moscow away from Beijing?
/// Scale: -2 no · -1 unlikely · 0 uncertain / conditional · +1 plausible · +2 likely
/// | Analyst | Stance | Label | Where | Coders |
/// | Angela Stent | -2 | no | brookings ¶36 | 2 codings by baseline: -2 -2 |
/// 4 of 6 analysts take a position · median -1 unlikely · spread -2 to -1 (range 1)
/// **Consensus on the negative side: all 4 positions between -2 no and -1 unlikely.**
/// ### Evidence
/// **Angela Stent**: -2 no
/// > As we have said in the paper that we all wrote, it is highly unlikely …
/// > — brookings ¶36 · baseline · 01M84H2C7… · -2 no · confidence 0.8 · tags: evidence
/// *She calls a split highly unlikely.*
/// ## Questions nobody coded
/// ```
///
/// The report covers the sets exported (names and counts), the documents cited, the time of
/// the export when ``ExportInput/generated`` gives one, and the latest change to a coding.
/// Then, per question of the codebook that has codings (codebook order): the question and its
/// scale, the compare table (analysts compared by default in manifest order, then any other
/// voice coded), the summary and pattern exactly as `compare` words them, and every coding
/// behind each position as a blockquote with its place, coder, annotation id, stance,
/// confidence and tags, the note in italics. Questions nobody coded come last, then any
/// codings on questions the codebook lacks.
///
/// All user text — names, labels, questions, quotes, notes, tags, set and document ids — is
/// escaped by ``MarkdownText``: it reads as the literal text, a `|` never splits a table cell
/// and a line break never ends a block. The same input gives the same bytes.
public struct MarkdownExportFormat: TextExportFormat {
    /// Creates the format.
    public init() {}

    public var name: String { "md" }
    public var summary: String { "Markdown review report: stances, summaries and evidence per question" }
    public var fileExtension: String? { "md" }

    public func write(_ input: ExportInput, to stream: inout some TextOutputStream) {
        let report = ReviewReport(input)
        let M = { MarkdownText.inline($0) }
        stream.write("# Parallax review" + (report.sets.isEmpty ? "" : ": " + M(report.sets.map(\.name).joined(separator: ", "))) + "\n\n")
        writeCoverage(report, to: &stream)
        if !report.sections.isEmpty { writeOverview(report, to: &stream) }
        for section in report.sections { writeSection(section, to: &stream) }

        if !report.uncoded.isEmpty {
            stream.write("## Questions nobody coded\n\n")
            for q in report.uncoded { stream.write("- **" + M(q.id) + "**: " + M(q.text) + "\n") }
            stream.write("\n")
        }
        if !report.unknownQuestions.isEmpty {
            stream.write("## Codings on questions not in the codebook\n\n")
            stream.write("These cannot be compared: the codebook gives them no scale.\n\n")
            for (id, n) in report.unknownQuestions { stream.write("- **" + M(id) + "**: " + ReportText.count(n, "coding") + "\n") }
            stream.write("\n")
        }
        if !report.otherMemos.isEmpty {
            stream.write("## Memos\n\n")
            for (set, memo) in report.otherMemos { writeMemo(memo, set: set, to: &stream) }
        }
    }

    /// A question's definition, inclusion and exclusion criteria and examples, one paragraph
    /// each, when it has them.
    func writeDefinition(_ q: Question, to stream: inout some TextOutputStream) {
        let parts: [(String, String?)] = [("Definition", q.definition), ("Include", q.include), ("Exclude", q.exclude),
                                          ("Examples", q.examples.flatMap { $0.isEmpty ? nil : $0.joined(separator: ", ") })]
        for case let (label, text?) in parts {
            stream.write("**" + label + ":** " + MarkdownText.inline(text, lineBreak: "\\\n") + "\n\n")
        }
    }

    /// One memo: what it is about, its coder and time in bold, then its paragraphs.
    func writeMemo(_ memo: Memo, set: String, to stream: inout some TextOutputStream) {
        let M = { MarkdownText.inline($0) }
        stream.write("**Memo on " + M(memo.target.description) + "** · " + M(set) + " · " + M(ReportText.time(memo.modified)) + "\n\n")
        for paragraph in MarkdownText.paragraphs(of: memo.text) {
            let text = MarkdownText.inline(paragraph, lineBreak: "\\\n", atLineStart: true)
            if !text.isEmpty { stream.write(text + "\n\n") }
        }
    }

    /// The list of what the report covers, and how to read it.
    func writeCoverage(_ report: ReviewReport, to stream: inout some TextOutputStream) {
        let M = { MarkdownText.inline($0) }
        if report.isEmpty {
            stream.write("No codings to report.\n\n")
        } else {
            let sets = report.sets.map { M($0.name) + " (" + ReportText.count($0.codings, "coding") + ")" }
            stream.write("- **Sets:** " + sets.joined(separator: ", ") + "\n")
            stream.write("- **Coverage:** " + ReportText.count(report.codings, "coding") + " on "
                         + "\(report.sections.count) of " + ReportText.count(report.questionCount, "question")
                         + ", " + ReportText.count(report.analysts.count, "analyst") + " with a position, "
                         + ReportText.count(report.documents.count + report.unknownDocuments.count, "document") + "\n")
        }
        if let generated = report.generated { stream.write("- **Exported:** " + M(ReportText.time(generated)) + "\n") }
        if let latest = report.latestChange { stream.write("- **Latest change to a coding:** " + M(ReportText.time(latest)) + "\n") }
        if !report.documents.isEmpty || !report.unknownDocuments.isEmpty {
            stream.write("- **Documents:**\n")
            for d in report.documents {
                var source = [d.publisher, d.date].filter { !$0.isEmpty }.map { M($0) }.joined(separator: ", ")
                if !source.isEmpty { source = " (" + source + ")" }
                stream.write("  - **" + M(d.id) + "**: " + M(d.title) + source + "\n")
            }
            for id in report.unknownDocuments { stream.write("  - **" + M(id) + "**: not in the corpus\n") }
        }
        stream.write("\n")
        if !report.isEmpty {
            stream.write("An analyst's stance on a question is the median of the codings of their words; "
                         + "a half-point (-1.5) lies between two points of the scale. "
                         + "¶N is the paragraph of the document a passage starts in.\n\n")
        }
    }

    /// Questions × analysts, and each question's pattern.
    func writeOverview(_ report: ReviewReport, to stream: inout some TextOutputStream) {
        let C = { MarkdownText.cell($0) }
        stream.write("## At a glance\n\n")
        let names = report.analysts.map { C($0.name) }
        stream.write("| Question | " + (names + ["Pattern"]).joined(separator: " | ") + " |\n")
        stream.write("|---|" + String(repeating: "--:|", count: names.count) + "---|\n")
        for (row, section) in zip(report.matrix.rows, report.sections) {
            let id = section.comparison.question.id
            // GitHub's heading anchor is the id itself when the id is a plain one.
            let link = Codebook.isValidID(id) ? "[" + C(id) + "](#" + id + ")" : C(id)
            let cells = row.stances.map { $0.map(Aggregation.signed) ?? "" }
            stream.write("| " + link + " | " + (cells + [C(ReviewReport.patternName(section.comparison.summary))])
                .joined(separator: " | ") + " |\n")
        }
        stream.write("\nBlank: no position. Each question's section gives the labels of its scale.\n\n")
    }

    /// One question: text, scale, table, summary, evidence.
    func writeSection(_ section: ReviewReport.Section, to stream: inout some TextOutputStream) {
        let M = { MarkdownText.inline($0) }, C = { MarkdownText.cell($0) }
        let c = section.comparison, q = c.question
        let renderer = ComparisonRenderer()
        stream.write("## " + M(q.id) + "\n\n")
        if !q.text.isEmpty { stream.write(MarkdownText.inline(q.text, atLineStart: true) + "\n\n") }
        let legend = q.scale.map { Question.signed($0.value) + " " + $0.label }.joined(separator: " · ")
        stream.write("Scale: " + M(legend) + "\n\n")
        writeDefinition(q, to: &stream)

        stream.write("| Analyst | Stance | Label | Where | Coders |\n|---|--:|---|---|---|\n")
        for row in c.rows {
            let cells: [String]
            if let stance = row.stance {
                cells = [C(row.name), Aggregation.signed(stance), C(row.label ?? ""),
                         C(row.evidence?.location ?? ""), C(renderer.codingsItems(row).joined(separator: " · "))]
            } else {
                cells = [C(row.name), "", "no position", "", ""]
            }
            stream.write("| " + cells.joined(separator: " | ") + " |\n")
        }
        stream.write("\n" + MarkdownText.inline(renderer.summaryItems(c).joined(separator: " · "), atLineStart: true) + "\n\n")
        stream.write("**" + M(renderer.patternText(c)) + "**\n\n")
        if !section.memos.isEmpty {
            stream.write("### Memos\n\n")
            for (set, memo) in section.memos { writeMemo(memo, set: set, to: &stream) }
        }

        stream.write("### Evidence\n\n")
        for entry in section.entries {
            let p = entry.position
            stream.write("**" + M(p.name) + "**: " + M(ComparisonRenderer.stanceText(p.stance ?? 0, label: p.label)) + "\n\n")
            for quote in entry.quotes { writeQuote(quote, question: q, to: &stream) }
        }
    }

    /// One coding: the passage as a blockquote with where it stands and who coded it, then
    /// the note in italics, paragraph by paragraph.
    func writeQuote(_ quote: ReviewReport.Quote, question: Question, to stream: inout some TextOutputStream) {
        let M = { MarkdownText.inline($0) }
        let a = quote.coding.annotation
        stream.write("> " + MarkdownText.inline(quote.exact, atLineStart: true) + "\n>\n")
        var facts = [M(quote.location), M(quote.coding.set), M(a.id), M(ReportText.stance(a.stance, on: question))]
        if let confidence = a.confidence { facts.append("confidence " + ReportText.confidence(confidence)) }
        let tags = a.tags.map(M).filter { !$0.isEmpty }
        if !tags.isEmpty { facts.append("tags: " + tags.joined(separator: ", ")) }
        stream.write("> — " + facts.joined(separator: " · ") + "\n\n")
        // One italic paragraph per paragraph of the note; line breaks inside one stay breaks.
        for paragraph in MarkdownText.paragraphs(of: a.note) {
            let text = MarkdownText.inline(paragraph, lineBreak: "\\\n")
            if !text.isEmpty { stream.write("*" + text + "*\n\n") }
        }
    }
}
