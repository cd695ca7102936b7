/// How a span changed between two versions of an annotation.
public enum SpanChange: String, Codable, Sendable {
    /// Same length, another start.
    case moved
    /// Same start, another length.
    case resized
    /// Another start and another length.
    case movedAndResized = "moved-resized"
    /// Now in another document.
    case otherDocument = "other-document"
    /// Same offsets, but the quote or the document version changed (re-anchored in place).
    case requoted

    /// Classifies the change from one span to another, or `nil` when they are equal.
    public init?(from old: TextTarget, to new: TextTarget) {
        if old == new { return nil }
        if old.doc != new.doc { self = .otherDocument; return }
        switch (old.start == new.start, old.length == new.length) {
        case (true, true): self = .requoted
        case (false, true): self = .moved
        case (true, false): self = .resized
        case (false, false): self = .movedAndResized
        }
    }
}
