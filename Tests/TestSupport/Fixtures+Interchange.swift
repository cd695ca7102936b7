import Foundation
import ParallaxCore
import ParallaxStore

/// Codings and corpora for export and import tests: the shipped baseline set, and hand-made
/// sets full of text that breaks careless exporters.
extension Fixtures {
    /// The bundled codebook.
    public static let codebook: Codebook = {
        let data = FileManager.default.contents(atPath: annotationsDirectory + "/codebook.json")!
        return try! JSONDecoder().decode(Codebook.self, from: data)
    }()

    /// The shipped `Annotations/baseline.jsonl` as codings of the set `baseline`.
    public static var baselineCodings: [Coding] {
        let parsed = SetFile.parse(bytes(annotationsDirectory + "/baseline.jsonl")!)
        precondition(parsed.damaged.isEmpty)
        return parsed.lines.map { Coding(set: "baseline", annotation: $0.annotation) }
    }

    /// A note with everything that hurts: curly quotes, dotless i, s-cedilla, no-break space,
    /// a combining accent, emoji (a ZWJ family and a flag), quotes, commas, semicolons, every
    /// kind of line break, a tab.
    public static let nastyNote = "“Aslı” said ‘no’ — ş\u{00A0}é (e\u{301}) 👩‍👩‍👧 🇹🇷, \"quoted\"; a,b\nline 2\r\nline 3\rend\t!"

    /// Notes and tags that a spreadsheet would run as formulas, or that look neutralised.
    public static let formulaTexts = [
        "=cmd|' /C calc'!A0", "+SUM(1,2)", "-1+2", "@SUM(A1)", "\tTabbed", "\rCR first",
        "'=already quoted", "''+two quotes", "'tis", "'", "''", "it's", "=", "-",
    ]

    /// Tags with separators, escapes and formula starts; one is empty.
    public static let nastyTags = ["evidence", "a,b", "semi;colon", "back\\slash", "", "=formula", "-neg",
                                   "ş ı 👍", "\\e", ";", "\\", "“quoted”"]

