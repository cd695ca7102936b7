import ParallaxCore
import ParallaxStore

/// How output may look: colour and width.
public struct Style: Sendable {
    /// Whether ANSI colour may be used (a terminal, and `NO_COLOR` unset).
    public var colour: Bool
    /// Columns available.
    public var width: Int

    /// Creates a style.
    public init(colour: Bool = false, width: Int = 80) {
        self.colour = colour; self.width = max(40, width)
    }

    /// The core's text layout with this style's colour setting.
    public var layout: TextLayout { TextLayout(colour: colour) }

    /// Text in bold, when colour is on.
    public func bold(_ s: String) -> String { layout.paint(s, .bold) }
    /// Dimmed text, when colour is on.
    public func dim(_ s: String) -> String { layout.paint(s, .dim) }
    /// Red (errors, negative stances), when colour is on.
    public func red(_ s: String) -> String { layout.paint(s, .red) }
    /// Green (positive stances), when colour is on.
    public func green(_ s: String) -> String { layout.paint(s, .green) }
    /// Yellow (highlights), when colour is on.
    public func yellow(_ s: String) -> String { layout.paint(s, .yellow) }
}
