import ParallaxCore
import ParallaxStore

/// An annotation as `list --json`, `show --json` and `code --json` print it: the stored
/// fields plus where it stands (paragraph) and which set holds it.
public struct AnnotationView: Encodable {
    public var set: String
    public var id: String
    public var doc: String
    public var start: Int
    public var end: Int
    public var paragraph: Int?
    public var exact: String
    public var prefix: String
    public var suffix: String
    public var hash: String
    public var question: String
    public var analyst: String
    public var stance: Int
    public var confidence: Double?
    public var tags: [String]
    public var note: String
    public var created: String
    public var modified: String
    public var status: String

    /// A view of an annotation.
    public init(_ a: Annotation, set: String, corpus: Corpus, status: String = "placed") {
        self.set = set
        id = a.id; doc = a.target.doc; start = a.target.start; end = a.target.end
        paragraph = corpus.document(a.target.doc)?.paragraph(containing: a.target.start)?.number
        exact = a.target.exact; prefix = a.target.prefix; suffix = a.target.suffix; hash = a.target.hash
        question = a.question; analyst = a.analyst; stance = a.stance; confidence = a.confidence
        tags = a.tags; note = a.note; created = a.created; modified = a.modified
        self.status = status
    }
}
