import Foundation
import Testing
@testable import ParallaxCore
@testable import ParallaxStore
import TestSupport

/// A hostile world for the review reports: a document, analyst names, a codebook, set names,
/// notes and tags full of markup, entity look-alikes, pipes, line breaks, dotless i, s-cedilla,
/// no-break spaces, emoji and control characters.
enum Hostile {
    static let script = "<script>alert(1)</script>"
    static let breakout = "\"><img src=x onerror=alert(1)>"
    static let url = "https://evil.example/x.js"

    /// The document's text: every hostile piece on its own line, so spans can pick them.
    static let text = [
        "Intro: the analyst says \(script) here.",
        "Attribute breakout \(breakout) follows.",
        "Entities &amp; &lt;b&gt; and &#39; stay text; R&D too.",
        "Pipes | split | cells and **bold** and _under_ and `code` and [link](\(url)) and ~~strike~~ and $x$.",
        "# not a heading",
        "Turkish ı ş İ, a no-break\u{00A0}space, a family 👩‍👩‍👧 and a flag 🇹🇷.",
        "- not a list",
        "1. not a list either",
        "Single 'quotes' and \"double\" ones; a backslash \\ and <!-- a comment -->.",
    ].joined(separator: "\n") + "\n"

    static let corpus: Corpus = {
        let info = DocumentInfo(id: "doc<x>&y", file: "doc.txt", title: "Title with \(script) & \"quotes\"",
                                publisher: "Pub | lisher", date: "2026-01-01", authors: [], voice: "zoe",
                                segmentation: Segmentation(paragraphs: .lines))
        let analysts = [
            AnalystInfo(id: "zoe", name: "Zoë \"<b>\" | O'Neil *x*", affiliation: ""),
            AnalystInfo(id: "ali", name: "Aslı Aydıntaşbaş 👩‍👩‍👧", affiliation: ""),
            AnalystInfo(id: "quiet", name: "Quiet <i>one</i>", affiliation: ""),
        ]
        return try! Corpus(manifest: CorpusManifest(documents: [info], analysts: analysts), contents: { _ in Array(text.utf8) })
    }()

    static let question = Question(id: "hostile-q", text: "Is \(script) | \"safe\" & sound?\n# really?", scale: [
        .init(value: -2, label: "no <b>way</b>"), .init(value: -1, label: "a|b"), .init(value: 0, label: "&amp;"),
        .init(value: 1, label: "**yes**"), .init(value: 2, label: "'quoted' \(breakout)"),
    ])

    static let silentQuestion = Question(id: "nobody", text: "Nobody <u>coded</u> this | one", scale: question.scale)

    static let codebook = Codebook(questions: [question, silentQuestion])

    /// A note with every hostile piece, on several lines.
    static let note = "Note \(script)\n# heading?\n- list?\n1. list?\n\n\(breakout) &amp; **bold** | pipe\r\nı ş\u{00A0}👩‍👩‍👧 \u{01}ctl \u{FFFE} \(url)"

    /// The span of the `n`-th line (0-based) of the text.
    static func line(_ n: Int) -> (Int, Int) {
        let doc = corpus.documents[0]
        let p = doc.paragraphs[n]
        return (p.start, p.end)
    }

    /// Codings of every line, in two sets, with hostile notes and tags; one coding on a
    /// question the codebook lacks.
    static var codings: [Coding] {
        var out: [Coding] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count - 1
        for n in 0..<lines {
            let (s, e) = line(n)
            out.append(Fixtures.coding(n % 2 == 0 ? "o'hara <team>" : "b|set", "ID<\(n)>&\"'", in: corpus, doc: "doc<x>&y", s, e,
                                       question: "hostile-q", analyst: n % 3 == 0 ? "ali" : "zoe", stance: n % 5 - 2,
                                       confidence: 0.1 + 0.2, tags: [script, "a|b", "**t**", "", url], note: note))
        }
        let (s, e) = line(0)
        out.append(Fixtures.coding("b|set", "stray", in: corpus, doc: "doc<x>&y", s, e, question: "not-in-<codebook>",
                                   analyst: "zoe", stance: 1, note: "stray"))
        return out
    }

    static var input: ExportInput {
        ExportInput(codings: codings, corpus: corpus, codebook: codebook, generated: "2026-11-24T09:30:00Z")
    }

    /// A text format's output for an input.
    static func text(_ format: some TextExportFormat, _ input: ExportInput) throws -> String {
        var out = ""
        try format.write(input, to: &out)
        return out
    }
}

/// The baseline as export input, with a fixed export time.
enum Baseline {
    static let generated = "2026-11-24T09:30:00Z"

    static var input: ExportInput {
        ExportInput(codings: Fixtures.baselineCodings, corpus: Fixtures.corpus, codebook: Fixtures.codebook, generated: generated)
    }

    static let comparer = Comparer(corpus: Fixtures.corpus, codebook: Fixtures.codebook, codings: Fixtures.baselineCodings)
}
