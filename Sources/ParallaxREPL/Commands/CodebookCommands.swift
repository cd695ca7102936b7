import Foundation
import ParallaxCore
import ParallaxStore

/// The codebook as a living document: `question add|rename|merge|retire|define`, `questions`.
enum CodebookCommands {
    static let subcommands = ["add", "rename", "merge", "retire", "define"]

    static let question = Command(
        "question", group: "Store",
        arguments: [ArgumentSpec("add|rename|merge|retire|define", .choice(subcommands)), ArgumentSpec("ID", .question),
                    ArgumentSpec("ARGUMENT", optional: true, repeated: true)],
        options: [OptionSpec("from", .text, "add: value of the first label (default: centred on 0)"),
                  OptionSpec("map", .text, "merge: stance map old=new, e.g. map:-2=-1,2=1"),
                  OptionSpec("include", .text, "define: what counts as this question"),
                  OptionSpec("exclude", .text, "define: what does not count"),
                  OptionSpec("example", .text, "define: annotation ids that are good examples (a,b)")],
        summary: "change the codebook: add, rename, merge, retire or define a question",
        help: """
        Forms:
          question add ID "TEXT" LABEL…        a new question, one label per scale point, lowest first
          question rename OLD NEW              a new id, in the codebook and every set
          question merge FROM INTO [map:…]     FROM's codings move to INTO; FROM leaves the codebook
          question retire ID                   kept for its codings, closed to new ones
          question define ID "DEFINITION" [include:"…"] [exclude:"…"] [example:ID,…]
        A rename or merge rewrites the codebook and every set in the annotations folder as one
        change: all of it or none, also if the process is killed (it takes each set's lock,
        and is refused, naming the holder, while another session writes one). The old id is
        remembered, so codings made under it elsewhere (on another git branch, in an import)
        read as the new one. Merging questions whose scales differ needs a stance map that
        puts every old stance on the new scale. `add` centres an odd number of labels on 0
        (5 labels: -2…+2), or starts at `from:`. `undo` takes any of these back.

        examples:
          question rename reset-wedge reverse-nixon
          question merge us-russia-reset reverse-nixon
          question merge sanctions-bite reverse-nixon map:-2=-2,-1=-1,0=0,1=1,2=2
          question retire alignment-endures
          question define reverse-nixon "Whether Moscow would trade Beijing for Washington" include:"explicit claims" example:01K9Z
        """
    ) { inv, session in
        let sub = try inv.required(0, "add, rename, merge, retire or define")
        let store = session.store
        func only(_ keys: Set<String>) throws {
            for key in inv.options.keys where !keys.contains(key) {
                throw ParallaxError(.usage, "option \(key): does not apply to `question \(sub)`", at: "question: option \(key)", hint: "usage: \(inv.command.usage)")
            }
        }
        switch sub {
        case "add":
            try only(["from"])
            try StoreCommands.question.run(inv, session)
        case "rename":
            try only([])
            try inv.noMore(than: 3)
            let old = try inv.required(1, "OLD"), new = try inv.required(2, "NEW")
            let id = try inv.at(1) { try store.codebook.require(old).id }
            let change = try inv.at(2) { try store.renameQuestion(id, to: new) }
            session.print(ChangeText.done(change))
        case "merge":
            try only(["map"])
            try inv.noMore(than: 3)
            let from = try inv.at(1) { try store.codebook.require(try inv.required(1, "FROM")).id }
            let into = try inv.at(2) { try store.codebook.require(try inv.required(2, "INTO")).id }
            let map = try inv.options["map"].map { m in try inv.at(option: "map") { try stanceMap(m.text) } }
            let change = try inv.at(2) { try store.mergeQuestion(from, into: into, map: map) }
            session.print(ChangeText.done(change))
        case "retire":
            try only([])
            try inv.noMore(than: 2)
            let id = try inv.at(1) { try store.codebook.require(try inv.required(1, "ID")).id }
            if store.codebook.question(id)?.isRetired == true {
                throw ParallaxError(.usage, "question \(id) is already retired", at: inv.location(1), hint: "`undo` right after a retire brings it back")
            }
            session.print(ChangeText.done(try store.retireQuestion(id)))
        case "define":
            try only(["include", "exclude", "example"])
            try inv.noMore(than: 3)
            let id = try inv.at(1) { try store.codebook.require(try inv.required(1, "ID")).id }
            let definition = inv.optional(2)
            let examples = try inv.options["example"].map { e in
                try inv.at(option: "example") {
                    try e.text.split(separator: ",").map { try store.find(String($0), in: store.setNames() + [session.currentSet]).annotation.id }
                }
            }
            guard definition != nil || !inv.options.isEmpty else {
                throw inv.usageError("say what to define: \"DEFINITION\", include:, exclude: or example:")
            }
            session.print(ChangeText.done(try store.defineQuestion(id, definition: definition, include: inv.options["include"]?.text,
                                                                   exclude: inv.options["exclude"]?.text, examples: examples)))
        default:
            throw inv.usageError("\"\(sub)\" is not add, rename, merge, retire or define", argument: 0)
        }
    }

