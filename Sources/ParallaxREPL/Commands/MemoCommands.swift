import Foundation
import ParallaxCore
import ParallaxStore

/// Memos: `memo add|edit|delete`, `memos`.
enum MemoCommands {
    static let all: [Command] = [memo, memos]

    static let memo = Command(
        "memo", group: "Annotating",
        arguments: [ArgumentSpec("add|edit|delete", .choice(["add", "edit", "delete"])), ArgumentSpec("TARGET|ID"),
                    ArgumentSpec("\"TEXT\"", optional: true, repeated: true)],
        flags: ["json"],
        summary: "write a memo about a question, document, analyst or the project",
        help: """
        Forms:
          memo add question:ID|doc:ID|analyst:ID|project "TEXT"
          memo edit MEMO "TEXT"
          memo delete MEMO
        A memo is an analytic note: what you notice about a question, a document, an
        analyst or the project. It belongs to the current set, is on disk when the command
        returns, is taken back by `undo`, travels with the set through git (merged by the
        merge driver, shown by `setdiff`) and is exported (REFI-QDA notes, W3C comments,
        report sections). A memo id prefix of 4 or more characters is enough.

        examples:
          memo add question:reset-wedge "Most 'no' codings rest on the same Brookings passage"
          memo add analyst:stent "Reads every Moscow move as tactical"
          memo edit 01KA3 "Most 'no' codings rest on two passages"
        """
    ) { inv, session in
        let sub = try inv.required(0, "add, edit or delete")
        let store = session.store
        let set = session.currentSet
        switch sub {
        case "add":
            let typed = try inv.required(1, "TARGET")
            let target = try inv.at(1) { try resolve(typed, session) }
            let text = inv.positionals.dropFirst(2).map(\.text).joined(separator: " ")
            guard !text.isEmpty else { throw inv.usageError("missing \"TEXT\"") }
            let m = Memo(id: store.newID(), target: target, text: text, created: Clock.iso8601(milliseconds: Clock.nowMilliseconds()))
            try inv.at(2) { try store.addMemo(m, to: set) }
            if inv.json { return try session.printJSON(MemoRow(m, set: set)) }
            session.print("added memo \(m.id) on \(target) in set \(set)")
        case "edit":
            let id = try inv.required(1, "MEMO")
            let text = inv.positionals.dropFirst(2).map(\.text).joined(separator: " ")
            guard !text.isEmpty else { throw inv.usageError("missing \"TEXT\"") }
            let found = try inv.at(1) { try store.findMemo(id, in: [set]) }
            let m = try inv.at(2) { try store.editMemo(found.memo.id, in: set, text: text) }
            if inv.json { return try session.printJSON(MemoRow(m, set: set)) }
            session.print("edited memo \(m.id)")
        case "delete":
            try inv.noMore(than: 2)
            let found = try inv.at(1) { try store.findMemo(try inv.required(1, "MEMO"), in: [set]) }
            try store.deleteMemo(found.memo.id, from: set)
            session.print("deleted memo \(found.memo.id) (undo brings it back)")
        default:
            throw inv.usageError("\"\(sub)\" is not add, edit or delete", argument: 0)
        }
    }

    /// A typed target with its id resolved (`question:reset` → `question:reset-wedge`,
    /// `analyst:ayd` → `analyst:aydintasbas`).
    static func resolve(_ typed: String, _ session: Session) throws -> MemoTarget {
        switch try MemoTarget(parsing: typed) {
        case .question(let q): return .question(try session.store.codebook.require(q).id)
        case .document(let d): return .document(try session.corpus.requireDocument(d).id)
        case .analyst(let a): return .analyst(try session.corpus.analysts.resolve(a).id)
        case .project: return .project
        }
    }

    struct MemoRow: Encodable {
        var id, set, target, text, created, modified: String
        init(_ m: Memo, set: String) {
            id = m.id; self.set = set; target = m.target.description; text = m.text; created = m.created; modified = m.modified
        }
    }

    static let memos = Command(
        "memos", group: "Annotating",
        arguments: [ArgumentSpec("TARGET", optional: true)],
        options: [OptionSpec("set", .set, "this set, several (a,b) or all; default: every set")],
        flags: ["json"],
        summary: "list memos, all or those about one target",
        help: """
        Lists the memos of every set (or of `set:`), oldest first, with their target and
        text; TARGET (question:ID, doc:ID, analyst:ID or project) keeps those about it.

        examples:
          memos
          memos question:reset-wedge --json
        """
    ) { inv, session in
        try inv.noMore(than: 1)
        let target = try inv.optional(0).map { t in try inv.at(0) { try resolve(t, session) } }
        let sets = try inv.at(option: "set") { try session.sets(named: inv.options["set"]?.text ?? "all") }
        var rows: [MemoRow] = []
        for s in sets { rows += s.memoList(about: target).map { MemoRow($0, set: s.name) } }
        rows.sort { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
        if inv.json { return try session.printJSON(rows) }
        if rows.isEmpty {
            session.print("no memos" + (target.map { " about \($0)" } ?? ""))
            return
        }
        let style = session.style
        for r in rows {
            session.print(style.bold(r.id) + "  " + r.target + style.dim("  \(r.set) · \(r.modified)"))
            for line in TextLayout.wrap(r.text, width: style.width - 2) { session.print("  " + line) }
        }
        session.print(style.dim("\(rows.count) memo\(rows.count == 1 ? "" : "s")"))
    }
}
