/// Where an added document's text came from: the original file kept in the corpus, its
/// hash, and the reader (with versions) that extracted the text.
public struct DocumentSource: Codable, Equatable, Sendable {
    /// The original file inside the corpus directory (`sources/report.pdf`), byte for byte.
    public var file: String
    /// The name the file had when it was added.
    public var name: String
    /// The file's format (`pdf`, `html`, `docx`, `txt`, `md`).
    public var format: String
    /// Lowercase hex SHA-256 of the original file.
    public var sha256: String
    /// The reader and library versions that extracted the text.
    public var extractor: String
    /// The encoding the text was decoded from, when not UTF-8.
    public var encoding: String?
    /// When it was added (UTC, ISO 8601).
    public var added: String

    /// Creates a source record.
    public init(file: String, name: String, format: String, sha256: String, extractor: String, encoding: String? = nil, added: String) {
        self.file = file; self.name = name; self.format = format; self.sha256 = sha256
        self.extractor = extractor; self.encoding = encoding; self.added = added
    }
}

/// An earlier text of a document, kept when a new version replaced it, so annotations made
/// on it can still be checked against what they quoted.
public struct DocumentVersion: Codable, Equatable, Sendable {
    /// The earlier text inside the corpus directory (`versions/lin-1a2b3c4d.txt`).
    public var file: String
    /// Lowercase hex SHA-256 of that text (the hash its annotations recorded).
    public var sha256: String
    /// Where that text came from, if it was added with `doc add`.
    public var source: DocumentSource?
    /// When it was replaced (UTC, ISO 8601).
    public var replaced: String
    /// Where each annotation on the document pointed in this text when it was replaced
    /// (before they were re-anchored onto the new one), by id order; `nil` when none did.
    public var anchors: [VersionAnchor]?

    /// Creates a version record.
    public init(file: String, sha256: String, source: DocumentSource?, replaced: String, anchors: [VersionAnchor]? = nil) {
        self.file = file; self.sha256 = sha256; self.source = source; self.replaced = replaced; self.anchors = anchors
    }
}
