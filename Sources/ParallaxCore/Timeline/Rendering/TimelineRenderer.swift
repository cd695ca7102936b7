/// Renders a ``Timeline`` as plain text: per track (an analyst on a question timeline, a
/// question on an analyst's), every coding as a line `date  doc ¶N  stance label  [set]` with
/// its quote below, then the shifts and the contradictions, each with both quotes.
///
/// Writes to an injected stream; lines never exceed ``width`` columns; ANSI colour only when
/// ``colour`` is true.
public struct TimelineRenderer: Sendable {
    /// Columns available; values under 40 are treated as 40.
    public var width: Int
    /// Whether to emit ANSI colour codes.
    public var colour: Bool

    /// Creates a renderer.
    public init(width: Int = 80, colour: Bool = false) {
        self.width = width; self.colour = colour
    }

    private var columns: Int { max(40, width) }

    /// Writes the timeline.
    /// - Parameters:
    ///   - timeline: What to render.
    ///   - codebook: Gives the scales (the legend of a question timeline).
    ///   - out: Where the text goes.
    public func render(_ timeline: Timeline, codebook: Codebook, to out: inout some TextOutputStream) {
        let ui = TextLayout(colour: colour)
        let sets = timeline.sets.map { "  (sets: " + $0.joined(separator: ", ") + ")" } ?? ""
        out.write(ui.paint("timeline of " + timeline.id, .bold) + sets + "\n")
        if !timeline.title.isEmpty && timeline.title != timeline.id {
            for line in TextLayout.wrap(timeline.title, width: columns) { out.write(line + "\n") }
        }
        if timeline.subject == .question, let q = codebook.question(timeline.id) {
            let items = q.scale.map { Question.signed($0.value) + " " + $0.label }
            for line in TextLayout.wrap(items: items, separator: " · ", width: columns, rest: columns) {
                out.write(ui.paint(line, .dim) + "\n")
            }
        }
        if timeline.tracks.isEmpty {
            out.write("\nno codings" + (timeline.subject == .question ? " on this question" : " of this analyst") + "\n")
            return
        }
        let indent = "    "
        for track in timeline.tracks {
            out.write("\n" + ui.paint(timeline.subject == .question ? track.name : track.question, .bold) + "\n")
            let dateWidth = track.points.map { TextLayout.columns($0.dateText) }.max() ?? 7
            let whereWidth = min(columns / 4, track.points.map { TextLayout.columns($0.location) }.max() ?? 0)
            for p in track.points {
                let stance = Question.signed(p.stance) + (p.label.map { " " + $0 } ?? "")
                let head = "  " + TextLayout.pad(p.dateText, dateWidth) + "  " + TextLayout.pad(TextLayout.truncate(p.location, whereWidth), whereWidth) + "  "
                let tail = "  [" + p.set + "]"
                let room = columns - TextLayout.columns(head) - TextLayout.columns(tail)
                if room >= 4 {
                    let shown = TextLayout.truncate(stance, room)
                    out.write(head + ui.paint(shown, stance: Double(p.stance)) + String(repeating: " ", count: max(0, min(room, TextLayout.columns(stance)) - TextLayout.columns(shown)))
                              + ui.paint(tail, .dim) + "\n")
                } else {
                    out.write(TextLayout.truncate(head, columns) + "\n" + indent + ui.paint(TextLayout.truncate(stance + tail, columns - indent.count), stance: Double(p.stance)) + "\n")
                }
                for line in TextLayout.wrap("“" + p.quote + "”", width: columns - indent.count) { out.write(indent + line + "\n") }
            }
            if track.shifts.isEmpty && track.positions.filter({ $0.date != nil }).count > 1 {
                out.write(ui.paint("  no shift: the same position at every date", .dim) + "\n")
            }
            for s in track.shifts {
                let arrow = ComparisonRenderer.stanceText(s.from.stance, label: s.from.label) + " → "
                    + ComparisonRenderer.stanceText(s.to.stance, label: s.to.label)
                let dates = " (" + s.from.date!.description + " " + s.from.doc + " → " + s.to.date!.description + " " + s.to.doc + ")"
                for line in TextLayout.wrap("shift: " + arrow + dates, width: columns - 2) { out.write("  " + ui.paint(line, .yellow) + "\n") }
                for line in TextLayout.wrap("from “" + s.from.evidence.quote + "” (" + s.from.evidence.location + ")", width: columns - indent.count) {
                    out.write(indent + line + "\n")
                }
                for line in TextLayout.wrap("to “" + s.to.evidence.quote + "” (" + s.to.evidence.location + ")", width: columns - indent.count) {
                    out.write(indent + line + "\n")
                }
            }
            for c in track.contradictions {
                let within = c.docs.count == 1 ? "within " + c.docs[0] : "within " + c.docs.joined(separator: ", ") + " (same date)"
                let when = c.date.map { ", " + $0.description } ?? ", undated"
                let counts = " — \(c.below) below 0, \(c.above) above"
                for line in TextLayout.wrap("contradiction " + within + when + counts, width: columns - 2) {
                    out.write("  " + ui.paint(line, .yellow) + "\n")
                }
                for p in [c.negative, c.positive] {
                    let text = Question.signed(p.stance) + " “" + p.quote + "” (" + p.location + ", " + p.set + ")"
                    for line in TextLayout.wrap(text, width: columns - indent.count) { out.write(indent + line + "\n") }
                }
            }
        }
        let shifts = timeline.shifts.count, contradictions = timeline.contradictions.count
        out.write("\n" + ComparisonRenderer.count(timeline.tracks.flatMap(\.points).count, "coding") + " · "
                  + ComparisonRenderer.count(shifts, "shift") + " · " + ComparisonRenderer.count(contradictions, "contradiction") + "\n")
    }
}
