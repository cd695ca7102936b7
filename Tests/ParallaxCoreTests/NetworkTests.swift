import Foundation
import Testing
import ParallaxCore
import TestSupport

/// Networks on a hand-made world (``DatedWorld``'s corpus), every number worked out by hand:
///
/// | analyst | q1            | q2 |
/// |---------|---------------|----|
/// | ann     | -1, -2 → -1.5 | +1 |
/// | bob     | +2            | +1 |
/// | cy      | -1            |    |
/// | dee     | (none)        |    |
///
/// Scales run -2…+2 (range 4). Agreement 1 − |a − b| / 4 per shared question:
/// - ann–bob: q1 1 − 3.5/4 = 0.125, q2 1 → mean 0.5625; shared 2; conflict 1 (q1).
/// - ann–cy: q1 1 − 0.5/4 = 0.875; shared 1; conflict 0.
/// - bob–cy: q1 1 − 3/4 = 0.25; shared 1; conflict 1.
@Suite("Networks: GraphML, statements, coalitions")
struct NetworkTests {
    static let codings: [Coding] = [
        DatedWorld.coding("ann", "q1", -1, doc: "a2019", line: 1),
        DatedWorld.coding("ann", "q1", -2, doc: "b2023", line: 1, set: "bea", tags: ["=cmd", "plain"]),
        DatedWorld.coding("ann", "q2", 1, doc: "b2023", line: 2, confidence: 0.8),
        DatedWorld.coding("bob", "q1", 2, doc: "c2023"),
        DatedWorld.coding("bob", "q2", 1, doc: "d2024"),
        DatedWorld.coding("cy", "q1", -1, doc: "u"),
    ]
    static let comparer = Comparer(corpus: DatedWorld.corpus, codebook: DatedWorld.codebook, codings: codings)
    static let network = StanceNetwork(comparer: comparer)
    static let input = ExportInput(codings: codings, corpus: DatedWorld.corpus, codebook: DatedWorld.codebook)

    @Test("edges carry compare's medians and agreement worked out by hand")
    func network() throws {
        let n = Self.network
        #expect(n.analysts.map(\.id) == ["ann", "bob", "cy", "dee"])
        #expect(n.questions.map(\.id) == ["q1", "q2"])
        let annQ1 = try #require(n.stances.first { $0.analyst == "ann" && $0.question == "q1" })
        #expect(annQ1.stance == -1.5 && annQ1.codings == 2 && annQ1.label == "no – unlikely")
        #expect(annQ1.stance == (try Self.comparer.compare(question: "q1")).rows.first { $0.analyst == "ann" }?.stance)
        #expect(n.stances.count == 5)
        let ab = try #require(n.agreement("ann", "bob"))
        #expect(ab.shared == 2 && ab.agreement == 0.5625 && ab.conflict == 1)
        let ac = try #require(n.agreement("cy", "ann"))
        #expect(ac.shared == 1 && ac.agreement == 0.875 && ac.conflict == 0)
        let bc = try #require(n.agreement("bob", "cy"))
        #expect(bc.shared == 1 && bc.agreement == 0.25 && bc.conflict == 1)
        #expect(n.agreements.count == 3)  // dee shares nothing
    }

