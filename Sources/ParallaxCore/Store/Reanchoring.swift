/// Re-anchoring strategy used by the store until the full anchoring engine lands:
/// position first, then a unique exact occurrence of the quote; otherwise an orphan.
public enum Reanchoring {
    /// Re-anchors a target in a changed document.
    public static func anchor(_ target: TextTarget, in doc: Document) -> AnchorOutcome {
        let text = doc.text
        if target.end <= text.scalarCount, text.text(target.start, target.end) == target.exact {
            return .placed(start: target.start, end: target.end)
        }
        var found: [Int] = []
        var from = text.string.startIndex
        while let r = text.string.range(of: target.exact, range: from..<text.string.endIndex), found.count < 2 {
            found.append(text.scalarOffset(of: r.lowerBound))
            from = r.upperBound
        }
        if found.count == 1 {
            return .placed(start: found[0], end: found[0] + target.exact.unicodeScalars.count)
        }
        return .orphan(found.isEmpty ? "the quote no longer occurs in \(doc.id)" : "the quote occurs several times in \(doc.id)")
    }
}
