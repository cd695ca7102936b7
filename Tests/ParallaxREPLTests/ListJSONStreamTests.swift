import Foundation
import Testing
import ParallaxCore
import ParallaxStore
import ParallaxREPL
import TestSupport

/// `list --json` streams its views; the bytes must be those `Session.printJSON` (Foundation's
/// `JSONEncoder`) wrote before.
@Suite("REPL: list --json streamed")
struct ListJSONStreamTests {
    /// Views with every shape a field can take: no paragraph, whole and fractional and absent
    /// confidences, no tags and several, control characters, quotes, slashes, non-ASCII.
    static func views() -> [AnnotationView] {
        var out: [AnnotationView] = []
        let codings = Fixtures.baselineCodings + Fixtures.nastyCodings
        let notes = ["", "plain", "quote \" and \\ backslash / slash", "tab\tnew\nline\rcr", "\u{01}\u{08}\u{0C}\u{1F}\u{7F}",
                     "Aslı Aydıntaşbaş “curly” — dash\u{00A0}nbsp", "emoji 👩🏽‍💻 and \u{2028} separator", "e\u{0301} combining"]
        let confidences: [Double?] = [nil, 0, 1, 0.5, 0.75, 0.9, 0.1, 1e-7, 0.333]
        for (k, c) in codings.enumerated() {
            var v = AnnotationView(c.annotation, set: c.set, corpus: Fixtures.corpus, status: ["placed", "orphan", "re-anchored"][k % 3])
            v.note = notes[k % notes.count]
            v.confidence = confidences[k % confidences.count]
            if k % 4 == 0 { v.paragraph = nil }
            if k % 5 == 0 { v.tags = [] } else if k % 5 == 1 { v.tags = ["a", "b/c", "ç\"d"] }
            if k % 6 == 0 { v.stance = -3 }
            out.append(v)
        }
        return out
    }

    func encoder(_ views: [AnnotationView]) throws -> String {
        let session = try Session(options: SessionOptions(corpusDirectory: Fixtures.corpusDirectory,
                                                          annotationsDirectory: Fixtures.annotationsDirectory(), set: "t",
                                                          style: Style(colour: false, width: 80)),
                                  out: StringSink(), err: StringSink())
        try session.printJSON(views)
        return (session.out as! StringSink).text
    }

    func streamed(_ views: [AnnotationView]) -> String {
        var text = ""
        AnnotationView.writeJSON(views, to: { text += $0 })
        return text
    }

    @Test("list --json prints what printJSON of the views printed, with filters, several sets, orphans and none")
    func command() throws {
        let baseline = Fixtures.bytes(Fixtures.annotationsDirectory + "/baseline.jsonl")!
        var orphan = Fixtures.sampleAnnotation(id: "01LISTORPHAN00000000000000")
        orphan.target.hash = String(repeating: "0", count: 64)
        orphan.target.exact = "text no longer there"
        let dir = Fixtures.annotationsDirectory(sets: ["baseline": baseline, "other": AnnotationCodec.encode(orphan) + [0x0A]])
        let out = StringSink()
        let session = try Session(options: SessionOptions(corpusDirectory: Fixtures.corpusDirectory, annotationsDirectory: dir,
                                                          set: "baseline", style: Style(colour: false, width: 80)),
                                  out: out, err: StringSink())
        for (line, sets, include) in [
            ("list --json", ["baseline"], { (_: Annotation) in true }),
            ("list --json set:all", ["baseline", "other"], { (_: Annotation) in true }),
            ("list --json analyst:stent", ["baseline"], { (a: Annotation) in a.analyst == "stent" }),
            ("list --json analyst:stent set:other", ["other"], { (a: Annotation) in a.analyst == "stent" }),
        ] as [(String, [String], (Annotation) -> Bool)] {
            out.clear()
            try session.registry.run(line, in: session)
            let streamed = out.text
            out.clear()
            var views: [AnnotationView] = []
            for name in sets {
                let set = try session.loadedSet(name)
                for a in set.annotations where include(a) {
                    let status = set.orphans.contains(a.id) ? "orphan" : set.reanchored.contains(a.id) ? "re-anchored" : "placed"
                    views.append(AnnotationView(a, set: name, corpus: session.corpus, status: status))
                }
            }
            try session.printJSON(views)
            #expect(streamed == out.text, "\(line)")
        }
    }

    @Test("the streamed array is byte for byte the encoder's, also empty, one, and over several batches")
    func sameBytes() throws {
        let all = Self.views()
        var many: [AnnotationView] = []
        while many.count < 2500 { many += all }
        for views in [[], [all[0]], all, many] {
            #expect(streamed(views) == (try encoder(views)), "\(views.count) views")
        }
    }
}
