import Foundation
import ParallaxCore
import ParallaxStore

/// Annotating: `mark`, `code`, `edit`, `delete`, `undo`, `redo`.
enum AnnotatingCommands {
    static let all: [Command] = [mark, code, edit, delete, undo, redo]

    struct SelectionRow: Encodable {
        var doc: String
        var start, end, paragraph: Int
        var analyst: String?
        var exact: String

        private enum CodingKeys: String, CodingKey { case doc, start, end, paragraph, analyst, exact }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(doc, forKey: .doc); try c.encode(start, forKey: .start); try c.encode(end, forKey: .end)
            try c.encode(paragraph, forKey: .paragraph)
            try c.encode(analyst, forKey: .analyst)  // null when the span has no single analyst
            try c.encode(exact, forKey: .exact)
        }
    }

    static let mark = Command(
        "mark", aliases: ["select"], group: "Annotating",
        arguments: [ArgumentSpec("N|DOC", .document), ArgumentSpec("sentence|paragraph|START|\"quote\"|¶N", optional: true),
                    ArgumentSpec("END", optional: true)],
        flags: ["json"],
        summary: "select the text to code",
        help: """
        Sets the current selection, which `code` annotates. Forms:
          mark N                 hit N of the last `find`
          mark N sentence        the sentence around hit N (or: paragraph)
          mark DOC START END     scalar offsets [START, END) of a document
          mark DOC "quote"       the one place a quote occurs (refused when it occurs more than once)
          mark DOC ¶N            a whole paragraph
        Spans are widened to whole characters (a span never splits a grapheme cluster). The
        selection's analyst is the speaker of its turn, or the document's author; a span that
        crosses two speakers cannot be coded without `analyst:`.

        examples:
          find reverse nixon
          mark 1 sentence
          mark brookings "highly unlikely"
        """
    ) { inv, session in
        try inv.noMore(than: 3)
        let first = try inv.required(0, "N or DOC")
        var doc: Document
        var start: Int, end: Int
        if let n = Int(first) {
            try inv.noMore(than: 2)
            guard !session.lastHits.isEmpty else {
                throw ParallaxError(.usage, "there are no search hits to mark", at: inv.location(0), hint: "run `find TEXT` first, or use `mark DOC START END`")
            }
            guard n >= 1 && n <= session.lastHits.count else {
                throw ParallaxError(.usage, "there is no hit \(n)", at: inv.location(0), hint: "the last `find` had hits 1-\(session.lastHits.count)")
            }
            let hit = session.lastHits[n - 1]
            doc = try session.corpus.requireDocument(hit.doc)
            (start, end) = (hit.start, hit.end)
            switch inv.optional(1) {
            case nil, "hit"?: break
            case "sentence"?, "s"?:
                if let s = doc.sentence(containing: start) { (start, end) = (s.start, max(s.end, end)) }
            case "paragraph"?, "p"?, "¶"?:
                if let p = doc.paragraph(containing: start) { (start, end) = (p.start, max(p.end, end)) }
            case let other?:
                throw inv.usageError("\"\(other)\" is not sentence or paragraph", argument: 1)
            }
        } else {
            doc = try inv.at(0) { try session.corpus.requireDocument(first) }
            let second = try inv.required(1, "START, \"quote\" or ¶N")
            if inv.positionals.count == 3 {
                start = try inv.integer(1, "START")
                end = try inv.integer(2, "END")
            } else if let range = try? ParagraphRange.parse(second, count: doc.paragraphs.count), second.hasPrefix("¶") {
                let first = doc.paragraphs[range.lowerBound - 1], last = doc.paragraphs[range.upperBound - 1]
                (start, end) = (first.start, last.end)
            } else if second.hasPrefix("¶") {
                _ = try inv.at(1) { try ParagraphRange.parse(second, count: doc.paragraphs.count) }
                return
            } else {
                (start, end) = try inv.at(1) { try QuoteLookup.unique(second, in: doc, index: session.searchIndex) }
            }
        }
        let target = try inv.at(1) { try TextTarget(document: doc, start: start, end: end) }
        var selection = Selection(target: target, analyst: nil, analystProblem: nil,
                                  paragraph: doc.paragraph(containing: target.start)?.number ?? 0)
        do { selection.analyst = try doc.analyst(start: target.start, end: target.end) } catch let e as ParallaxError {
            selection.analystProblem = e.message
        }
        session.selection = selection
        if inv.json {
            return try session.printJSON(SelectionRow(doc: doc.id, start: target.start, end: target.end,
                                                      paragraph: selection.paragraph, analyst: selection.analyst, exact: target.exact))
        }
        printSelection(selection, session: session)
    }

    static func printSelection(_ s: Selection, session: Session) {
        let style = session.style
        for line in TextLayout.wrap("“" + s.target.exact + "”", width: style.width - 2) { session.print("  " + line) }
        let who = s.analyst.map { "analyst \($0)" } ?? "no analyst: \(s.analystProblem ?? "editorial text")"
        session.print(style.dim("\(s.target.doc) ¶\(s.paragraph) [\(s.target.start)-\(s.target.end)] · \(who)"))
    }

    static let code = Command(
        "code", group: "Annotating",
        arguments: [ArgumentSpec("QUESTION", .question), ArgumentSpec("STANCE", .stance), ArgumentSpec("\"NOTE\"", optional: true, repeated: true)],
        options: [OptionSpec("tags", .text, "comma-separated tags, e.g. tags:evidence,explicit"),
                  OptionSpec("confidence", .text, "how sure you are, 0 to 1"),
                  OptionSpec("analyst", .analyst, "whose position this is, when not the speaker or author")],
        flags: ["json"],
        summary: "annotate the selection: question, stance, tags, note",
        help: """
        Codes the current selection (see `mark`) in the current set against a question, with a
        stance on the question's scale given as a number or a label. The analyst is the
        selection's speaker or author unless `analyst:` says otherwise. The annotation is on
        disk when this command returns.

        examples:
          code reset-wedge -2 tags:evidence "tactical vs fundamental"
          code alignment-endures "likely to hold" confidence:0.7
        """
    ) { inv, session in
        guard let selection = session.selection else {
            throw ParallaxError(.usage, "nothing is selected", at: "code", hint: "select text first with `mark` (see `help mark`)")
        }
        let question = try inv.at(0) { try session.store.codebook.requireActive(try inv.required(0, "QUESTION")) }
        let stance = try inv.at(1) { try question.stance(try inv.required(1, "STANCE")) }
        let analyst: String
        if let a = inv.options["analyst"] {
            analyst = try inv.at(option: "analyst") { try session.corpus.analysts.resolve(a.text).id }
        } else if let a = selection.analyst {
            analyst = a
        } else {
            throw ParallaxError(.usage, "the selection has no analyst: \(selection.analystProblem ?? "editorial text")", at: "code",
                                hint: "say whose position it is with analyst:ID")
        }
        let note = inv.positionals.dropFirst(2).map(\.text).joined(separator: " ")
        let now = Clock.nowMilliseconds()
        let a = Annotation(id: session.store.newID(), target: selection.target, question: question.id, analyst: analyst,
                           stance: stance, confidence: try confidence(inv), tags: tags(inv), note: note,
                           created: Clock.iso8601(milliseconds: now))
        try session.store.add(a, to: session.currentSet)
        if inv.json { return try session.printJSON(AnnotationView(a, set: session.currentSet, corpus: session.corpus)) }
        session.print("coded \(a.id): \(question.id) \(Question.signed(stance)) (\(question.label(of: stance)!)) for \(analyst) in set \(session.currentSet)")
    }

    static func tags(_ inv: Invocation) -> [String] {
        guard let t = inv.options["tags"] else { return [] }
        var seen = Set<String>()
        return t.text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    static func confidence(_ inv: Invocation) throws -> Double? {
        guard let c = inv.options["confidence"] else { return nil }
        guard let v = Double(c.text), (0...1).contains(v) else {
            throw ParallaxError(.usage, "confidence must be a number from 0 to 1, not \"\(c.text)\"", at: .command(inv.command.name, option: "confidence"))
        }
        return v
    }

    static let edit = Command(
        "edit", group: "Annotating",
        arguments: [ArgumentSpec("ID", .annotation)],
        options: [OptionSpec("stance", .stance, "a new stance (number or label)"),
                  OptionSpec("question", .question, "another question (the stance must fit its scale)"),
                  OptionSpec("tags", .text, "replace the tags (tags: to clear)"),
                  OptionSpec("confidence", .text, "0 to 1 (confidence: to clear)"),
                  OptionSpec("analyst", .analyst, "whose position it is"),
                  OptionSpec("note", .text, "replace the note (quote it: note:\"…\")"),
                  OptionSpec("span", .choice(["here"]), "span:here moves it to the current selection")],
        summary: "change an annotation's fields",
        help: """
        Changes fields of an annotation in the current set; `undo` reverts it.

        examples:
          edit 01JD3 stance:-1 note:"on reflection, a lean"
          edit 01JD3 span:here
        """
    ) { inv, session in
        try inv.noMore(than: 1)
        let id = try inv.required(0, "ID")
        guard !inv.options.isEmpty else { throw inv.usageError("nothing to change") }
        let found = try inv.at(0) { try findInCurrentSet(id, session) }
        var a = found.annotation
        if let q = inv.options["question"] { a.question = try inv.at(option: "question") { try session.store.codebook.require(q.text).id } }
        let question = try session.store.codebook.require(a.question)
        if let s = inv.options["stance"] { a.stance = try inv.at(option: "stance") { try question.stance(s.text) } }
        else if question.label(of: a.stance) == nil {
            throw ParallaxError(.usage, "stance \(a.stance) is off the scale of \(question.id)", at: "edit: question:", hint: "give stance: too")
        }
        if inv.options["tags"] != nil { a.tags = tags(inv) }
        if let c = inv.options["confidence"] { a.confidence = c.text.isEmpty ? nil : try confidence(inv) }
        if let an = inv.options["analyst"] { a.analyst = try inv.at(option: "analyst") { try session.corpus.analysts.resolve(an.text).id } }
        if let n = inv.options["note"] { a.note = n.text }
        if let span = inv.options["span"] {
            guard span.text == "here" else { throw inv.usageError("span: takes `here` (the current selection)") }
            guard let sel = session.selection else { throw ParallaxError(.usage, "nothing is selected", at: "edit: span:", hint: "select text first with `mark`") }
            a.target = sel.target
        }
        a.modified = Clock.iso8601(milliseconds: Clock.nowMilliseconds())
        try session.store.update(a, in: session.currentSet)
        session.print("edited \(a.id)")
    }

    static let delete = Command(
        "delete", aliases: ["rm"], group: "Annotating",
        arguments: [ArgumentSpec("ID", .annotation)],
        summary: "delete an annotation (undo brings it back)",
        help: "example:\n  delete 01JD3"
    ) { inv, session in
        try inv.noMore(than: 1)
        let found = try inv.at(0) { try findInCurrentSet(try inv.required(0, "ID"), session) }
        try session.store.delete(found.annotation.id, from: session.currentSet)
        session.print("deleted \(found.annotation.id)")
    }

    /// An annotation of the current set; when the id is in another set, says which.
    static func findInCurrentSet(_ id: String, _ session: Session) throws -> (set: String, annotation: Annotation) {
        do {
            return try session.store.find(id, in: [session.currentSet])
        } catch let e as ParallaxError where e.kind == .notFound {
            let others = (try? session.store.setNames())?.filter { $0 != session.currentSet } ?? []
            if let elsewhere = try? session.store.find(id, in: others) {
                throw ParallaxError(.notFound, "annotation \(elsewhere.annotation.id) is in set \(elsewhere.set), not in the current set \(session.currentSet)",
                                    hint: "`use \(elsewhere.set)` to change it there")
            }
            throw e
        }
    }

    static let undo = Command(
        "undo", group: "Annotating", summary: "undo the last change of this session",
        help: "Undoes add, edit and delete (of annotations and memos) and codebook changes (question rename,\nmerge, retire, define), one at a time; the undo is on disk when it returns."
    ) { inv, session in
        try inv.noMore(than: 0)
        session.print(try session.store.undoChange().map { ChangeText.reverted($0, verb: "undid") } ?? "nothing to undo")
    }

    static let redo = Command(
        "redo", group: "Annotating", summary: "redo what `undo` undid",
        help: "Any new change clears what can be redone."
    ) { inv, session in
        try inv.noMore(than: 0)
        session.print(try session.store.redoChange().map { ChangeText.reverted($0, verb: "redid") } ?? "nothing to redo")
    }
}

/// Finds the one place a quote occurs in a document: exactly first, then folded.
enum QuoteLookup {
    static func unique(_ quote: String, in doc: Document, index: SearchIndex) throws -> (Int, Int) {
        var exact: [Int] = []
        var from = doc.text.string.startIndex
        let s = doc.text.string
        // Exact means exact: a literal, byte-for-byte match (not canonical equivalence).
        while from < s.endIndex, let r = s.range(of: quote, options: .literal, range: from..<s.endIndex) {
            exact.append(doc.text.scalarOffset(of: r.lowerBound))
            from = r.upperBound
        }
        if exact.count == 1 { return (exact[0], exact[0] + quote.unicodeScalars.count) }
        let hits = exact.count > 1 ? [] : index.find(quote, in: doc.id)
        let count = max(exact.count, hits.count)
        if count == 0 {
            throw ParallaxError(.notFound, "\"\(quote)\" does not occur in \(doc.id)", hint: "try `find` with fewer words")
        }
        if hits.count == 1 { return (hits[0].start, hits[0].end) }
        throw ParallaxError(.ambiguous, "\"\(quote)\" occurs \(count) times in \(doc.id)",
                            hint: "quote more words, or `find` it and `mark N`")
    }
}
