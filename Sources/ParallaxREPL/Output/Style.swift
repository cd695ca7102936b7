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

    /// Text in bold, when colour is on.
    public func bold(_ s: String) -> String { colour ? "\u{1B}[1m\(s)\u{1B}[0m" : s }
    /// Dimmed text, when colour is on.
    public func dim(_ s: String) -> String { colour ? "\u{1B}[2m\(s)\u{1B}[0m" : s }
    /// Red (errors, negative stances), when colour is on.
    public func red(_ s: String) -> String { colour ? "\u{1B}[31m\(s)\u{1B}[0m" : s }
    /// Green (positive stances), when colour is on.
    public func green(_ s: String) -> String { colour ? "\u{1B}[32m\(s)\u{1B}[0m" : s }
    /// Yellow (highlights), when colour is on.
    public func yellow(_ s: String) -> String { colour ? "\u{1B}[33m\(s)\u{1B}[0m" : s }
}
