/// What adding a `.qdc` file's questions to a codebook gives (``QDCCodebook/merge(_:path:into:)``).
public struct QDCImport: Equatable, Sendable {
    /// The codebook with the file's new questions appended, in file order.
    public var codebook: Codebook
    /// Ids of the questions added.
    public var added: [String]
    /// Ids of the file's questions the codebook already had, identical.
    public var unchanged: [String]

    /// The file's code sets (`<Sets>`), as `NAME (N codes)`: not imported, since Parallax has
    /// no grouping of questions to put them in.
    public var codeSetsLeftOut: [String]

    /// Creates a result.
    public init(codebook: Codebook, added: [String], unchanged: [String], codeSetsLeftOut: [String] = []) {
        self.codebook = codebook; self.added = added; self.unchanged = unchanged; self.codeSetsLeftOut = codeSetsLeftOut
    }
}
