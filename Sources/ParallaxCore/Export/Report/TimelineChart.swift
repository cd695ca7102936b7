/// The HTML report's picture of one question over time: a strip per analyst, each document's
/// position as a dot at its date and stance, and each shift as an arrow, drawn as inline SVG.
///
/// **Layout.** Time runs left to right along a shared axis at the bottom, with a tick at the
/// start of each year (or of each month when every date falls in one year). A date stands
/// for its period, so a point sits at the middle of its day, month or year (a document dated
/// `2023-09` at mid-September). Each analyst with a dated position gets a strip, their name on
/// the left and the question's scale running bottom (lowest) to top (highest), with faint
/// lines at each point of the scale and the value written at the left. A dot marks the
/// analyst's position in one document (the median of their codings there, as a
/// ``DocumentPosition``), with its value written beside it; an arrow runs from the position a
/// shift leaves to the one it reaches. Undated documents cannot be placed; the caption names
/// them instead.
///
/// **Colour and access.** As ``StanceChart``: dots orange below 0, grey at 0, blue above 0
/// (colour-blind-safe), every value also written; the `<svg>` has `role="img"`, an
/// `aria-label` and a `<title>` that say everything in words (each position, each shift), and
/// each dot and arrow its own `<title>`.
struct TimelineChart {
    /// The timeline of one question.
    let timeline: Timeline
    /// The question: scale and labels.
    let question: Question
    /// Width in chart units.
    let width: Double
    /// Tracks with at least one dated position, in the timeline's order.
    let tracks: [TimelineTrack]
    /// First and last day drawn (day numbers, ``PartialDate/dayNumber(year:month:day:)``).
    let start: Double, end: Double
    /// Lowest and highest values of the scale.
    let low: Int, high: Int

    static let left = 190.0, right = 34.0, top = 10.0, rowStep = 14.0, stripGap = 18.0, radius = 5.5
    static let charWidth = 7.4, longestName = 22

    /// Lays out a chart, or `nil` when no analyst has a dated position.
    init?(_ timeline: Timeline, question: Question, width: Double = 880) {
        self.timeline = timeline
        self.question = question
        self.width = width
        tracks = timeline.tracks.filter { $0.positions.contains { $0.date != nil } }
        guard !tracks.isEmpty else { return nil }
        let dates = tracks.flatMap(\.positions).compactMap(\.date)
        var first = Double(dates.map(\.first).min()!), last = Double(dates.map(\.last).max()! + 1)
        // Pad to whole years (whole months within a single year), so ticks frame the points.
        let y0 = dates.map(\.year).min()!, y1 = dates.map(\.year).max()!
        if y0 == y1 {
            first = Double(PartialDate.dayNumber(year: y0, month: 1, day: 1))
            last = Double(PartialDate.dayNumber(year: y0 + 1, month: 1, day: 1))
        } else {
            first = Double(PartialDate.dayNumber(year: y0, month: 1, day: 1))
            last = Double(PartialDate.dayNumber(year: y1 + 1, month: 1, day: 1))
        }
        start = first; end = last
        let values = question.values + tracks.flatMap(\.positions).map { Int($0.stance.rounded(.down)) }
            + tracks.flatMap(\.positions).map { Int($0.stance.rounded(.up)) }
        low = values.min() ?? -2; high = max(values.max() ?? 2, (values.min() ?? -2) + 1)
    }

    /// The middle of a date's period, in day numbers.
    static func middle(_ d: PartialDate) -> Double { (Double(d.first) + Double(d.last) + 1) / 2 }

    func x(_ day: Double) -> Double {
        Self.left + (day - start) / (end - start) * (width - Self.left - Self.right)
    }

    /// Height of one strip.
    var stripHeight: Double { Double(high - low) * Self.rowStep + 12 }

    /// Top of strip `k`.
    func stripTop(_ k: Int) -> Double { Self.top + Double(k) * (stripHeight + Self.stripGap) }

    /// Vertical position of a value in strip `k`.
    func y(_ value: Double, strip k: Int) -> Double {
        stripTop(k) + 6 + (Double(high) - value) * Self.rowStep
    }

    var axisY: Double { stripTop(tracks.count) - Self.stripGap + 8 }
    var height: Double { axisY + 30 }

    /// Tick positions and texts: each year, or each month of a single year.
    var ticks: [(day: Double, text: String)] {
        let y0 = Int(PartialDate.year(ofDay: Int(start))), y1 = Int(PartialDate.year(ofDay: Int(end) - 1))
        if y0 == y1 {
            return (1...12).map { m in (Double(PartialDate.dayNumber(year: y0, month: m, day: 1)), m == 1 ? "\(y0)" : PartialDate(year: y0, month: m)!.description) }
        }
        let step = max(1, (y1 - y0 + 1) / 10)
        return stride(from: y0, through: y1 + 1, by: step).map { (Double(PartialDate.dayNumber(year: $0, month: 1, day: 1)), "\($0)") }
    }

    /// The chart in words.
    var description: String {
        var parts: [String] = ["Positions on \(question.id) over time, on a scale from \(Question.signed(low)) to \(Question.signed(high))."]
        for t in tracks {
            let dated = t.positions.filter { $0.date != nil }.map { p in
                "\(p.date!) \(p.doc) " + ComparisonRenderer.stanceText(p.stance, label: p.label)
            }
            var s = t.name + ": " + dated.joined(separator: "; ")
            for shift in t.shifts {
                s += "; shift from " + Aggregation.signed(shift.from.stance) + " to " + Aggregation.signed(shift.to.stance)
                    + " between \(shift.from.date!) and \(shift.to.date!)"
            }
            parts.append(s + ".")
        }
        let undated = timeline.tracks.flatMap { t in t.positions.filter { $0.date == nil }.map { _ in t.name } }
        if !undated.isEmpty { parts.append("Not placed (undated documents): " + ReportText.list(Array(Set(undated)).sorted()) + ".") }
        return ReportText.flattened(parts.joined(separator: " "))
    }

