/// What an export works on: codings and the corpus and codebook they refer to.
public struct ExportInput: Sendable {
    /// The codings to export, in any order; exporters order them themselves.
    public var codings: [Coding]
    /// The documents the codings' spans refer to.
    public var corpus: Corpus
    /// The questions and scales the codings' stances refer to.
    public var codebook: Codebook

    /// Creates an export input.
    public init(codings: [Coding], corpus: Corpus, codebook: Codebook) {
        self.codings = codings; self.corpus = corpus; self.codebook = codebook
    }

    /// The codings by set name, then annotation id (UTF-8 order): the order every record
    /// format writes, so exporting the same sets twice gives identical bytes.
    public var ordered: [Coding] {
        codings.sorted(by: Coding.exportOrder)
    }

    /// The set names in order, each once.
    public var setNames: [String] {
        var seen = Set<String>()
        return ordered.compactMap { seen.insert($0.set).inserted ? $0.set : nil }
    }
}
