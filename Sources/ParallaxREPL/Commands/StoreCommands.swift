import Foundation
import ParallaxCore
import ParallaxStore

/// The store: `list`, `show`, `sets`, `use`, `question`, `check`.
enum StoreCommands {
    static let all: [Command] = [list, show, sets, use, CodebookCommands.question, check]

    static func status(_ set: AnnotationSet, _ id: String) -> String {
        set.orphans.contains(id) ? "orphan" : set.reanchored.contains(id) ? "re-anchored" : "placed"
    }

    static let list = Command(
        "list", aliases: ["ls"], group: "Store",
        options: [OptionSpec("question", .question, "only this question"),
                  OptionSpec("analyst", .analyst, "only this analyst (any folded form)"),
                  OptionSpec("doc", .document, "only this document"),
                  OptionSpec("tag", .text, "only annotations with this tag"),
                  OptionSpec("set", .set, "this set, several (a,b) or all; default: the current set")],
        flags: ["json", "all"],
        summary: "list annotations, with filters",
        help: """
        Lists annotations of the current set (or of `set:`), sorted by id, one a line: id,
        question, analyst, stance, where, and the start of the quote. The first \(listLimit)
        are shown and the rest counted; `--all` shows every one. `--json` writes every
        match.

        examples:
          list
          list set:baseline analyst:asli question:us-russia-reset
          list tag:evidence --all
        """
    ) { inv, session in
        try inv.noMore(than: 0)
        let sets = try inv.at(option: "set") { try session.sets(named: inv.options["set"]?.text) }
        let question = try inv.options["question"].map { q in try inv.at(option: "question") { try session.store.codebook.require(q.text).id } }
        let analyst = try inv.options["analyst"].map { a in try inv.at(option: "analyst") { try session.corpus.analysts.resolve(a.text).id } }
        let doc = try inv.options["doc"].map { d in try inv.at(option: "doc") { try session.corpus.requireDocument(d.text).id } }
        let tag = inv.options["tag"]?.text
        let filtered = question != nil || analyst != nil || doc != nil || tag != nil
        // Each set's id order is kept by the session until the set changes: a list filters
        // it (or, unfiltered, takes it as it is) instead of sorting 100,000 ids each time.
        func matches(_ set: AnnotationSet, limit: Int?) -> (indices: [Dictionary<String, Annotation>.Index], matched: Int) {
            let order = session.idOrder(set)
            guard filtered else { return (limit.map { Array(order.prefix($0)) } ?? order, order.count) }
            let byID = set.byID
            var kept: [Dictionary<String, Annotation>.Index] = [], matched = 0
            for k in order {
                let a = byID.values[k]
                guard (question == nil || a.question == question) && (analyst == nil || a.analyst == analyst)
                        && (doc == nil || a.target.doc == doc) && (tag == nil || a.tags.contains(tag!)) else { continue }
                matched += 1
                if limit.map({ kept.count < $0 }) ?? true { kept.append(k) }
            }
            return (kept, matched)
        }
        if inv.json {
            // Streamed, every match: the same bytes as printJSON of the views, without a copy
            // of each annotation and Foundation's encoder over all of them.
            var rows: [(set: Int, index: Dictionary<String, Annotation>.Index)] = []
            var documents = Set<String>()
            for (s, set) in sets.enumerated() {
                let found = matches(set, limit: nil).indices
                rows.reserveCapacity(rows.count + found.count)
                let byID = set.byID
                for k in found {
                    rows.append((set: s, index: k))
                    documents.insert(byID.values[k].target.doc)
                }
            }
            // Read by every core: taken out of the sets once, not per record; each
            // document's paragraphs too (a document looked up once, not per record).
            let dictionaries = sets.map(\.byID), names = sets.map(\.name)
            let orphans = sets.map(\.orphans), reanchored = sets.map(\.reanchored)
            let paragraphs = ParagraphIndex(session.corpus, documents: documents)
            AnnotationView.writeJSON(count: rows.count, to: session.write(utf8:)) { i, out in
                let row = rows[i]
                let a = dictionaries[row.set].values[row.index]
                let status = orphans[row.set].isEmpty && reanchored[row.set].isEmpty ? "placed"
                    : orphans[row.set].contains(a.id) ? "orphan" : reanchored[row.set].contains(a.id) ? "re-anchored" : "placed"
                AnnotationView.appendJSON(a, set: names[row.set], paragraph: paragraphs.number(in: a.target.doc, at: a.target.start),
                                          status: status, to: &out)
            }
            return
        }
        var views: [AnnotationView] = []
        var matched = 0
        let limit = inv.flags.contains("all") ? nil : listLimit
        for set in sets {
            let room = limit.map { max(0, $0 - views.count) }
            let found = matches(set, limit: room)
            matched += found.matched
            let byID = set.byID
            for k in found.indices {
                let a = byID.values[k]
                views.append(AnnotationView(a, set: set.name, corpus: session.corpus, status: status(set, a.id)))
            }
        }
        if views.isEmpty {
            session.print("no annotations" + (sets.count == 1 ? " in set \(sets[0].name)" : ""))
            return
        }
        let multi = sets.count > 1
        let rows = views.map { v -> [String] in
            var r = [v.id]
            if multi { r.append(v.set) }
            r += [v.question, v.analyst, Question.signed(v.stance), "\(v.doc) ¶\(v.paragraph ?? 0)" + (v.status == "placed" ? "" : " (\(v.status))"),
                  "“" + v.exact.split(whereSeparator: \.isWhitespace).joined(separator: " ") + "”"]
            return r
        }
        var header = ["id"]
        if multi { header.append("set") }
        header += ["question", "analyst", "stance", "where", "quote"]
        session.write(session.style.layout.table(header: header, rows: rows, width: session.style.width, truncateLast: true))
        if matched > views.count {
            session.print(session.style.dim("\(views.count) of \(matched) annotations shown; narrow with question:, analyst:, doc: or tag:, or add --all"))
        } else {
            session.print(session.style.dim("\(views.count) annotation\(views.count == 1 ? "" : "s")"))
        }
    }

