import ParallaxCore
import ParallaxStore

/// The current selection: the span `code` will annotate.
public struct Selection: Sendable {
    /// The span with its quote selector and document hash.
    public var target: TextTarget
    /// The analyst who owns the span, `nil` in editorial text or when it crosses speakers.
    public var analyst: String?
    /// Why there is no analyst, when there is none.
    public var analystProblem: String?
    /// Number of the paragraph where it starts.
    public var paragraph: Int
}
