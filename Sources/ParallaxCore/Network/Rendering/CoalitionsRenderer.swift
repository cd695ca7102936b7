/// Renders ``Coalitions`` as plain text: how they were computed, each group with its
/// cohesion, then for each pair of groups their agreement and the questions that divide
/// them most.
public struct CoalitionsRenderer: Sendable {
    /// Columns available; values under 40 are treated as 40.
    public var width: Int
    /// Whether to emit ANSI colour codes.
    public var colour: Bool

    /// Creates a renderer.
    public init(width: Int = 80, colour: Bool = false) { self.width = width; self.colour = colour }

    /// `0.83`: agreement to two decimals.
    static func share(_ v: Double) -> String {
        let r = (v * 100).rounded() / 100
        var s = String(r)
        if s.hasSuffix(".0") { s += "0" } else if s.split(separator: ".").last?.count == 1 { s += "0" }
        return s
    }

    /// Writes the coalitions.
    public func render(_ c: Coalitions, to out: inout some TextOutputStream) {
        let ui = TextLayout(colour: colour), columns = max(40, width)
        func wrap(_ text: String, indent: String = "") {
            for line in TextLayout.wrap(text, width: columns - indent.count) { out.write(indent + line + "\n") }
        }
        wrap("Coalitions: \(c.linkage)-linkage clustering on pairwise agreement, merging while it is at least "
             + Self.share(c.threshold) + " (1 = the same stances, 0 = opposite ends of every scale); "
             + ComparisonRenderer.count(c.questionsCoded, "question") + " with positions.")
        if c.groups.isEmpty { out.write("\nno analyst takes a position\n"); return }
        for (k, g) in c.groups.enumerated() {
            out.write("\n" + ui.paint("group \(k + 1)", .bold))
            if let cohesion = g.cohesion, let shared = g.minimumShared {
                out.write("  agreement " + Self.share(cohesion) + ui.paint(" (weakest link on \(ComparisonRenderer.count(shared, "shared question")))", .dim))
            }
            out.write("\n")
            wrap(g.names.joined(separator: ", "), indent: "  ")
        }
        for p in c.pairs {
            out.write("\n" + ui.paint("group \(p.first + 1) vs group \(p.second + 1)", .bold) + "  "
                      + (p.agreement.map { "agreement " + Self.share($0) } ?? "no shared question") + "\n")
            if p.divisions.isEmpty { out.write("  nothing divides them on the questions both take positions on\n") }
            for d in p.divisions {
                let text = d.question + ": " + Aggregation.signed(d.first) + " vs " + Aggregation.signed(d.second)
                    + " (gap " + Self.share(d.gap) + " of the scale" + (d.opposite ? ", opposite sides" : "") + ")"
                wrap(text, indent: "  ")
            }
        }
        if c.questionsCoded < 5 {
            out.write("\n")
            wrap("With " + ComparisonRenderer.count(c.questionsCoded, "question") + ", each agreement rests on very few values; read the groups as a sketch.")
        }
    }
}
