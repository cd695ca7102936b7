/// What adding (or updating) a document will write: the manifest after the change, the new
/// text and where the original goes, and a one-line summary for the user. Made by
/// ``DocumentPlanner`` without touching the file system; the store carries it out.
public struct DocumentPlan: Sendable {
    /// The manifest once the document is in.
    public var manifest: CorpusManifest
    /// The document's manifest entry.
    public var info: DocumentInfo
    /// The text to store at `info.file`, exactly (UTF-8).
    public var text: [UInt8]
    /// Analysts created for speakers the corpus did not know.
    public var newAnalysts: [AnalystInfo]
    /// Analysts that gained a speaker label.
    public var labelledAnalysts: [String]
    /// Paragraphs in the text.
    public var paragraphs: Int
    /// Distinct speaker labels found.
    public var speakers: Int
    /// What the user is told: paragraphs, speakers, where the metadata came from.
    public var summary: String
}