    /// Unknown fields with non-canonical bytes that must survive where a format can carry them.
    public static var nastyExtra: ExtraFields {
        var extra = ExtraFields()
        extra.set("reviewer", raw: Array(#""Zoë “Z” Ş""#.utf8))
        extra.set("score", raw: Array("1.50".utf8))
        extra.set("nested", raw: Array(#"{"a": [1, 2, {"b": null}], "s": "ş\n\u00e9"}"#.utf8))
        extra.set("flag", raw: Array("true".utf8))
        return extra
    }

    /// A coding on `doc` from `start` to `end` (widened to whole graphemes).
    public static func coding(_ set: String, _ id: String, in corpus: Corpus = corpus, doc: String, _ start: Int, _ end: Int,
                              question: String = "reset-wedge", analyst: String = "stent", stance: Int = -1,
                              confidence: Double? = 0.8, tags: [String] = ["evidence"], note: String = "",
                              created: String = "2026-11-23T16:00:00Z", modified: String? = nil,
                              extra: ExtraFields = ExtraFields()) -> Coding {
        let document = try! corpus.requireDocument(doc)
        let target = try! TextTarget(document: document, start: start, end: end)
        return Coding(set: set, annotation: Annotation(
            id: id, target: target, question: question, analyst: analyst, stance: stance, confidence: confidence,
            tags: tags, note: note, created: created, modified: modified, extra: extra))
    }

    /// The scalar offset where `text` first occurs in a document.
    public static func offset(of text: String, in doc: String, corpus: Corpus = corpus) -> Int {
        let document = try! corpus.requireDocument(doc)
        let range = document.text.string.range(of: text)!
        return document.text.scalarOffset(of: range.lowerBound)
    }

    /// A hand-made set on the bundled corpus: spans with ı and ş, curly quotes, a no-break
    /// space, a line break, a span at the very start and one at the very end of a document,
    /// one starting with `-`; nasty notes, tags, unknown fields, odd confidences and times.
    public static var nastyCodings: [Coding] {
        var out: [Coding] = []
        let ayd = offset(of: "Aslı Aydıntaşbaş", in: "brookings")
        out.append(coding("nasty", "01NASTY00000000000000000001", doc: "brookings", ayd, ayd + 16,
                          analyst: "kim", stance: 0, confidence: nil, tags: nastyTags, note: nastyNote,
                          created: "2026-11-23T16:00:00.123Z", modified: "2026-11-24T09:30:00Z", extra: nastyExtra))
        let quote = offset(of: "“The future of U.S.-China policy", in: "brookings")
        out.append(coding("nasty", "01NASTY00000000000000000002", doc: "brookings", quote, quote + 40, stance: 2,
                          confidence: 0.1 + 0.2, tags: [""], note: "”closing curly first"))
        let nl = offset(of: "world.\nPATRICIA KIM", in: "brookings")
        out.append(coding("nasty", "01NASTY00000000000000000003", doc: "brookings", nl, nl + 19, stance: 1,
                          confidence: 1.0, tags: [], note: "span crosses a line break"))
        let nbsp = offset(of: "base”.2\u{00A0}Similarly", in: "merics")
        out.append(coding("nasty", "01NASTY00000000000000000004", doc: "merics", nbsp, nbsp + 19,
                          question: "alignment-endures", analyst: "merics", stance: 2, confidence: 0,
                          note: "a note with a form feed \u{0C}, a control \u{01} and U+FFFE \u{FFFE}"))
        out.append(coding("nasty", "01NASTY00000000000000000005", doc: "lin", 0, 12, analyst: "lin", stance: -2,
                          tags: ["start"], note: "prefix is empty"))
        let lin = try! corpus.requireDocument("lin")
        out.append(coding("nasty", "01NASTY00000000000000000006", doc: "lin", lin.text.scalarCount - 10, lin.text.scalarCount,
                          analyst: "lin", stance: -2, tags: ["end"], note: "suffix is empty"))
        let dash = offset(of: "-\nAcknowledgements", in: "brookings")
        out.append(coding("nasty", "01NASTY00000000000000000007", doc: "brookings", dash, dash + 18, analyst: "kim",
                          stance: 0, tags: ["-dash"], note: "exact starts with a minus"))
        for (i, text) in formulaTexts.enumerated() {
            let start = 100 + i * 7
            out.append(coding("formulas", "01FORMULA0000000000000000" + String(format: "%02d", i), doc: "usip", start, start + 5,
                              analyst: "usip", stance: i % 5 - 2, tags: [text, "x" + text], note: text))
        }
        // A second coder marking the same span with the same id: sets keep ids apart.
        var twin = out[0]
        twin.set = "nasty-twin"
        out.append(twin)
        return out
    }

    /// A corpus whose documents hold what real ones may not: a ZWJ emoji family and a flag
    /// (scalars beyond the BMP), combining accents, no-break spaces, CR LF and a line
    /// separator, a line starting with `=`, and a document id that needs escaping in IRIs and
    /// file names.
    public static let nastyCorpus: Corpus = {
        let texts: [String: String] = [
            "nasty": "=SUM(A1) opens the file\r\n👩‍👩‍👧 family, cafe\u{301} and na\u{EF}ve; Aydıntaşbaş\u{00A0}said “yes”.\r\n\r\n@mention +plus -minus\tTab\u{2028}line separator; end 🇹🇷 flag.\n",
            "weird id/β": "Short text — with an em dash and ‘quotes’.\n",
        ]
        func info(_ id: String) -> DocumentInfo {
            DocumentInfo(id: id, file: id + ".txt", title: "Nasty “\(id)” & <co>", publisher: "Tests", date: "2026-01",
                         authors: ["Aslı Aydıntaşbaş"], voice: "aydintasbas", segmentation: Segmentation(paragraphs: .lines))
        }
        let manifest = CorpusManifest(
            documents: [info("nasty"), info("weird id/β")],
            analysts: [AnalystInfo(id: "aydintasbas", name: "Aslı Aydıntaşbaş", affiliation: "ECFR"),
                       AnalystInfo(id: "stent", name: "Angela Stent", affiliation: "Georgetown")])
        return try! Corpus(manifest: manifest) { Array(texts[$0.id]!.utf8) }
    }()

    /// Codings on ``nastyCorpus`` whose spans hold the emoji, accents, breaks and formula
    /// starts themselves.
    public static var nastyCorpusCodings: [Coding] {
        let c = nastyCorpus
        func at(_ text: String, _ doc: String = "nasty") -> (Int, Int) {
            let start = offset(of: text, in: doc, corpus: c)
            return (start, start + text.unicodeScalars.count)
        }
        var out: [Coding] = []
        let spans: [(String, String)] = [
            ("=SUM(A1)", "nasty"), ("👩‍👩‍👧 family", "nasty"), ("cafe\u{301} and na\u{EF}ve", "nasty"),
            ("Aydıntaşbaş\u{00A0}said “yes”.\r\n\r\n@mention", "nasty"), ("-minus\tTab\u{2028}line separator", "nasty"),
            ("🇹🇷", "nasty"), ("‘quotes’", "weird id/β"), ("@mention", "nasty"),
        ]
        for (i, (text, doc)) in spans.enumerated() {
            let (s, e) = at(text, doc)
            out.append(coding(i % 2 == 0 ? "alice" : "bob", "01CORPUS00000000000000000\(i)", in: c, doc: doc, s, e,
                              analyst: i % 3 == 0 ? "stent" : "aydintasbas", stance: i % 5 - 2,
                              confidence: i % 2 == 0 ? 0.5 : nil, tags: i % 2 == 0 ? nastyTags : ["x"],
                              note: i % 2 == 0 ? nastyNote : formulaTexts[i % formulaTexts.count],
                              extra: i % 2 == 0 ? nastyExtra : ExtraFields()))
        }
        return out
    }

    /// Codings sorted as imports return them: by set, then id.
    public static func sorted(_ codings: [Coding]) -> [Coding] {
        codings.sorted {
            $0.set != $1.set ? $0.set.utf8.lexicographicallyPrecedes($1.set.utf8)
                : $0.annotation.id.utf8.lexicographicallyPrecedes($1.annotation.id.utf8)
        }
    }

    /// The codings without unknown fields (for formats that cannot carry them).
    public static func withoutExtra(_ codings: [Coding]) -> [Coding] {
        codings.map { var c = $0; c.annotation.extra = ExtraFields(); return c }
    }
}
