/// Whether a placement was the one clear choice.
public enum AnchorConfidence: String, Sendable, Hashable, CaseIterable {
    /// No other candidate came within the tie margin of this one.
    case high
    /// Another candidate agreed with the recorded text about as well; this one was chosen
    /// because it is nearer the old position. Worth a reviewer's look.
    case low
}
