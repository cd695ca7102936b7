extension HTMLExportFormat {
    /// The style of the timeline charts (``TimelineChart``), added to ``style``.
    static let timelineStyle = """
        .chart.timeline .name { font-size: 13px; font-weight: 600; fill: var(--ink); }
        .chart.timeline .grid { stroke: #e2e2e8; stroke-width: 1; }
        .chart.timeline .zero { stroke: #9a9aa3; stroke-width: 1; stroke-dasharray: 3 3; }
        .chart.timeline .zone { fill-opacity: .05; }
        .chart.timeline .shift line { stroke: var(--ink); stroke-width: 1.75; }
        .chart.timeline .shift path { fill: var(--ink); }
        .chart.timeline .dot text { font-size: 12px; font-weight: 700; }
        section.timelines { background: var(--card); border: 1px solid var(--rule); border-radius: 12px; padding: 1.5rem 1.75rem .75rem; margin: 0 0 1.5rem; }
        section.timelines h3 { margin: 1.25rem 0 .25rem; padding-top: .9rem; }

        """

    /// Positions over time: a timeline chart per coded question (``TimelineChart``), after
    /// the questions' sections; a question with no dated position is named, not drawn.
    func writeTimelines(_ report: ReviewReport, _ input: ExportInput, to stream: inout some TextOutputStream) {
        guard !report.sections.isEmpty else { return }
        let H = HTMLText.escaped
        let builder = TimelineBuilder(corpus: input.corpus, codebook: input.codebook, codings: input.codings)
        stream.write("<section class=\"timelines\" id=\"timelines\" aria-labelledby=\"timelines-h\">\n<h2 id=\"timelines-h\">Positions over time</h2>\n")
        stream.write("<p class=\"summary\">Per question, each analyst’s position in each dated document (the median of their codings there) "
                     + "at the document’s date; an arrow marks a shift, a change of position from one date to a later one. "
                     + "A month-only date sits in the middle of its month.</p>\n")
        var undrawn: [String] = []
        for section in report.sections {
            let q = section.comparison.question
            guard let timeline = try? builder.question(q.id), let chart = TimelineChart(timeline, question: q) else {
                undrawn.append(q.id); continue
            }
            stream.write("<h3><a href=\"#q\(section.number)\">\(H(q.id))</a> <span class=\"muted\">\(H(q.text))</span></h3>\n")
            stream.write("<figure class=\"chart-figure\">\n" + chart.svg() + "\n<figcaption>")
            let shifts = timeline.shifts.count, contradictions = timeline.contradictions.count
            stream.write(ReportText.count(shifts, "shift") + ", " + ReportText.count(contradictions, "contradiction")
                         + " (codings on both sides of 0 in one document or on one date).")
            let undated = Array(Set(timeline.tracks.filter { $0.positions.contains { $0.date == nil } }.map(\.name))).sorted()
            if !undated.isEmpty { stream.write(" Undated documents, not placed, for " + ReportText.list(undated.map(H)) + ".") }
            stream.write("</figcaption>\n</figure>\n")
        }
        if !undrawn.isEmpty {
            stream.write("<p class=\"summary\">No dated position on " + ReportText.list(undrawn.map(H)) + ".</p>\n")
        }
        stream.write("</section>\n")
    }
}
