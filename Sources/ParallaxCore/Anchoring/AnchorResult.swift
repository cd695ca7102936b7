/// The outcome of re-anchoring one target: a placement or an orphan.
public enum AnchorResult: Equatable, Hashable, Sendable {
    /// Found; the span's new offsets.
    case placed(AnchorPlacement)
    /// Not found with enough confidence.
    case orphaned(AnchorOrphan)

    /// The placement, when the target was placed.
    public var placement: AnchorPlacement? {
        if case .placed(let p) = self { return p }
        return nil
    }

    /// The orphan report, when the target was orphaned.
    public var orphan: AnchorOrphan? {
        if case .orphaned(let o) = self { return o }
        return nil
    }
}
