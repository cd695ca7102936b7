import Foundation
import ParallaxCore
import ParallaxStore

/// Handing work to colleagues and taking theirs in: `export`, `import`.
enum InterchangeCommands {
    static let all: [Command] = [export, importCommand]

    static let export = Command(
        "export", group: "Team review",
        arguments: [ArgumentSpec("FORMAT", .format), ArgumentSpec("PATH", .path)],
        options: [OptionSpec("set", .set, "these sets (a,b) or all; default: the current set"),
                  OptionSpec("question", .question, "only this question"),
                  OptionSpec("analyst", .analyst, "only this analyst")] + DateOptions.both,
        summary: "export annotations for review (jsonl, w3c, csv, csv-excel, md, html, qdpx, brat, graphml, statements) or the codebook (qdc)",
        help: """
        Writes the annotations of the current set (or of `set:`), optionally filtered, in a
        format colleagues' tools read:
          jsonl   the native lines, with each annotation's set
          w3c     W3C Web Annotation JSON-LD (an AnnotationCollection)
          csv     a spreadsheet: one annotation a row, safe against formula injection
          csv-excel  the same, with a UTF-8 byte-order mark so that Excel reads the accents
          md      a Markdown review report: per question, the compare table and the evidence
          html    the same report as one self-contained web page, with a chart per question
          qdpx    a REFI-QDA project for MAXQDA, ATLAS.ti, NVivo, QualCoder
          qdc     the codebook alone as a REFI-QDA codebook: questions as codes, stances as
                  child codes, definitions as descriptions (`import qdc PATH` reads one)
          brat    a directory of .txt/.ann pairs, one per document
          graphml a network for networkx, igraph, Gephi, visone: analysts and questions,
                  stance and agreement edges
          statements  one CSV row per coding with date, document and analyst, for R/pandas
        Each file is written to a temporary file and renamed into place. Orphaned annotations
        are left out. Memos of the sets go with them in qdpx (notes on the code, source, case
        code or project), w3c (commenting annotations), md and html (memo sections); with
        question: or analyst:, only the memos about it.

        examples:
          export w3c review/alice.jsonld
          export csv review/stances.csv set:all question:reset-wedge
          export graphml network.graphml set:all since:2023
          export qdc codebook.qdc
        """
    ) { inv, session in
        try inv.noMore(than: 2)
        let formatName = try inv.required(0, "FORMAT")
        let format = try inv.at(0) { try ExportFormats.require(formatName) }
        let path = try inv.required(1, "PATH")
        if format is QDCExportFormat { return try CodebookExchange.export(inv, path: path, session: session) }
        let sets = try inv.at(option: "set") { try session.sets(named: inv.options["set"]?.text) }
        let question = try inv.options["question"].map { q in try inv.at(option: "question") { try session.store.codebook.require(q.text).id } }
        let analyst = try inv.options["analyst"].map { a in try inv.at(option: "analyst") { try session.corpus.analysts.resolve(a.text).id } }
        let dated = session.codings(of: sets, dates: try DateOptions.filter(inv))
        // Filtered only when asked: a copy of 100,000 codings is a tenth of a second.
        let codings = question == nil && analyst == nil ? dated.kept : dated.kept.filter {
            (question == nil || $0.annotation.question == question) && (analyst == nil || $0.annotation.analyst == analyst)
        }
        var sink = FileExportSink(destination: path)
        try session.withProgress("exporting \(codings.count) annotations") {
            // The sets' memos; with question: or analyst:, only the memos about it.
            let memos = sets.flatMap { set in
                set.memoList().filter { m in
                    (question == nil || m.target == .question(question!)) && (analyst == nil || m.target == .analyst(analyst!))
                }.map { (set: set.name, memo: $0) }
            }
            let input = ExportInput(codings: codings, corpus: session.corpus, codebook: session.store.codebook,
                                    generated: Clock.iso8601(milliseconds: Clock.nowMilliseconds()), memos: memos)
            try inv.at(1) { try format.export(input, to: &sink) }
        }
        session.print("exported \(codings.count) annotation\(codings.count == 1 ? "" : "s") as \(format.name) to \(path)"
                      + (sink.written.count > 1 ? " (\(sink.written.count) files)" : ""))
        DateOptions.report(dated, json: false, session: session)
    }