    /// Parses `-2=-1,-1=-1,0=0` into old → new stances.
    static func stanceMap(_ text: String) throws -> [Int: Int] {
        var map: [Int: Int] = [:]
        for pair in text.split(separator: ",") {
            let sides = pair.split(separator: "=", omittingEmptySubsequences: false)
            guard sides.count == 2, let k = Int(sides[0].trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "+", with: "")),
                  let v = Int(sides[1].trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "+", with: "")) else {
                throw ParallaxError(.usage, "\"\(pair)\" is not OLD=NEW", hint: "write the map as map:-2=-1,-1=-1,0=0 (old stance = new stance)")
            }
            guard map[k] == nil else { throw ParallaxError(.usage, "stance \(Question.signed(k)) is mapped twice") }
            map[k] = v
        }
        guard !map.isEmpty else { throw ParallaxError(.usage, "the stance map is empty", hint: "write map:-2=-1,-1=-1,…") }
        return map
    }

    struct QuestionRow: Encodable {
        var id, text: String
        var scale: [Question.Point]
        var definition, include, exclude: String?
        var examples: [String]?
        var retired: Bool
        var renamedFrom: [String]?
        var codings: Int
    }

    static let questions = Command(
        "questions", group: "Reading",
        arguments: [ArgumentSpec("ID", .question, optional: true)],
        flags: ["json", "all"],
        summary: "list the codebook's questions, or show one with its definition",
        help: """
        Lists the questions open to coding with their scales and definitions; --all adds the
        retired ones. `questions ID` shows one question in full: its scale, definition,
        inclusion and exclusion criteria, example codings (with their quotes), old ids, and
        the memos about it. Stances can be given as the number or its label: `code
        reset-wedge unlikely` = `code reset-wedge -1`.

        examples:
          questions
          questions reset-wedge
        """
    ) { inv, session in
        try inv.noMore(than: 1)
        let book = session.store.codebook
        let sets = try session.allSets()
        func codings(_ id: String) -> Int { sets.reduce(0) { n, s in n + s.byID.values.lazy.filter { $0.question == id }.count } }
        func row(_ q: Question) -> QuestionRow {
            QuestionRow(id: q.id, text: q.text, scale: q.scale, definition: q.definition, include: q.include, exclude: q.exclude,
                        examples: q.examples, retired: q.isRetired, renamedFrom: q.renamedFrom, codings: codings(q.id))
        }
        let style = session.style
        if let typed = inv.optional(0) {
            let q = try inv.at(0) { try book.require(typed) }
            if inv.json { return try session.printJSON(row(q)) }
            session.print(style.bold(q.id) + (q.isRetired ? style.dim(" (retired: kept for old codings, closed to new ones)") : ""))
            for line in TextLayout.wrap(q.text, width: style.width - 2) { session.print("  " + line) }
            func section(_ title: String, _ text: String?) {
                guard let text, !text.isEmpty else { return }
                session.print("")
                session.print(style.bold(title))
                for line in TextLayout.wrap(text, width: style.width - 2) { session.print("  " + line) }
            }
            section("scale", q.scale.map { "\(Question.signed($0.value)) \($0.label)" }.joined(separator: " · "))
            section("definition", q.definition)
            section("include", q.include)
            section("exclude", q.exclude)
            if let examples = q.examples, !examples.isEmpty {
                session.print("")
                session.print(style.bold("examples"))
                for id in examples {
                    if let found = try? session.store.find(id, in: session.store.setNames()) {
                        let a = found.annotation
                        let quote = "“" + a.target.exact.split(whereSeparator: \.isWhitespace).joined(separator: " ") + "”"
                        for (k, line) in TextLayout.wrap("\(id) \(Question.signed(a.stance)) \(a.analyst): \(quote)", width: style.width - 2).enumerated() {
                            session.print((k == 0 ? "  " : "    ") + line)
                        }
                    } else {
                        session.print("  \(id) " + style.dim("(no longer in any set)"))
                    }
                }
            }
            let old = book.renames.filter { $0.to == q.id }.map(\.from)
            if !old.isEmpty { section("formerly", old.joined(separator: ", ")) }
            let memos = sets.flatMap { s in s.memoList(about: .question(q.id)).map { (s.name, $0) } }
            if !memos.isEmpty {
                session.print("")
                session.print(style.bold("memos"))
                for (set, m) in memos {
                    for (k, line) in TextLayout.wrap("\(m.id) (\(set)): \(m.text)", width: style.width - 2).enumerated() {
                        session.print((k == 0 ? "  " : "    ") + line)
                    }
                }
            }
            session.print("")
            session.print(style.dim("\(codings(q.id)) coding\(codings(q.id) == 1 ? "" : "s") in \(sets.count) set\(sets.count == 1 ? "" : "s")"))
            return
        }
        let shown = inv.flags.contains("all") ? book.questions : book.activeQuestions
        if inv.json { return try session.printJSON(shown.map(row)) }
        for q in shown {
            session.print(style.bold(q.id) + (q.isRetired ? style.dim(" (retired)") : ""))
            for line in TextLayout.wrap(q.text, width: style.width - 2) { session.print("  " + line) }
            for line in TextLayout.wrap(q.scaleText.replacingOccurrences(of: ", ", with: " · "), width: style.width - 2) {
                session.print("  " + style.dim(line))
            }
            if let d = q.definition {
                for line in TextLayout.wrap("definition: " + d, width: style.width - 2) { session.print("  " + line) }
            }
        }
        let retired = book.questions.count - book.activeQuestions.count
        if retired > 0 && !inv.flags.contains("all") {
            session.print(style.dim("\(retired) retired question\(retired == 1 ? "" : "s") not shown; --all shows them"))
        }
    }
}