    func svg() -> String {
        let H = HTMLText.escaped
        func n(_ v: Double) -> String {
            let r = (v * 10).rounded() / 10
            return r == r.rounded() ? String(Int(r)) : String(r)
        }
        var s = "<svg class=\"chart timeline\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" height=\"\(n(height))\""
            + " role=\"img\" aria-label=\"\(H(description))\">\n<title>\(H(description))</title>\n"
        let x0 = Self.left, x1 = width - Self.right
        for (k, track) in tracks.enumerated() {
            let top = stripTop(k)
            let name = ReportText.flattened(track.name)
            let shown = name.count > Self.longestName ? String(name.prefix(Self.longestName - 1)) + "…" : name
            s += "<g class=\"strip\"><text class=\"name\" x=\"8\" y=\"\(n(y(Double(high + low) / 2, strip: k) + 4.5))\">\(H(shown))</text>\n"
            if low < 0 && high > 0 {
                s += "<rect class=\"zone pos\" x=\"\(n(x0))\" y=\"\(n(top))\" width=\"\(n(x1 - x0))\" height=\"\(n(y(0, strip: k) - top))\"/>"
                s += "<rect class=\"zone neg\" x=\"\(n(x0))\" y=\"\(n(y(0, strip: k)))\" width=\"\(n(x1 - x0))\" height=\"\(n(top + stripHeight - y(0, strip: k)))\"/>\n"
            }
            for v in low...high {
                let gy = y(Double(v), strip: k)
                s += "<line class=\"\(v == 0 ? "zero" : "grid")\" x1=\"\(n(x0))\" y1=\"\(n(gy))\" x2=\"\(n(x1))\" y2=\"\(n(gy))\"/>"
                s += "<text class=\"tick-label\" x=\"\(n(x0 - 6))\" y=\"\(n(gy + 4))\" text-anchor=\"end\">\(H(Question.signed(v)))</text>\n"
            }
            for shift in track.shifts {
                let ax = x(Self.middle(shift.from.date!)), ay = y(shift.from.stance, strip: k)
                let bx = x(Self.middle(shift.to.date!)), by = y(shift.to.stance, strip: k)
                let dx = bx - ax, dy = by - ay, len = (dx * dx + dy * dy).squareRoot()
                guard len > 2 * Self.radius + 4 else { continue }
                let ux = dx / len, uy = dy / len
                let sx = ax + ux * (Self.radius + 2), sy = ay + uy * (Self.radius + 2)
                let ex = bx - ux * (Self.radius + 3), ey = by - uy * (Self.radius + 3)
                let hx = ex - ux * 8, hy = ey - uy * 8
                let tip = "\(track.name): shift from " + ComparisonRenderer.stanceText(shift.from.stance, label: shift.from.label)
                    + " (\(shift.from.date!) \(shift.from.doc)) to " + ComparisonRenderer.stanceText(shift.to.stance, label: shift.to.label)
                    + " (\(shift.to.date!) \(shift.to.doc))"
                s += "<g class=\"shift\"><title>\(H(ReportText.flattened(tip)))</title>"
                s += "<line x1=\"\(n(sx))\" y1=\"\(n(sy))\" x2=\"\(n(hx))\" y2=\"\(n(hy))\"/>"
                s += "<path d=\"M\(n(ex)) \(n(ey))L\(n(hx - uy * 4.5)) \(n(hy + ux * 4.5))L\(n(hx + uy * 4.5)) \(n(hy - ux * 4.5))Z\"/></g>\n"
            }
            for p in track.positions {
                guard let date = p.date else { continue }
                let cx = x(Self.middle(date)), cy = y(p.stance, strip: k)
                let tip = "\(track.name), \(p.doc) (\(date)): " + ComparisonRenderer.stanceText(p.stance, label: p.label)
                    + ", " + ComparisonRenderer.count(p.codings, "coding")
                s += "<g class=\"dot \(StanceChart.sideClass(p.stance))\"><title>\(H(ReportText.flattened(tip)))</title>"
                s += "<circle cx=\"\(n(cx))\" cy=\"\(n(cy))\" r=\"\(n(Self.radius))\"/>"
                let onLeft = cx + 40 > x1
                s += "<text x=\"\(n(onLeft ? cx - Self.radius - 4 : cx + Self.radius + 4))\" y=\"\(n(cy - 4))\"\(onLeft ? " text-anchor=\"end\"" : "")>"
                    + "\(H(Aggregation.signed(p.stance)))</text></g>\n"
            }
            s += "</g>\n"
        }
        s += "<line class=\"axis\" x1=\"\(n(x0))\" y1=\"\(n(axisY))\" x2=\"\(n(x1))\" y2=\"\(n(axisY))\"/>\n"
        for t in ticks where t.day >= start && t.day <= end {
            let tx = x(t.day)
            s += "<line class=\"tick\" x1=\"\(n(tx))\" y1=\"\(n(axisY - 4))\" x2=\"\(n(tx))\" y2=\"\(n(axisY + 4))\"/>"
            s += "<text class=\"tick-value\" x=\"\(n(tx))\" y=\"\(n(axisY + 19))\" text-anchor=\"middle\">\(H(t.text))</text>\n"
        }
        s += "</svg>"
        return s
    }
}
