import Foundation
import ParallaxCore
import ParallaxStore

/// Reading the corpus: `docs`, `read`, `find`, `analysts`, `questions`.
enum ReadingCommands {
    static let all: [Command] = [docs, read, find, analysts, CodebookCommands.questions]

    struct DocumentRow: Encodable {
        var id, title, publisher, date, file, hash: String
        var authors: [String]
        var voice: String?
        var paragraphs, scalars: Int
        var speakers: [String]
    }

    static let docs = Command(
        "docs", group: "Reading", flags: ["json"],
        summary: "list the documents of the corpus",
        help: "Shows each document's id (used in every other command), date, title and size."
    ) { inv, session in
        try inv.noMore(than: 0)
        let rows = session.corpus.documents.map { d in
            DocumentRow(id: d.id, title: d.info.title, publisher: d.info.publisher, date: d.info.date, file: d.info.file,
                        hash: d.hash, authors: d.info.authors, voice: d.info.voice, paragraphs: d.paragraphs.count,
                        scalars: d.text.scalarCount,
                        speakers: Array(Set(d.turns.compactMap(\.speaker))).sorted())
        }
        if inv.json { return try session.printJSON(rows) }
        let table = rows.map { r in
            [r.id, r.date, "\(r.paragraphs) ¶", r.speakers.isEmpty ? (r.voice ?? "—") : r.speakers.joined(separator: " "),
             r.title + " (" + r.publisher + ")"]
        }
        session.write(session.style.layout.table(header: ["id", "date", "size", "voices", "title"], rows: table,
                                       width: session.style.width))
    }

    struct ParagraphRow: Encodable {
        var doc: String
        var number, start, end: Int
        var analyst: String?
        var text: String

