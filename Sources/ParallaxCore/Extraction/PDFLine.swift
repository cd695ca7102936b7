/// One line of a PDF page's text layer, with its box in page units (origin top left, y
/// growing downwards), as the PDF reader hands it to ``PDFLayout``.
public struct PDFLine: Equatable, Sendable {
    /// The line's text, words separated by spaces.
    public var text: String
    /// Left edge.
    public var x0: Double
    /// Top edge.
    public var y0: Double
    /// Right edge.
    public var x1: Double
    /// Bottom edge.
    public var y1: Double

    /// Creates a line.
    public init(_ text: String, x0: Double, y0: Double, x1: Double, y1: Double) {
        self.text = text; self.x0 = x0; self.y0 = y0; self.x1 = x1; self.y1 = y1
    }

    /// The line's height (about its font size).
    var height: Double { max(0.1, y1 - y0) }
}
