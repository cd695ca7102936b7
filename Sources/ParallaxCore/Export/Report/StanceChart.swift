/// The HTML report's picture of one question: each analyst's position as a dot on the
/// question's scale, drawn as inline SVG.
///
/// **Layout.** A horizontal axis runs from the lowest to the highest point of the scale
/// (widened to take in a stance off it), with a tick, the value and the point's label at each
/// point; labels too long for the space between ticks wrap onto a second line. Each analyst
/// with a position is a dot at their stance, on a stem rising from the axis, with their name
/// beside it. Dots are placed in lanes above the axis, lowest lane first, each in the first
/// lane where its dot and name do not touch those already there: analysts who share a value
/// stack up, and names of nearby values never overlap. A name goes to the right of its dot,
/// or to the left when it would run past the right edge. The median of the positions is a
/// diamond on the axis.
///
/// **Colour and access.** Dots are coloured by side (below 0, at 0, above 0) in an orange,
/// grey and blue that colour-blind readers tell apart and that stand out from white by at
/// least 4.5:1; nothing depends on colour, since every dot sits on a labelled scale and
/// carries a name. The `<svg>` has `role="img"`, an `aria-label` and a `<title>` saying the
/// same in words (every position, who takes none, the median), and each dot a `<title>` of
/// its own (a tooltip). Widths of names are estimated (the report embeds no font), generously.
struct StanceChart {
    /// One analyst's dot.
    struct Dot {
        /// Display name.
        var name: String
        /// The name as drawn (cut with "…" when very long).
        var shown: String
        /// The aggregated stance.
        var value: Double
        /// What the stance means on the scale.
        var label: String?
        /// Centre of the dot, in chart units.
        var x: Double
        /// Lane above the axis, 0 the lowest.
        var lane: Int
        /// Whether the name is drawn to the left of the dot.
        var nameOnLeft: Bool
    }

    /// The question's comparison the chart draws.
    let comparison: QuestionComparison
    /// Width of the drawing, in chart units (the `viewBox`; the page scales it).
    let width: Double
    /// Dots in drawing order.
    private(set) var dots: [Dot] = []
    /// Lanes used (at least one).
    private(set) var lanes = 1
    /// Lowest and highest values on the axis.
    let low: Double, high: Double

    // Geometry, in chart units.
    static let margin = 64.0, laneHeight = 24.0, top = 14.0, radius = 6.0, fontSize = 13.0
    /// A generous estimate of a character's advance at ``fontSize`` in a sans-serif font.
    static let charWidth = 7.8
    /// The longest name drawn in full, in characters.
    static let longestName = 26

    /// Lays out a chart.
    /// - Parameters:
    ///   - comparison: The question, its scale and the analysts' positions.
    ///   - width: Width in chart units (880 by default).
    init(_ comparison: QuestionComparison, width: Double = 880) {
        self.comparison = comparison
        self.width = width
        let values = comparison.question.values.map(Double.init) + comparison.rows.compactMap(\.stance)
        var low = values.min() ?? -2, high = values.max() ?? 2
        if low == high { low -= 1; high += 1 }
        self.low = low; self.high = high

        // Place dots by value (then row order), each in the lowest lane where it fits.
        let positioned = comparison.rows.enumerated().compactMap { i, r in r.stance.map { (i, r, $0) } }
            .sorted { $0.2 != $1.2 ? $0.2 < $1.2 : $0.0 < $1.0 }
        var occupied: [[ClosedRange<Double>]] = []
        for (_, row, value) in positioned {
            let x = self.x(value)
            let name = ReportText.flattened(row.name)
            let shown = name.count > Self.longestName ? String(name.prefix(Self.longestName - 1)) + "…" : name
            let textWidth = Double(shown.count) * Self.charWidth
            let gap = Self.radius + 5
            let onLeft = x + gap + textWidth > width - 4
            let box = onLeft ? (x - gap - textWidth - 4)...(x + Self.radius + 2) : (x - Self.radius - 2)...(x + gap + textWidth + 4)
            var lane = 0
            while lane < occupied.count, occupied[lane].contains(where: { $0.overlaps(box) }) { lane += 1 }
            if lane == occupied.count { occupied.append([]) }
            occupied[lane].append(box)
            dots.append(Dot(name: row.name, shown: shown, value: value, label: row.label, x: x, lane: lane, nameOnLeft: onLeft))
        }
        lanes = max(1, occupied.count)
    }

    /// The horizontal position of a value.
    func x(_ value: Double) -> Double {
        Self.margin + (value - low) / (high - low) * (width - 2 * Self.margin)
    }

    /// Where the axis is drawn.
    var axisY: Double { Self.top + Double(lanes) * Self.laneHeight + 10 }

    /// The vertical centre of a lane.
    func laneY(_ lane: Int) -> Double { axisY - 10 - Self.laneHeight / 2 - Double(lane) * Self.laneHeight }

    /// Each scale point's label, in one or two lines that fit between ticks.
    var tickLabels: [(value: Int, lines: [String])] {
        let points = comparison.question.scale
        let spacing = points.count > 1 ? (width - 2 * Self.margin) / Double(points.count - 1) : width
        let room = max(6, Int((min(spacing, 2 * Self.margin) - 8) / 7.0))
        return points.map { p in (p.value, Self.wrap(p.label, columns: room)) }
    }

    /// Height of the drawing.
    var height: Double {
        let lines = tickLabels.map(\.lines.count).max() ?? 0
        return axisY + 22 + Double(lines) * 15 + 6
    }

