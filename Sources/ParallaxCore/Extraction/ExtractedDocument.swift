/// What a reader made of a file: the text spans will index, how it divides into paragraphs,
/// the metadata found, and what the reader had to decide on the way.
///
/// Readers are pure functions of the file's bytes (see ``Extractor``); nothing here touches
/// the file system.
public struct ExtractedDocument: Equatable, Sendable {
    /// The text, exactly as it will be stored: UTF-8, lines ending in LF.
    public var text: String
    /// How ``text`` divides into paragraphs.
    public var paragraphs: Segmentation.Paragraphs
    /// Bibliographic data found in the file.
    public var metadata: DocumentMetadata
    /// The file's format.
    public var format: SourceFormat
    /// The character encoding the file was decoded from, when it was not UTF-8.
    public var encoding: String?
    /// What the reader dropped or guessed (repeated headers, a decoded encoding).
    public var notes: [String]
    /// The reader and the library under it, with versions (`pdf: poppler 22.12.0`).
    public var extractor: String

    /// Creates an extracted document.
    public init(text: String, paragraphs: Segmentation.Paragraphs, metadata: DocumentMetadata = DocumentMetadata(),
                format: SourceFormat, encoding: String? = nil, notes: [String] = [], extractor: String) {
        self.text = text; self.paragraphs = paragraphs; self.metadata = metadata; self.format = format
        self.encoding = encoding; self.notes = notes; self.extractor = extractor
    }

    /// Paragraph texts joined as stored by every reader that makes its own paragraphs: one a
    /// line, a blank line between them, a final line feed.
    static func joined(_ paragraphs: [String]) -> String {
        paragraphs.isEmpty ? "" : paragraphs.joined(separator: "\n\n") + "\n"
    }
}
