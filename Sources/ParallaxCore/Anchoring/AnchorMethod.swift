/// How a target was found again in a changed text.
public enum AnchorMethod: String, Sendable, Hashable, CaseIterable {
    /// The old offsets still hold the exact quote (with its context, unless the quote is long).
    case position
    /// The exact quote was found elsewhere and chosen by its context and distance.
    case quote
    /// An approximate occurrence of the quote, within the edit budget, with enough context.
    case fuzzy
}
