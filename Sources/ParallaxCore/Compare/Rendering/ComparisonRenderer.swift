/// Renders comparisons as plain text for a terminal or a file: the compare table
/// , the diff and the matrix (the three `render(_:to:)` overloads).
///
/// Writes to an injected `TextOutputStream`, so the core never touches standard output.
/// Lines never exceed ``width`` columns (a word wider than the line is split). ANSI colour
/// (stances below 0 red, above 0 green, secondary text dim) is emitted only when ``colour``
/// is true.
public struct ComparisonRenderer: Sendable {
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

    /// The width actually used.
    var columns: Int { max(40, width) }

    var layout: TextLayout { TextLayout(colour: colour) }

    /// The scale legend, wrapped between points: `-2 no · -1 unlikely · …`.
    func legend(_ question: Question) -> [String] {
        let items = question.scale.map { Question.signed($0.value) + " " + $0.label }
        return TextLayout.wrap(items: items, separator: " · ", width: columns, rest: columns)
    }

    /// `-1.5 no – unlikely`: a stance with its label.
    static func stanceText(_ stance: Double, label: String?) -> String {
        Aggregation.signed(stance) + (label.map { " " + $0 } ?? "")
    }

    /// `1 point`, `2 points`, `0.5 points`.
    static func points(_ d: Double) -> String {
        let n = Aggregation.signed(d).replacingOccurrences(of: "+", with: "")
        return n + (d == 1 ? " point" : " points")
    }

    /// `no position`, or the number of something: `1 coding`, `2 codings`.
    static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(n) " + (n == 1 ? singular : plural ?? singular + "s")
    }
}
