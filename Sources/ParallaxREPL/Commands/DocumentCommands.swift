import Foundation
import ParallaxCore
import ParallaxStore

/// The user's own documents: `doc add|update|remove|show`.
enum DocumentCommands {
    static let all: [Command] = [doc]

    static func now() -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: Date())
    }

    static func expand(_ path: String) -> String {
        path.hasPrefix("~/") ? NSHomeDirectory() + path.dropFirst(1) : path
    }

    static func list(_ text: String) -> [String] {
        text.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Reads and extracts the file of `doc add` / `doc update` (argument `index`).
    static func extract(_ inv: Invocation, argument index: Int) throws -> (path: String, name: String, bytes: [UInt8], extracted: ExtractedDocument) {
        let path = try inv.required(index, "FILE")
        let name = (path as NSString).lastPathComponent
        guard let format = SourceFormat(fileName: name) else {
            let ext = (name as NSString).pathExtension
            throw ParallaxError(.unsupported, ext.isEmpty ? "\(name) has no extension to tell its format" : "cannot read .\(ext) files",
                                at: inv.location(index), hint: "add \(SourceFormat.extensions) files; save others as one of these first")
        }
        let bytes = try CorpusWriter.readSource(expand(path))
        let extracted = try Extractor.extract(bytes, format: format, name: path)
        return (path, name, bytes, extracted)
    }

    static let doc = Command(
        "doc", group: "Corpus",
        arguments: [ArgumentSpec("add|update|remove|show", .choice(["add", "update", "remove", "show"])),
                    ArgumentSpec("FILE|ID", .bySubcommand(["add": .path, "update": .document, "remove": .document, "show": .document])),
                    ArgumentSpec("FILE", .bySubcommand(["update": .path]), optional: true)],
        options: [OptionSpec("id", .text, "the new document's id (default: from its title)"),
                  OptionSpec("title", .text, "title (default: the file's own, else its name)"),
                  OptionSpec("date", .text, "publication date, YYYY-MM-DD, YYYY-MM or YYYY"),
                  OptionSpec("authors", .text, "authors, \"A; B\""),
                  OptionSpec("publisher", .text, "publisher or site"),
                  OptionSpec("kind", .choice(["transcript", "text"]), "transcript (speaker turns) or text (default: detected)")],
        flags: ["json"],
        summary: "add your own documents (.txt .md .html .pdf .docx), update, remove, show them",
        help: """
        `doc add FILE` reads a text, Markdown, web page, PDF or Word file, keeps the original
        under Corpus/sources/ and the extracted text (what spans index) beside the manifest,
        and prints the new id and what was found: paragraphs, speakers, where the metadata
        came from. Options override what the file says. A transcript (kind:transcript, or
        paragraphs opening with `NAME:` in capitals) gets speaker turns; new speakers become
        analysts. An author who is a known analyst becomes the document's voice.

        `doc update ID FILE` replaces a document's text with a new version: every annotation
        on it is re-anchored and saved with the new text's hash; moved, fuzzy and orphaned
        annotations are listed. The previous text is kept under Corpus/versions/, with
        where each annotation pointed in it: `history ID` shows an annotation across versions.

        `doc remove ID` is refused while any set has annotations on the document.
        `doc show ID` shows its metadata, source, hash and counts.

        examples:
          doc add ~/Downloads/report.pdf date:2024-07-23
          doc add panel.txt kind:transcript title:"Panel on the axis"
          doc update lin lin-revised.html
          doc show lin
        """
    ) { inv, session in
        guard let sub = inv.optional(0) else { throw inv.usageError("say add, update, remove or show") }
        switch sub {
        case "add": try add(inv, session)
        case "update": try update(inv, session)
        case "remove": try remove(inv, session)
        case "show": try show(inv, session)
        default: throw inv.usageError("unknown doc command \"\(sub)\": add, update, remove or show", argument: 0)
        }
    }

    static func add(_ inv: Invocation, _ session: Session) throws {
        try inv.noMore(than: 2)
        var options = DocumentOptions()
        options.id = inv.options["id"]?.text
        options.title = inv.options["title"].map(\.text).flatMap { $0.isEmpty ? nil : $0 }
        options.date = inv.options["date"]?.text
        options.authors = inv.options["authors"].map { list($0.text) }
        options.publisher = inv.options["publisher"]?.text
        if let k = inv.options["kind"] {
            guard let kind = DocumentKind(rawValue: k.text) else {
                throw ParallaxError(.usage, "kind must be transcript or text, not \"\(k.text)\"", at: "doc: option kind")
            }
            options.kind = kind
        }
        let file = try extract(inv, argument: 1)
        let hash = Document.sha256(file.bytes)
        // Planned against the session's corpus first: a refusal changes nothing on disk.
        _ = try DocumentPlanner.add(file.extracted, options: options, fileName: file.name, sourceHash: hash, corpus: session.corpus, now: now())
        let writer = CorpusWriter(directory: session.corpusDirectory, fs: session.fileSystem)
        try writer.acquire()
        defer { writer.release() }
        let fresh = try Corpus.load(from: session.corpusDirectory)
        let plan = try DocumentPlanner.add(file.extracted, options: options, fileName: file.name, sourceHash: hash, corpus: fresh, now: now())
        try writer.commit(plan, source: file.bytes)
        try session.replaceCorpus(try Corpus.load(from: session.corpusDirectory))
        if inv.json { return try session.printJSON(row(try session.corpus.requireDocument(plan.info.id))) }
        session.print(plan.summary)
    }

    static func update(_ inv: Invocation, _ session: Session) throws {
        try inv.noMore(than: 3)
        let id = try inv.at(1) { try session.corpus.requireDocument(try inv.required(1, "ID")).id }
        let file = try extract(inv, argument: 2)
        let hash = Document.sha256(file.bytes)
        _ = try DocumentPlanner.update(id, with: file.extracted, fileName: file.name, sourceHash: hash, corpus: session.corpus, now: now())
        // The annotations on the document, set by set, as they are now.
        var before: [(set: String, annotations: [Annotation])] = []
        for set in try session.allSets() {
            let on = set.annotations.filter { $0.target.doc == id }
            if !on.isEmpty { before.append((set.name, on)) }
        }
        let writer = CorpusWriter(directory: session.corpusDirectory, fs: session.fileSystem)
        try writer.acquire()
        defer { writer.release() }
        let fresh = try Corpus.load(from: session.corpusDirectory)
        // Where each annotation points in the text being replaced, kept with it for `history`.
        let previous = try fresh.requireDocument(id)
        let anchors = before.flatMap(\.annotations).filter { $0.target.hash == previous.hash }
            .map { VersionAnchor(id: $0.id, start: $0.target.start, end: $0.target.end) }
        let plan = try DocumentPlanner.update(id, with: file.extracted, fileName: file.name, sourceHash: hash, corpus: fresh, now: now(),
                                              anchors: anchors)
        try writer.commit(plan, source: file.bytes, previous: previous)
        let updated = try Corpus.load(from: session.corpusDirectory)
        try session.replaceCorpus(updated)
        // Each set is re-anchored as it loads; saving it records the new spans and hash.
        let doc = try updated.requireDocument(id)
        var inPlace = 0, moved: [String] = [], fuzzy: [String] = [], orphaned: [String] = [], unsaved: [String] = []
        for (name, annotations) in before {
            let ordered = annotations.filter { $0.target.hash != doc.hash }.sorted { ($0.target.start, $0.id) < ($1.target.start, $1.id) }
            let results = Reanchorer(text: doc.text, hash: doc.hash).reanchor(ordered.map(\.target))
            for (a, r) in zip(ordered, results) {
                switch r {
                case .placed(let p):
                    switch p.method {
                    case .position: if p.start == a.target.start { inPlace += 1 } else { moved.append(a.id) }
                    case .quote: moved.append(a.id)
                    case .fuzzy: fuzzy.append(a.id)
                    }
                case .orphaned: orphaned.append(a.id)
                }
            }
            do { try session.store.saveReanchored(name) } catch let e as ParallaxError where e.kind == .locked {
                unsaved.append(name)
            }
        }
        // Opened again, so the sets load as saved (and `check` sees them so).
        try session.replaceCorpus(updated)
        session.print(plan.summary)
        let total = before.reduce(0) { $0 + $1.annotations.count }
        if total == 0 { session.print("no annotations on \(id)"); return }
        func ids(_ list: [String]) -> String { list.isEmpty ? "" : " (" + list.joined(separator: ", ") + ")" }
        session.print("re-anchored \(total) annotation\(total == 1 ? "" : "s") in \(before.count) set\(before.count == 1 ? "" : "s"): "
                      + "\(inPlace) in place, \(moved.count) moved\(ids(moved)), \(fuzzy.count) fuzzy\(ids(fuzzy)), \(orphaned.count) orphaned\(ids(orphaned))")
        if !orphaned.isEmpty {
            session.warn("orphaned annotations are kept unchanged against the old text (Corpus/\(plan.info.versions?.last?.file ?? "versions/")); mark the passage again and `edit ID span:here`, or delete them")
        }
        for name in unsaved {
            session.warn("set \(name) is being written by another process: its annotations are re-anchored whenever it loads, and saved with the new hash when that writer next compacts")
        }
    }

    static func remove(_ inv: Invocation, _ session: Session) throws {
        try inv.noMore(than: 2)
        let id = try inv.at(1) { try session.corpus.requireDocument(try inv.required(1, "ID")).id }
        var counts: [String] = []
        for set in try session.allSets() {
            let n = set.annotations.filter { $0.target.doc == id }.count
            if n > 0 { counts.append("\(n) in \(set.name)") }
        }
        guard counts.isEmpty else {
            throw ParallaxError(.conflict, "document \(id) has annotations: " + counts.joined(separator: ", "), at: "doc remove",
                                hint: "delete them first (`list doc:\(id) set:all`), or keep the document")
        }
        let writer = CorpusWriter(directory: session.corpusDirectory, fs: session.fileSystem)
        try writer.acquire()
        defer { writer.release() }
        var manifest = try Corpus.load(from: session.corpusDirectory).manifest
        guard let i = manifest.documents.firstIndex(where: { $0.id == id }) else { throw ParallaxError(.notFound, "no document \"\(id)\"") }
        let info = manifest.documents.remove(at: i)
        try writer.commit(manifest: manifest)
        try writer.removeFiles(of: info)
        try session.replaceCorpus(try Corpus.load(from: session.corpusDirectory))
        session.print("removed \(id) (\(info.title))")
    }

    struct DocumentDetail: Encodable {
        var id, title, date, publisher, kind, file, hash: String
        var authors: [String]
        var voice: String?
        var paragraphs, speakers: Int
        var source: DocumentSource?
        var versions: [DocumentVersion]
    }

    static func row(_ d: Document) -> DocumentDetail {
        DocumentDetail(id: d.id, title: d.info.title, date: d.info.date, publisher: d.info.publisher,
                       kind: d.info.segmentation.turns == nil ? "text" : "transcript", file: d.info.file, hash: d.hash,
                       authors: d.info.authors, voice: d.info.voice, paragraphs: d.paragraphs.count,
                       speakers: Set(d.turns.map(\.label)).count, source: d.info.source, versions: d.info.versions ?? [])
    }

    static func show(_ inv: Invocation, _ session: Session) throws {
        try inv.noMore(than: 2)
        let d = try inv.at(1) { try session.corpus.requireDocument(try inv.required(1, "ID")) }
        let r = row(d)
        if inv.json { return try session.printJSON(r) }
        var rows: [[String]] = [["id", r.id], ["title", r.title], ["date", r.date.isEmpty ? "—" : r.date],
                                ["authors", r.authors.isEmpty ? "—" : r.authors.joined(separator: "; ")],
                                ["publisher", r.publisher.isEmpty ? "—" : r.publisher], ["kind", r.kind]]
        if r.kind == "transcript" {
            let speakers = Array(Set(d.turns.map { $0.speaker ?? "?\($0.label)" })).sorted()
            rows.append(["speakers", "\(r.speakers): " + speakers.joined(separator: ", ")])
        } else {
            rows.append(["voice", r.voice ?? "— (mark with analyst:ID)"])
        }
        rows.append(["paragraphs", "\(r.paragraphs)"])
        rows.append(["text", "Corpus/" + r.file])
        rows.append(["hash", r.hash])
        if let s = r.source {
            rows.append(["source", "Corpus/\(s.file) (from \(s.name), \(s.format)\(s.encoding.map { ", " + $0 } ?? ""))"])
            rows.append(["extractor", s.extractor])
            rows.append(["added", s.added])
        } else {
            rows.append(["source", "— (placed in the corpus by hand)"])
        }
        for v in r.versions {
            let n = v.anchors?.count ?? 0
            rows.append(["version", "Corpus/\(v.file) \(v.sha256.prefix(12))… replaced \(v.replaced)" + (n == 0 ? "" : ", \(n) annotation\(n == 1 ? "" : "s") on it (`history ID`)")])
        }
        let style = session.style
        for row in rows {
            for (k, line) in TextLayout.wrap(row[1], width: style.width - 13).enumerated() {
                session.print((k == 0 ? style.dim(TextLayout.pad(row[0], 11)) : String(repeating: " ", count: 11)) + "  " + line)
            }
        }
    }
}
