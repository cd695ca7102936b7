import Foundation
import Testing
import ParallaxCore
import ParallaxREPL
import TestSupport

/// `timeline`, `coalitions`, `since:`/`until:` and the new exports through a session on the
/// bundled corpus (documents dated 2019-06, 2023-09, 2024-07-23 and 2025-03-06) and the
/// shipped baseline.
@Suite("REPL: timeline, coalitions, date windows")
struct TimelineCommandTests {
    static func session() throws -> (Session, out: StringSink, err: StringSink, dir: String) {
        let dir = Fixtures.annotationsDirectory(sets: ["baseline": Fixtures.setFile(Fixtures.baselineCodings)])
        let out = StringSink(), err = StringSink()
        let options = SessionOptions(corpusDirectory: Fixtures.corpusDirectory, annotationsDirectory: dir,
                                     set: "baseline", style: Style(colour: false, width: 100))
        return (try Session(options: options, out: out, err: err), out, err, dir)
    }

    /// How many baseline codings lie on documents of each bundled document.
    static func count(_ docs: Set<String>) -> Int {
        Fixtures.baselineCodings.filter { docs.contains($0.annotation.target.doc) }.count
    }

    @Test("compare, diff and matrix with since:/until: use only documents in range and say how many codings were left out")
    func windows() throws {
        let (session, out, err, dir) = try Self.session()
        defer { try? session.close(); try? FileManager.default.removeItem(atPath: dir) }
        let outside = Self.count(["brookings", "merics", "usip"])
        try session.registry.run("compare reset-wedge until:2023-09", in: session)
        #expect(out.text.contains("Bonny Lin         -1  unlikely  lin ¶23"))
        #expect(out.text.contains("Angela Stent          no position"))
        #expect(out.text.hasSuffix("\(outside) codings left out by until:2023-09: \(outside) on documents dated outside it\n"))

        out.clear()
        try session.registry.run("matrix since:2024-07-23 until:2024-07", in: session)
        let merics = Self.count(["merics"])
        #expect(out.text.hasSuffix("\(Fixtures.baselineCodings.count - merics) codings left out by since:2024-07-23 until:2024-07: "
                                   + "\(Fixtures.baselineCodings.count - merics) on documents dated outside it\n"))

        // JSON stays one document of the usual shape; the note goes to standard error.
        out.clear(); err.clear()
        try session.registry.run("diff stent wyne since:2025 --json", in: session)
        let diff = try JSONDecoder().decode(AnalystDiff.self, from: Data(out.text.utf8))
        #expect(diff.first == "stent")
        #expect(err.text == "note: \(Fixtures.baselineCodings.count - Self.count(["brookings"])) codings left out by since:2025: "
                + "\(Fixtures.baselineCodings.count - Self.count(["brookings"])) on documents dated outside it\n")

        // Without a window nothing is said; the same comparer as before.
        out.clear(); err.clear()
        try session.registry.run("matrix", in: session)
        #expect(!out.text.contains("left out"))
        #expect(throws: ParallaxError.self) { try session.registry.run("compare reset-wedge since:2024-13", in: session) }
    }

    @Test("agree takes the window too")
    func agree() throws {
        let (session, out, _, dir) = try Self.session()
        defer { try? session.close(); try? FileManager.default.removeItem(atPath: dir) }
        let derived = Fixtures.derivedCoder(from: Fixtures.baselineCodings)
        _ = try session.store.addAll(derived.map(\.annotation), to: "derived")
        try session.registry.run("agree baseline derived since:2025", in: session)
        let left = (Fixtures.baselineCodings + derived).filter { $0.annotation.target.doc != "brookings" }.count
        #expect(left > 0)
        #expect(out.text.hasSuffix("\(left) codings left out by since:2025: \(left) on documents dated outside it\n"))
    }

    @Test("timeline resolves a question or an analyst, folded, and suggests otherwise")
    func timeline() throws {
        let (session, out, _, dir) = try Self.session()
        defer { try? session.close(); try? FileManager.default.removeItem(atPath: dir) }
        try session.registry.run("timeline RESET-wedge", in: session)
        #expect(out.text.hasPrefix("timeline of reset-wedge\n"))
        #expect(out.text.contains("  2023-09  lin ¶23  -1 unlikely  [baseline]"))
        out.clear()
        try session.registry.run("timeline aydıntaşbaş --json", in: session)
        let t = try JSONDecoder().decode(Timeline.self, from: Data(out.text.utf8))
        #expect(t.subject == .analyst && t.id == "aydintasbas")
        #expect(t.tracks.allSatisfy { $0.points.allSatisfy { $0.date?.description == "2025-03-06" } })
        let e = #expect(throws: ParallaxError.self) { try session.registry.run("timeline stnet", in: session) }
        #expect(e?.description == "timeline: argument 1: no question or analyst \"stnet\" — did you mean stent?")
    }

    @Test("coalitions prints the linkage and the threshold; export graphml and statements write their files")
    func coalitionsAndExports() throws {
        let (session, out, _, dir) = try Self.session()
        defer { try? session.close(); try? FileManager.default.removeItem(atPath: dir) }
        try session.registry.run("coalitions threshold:0.8", in: session)
        #expect(out.text.hasPrefix("Coalitions: average-linkage clustering on pairwise agreement, merging while it is at least 0.80"))
        out.clear()
        try session.registry.run("export graphml \(dir)/n.graphml set:all since:2024", in: session)
        let kept = Self.count(["brookings", "merics"])
        #expect(out.text.hasPrefix("exported \(kept) annotations as graphml to \(dir)/n.graphml\n"))
        #expect(out.text.contains("codings left out by since:2024"))
        let graph = String(decoding: try #require(Fixtures.bytes(dir + "/n.graphml")), as: UTF8.self)
        #expect(graph.contains("<node id=\"reset-wedge\">"))
        out.clear()
        try session.registry.run("export statements \(dir)/s.csv set:all", in: session)
        let csv = String(decoding: try #require(Fixtures.bytes(dir + "/s.csv")), as: UTF8.self)
        #expect(csv.split(separator: "\r\n").count == Fixtures.baselineCodings.count + 1)
        #expect(csv.hasPrefix("date,doc,title,publisher,paragraph,analyst,analyst_name,affiliation,question,stance,"))
    }
}
