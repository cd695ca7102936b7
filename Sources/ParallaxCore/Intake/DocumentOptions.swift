/// What the user said on `doc add`: every field overrides what the file says.
public struct DocumentOptions: Equatable, Sendable {
    /// The id to give the document.
    public var id: String?
    /// The title.
    public var title: String?
    /// The date, `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    public var date: String?
    /// Authors, `A; B`.
    public var authors: [String]?
    /// The publisher.
    public var publisher: String?
    /// `transcript` or `text`: whether to look for speaker turns (default: detect them).
    public var kind: DocumentKind?

    /// Creates options.
    public init(id: String? = nil, title: String? = nil, date: String? = nil, authors: [String]? = nil,
                publisher: String? = nil, kind: DocumentKind? = nil) {
        self.id = id; self.title = title; self.date = date; self.authors = authors
        self.publisher = publisher; self.kind = kind
    }
}

/// Whether a document is a transcript (speaker turns) or a text with one voice.
public enum DocumentKind: String, Sendable, CaseIterable {
    /// Speaker turns opened by `NAME:` labels.
    case transcript
    /// One voice, the author's.
    case text
}