    @Test("GraphML read back by networkx gives the nodes, kinds and edge values worked out by hand")
    func graphMLInNetworkx() throws {
        let dir = Fixtures.temporaryDirectory("parallax-graphml")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var text = ""
        GraphMLExportFormat().write(Self.input, to: &text)
        let path = dir + "/net.graphml"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let script = """
        import sys, json, networkx as nx
        G = nx.read_graphml(sys.argv[1])
        out = {"directed": G.is_directed(),
               "nodes": {n: d for n, d in G.nodes(data=True)},
               "edges": {"|".join(sorted((u, v))): d for u, v, d in G.edges(data=True)}}
        for d in out["edges"].values(): d.pop("id", None)
        print(json.dumps(out, sort_keys=True))
        """
        let json = try Python.run(script, arguments: [path])
        let result = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(result["directed"] as? Bool == false)
        let nodes = try #require(result["nodes"] as? [String: [String: Any]])
        #expect(Set(nodes.keys) == ["ann", "bob", "cy", "dee", "q1", "q2"])
        #expect(nodes["ann"]?["kind"] as? String == "analyst")
        #expect(nodes["ann"]?["affiliation"] as? String == "Institute A")
        #expect(nodes["cy"]?["affiliation"] as? String == "=HYPERLINK(\"x\")")
        #expect(nodes["q1"]?["kind"] as? String == "question")
        #expect(nodes["q1"]?["text"] as? String == "Question q1?")
        #expect(nodes["q1"]?["scale_min"] as? Int == -2)
        let edges = try #require(result["edges"] as? [String: [String: Any]])
        #expect(edges.count == 8)  // 5 stances + 3 pairs
        func edge(_ a: String, _ b: String) throws -> [String: Any] { try #require(edges[[a, b].sorted().joined(separator: "|")]) }
        #expect(try edge("ann", "q1")["kind"] as? String == "stance")
        #expect(try edge("ann", "q1")["stance"] as? Double == -1.5)
        #expect(try edge("ann", "q1")["codings"] as? Int == 2)
        #expect(try edge("bob", "q1")["stance"] as? Double == 2)
        #expect(try edge("ann", "bob")["kind"] as? String == "agreement")
        #expect(try edge("ann", "bob")["agreement"] as? Double == 0.5625)
        #expect(try edge("ann", "bob")["shared"] as? Int == 2)
        #expect(try edge("ann", "bob")["conflict"] as? Int == 1)
        #expect(try edge("ann", "cy")["agreement"] as? Double == 0.875)
        #expect(try edge("ann", "cy")["conflict"] as? Int == 0)
        #expect(try edge("bob", "cy")["agreement"] as? Double == 0.25)
        #expect(try edge("bob", "cy")["conflict"] as? Int == 1)
        #expect(edges["cy|q2"] == nil && edges["cy|dee"] == nil)
    }

    @Test("GraphML declares every key with a type and escapes text; a question id that is also an analyst's is prefixed")
    func graphMLText() throws {
        var text = ""
        GraphMLExportFormat().write(Self.input, to: &text)
        #expect(text.contains("<key id=\"agreement\" for=\"edge\" attr.name=\"agreement\" attr.type=\"double\"/>"))
        #expect(text.contains("<key id=\"codings\" for=\"edge\" attr.name=\"codings\" attr.type=\"int\"/>"))
        #expect(text.contains("<data key=\"affiliation\">=HYPERLINK(\"x\")</data>"))
        #expect(text.contains("<graph id=\"parallax\" edgedefault=\"undirected\">"))
        let clash = Codebook(questions: [DatedWorld.question("ann")])
        var other = ""
        GraphMLExportFormat().write(ExportInput(codings: [DatedWorld.coding("bob", "ann", 1, doc: "b2023")],
                                                    corpus: DatedWorld.corpus, codebook: clash), to: &other)
        #expect(other.contains("<node id=\"question:ann\">"))
        #expect(other.contains("source=\"bob\" target=\"question:ann\""))
    }

    @Test("the statements CSV loads in pandas: one row per coding, dates, names, labels, formula-safe")
    func statementsInPandas() throws {
        let dir = Fixtures.temporaryDirectory("parallax-statements")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var text = ""
        StatementsExportFormat().write(Self.input, to: &text)
        let path = dir + "/statements.csv"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let script = """
        import sys, json, pandas as pd
        d = pd.read_csv(sys.argv[1], keep_default_na=False, dtype={"date": str})
        print(json.dumps({"columns": list(d.columns), "rows": len(d), "stance": [int(x) for x in d["stance"]],
                          "date": list(d["date"]), "analyst_name": list(d["analyst_name"]), "label": list(d["stance_label"]),
                          "tags": list(d["tags"]), "set": list(d["set"]), "affiliation": list(d["affiliation"]),
                          "confidence": [str(x) for x in d["confidence"]], "stance_dtype": str(d["stance"].dtype),
                          "title": list(d["title"]), "paragraph": [str(x) for x in d["paragraph"]]}))
        """
        let json = try Python.run(script, arguments: [path])
        let r = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(r["columns"] as? [String] == StatementsExportFormat.columns)
        #expect(r["rows"] as? Int == 6)
        #expect(r["stance_dtype"] as? String == "int64")
        // By date: a2019, b2023 (¶1, ¶2), c2023, d2024, then the undated document.
        #expect(r["date"] as? [String] == ["2019-06", "2023-03-15", "2023-03-15", "2023-03-15", "2024-07-23", ""])
        #expect(r["stance"] as? [Int] == [-1, -2, 1, 2, 1, -1])
        #expect(r["analyst_name"] as? [String] == ["Ann A", "Ann A", "Ann A", "Bob B", "Bob B", "Cy C"])
        #expect(r["label"] as? [String] == ["unlikely", "no", "plausible", "likely", "plausible", "unlikely"])
        #expect(r["set"] as? [String] == ["alice", "bea", "alice", "alice", "alice", "alice"])
        #expect(r["title"] as? [String] == ["Title of a2019", "Title of b2023", "Title of b2023", "Title of c2023", "Title of d2024", "Title of u"])
        #expect(r["paragraph"] as? [String] == ["1", "1", "2", "1", "1", "1"])
        #expect(r["confidence"] as? [String] == ["", "", "0.8", "", "", ""])
        // Formula neutralisation: a cell a spreadsheet would run gets a ' in front.
        #expect((r["tags"] as? [String])?[1] == "'=cmd;plain")
        #expect((r["affiliation"] as? [String])?[5] == "'=HYPERLINK(\"x\")")
    }

    @Test("coalitions: average linkage merges ann and cy (0.875), not bob (0.40625 < 0.75); q1 divides them")
    func coalitions() throws {
        let c = Coalitions(network: Self.network, codebook: DatedWorld.codebook)
        #expect(c.linkage == "average" && c.threshold == 0.75)
        #expect(c.groups.map(\.members) == [["ann", "cy"], ["bob"]])
        #expect(c.groups[0].cohesion == 0.875 && c.groups[0].minimumShared == 1)
        #expect(c.merges.count == 1 && c.merges[0].agreement == 0.875)
        #expect(c.pairs.count == 1)
        let pair = c.pairs[0]
        #expect(pair.agreement == (0.5625 + 0.25) / 2)
        // q1: group medians -1.25 (of -1.5 and -1) and +2: gap 3.25 / 4; q2: +1 and +1, no gap.
        #expect(pair.divisions.map(\.question) == ["q1"])
        #expect(pair.divisions[0].first == -1.25 && pair.divisions[0].second == 2)
        #expect(pair.divisions[0].gap == 0.8125 && pair.divisions[0].opposite)
        // A threshold low enough merges everyone who shares a question.
        let all = Coalitions(network: Self.network, codebook: DatedWorld.codebook, threshold: 0.4)
        #expect(all.groups.map(\.members) == [["ann", "bob", "cy"]])
        var text = ""
        CoalitionsRenderer(width: 80).render(c, to: &text)
        #expect(text.contains("average-linkage clustering"))
        #expect(text.contains("at least 0.75"))
        #expect(text.contains("  q1: -1.25 vs +2 (gap 0.81 of the scale, opposite sides)\n"))
    }
}
