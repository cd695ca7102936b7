/// Renders a ``CoderReview`` as plain text: a headline with the counts, then each unit where
/// the coders differ, sharpest first, with both coders' stances and, passage by passage, the
/// quote and each coder's stance, tags and note side by side.
///
/// ```
/// review alice ⇄ bob: 2 units differ, 5 agree · consensus team: 1 settled, 1 left
///
/// reset-wedge · stent   alice -2 no ⇄ bob +1 plausible   3 points   settled: -1 unlikely
///   brookings ¶8 "we are not seeing a wedge…"
///     alice      -2 no         tactical, not fundamental
///     bob        +1 plausible  [evidence] a real shift
///     team       -1 unlikely   (01M9…)
/// ```
public struct ReviewRenderer: Sendable {
    /// Columns available; values under 40 are treated as 40.
    public var width: Int
    /// Whether to emit ANSI colour codes.
    public var colour: Bool
    /// The codebook, for labels.
    public var codebook: Codebook

    /// Creates a renderer.
    public init(codebook: Codebook, width: Int = 80, colour: Bool = false) {
        self.codebook = codebook; self.width = width; self.colour = colour
    }

    private var columns: Int { max(40, width) }
    private var layout: TextLayout { TextLayout(colour: colour) }

    /// Writes the review.
    public func render(_ review: CoderReview, to out: inout some TextOutputStream) {
        let a = review.firstSet, b = review.secondSet
        var head = "review \(a) ⇄ \(b)" + (review.question.map { " on \($0)" } ?? "") + ": "
        head += ComparisonRenderer.count(review.units.count, "unit differs", "units differ") + ", \(review.agreed) agree"
        if let c = review.consensusSet {
            head += " · consensus \(c): \(review.settledCount) settled, \(review.units.count - review.settledCount) left"
        }
        out.write(layout.paint(head, .bold) + "\n")
        if review.units.isEmpty {
            out.write(review.agreed == 0 ? "neither set codes " + (review.question ?? "any question") + "\n"
                      : "the two coders agree on every unit\n")
            return
        }
        let nameWidth = max(a.count, b.count, review.consensusSet?.count ?? 0) + 2
        for unit in review.units {
            out.write("\n")
            let q = codebook.question(unit.question)
            func stance(_ v: Double?) -> String {
                guard let v else { return "not coded" }
                return layout.paint(ComparisonRenderer.stanceText(v, label: q.flatMap { Aggregation.label(of: v, on: $0) }), stance: v)
            }
            var line = layout.paint("\(unit.question) · \(unit.analyst)", .bold) + "   \(a) \(stance(unit.first)) ⇄ \(b) \(stance(unit.second))"
            switch unit.kind {
            case .stance: line += "   " + ComparisonRenderer.points(unit.distance)
            case .onlyFirst: line += "   only \(a) coded it"
            case .onlySecond: line += "   only \(b) coded it"
            case .passages: line += "   same stance, other passages"
            }
            if review.consensusSet != nil {
                line += "   " + (unit.settled ? layout.paint("settled: ", .green) + stance(unit.consensus)
                                 : layout.paint(unit.consensus == nil ? "open" : "open (passages left)", .yellow))
            }
            out.write(line + "\n")
            for p in unit.passages {
                let place = p.doc + (p.paragraph.map { " ¶\($0)" } ?? "")
                out.write("  " + layout.paint(place, .dim) + " " + quote(p.exact, room: columns - place.count - 3) + "\n")
                func reading(_ name: String, _ r: CoderReview.Reading?, marked: Bool) {
                    let who = name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
                    guard let r else {
                        if marked { out.write("    " + who + layout.paint("did not mark it", .dim) + "\n") }
                        return
                    }
                    let label = Question.signed(r.stance) + (q?.label(of: r.stance).map { " " + $0 } ?? "")
                    var rest = r.tags.isEmpty ? "" : "[" + r.tags.joined(separator: ", ") + "] "
                    rest += r.note.replacingOccurrences(of: "\n", with: " ")
                    let room = max(10, columns - 4 - nameWidth - label.count - 2)
                    out.write("    " + who + layout.paint(label, stance: Double(r.stance)) + "  " + clip(rest, room) + "\n")
                }
                reading(a, p.first, marked: true)
                reading(b, p.second, marked: true)
                if let c = review.consensusSet { reading(c, p.consensus, marked: false) }
            }
        }
    }

    private func quote(_ text: String, room: Int) -> String {
        "“" + clip(text.replacingOccurrences(of: "\n", with: " "), max(10, room - 2)) + "”"
    }

    private func clip(_ text: String, _ room: Int) -> String {
        text.count <= room ? text : String(text.prefix(room - 1)) + "…"
    }
}
