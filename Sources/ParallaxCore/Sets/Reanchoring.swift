/// The store's re-anchoring: ``Reanchorer`` (position, exact quote, fuzzy match, orphan)
/// over the document's current text, as plain outcomes.
public enum Reanchoring {
    /// Re-anchors targets recorded against an earlier version of a document.
    /// - Parameters:
    ///   - targets: The old targets, best in their old order (the batch learns shifts).
    ///   - doc: The document as it is now.
    /// - Returns: One outcome per target, in the same order.
    public static func anchor(_ targets: [TextTarget], in doc: Document) -> [AnchorOutcome] {
        Reanchorer(text: doc.text, hash: doc.hash).reanchor(targets).map { result in
            switch result {
            case .placed(let p): return .placed(start: p.start, end: p.end)
            case .orphaned(let o): return .orphan(o.message)
            }
        }
    }
}
