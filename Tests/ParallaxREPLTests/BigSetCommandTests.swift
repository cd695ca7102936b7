import Foundation
import Testing
import ParallaxCore
import ParallaxStore
import ParallaxREPL
import TestSupport

/// Commands on a set bigger than a screen: `list` shows the first rows and counts the rest,
/// `show` finds an id by prefix among many, and `compare` sees a change made after it ran.
@Suite("REPL: a big set")
struct BigSetCommandTests {
    /// The baseline's annotations repeated under new ids: `copies` × 63 annotations.
    static func bigSet(copies: Int) -> [Annotation] {
        let base = Fixtures.baselineCodings.map(\.annotation)
        var out: [Annotation] = []
        for k in 0..<copies {
            for (i, var a) in base.enumerated() {
                a.id = String(format: "01M%03dK%04d", i, k) + String(repeating: "0", count: 15)
                out.append(a)
            }
        }
        return out
    }

    static func session(_ annotations: [Annotation]) throws -> (Session, StringSink, StringSink) {
        let dir = Fixtures.annotationsDirectory(sets: ["big": SetFile.encode(annotations, damaged: [])])
        let out = StringSink(), err = StringSink()
        let options = SessionOptions(corpusDirectory: Fixtures.corpusDirectory, annotationsDirectory: dir,
                                     set: "big", style: Style(colour: false, width: 100))
        return (try Session(options: options, out: out, err: err), out, err)
    }

    @Test("list shows the first 100 by id and counts the rest; --all and --json show every one")
    func listLimit() throws {
        let all = Self.bigSet(copies: 3)  // 189
        let (session, out, _) = try Self.session(all)
        defer { try? session.close() }
        try session.registry.run("list", in: session)
        let rows = out.text.split(separator: "\n").filter { $0.hasPrefix("01M") }
        #expect(rows.count == 100)
        let firstIDs = all.map(\.id).sorted().prefix(100)
        #expect(rows.map { String($0.prefix(26)) } == Array(firstIDs))
        #expect(out.text.contains("100 of 189 annotations shown; narrow with question:, analyst:, doc: or tag:, or add --all"))

        out.clear()
        try session.registry.run("list --all", in: session)
        #expect(out.text.split(separator: "\n").filter { $0.hasPrefix("01M") }.count == 189)
        #expect(out.text.contains("189 annotations"))

        out.clear()
        try session.registry.run("list --json", in: session)
        let json = try JSONSerialization.jsonObject(with: Data(out.text.utf8)) as? [Any]
        #expect(json?.count == 189)

        // A filter below the limit lists every match, with the plain count.
        out.clear()
        try session.registry.run("list analyst:stent", in: session)
        let stent = all.filter { $0.analyst == "stent" }.count
        #expect(stent < 100)
        #expect(out.text.contains("\(stent) annotations") && !out.text.contains("shown"))
    }

    @Test("show finds a unique id prefix among many and counts the ones an ambiguous prefix matches")
    func showPrefix() throws {
        let all = Self.bigSet(copies: 3)
        let (session, out, _) = try Self.session(all)
        defer { try? session.close() }
        let id = all[70].id
        try session.registry.run("show \(id.prefix(11).lowercased())", in: session)
        #expect(out.text.contains(id))
        #expect(throws: ParallaxError.self) { try session.registry.run("show \(id.prefix(6))", in: session) }
        do { try session.registry.run("show \(id.prefix(6))", in: session) } catch let e as ParallaxError {
            #expect(e.message.contains("matches 3 annotations"), "\(e.message)")
        }
    }

    @Test("compare and matrix see a change made after they last ran")
    func comparerFollowsChanges() throws {
        let all = Self.bigSet(copies: 1)
        let (session, out, _) = try Self.session(all)
        defer { try? session.close() }
        try session.registry.run("matrix --json", in: session)
        let before = out.text
        // Every coding of one analyst on one question moved to the far end of the scale.
        let first = all[0]
        let target = first.stance == 2 ? -2 : 2
        for a in all where a.analyst == first.analyst && a.question == first.question {
            try session.registry.run("edit \(a.id) stance:\(target)", in: session)
        }
        out.clear()
        try session.registry.run("matrix --json", in: session)
        #expect(out.text != before)
        out.clear()
        try session.registry.run("compare \(first.question) --json", in: session)
        let result = try JSONSerialization.jsonObject(with: Data(out.text.utf8)) as? [String: Any]
        let rows = result?["rows"] as? [[String: Any]] ?? []
        let row = rows.first { $0["analyst"] as? String == first.analyst }
        #expect((row?["stance"] as? NSNumber)?.doubleValue == Double(target), "\(row ?? [:])")
    }
}