    /// Rows `list` shows without `--all`: a screenful or two, so a big set answers at once.
    static let listLimit = 100

    static let show = Command(
        "show", group: "Store",
        arguments: [ArgumentSpec("ID", .annotation)],
        options: [OptionSpec("set", .set, "look in this set (default: every set)")],
        flags: ["json"],
        summary: "show one annotation in full, with its context",
        help: "An id prefix of 4 or more characters is enough when it is unique.\n\nexample:\n  show 01M84H2C7J"
    ) { inv, session in
        try inv.noMore(than: 1)
        let id = try inv.required(0, "ID")
        let names = try inv.options["set"].map { [$0.text] } ?? (try session.store.setNames() + [session.currentSet])
        let found = try inv.at(0) { try session.store.find(id, in: Array(Set(names)).sorted()) }
        let set = try session.loadedSet(found.set)
        let a = found.annotation
        let view = AnnotationView(a, set: found.set, corpus: session.corpus, status: status(set, a.id))
        if inv.json { return try session.printJSON(view) }
        let style = session.style
        let q = session.store.codebook.question(a.question)
        let name = session.corpus.analysts.analyst(id: a.analyst)?.name ?? a.analyst
        var rows: [[String]] = [
            ["id", a.id], ["set", found.set],
            ["where", "\(a.target.doc) ¶\(view.paragraph ?? 0) [\(a.target.start)-\(a.target.end)]" + (view.status == "placed" ? "" : " — \(view.status)")],
            ["question", a.question + (q.map { ": " + $0.text } ?? "")],
            ["analyst", "\(name) (\(a.analyst))"],
            ["stance", Question.signed(a.stance) + (q?.label(of: a.stance).map { " " + $0 } ?? "")],
        ]
        if let c = a.confidence { rows.append(["confidence", "\(c)"]) }
        if !a.tags.isEmpty { rows.append(["tags", a.tags.joined(separator: ", ")]) }
        if !a.note.isEmpty { rows.append(["note", a.note]) }
        rows.append(["created", a.created])
        if a.modified != a.created { rows.append(["modified", a.modified]) }
        for (k, v) in a.extra.fields { rows.append([k, String(decoding: v, as: UTF8.self)]) }
        let quote = "…" + a.target.prefix + "[" + a.target.exact + "]" + a.target.suffix + "…"
        rows.append(["text", quote.split(whereSeparator: \.isWhitespace).joined(separator: " ")])
        for r in rows {
            let lines = TextLayout.wrap(r[1], width: style.width - 12)
            for (k, line) in lines.enumerated() {
                session.print((k == 0 ? style.dim(TextLayout.pad(r[0], 10)) : String(repeating: " ", count: 10)) + "  " + line)
            }
        }
    }

    struct SetRow: Encodable {
        var name: String
        var annotations, damaged, orphans: Int
        var current, writing: Bool
    }