    /// The chart in words, for screen readers and for anyone who cannot see colour or shape:
    /// `Positions on reset-wedge, from -2 no to +2 likely: Angela Stent -2 no; … No position:
    /// Tara Varma and Aslı Aydıntaşbaş. Median -1 unlikely.`
    var description: String {
        let q = comparison.question
        var text = "Positions on " + q.id
        if let first = q.scale.first, let last = q.scale.last {
            text += ", on a scale from " + Question.signed(first.value) + " " + first.label + " to "
                + Question.signed(last.value) + " " + last.label
        }
        let placed = comparison.rows.filter(\.hasPosition).map { r in
            r.name + " " + ComparisonRenderer.stanceText(r.stance!, label: r.label)
        }
        text += placed.isEmpty ? ": none." : ": " + placed.joined(separator: "; ") + "."
        let silent = comparison.rows.filter { !$0.hasPosition }.map(\.name)
        if !silent.isEmpty { text += " No position: " + ReportText.list(silent) + "." }
        if let m = comparison.summary.median {
            text += " Median " + ComparisonRenderer.stanceText(m, label: Aggregation.label(of: m, on: q)) + "."
        }
        return ReportText.flattened(text)
    }

    /// The CSS class of a value's side: `neg`, `neu`, `pos`.
    static func sideClass(_ value: Double) -> String {
        switch Side(value) {
        case .negative: return "neg"
        case .neutral: return "neu"
        case .positive: return "pos"
        }
    }

    /// The inline `<svg>` element (no namespace declaration: the HTML parser gives inline SVG
    /// its namespace, and the report makes no reference to any URL).
    func svg() -> String {
        let H = HTMLText.escaped
        func n(_ v: Double) -> String {
            let r = (v * 10).rounded() / 10
            return r == r.rounded() ? String(Int(r)) : String(r)
        }
        let left = x(low), right = x(high), y = axisY
        var s = "<svg class=\"chart\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" height=\"\(n(height))\""
            + " role=\"img\" aria-label=\"\(H(description))\">\n"
        s += "<title>\(H(description))</title>\n"

        // Sides of the scale, faintly tinted, so "below 0" and "above 0" read at a glance.
        if low < 0 && high > 0 {
            let zero = x(0), h = y - Self.top + 2
            s += "<rect class=\"zone neg\" x=\"\(n(left - 10))\" y=\"\(n(Self.top - 2))\" width=\"\(n(zero - left + 10))\" height=\"\(n(h))\"/>\n"
            s += "<rect class=\"zone pos\" x=\"\(n(zero))\" y=\"\(n(Self.top - 2))\" width=\"\(n(right - zero + 10))\" height=\"\(n(h))\"/>\n"
        }
        s += "<line class=\"axis\" x1=\"\(n(left - 10))\" y1=\"\(n(y))\" x2=\"\(n(right + 10))\" y2=\"\(n(y))\"/>\n"
        for tick in tickLabels {
            let tx = x(Double(tick.value))
            s += "<line class=\"tick\" x1=\"\(n(tx))\" y1=\"\(n(y - 5))\" x2=\"\(n(tx))\" y2=\"\(n(y + 5))\"/>\n"
            s += "<text class=\"tick-value\" x=\"\(n(tx))\" y=\"\(n(y + 20))\" text-anchor=\"middle\">\(H(Question.signed(tick.value)))</text>\n"
            for (k, line) in tick.lines.enumerated() {
                s += "<text class=\"tick-label\" x=\"\(n(tx))\" y=\"\(n(y + 35 + Double(k) * 15))\" text-anchor=\"middle\">\(H(line))</text>\n"
            }
        }
        for dot in dots {
            let cy = laneY(dot.lane), side = Self.sideClass(dot.value)
            let tip = dot.name + " " + ComparisonRenderer.stanceText(dot.value, label: dot.label)
            s += "<g class=\"dot \(side)\"><title>\(H(ReportText.flattened(tip)))</title>"
            s += "<line class=\"stem\" x1=\"\(n(dot.x))\" y1=\"\(n(y))\" x2=\"\(n(dot.x))\" y2=\"\(n(cy))\"/>"
            s += "<circle cx=\"\(n(dot.x))\" cy=\"\(n(cy))\" r=\"\(n(Self.radius))\"/>"
            let tx = dot.nameOnLeft ? dot.x - Self.radius - 5 : dot.x + Self.radius + 5
            s += "<text x=\"\(n(tx))\" y=\"\(n(cy + 4.5))\"\(dot.nameOnLeft ? " text-anchor=\"end\"" : "")>\(H(dot.shown))</text></g>\n"
        }
        // The median last, on top of the stems that may rise from the same point.
        if let m = comparison.summary.median {
            let mx = x(m), r = 6.0
            s += "<path class=\"median\" d=\"M\(n(mx)) \(n(y - r))L\(n(mx + r)) \(n(y))L\(n(mx)) \(n(y + r))L\(n(mx - r)) \(n(y))Z\">"
                + "<title>\(H("Median " + ComparisonRenderer.stanceText(m, label: Aggregation.label(of: m, on: comparison.question))))</title></path>\n"
        }
        s += "</svg>"
        return s
    }

    /// A label in at most two lines of about `columns` characters, cut with "…" beyond.
    static func wrap(_ label: String, columns: Int) -> [String] {
        let words = ReportText.flattened(label).split(separator: " ").map(String.init)
        var lines: [String] = []
        var line = ""
        for word in words {
            if line.isEmpty { line = word } else if line.count + 1 + word.count <= columns { line += " " + word } else {
                lines.append(line); line = word
            }
        }
        if !line.isEmpty { lines.append(line) }
        if lines.count > 2 { lines = [lines[0], lines[1...].joined(separator: " ")] }
        return lines.map { $0.count > columns + 4 ? String($0.prefix(columns + 3)) + "…" : $0 }
    }
}
