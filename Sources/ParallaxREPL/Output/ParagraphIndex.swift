import ParallaxCore

/// The paragraphs of the documents some annotations are on, read out of the corpus once, so
/// that a command writing 100,000 annotations on every core (`list --json`) finds each one's
/// paragraph without looking its document up (and taking a lazily loaded document's lock)
/// per annotation.
struct ParagraphIndex: Sendable {
    private let byDocument: [String: [Paragraph]]

    /// The paragraphs of every document in `documents` that the corpus has.
    init(_ corpus: Corpus, documents: Set<String>) {
        var byDocument: [String: [Paragraph]] = [:]
        for id in documents {
            if let d = corpus.document(id) { byDocument[id] = d.paragraphs }
        }
        self.byDocument = byDocument
    }

    /// The number of the paragraph containing `offset` in a document (as
    /// ``Document/paragraph(containing:)`` finds it); `nil` for a document not indexed.
    func number(in document: String, at offset: Int) -> Int? {
        byDocument[document].flatMap { Paragraph.containing(offset, in: $0)?.number }
    }
}