    static let sets = Command(
        "sets", group: "Store", flags: ["json"],
        summary: "list the annotation sets (one per coder)",
        help: "Shows each set's size, damaged lines and orphans, and which set is current."
    ) { inv, session in
        try inv.noMore(than: 0)
        var names = try session.store.setNames()
        if !names.contains(session.currentSet) { names.append(session.currentSet) }
        let rows = try names.sorted().map { n -> SetRow in
            let s = try session.loadedSet(n)
            return SetRow(name: n, annotations: s.count, damaged: s.damaged.count, orphans: s.orphans.count,
                          current: n == session.currentSet, writing: session.store.isWriting(n))
        }
        if inv.json { return try session.printJSON(rows) }
        session.write(session.style.layout.table(
            header: ["", "set", "annotations", "damaged", "orphans"],
            rows: rows.map { [$0.current ? "*" : "", $0.name, "\($0.annotations)", $0.damaged > 0 ? "\($0.damaged)" : "", $0.orphans > 0 ? "\($0.orphans)" : ""] },
            width: session.style.width))
    }

    static let use = Command(
        "use", group: "Store",
        arguments: [ArgumentSpec("SET", .set)],
        summary: "switch the current set (created on the first `code`)",
        help: "The current set starts as --set, else $PARALLAX_SET, else your login name.\n\nexample:\n  use alice"
    ) { inv, session in
        try inv.noMore(than: 1)
        let name = try inv.required(0, "SET")
        try inv.at(0) { try session.use(name) }
        let count = try session.loadedSet(name).count
        session.print("using set \(name) (\(count) annotation\(count == 1 ? "" : "s"))")
    }

    static let question = Command(
        "question", group: "Store",
        arguments: [ArgumentSpec("add", .choice(["add"])), ArgumentSpec("ID"), ArgumentSpec("\"TEXT\""),
                    ArgumentSpec("LABEL", repeated: true)],
        options: [OptionSpec("from", .text, "value of the first label (default: centred on 0)")],
        summary: "add a question to the codebook",
        help: """
        Adds a question with an ordered scale, one label per point from the lowest up. The
        values are centred on 0 for an odd number of labels (5 labels: -2…+2), or start at
        `from:`. The codebook is saved at once.

        example:
          question add sanctions-bite "Are Western sanctions hurting Russia's war effort?" no "a little" mixed much decisively
        """
    ) { inv, session in
        guard inv.optional(0) == "add" else { throw inv.usageError("only `question add` is supported", argument: 0) }
        let id = try inv.required(1, "ID")
        guard Codebook.isValidID(id) else {
            throw ParallaxError(.usage, "question id \"\(id)\" must be lower-case letters, digits and '-', starting with a letter", at: inv.location(1))
        }
        let text = try inv.required(2, "TEXT")
        let labels = inv.positionals.dropFirst(3).map(\.text)
        guard labels.count >= 2 else { throw inv.usageError("give at least two scale labels, lowest first") }
        let from: Int
        if let f = inv.options["from"] {
            guard let v = Int(f.text) else { throw ParallaxError(.usage, "from: must be a whole number", at: "question: from:") }
            from = v
        } else {
            guard labels.count % 2 == 1 else { throw inv.usageError("with an even number of labels, say where the scale starts with from:N") }
            from = -(labels.count / 2)
        }
        let q = Question(id: id, text: text, scale: labels.enumerated().map { Question.Point(value: from + $0.offset, label: $0.element) })
        try session.store.addQuestion(q)
        session.print("added question \(id): \(q.scaleText)")
    }

    struct Problem: Encodable {
        var location: String?
        var message: String
    }

    static let check = Command(
        "check", group: "Store",
        options: [OptionSpec("set", .set, "check only this set")],
        flags: ["json"],
        summary: "validate the codebook and every set against the corpus",
        help: """
        Reports every damaged line (with file:line and the reason), every annotation orphaned
        by a changed document, and problems in the codebook. Fails (non-zero exit status in a
        script) when there is any problem.
        """
    ) { inv, session in
        try inv.noMore(than: 0)
        var problems: [Problem] = session.store.codebook.problems().map { Problem(location: session.store.directory + "/" + AnnotationStore.codebookName, message: $0) }
        let names = try inv.options["set"].map { [$0.text] } ?? session.store.setNames()
        var checked = 0
        for n in names {
            let s = try session.store.set(n)
            checked += s.count
            problems += try session.store.problems(of: n).map { Problem(location: $0.location?.description, message: $0.message) }
        }
        if inv.json {
            try session.printJSON(problems)
        } else {
            for p in problems { session.print((p.location.map { $0 + ": " } ?? "") + p.message) }
            if problems.isEmpty { session.print("ok: \(names.count) set\(names.count == 1 ? "" : "s"), \(checked) annotations, \(session.store.codebook.questions.count) questions, no problems") }
        }
        if !problems.isEmpty {
            throw ParallaxError(.invalidData, "check found \(problems.count) problem\(problems.count == 1 ? "" : "s")")
        }
    }
}
