/// Renders set diffs and merge conflicts as plain text for a coder reviewing a colleague's
/// work (the two `render` overloads).
///
/// Writes to an injected `TextOutputStream`; no line exceeds ``width`` columns (long quotes
/// and notes are cut with "…", other text wraps with a hanging indent). ANSI colour only when
/// ``colour`` is true. With a corpus, places read `brookings ¶8`; without, `brookings 2930-3037`.
/// With a codebook, stances carry their labels (`-2 no → 0 uncertain`).
public struct TeamRenderer {
    /// Columns available; values under 40 are treated as 40.
    public var width: Int
    /// Whether to emit ANSI colour codes.
    public var colour: Bool
    /// The corpus, for paragraph numbers (optional: diffs and merges need none).
    public var corpus: Corpus?
    /// The codebook, for the labels of stances (optional).
    public var codebook: Codebook?

    /// Creates a renderer.
    /// - Parameters:
    ///   - width: Columns available (default 80; at least 40 is used).
    ///   - colour: Whether to emit ANSI colour codes (default off).
    ///   - corpus: The corpus, for paragraph numbers.
    ///   - codebook: The codebook, for the labels of stances.
    public init(width: Int = 80, colour: Bool = false, corpus: Corpus? = nil, codebook: Codebook? = nil) {
        self.width = width
        self.colour = colour
        self.corpus = corpus
        self.codebook = codebook
    }

    /// The width actually used.
    var columns: Int { max(40, width) }

    var layout: TextLayout { TextLayout(colour: colour) }

    /// `brookings ¶8`, or `brookings 2930-3037` when the paragraph is not known.
    func place(_ doc: String, _ start: Int, _ end: Int) -> String {
        if let p = corpus?.document(doc)?.paragraph(containing: start) { return "\(doc) ¶\(p.number)" }
        return "\(doc) \(start)-\(end)"
    }

    /// `-2 no` with a codebook that knows the question, else `-2`.
    func stance(_ value: Int, of question: String) -> String {
        Question.signed(value) + (codebook?.question(question)?.label(of: value).map { " " + $0 } ?? "")
    }

    /// A quote on one line, cut to `room` columns.
    static func quote(_ text: String, _ room: Int) -> String {
        let flat = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return "“" + TextLayout.truncate(flat, max(1, room - 2)) + "”"
    }

    /// Writes `text` wrapped to the width: the first line after `indent` spaces, the rest
    /// after `hanging` spaces.
    func write(_ text: String, indent: Int, hanging: Int, paint: TextLayout.Paint? = nil, to out: inout some TextOutputStream) {
        let lines = TextLayout.wrap(text, width: columns - indent, rest: columns - hanging)
        for (i, line) in lines.enumerated() {
            let body = paint.map { layout.paint(line, $0) } ?? line
            out.write(String(repeating: " ", count: i == 0 ? indent : hanging) + body + "\n")
        }
    }

    /// An annotation's heading: its id, two spaces, then `items` joined by ` · `, wrapped
    /// between items (under a hanging indent of 6) when they do not fit.
    func heading(_ id: String, _ items: [String], to out: inout some TextOutputStream) {
        let first = columns - 2 - TextLayout.columns(id) - 2
        var lines = first >= 12
            ? TextLayout.wrap(items: items, separator: " · ", width: first, rest: columns - 6)
            : [""] + TextLayout.wrap(items: items, separator: " · ", width: columns - 6, rest: columns - 6)
        let head = lines.removeFirst()
        out.write("  " + id + (head.isEmpty ? "" : "  " + head) + "\n")
        for line in lines { out.write("      " + line + "\n") }
    }

    /// A label in a fixed column, then a value cut to fit the line.
    func labelled(_ label: String, _ value: String, indent: Int, to out: inout some TextOutputStream) {
        let head = String(repeating: " ", count: indent) + TextLayout.pad(label, 10) + " "
        out.write(head + TextLayout.truncate(value, columns - TextLayout.columns(head)) + "\n")
    }
}