        private enum CodingKeys: String, CodingKey { case doc, number, start, end, analyst, text }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(doc, forKey: .doc); try c.encode(number, forKey: .number)
            try c.encode(start, forKey: .start); try c.encode(end, forKey: .end)
            try c.encode(analyst, forKey: .analyst)  // null in editorial text, never left out
            try c.encode(text, forKey: .text)
        }
    }

    static let read = Command(
        "read", group: "Reading",
        arguments: [ArgumentSpec("DOC", .document), ArgumentSpec("¶N[-M]", optional: true)],
        flags: ["json"],
        summary: "read a document's numbered paragraphs, with speakers",
        help: """
        Prints paragraphs with their numbers (¶N, as a reader counts them) and who speaks in
        each: the speaker of a transcript turn, the document's author, or `—` for editorial
        text. Give a paragraph or a range to read part of a document; long output is never cut.

        examples:
          read brookings ¶5-9
          read lin 3
        """
    ) { inv, session in
        try inv.noMore(than: 2)
        let doc = try inv.at(0) { try session.corpus.requireDocument(try inv.required(0, "DOC")) }
        var range = 1...max(1, doc.paragraphs.count)
        if let spec = inv.optional(1) {
            range = try inv.at(1) { try ParagraphRange.parse(spec, count: doc.paragraphs.count) }
        }
        let rows = doc.paragraphs[(range.lowerBound - 1)...(range.upperBound - 1)].map { p in
            ParagraphRow(doc: doc.id, number: p.number, start: p.start, end: p.end, analyst: doc.voice(at: p.start),
                         text: doc.text.text(p.start, p.end))
        }
        if inv.json { return try session.printJSON(rows) }
        let style = session.style
        let nameWidth = max(4, (session.corpus.analysts.all.map { $0.id.count }.max() ?? 4))
        for r in rows {
            let label = TextLayout.pad("¶\(r.number)", 5) + " " + TextLayout.pad(r.analyst ?? "—", nameWidth) + "  "
            let indent = String(repeating: " ", count: TextLayout.columns(label))
            let lines = TextLayout.wrap(r.text, width: max(20, style.width - indent.count))
            for (k, line) in lines.enumerated() {
                session.print((k == 0 ? style.dim(label) : indent) + line)
            }
        }
    }

    struct HitRow: Encodable {
        var n: Int
        var doc: String
        var start, end: Int
        var text: String
        var paragraph: Int
        var analyst: String?
        var context: String

        private enum CodingKeys: String, CodingKey { case n, doc, start, end, text, paragraph, analyst, context }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(n, forKey: .n); try c.encode(doc, forKey: .doc)
            try c.encode(start, forKey: .start); try c.encode(end, forKey: .end)
            try c.encode(text, forKey: .text); try c.encode(paragraph, forKey: .paragraph)
            try c.encode(analyst, forKey: .analyst)  // null in editorial text, never left out
            try c.encode(context, forKey: .context)
        }
    }

    /// Hits `find` shows before the total (a screenful: two lines each); `--all` shows every one.
    static let findLimit = 20

    static let find = Command(
        "find", aliases: ["search"], group: "Reading",
        arguments: [ArgumentSpec("TEXT", repeated: true)],
        options: [OptionSpec("doc", .document, "search one document only")],
        flags: ["json", "count", "all"],
        summary: "find a phrase, folding case, diacritics, quotes, dashes and spaces",
        help: """
        Finds every occurrence of a phrase. Matching folds case, diacritics (ı → i, ş → s,
        é → e), curly quotes and apostrophes, dashes, compatibility characters (ﬁ → fi,
        full-width letters), and runs of any whitespace (line breaks and non-breaking spaces
        included), so `asli` finds Aslı, Asli and ASLI. Hits are numbered for `mark N`, and
        shown with paragraph, speaker and context: the first \(findLimit) and the total;
        `--all` shows every one. `--count` prints only the number of hits (without reading
        the documents: their folded text is cached in the corpus's `.parallax/cache/`).

        examples:
          find reverse nixon
          find "limitless partnership" doc:merics
          find asli --count
        """
    ) { inv, session in
        let phrase = inv.positionals.map(\.text).joined(separator: " ")
        guard !Folding.fold(phrase).isEmpty else { throw inv.usageError("missing TEXT to find") }
        var doc: String?
        if let d = inv.options["doc"] { doc = try inv.at(option: "doc") { try session.corpus.requireDocument(d.text).id } }
        if inv.flags.contains("count") {
            let n = doc == nil ? session.searchIndex.count(phrase) : session.searchIndex.find(phrase, in: doc).count
            if inv.json { return try session.printJSON(["count": n]) }
            session.print("\(n)")
            return
        }
        let hits = session.searchIndex.find(phrase, in: doc)
        session.lastHits = hits
        if inv.json {
            return try session.printJSON(hits.enumerated().map { i, h in
                HitRow(n: i + 1, doc: h.doc, start: h.start, end: h.end, text: h.text, paragraph: h.paragraph,
                       analyst: h.analyst, context: h.context)
            })
        }
        if hits.isEmpty {
            session.print("no hits for \(ErrorText.excerpt(phrase))")
            return
        }
        let style = session.style
        let shown = inv.flags.contains("all") ? hits.count : min(hits.count, findLimit)
        let numberWidth = String(shown).count
        for (i, h) in hits.prefix(shown).enumerated() {
            let head = TextLayout.pad("\(i + 1)", numberWidth) + "  " + "\(h.doc) ¶\(h.paragraph)" + "  " + (h.analyst ?? "—")
            session.print(style.bold(head))
            let line = TextLayout.truncate(h.context, style.width - 4)
            session.print("    " + (style.colour ? highlight(line, style) : line))
        }
        if shown < hits.count {
            session.print(style.dim("\(shown) of \(hits.count) hits shown; `find … --all` shows every one, `mark N` selects one"))
        } else {
            session.print(style.dim("\(hits.count) hit\(hits.count == 1 ? "" : "s") — `mark N` selects one, `mark N sentence` its sentence"))
        }
    }

    /// Shows the `[hit]` of a context line in colour instead of brackets.
    static func highlight(_ line: String, _ style: Style) -> String {
        guard let open = line.firstIndex(of: "["), let close = line[open...].firstIndex(of: "]") else { return line }
        return String(line[..<open]) + style.yellow(String(line[line.index(after: open)..<close])) + String(line[line.index(after: close)...])
    }

    struct AnalystRow: Encodable {
        var id, name, affiliation: String
        var aliases: [String]
        var compared: Bool
    }

    static let analysts = Command(
        "analysts", group: "Reading", flags: ["json"],
        summary: "list the analysts (and other voices) of the corpus",
        help: "Analysts can be named in any folded form: `aydintasbas`, `Aydıntaşbaş`, `Asli`."
    ) { inv, session in
        try inv.noMore(than: 0)
        let rows = session.corpus.analysts.all.map {
            AnalystRow(id: $0.id, name: $0.name, affiliation: $0.affiliation, aliases: $0.aliases, compared: $0.compared)
        }
        if inv.json { return try session.printJSON(rows) }
        session.write(session.style.layout.table(header: ["id", "name", "compared", "affiliation"],
                                       rows: rows.map { [$0.id, $0.name, $0.compared ? "yes" : "no", $0.affiliation] },
                                       width: session.style.width))
    }

    static let questions = Command(
        "questions", group: "Reading", flags: ["json"],
        summary: "list the codebook's questions and their scales",
        help: "Stances can be given as the number or its label: `code reset-wedge unlikely` = `code reset-wedge -1`."
    ) { inv, session in
        try inv.noMore(than: 0)
        let qs = session.store.codebook.questions
        if inv.json { return try session.printJSON(qs) }
        for q in qs {
            session.print(session.style.bold(q.id))
            for line in TextLayout.wrap(q.text, width: session.style.width - 2) { session.print("  " + line) }
            for line in TextLayout.wrap(q.scaleText.replacingOccurrences(of: ", ", with: " · "), width: session.style.width - 2) {
                session.print("  " + session.style.dim(line))
            }
        }
    }
}

/// Parses `¶N`, `N`, `¶N-M`, `N-M`.
enum ParagraphRange {
    static func parse(_ spec: String, count: Int) throws -> ClosedRange<Int> {
        let cleaned = spec.replacingOccurrences(of: "¶", with: "").replacingOccurrences(of: "–", with: "-")
        let parts = cleaned.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let a = Int(parts[0]), let b = Int(parts.last!) else {
            throw ParallaxError(.usage, "\"\(spec)\" is not a paragraph number or range", hint: "write ¶N or ¶N-M, e.g. ¶5-9")
        }
        guard a >= 1, b <= count, a <= b else {
            throw ParallaxError(.usage, "paragraphs \(spec) are outside ¶1-\(count)", hint: "this document has \(count) paragraphs")
        }
        return a...b
    }
}
