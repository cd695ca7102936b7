/// An XML element read into a small tree (name, namespace, attributes, children, text and the
/// line it starts on), so an importer can walk a document and say where a problem is.
struct XMLTreeElement: Sendable {
    /// The local name (`PlainTextSelection`).
    var name: String
    /// The namespace URI, empty when none.
    var namespace: String
    var attributes: [String: String]
    var children: [XMLTreeElement]
    /// The character data directly inside the element (CDATA included), exactly.
    var text: String
    /// 1-based line of the start tag.
    var line: Int
    /// 1-based column where the parser was when it read the start tag (just after its `>`);
    /// ``XMLTree/tagStart(_:line:column:)`` turns it into the column of the tag's `<`.
    var column: Int = 1

    /// The children with this local name.
    func children(named name: String) -> [XMLTreeElement] { children.filter { $0.name == name } }

    /// The first child with this local name.
    func child(named name: String) -> XMLTreeElement? { children.first { $0.name == name } }
}
