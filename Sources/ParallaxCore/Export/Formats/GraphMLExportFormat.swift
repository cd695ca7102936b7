/// GraphML for network tools (networkx, igraph, Gephi, visone): analysts and questions as
/// nodes, positions and pairwise agreement as edges (``StanceNetwork``).
///
/// **Nodes.** Analysts: `kind` = `analyst`, `name`, `affiliation`, and `label` (the name, which
/// Gephi shows). Questions: `kind` = `question`, `text`, `label` (the id), `scale_min`,
/// `scale_max`. A node's id is the analyst's or question's id; a question whose id is also an
/// analyst's gets `question:` in front.
///
/// **Edges** (the graph is undirected). Analyst–question (`kind` = `stance`): `stance` (the
/// median `compare` shows, a double), `stance_label`, `codings` (int). Analyst–analyst
/// (`kind` = `agreement`): `shared`, `agreement` (0…1, double), `conflict` (int). Every key is
/// declared with its `attr.type`, so readers get numbers, not strings.
///
/// Text is XML-escaped; characters XML 1.0 cannot hold become U+FFFD. The same input gives the
/// same bytes.
public struct GraphMLExportFormat: TextExportFormat {
    /// Creates the format.
    public init() {}

    public var name: String { "graphml" }
    public var summary: String { "GraphML network: analysts, questions, stances and agreement" }
    public var fileExtension: String? { "graphml" }

    /// The declared attributes: id, for, name, type.
    static let keys: [(id: String, domain: String, name: String, type: String)] = [
        ("kind", "node", "kind", "string"),
        ("label", "node", "label", "string"),
        ("name", "node", "name", "string"),
        ("affiliation", "node", "affiliation", "string"),
        ("text", "node", "text", "string"),
        ("scale_min", "node", "scale_min", "int"),
        ("scale_max", "node", "scale_max", "int"),
        ("edge_kind", "edge", "kind", "string"),
        ("stance", "edge", "stance", "double"),
        ("stance_label", "edge", "stance_label", "string"),
        ("codings", "edge", "codings", "int"),
        ("shared", "edge", "shared", "int"),
        ("agreement", "edge", "agreement", "double"),
        ("conflict", "edge", "conflict", "int"),
    ]

    public func write(_ input: ExportInput, to stream: inout some TextOutputStream) {
        let network = StanceNetwork(comparer: Comparer(corpus: input.corpus, codebook: input.codebook, codings: input.codings))
        write(network, to: &stream)
    }

    /// Writes a network already worked out.
    public func write(_ network: StanceNetwork, to stream: inout some TextOutputStream) {
        let A = XMLText.attribute, C = XMLText.content
        stream.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        stream.write("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                     + " xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n")
        for k in Self.keys {
            stream.write("  <key id=\"\(k.id)\" for=\"\(k.domain)\" attr.name=\"\(k.name)\" attr.type=\"\(k.type)\"/>\n")
        }
        stream.write("  <graph id=\"parallax\" edgedefault=\"undirected\">\n")
        let analystIDs = Set(network.analysts.map(\.id))
        func questionNode(_ id: String) -> String { analystIDs.contains(id) ? "question:" + id : id }
        func data(_ key: String, _ value: String) -> String { "      <data key=\"\(key)\">\(C(value))</data>\n" }
        for a in network.analysts {
            stream.write("    <node id=\"\(A(a.id))\">\n" + data("kind", "analyst") + data("label", a.name) + data("name", a.name)
                         + data("affiliation", a.affiliation) + "    </node>\n")
        }
        for q in network.questions {
            stream.write("    <node id=\"\(A(questionNode(q.id)))\">\n" + data("kind", "question") + data("label", q.id)
                         + data("text", q.text) + data("scale_min", String(q.scaleMin)) + data("scale_max", String(q.scaleMax))
                         + "    </node>\n")
        }
        var n = 0
        for s in network.stances {
            stream.write("    <edge id=\"e\(n)\" source=\"\(A(s.analyst))\" target=\"\(A(questionNode(s.question)))\">\n"
                         + data("edge_kind", "stance") + data("stance", Self.number(s.stance))
                         + (s.label.map { data("stance_label", $0) } ?? "") + data("codings", String(s.codings)) + "    </edge>\n")
            n += 1
        }
        for e in network.agreements {
            stream.write("    <edge id=\"e\(n)\" source=\"\(A(e.first))\" target=\"\(A(e.second))\">\n"
                         + data("edge_kind", "agreement") + data("shared", String(e.shared))
                         + data("agreement", Self.number(e.agreement)) + data("conflict", String(e.conflict)) + "    </edge>\n")
            n += 1
        }
        stream.write("  </graph>\n</graphml>\n")
    }

    /// A double as XML Schema reads it: `-1.5`, `2`, `0.8333333333333334` (shortest round trip).
    static func number(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
    }
}
