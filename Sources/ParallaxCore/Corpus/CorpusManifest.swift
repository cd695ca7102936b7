/// The corpus manifest (`Corpus/manifest.json`): which documents there are, how each is
/// segmented, and who the analysts are.
///
/// The manifest is data: another corpus with other analysts works by editing it, not the code.
public struct CorpusManifest: Codable, Equatable, Sendable {
    /// The documents, in the order users see them.
    public var documents: [DocumentInfo]
    /// Every voice that can own a span: analysts compared by default and others.
    public var analysts: [AnalystInfo]

    /// Creates a manifest.
    public init(documents: [DocumentInfo], analysts: [AnalystInfo]) {
        self.documents = documents
        self.analysts = analysts
    }
}