/// Words for the store's changes (``StoreChange``), as `undo`, `redo` and the codebook
/// commands print them.
enum ChangeText {
    /// What a command just did.
    static func done(_ change: StoreChange) -> String {
        switch change {
        case .questionRenamed(let from, let to, let n, let sets):
            return "renamed question \(from) to \(to): \(n) coding\(n == 1 ? "" : "s") in \(sets) set\(sets == 1 ? "" : "s") (undo takes it back)"
        case .questionMerged(let from, let into, let n, let sets):
            return "merged question \(from) into \(into): \(n) coding\(n == 1 ? "" : "s") moved in \(sets) set\(sets == 1 ? "" : "s") (undo takes it back)"
        case .questionRetired(let id, let retired):
            return retired ? "retired question \(id): its codings stay; it takes no new ones" : "question \(id) is open to new codings again"
        case .questionDefined(let id): return "defined question \(id) (see `questions \(id)`)"
        case .questionsImported(let ids, let path):
            return "imported \(ids.count) question\(ids.count == 1 ? "" : "s") from \(path): \(ids.joined(separator: ", ")) (undo takes it back)"
        case .annotation(let set, let id, let kind): return "\(kind.rawValue) of \(id) in \(set)"
        case .memo(let set, let id, let kind): return "\(kind.rawValue) of memo \(id) in \(set)"
        }
    }

    /// What `undo` (verb `undid`) or `redo` (`redid`) did.
    static func reverted(_ change: StoreChange, verb: String) -> String {
        change.description(verb: verb)
    }
}
