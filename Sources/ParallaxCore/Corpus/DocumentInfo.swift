/// What the manifest says about one document: bibliographic data and segmentation.
public struct DocumentInfo: Codable, Equatable, Sendable {
    /// Short, typeable id (`brookings`, `lin`); used in spans and commands.
    public var id: String
    /// The file name inside the corpus directory; its bytes are never changed.
    public var file: String
    /// Title as published.
    public var title: String
    /// Publisher (institution, journal).
    public var publisher: String
    /// Publication date, ISO 8601 (`2025-03-06`, or `2019-06` when only the month is known).
    public var date: String
    /// Authors or participants as the source names them.
    public var authors: [String]
    /// The analyst id that owns spans outside speaker turns (the author); `nil` when such spans
    /// are editorial (a transcript's introduction) or the author is unknown.
    public var voice: String?
    /// How the text divides into paragraphs and speaker turns.
    public var segmentation: Segmentation
    /// Where the text came from, for a document added with `doc add` (`nil` for a text
    /// placed in the corpus by hand).
    public var source: DocumentSource?
    /// Earlier texts of the document, oldest first, kept when `doc update` replaced them.
    public var versions: [DocumentVersion]?

    /// Creates document metadata.
    public init(id: String, file: String, title: String, publisher: String, date: String,
                authors: [String], voice: String?, segmentation: Segmentation,
                source: DocumentSource? = nil, versions: [DocumentVersion]? = nil) {
        self.id = id; self.file = file; self.title = title; self.publisher = publisher
        self.date = date; self.authors = authors; self.voice = voice; self.segmentation = segmentation
        self.source = source; self.versions = versions
    }
}