    static let importCommand = Command(
        "import", group: "Team review",
        arguments: [ArgumentSpec("PATH", .path)],
        options: [OptionSpec("set", .set, "import into this set (default: the set recorded in the file, else the current set)"),
                  OptionSpec("format", .choice(["jsonl", "csv", "w3c", "qdpx", "qdc"]), "the file's format when it cannot be told")],
        summary: "import annotations (jsonl, csv, w3c, qdpx) or questions (qdc PATH): all of them or none",
        help: """
        Reads a file exported by Parallax or edited in a spreadsheet and adds its annotations.
        Everything is checked first (spans against the corpus, questions, analysts, stances);
        if anything is wrong, every problem is listed with its line or element and nothing is
        imported. Annotations already present unchanged are skipped; one that would replace a
        different annotation with the same id stops the import.

        `import qdc PATH` (or a PATH ending in .qdc) adds the questions of a REFI-QDA codebook
        to the codebook instead, all or none; `undo` takes them back.

        examples:
          import review/alice.csv
          import colleague.qdpx set:bob
          import qdc team-codebook.qdc
        """
    ) { inv, session in
        if inv.positionals.count == 2, inv.positionals[0].text.lowercased() == "qdc" {
            return try CodebookExchange.importQuestions(inv, pathIndex: 1, session: session)
        }
        if inv.positionals.count == 1, inv.options["format"]?.text == "qdc"
            || (inv.options["format"] == nil && inv.positionals[0].text.lowercased().hasSuffix(".qdc")) {
            return try CodebookExchange.importQuestions(inv, pathIndex: 0, session: session)
        }
        try inv.noMore(than: 1)
        let path = try inv.required(0, "PATH")
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ParallaxError(.notFound, "cannot read the file", at: path, hint: "check the path")
        }
        let target = inv.options["set"]?.text
        if let target { try inv.at(option: "set") { try AnnotationSet.validate(name: target) } }
        let codings: [Coding]
        do throws(ImportFailure) {
            let (format, corpus, codebook) = (inv.options["format"]?.text, session.corpus, session.store.codebook)
            let result: Result<[Coding], ImportFailure> = session.withProgress("reading \(path)") {
                do throws(ImportFailure) {
                    return .success(try ImportFormats.read([UInt8](data), path: path, format: format,
                                                           defaultSet: target ?? session.currentSet, corpus: corpus, codebook: codebook))
                } catch { return .failure(error) }
            }
            codings = try result.get()
        } catch {
            for p in error.problems.dropLast() { session.err.write(session.style.red("error: ") + ErrorText.printable(p.description) + "\n") }
            let last = error.problems.last.map { $0.description } ?? "the file could not be read"
            throw ParallaxError(.invalidData, "\(last)\n\(error.problems.count) problem\(error.problems.count == 1 ? "" : "s"); nothing was imported")
        }
        let bySet = Dictionary(grouping: codings, by: { target ?? $0.set }).mapValues { $0.map(\.annotation) }
        // Every set at once, in one transaction: the import lands whole or not at all, even
        // across a crash.
        let added = try session.store.addAll(bySet).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        if codings.isEmpty {
            session.print("\(path) holds no annotations; nothing was imported")
            return
        }
        let total = added.map(\.1).reduce(0, +)
        let skipped = codings.count - total
        session.print("imported \(total) annotation\(total == 1 ? "" : "s") into " + added.map { "\($0.0) (\($0.1))" }.joined(separator: ", ")
                      + (skipped > 0 ? "; \(skipped) already present" : ""))
    }
}
