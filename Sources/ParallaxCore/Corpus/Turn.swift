/// A speaker's turn in a transcript: from a `NAME:` label to the next label or end marker.
public struct Turn: Equatable, Sendable {
    /// The label as written (`ASLI AYDINTAŞBAŞ`).
    public var label: String
    /// The analyst id the label resolves to, or `nil` for a label the manifest does not know.
    public var speaker: String?
    /// Scalar offset where the turn starts (the label's first scalar).
    public var start: Int
    /// Scalar offset where the turn ends (end of its last paragraph).
    public var end: Int
    /// Numbers of the first and last paragraphs of the turn.
    public var paragraphs: ClosedRange<Int>
}
