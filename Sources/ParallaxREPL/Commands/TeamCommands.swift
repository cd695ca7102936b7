import Foundation
import ParallaxCore
import ParallaxStore

/// Teams: `setdiff` (what changed between two sets), `conflicts` and `resolve` (the merge
/// conflicts `parallax merge-driver` recorded when git merged a set).
enum TeamCommands {
    static let all: [Command] = [setdiff, conflicts, resolve]

    static let setdiff = Command(
        "setdiff", group: "Team review",
        arguments: [ArgumentSpec("OLD", .set), ArgumentSpec("NEW", .set)],
        flags: ["json"],
        summary: "what changed between two sets: added, removed and changed annotations",
        help: """
        Compares two annotation sets, or two versions of one. Annotations are paired by id;
        of the rest, two on the same question whose spans overlap are one annotation coded
        again under a new id. Changed annotations come first, the sharpest change first (a
        different question or stance before a moved span or an edited note), with one line per
        changed field; then the added and the removed ones. OLD and NEW are set names or set
        files (a path with '/' or ending in .jsonl), e.g. a version saved from git.

        examples:
          setdiff baseline alice
          git show main:Annotations/alice.jsonl > /tmp/alice-main.jsonl
          setdiff /tmp/alice-main.jsonl alice --json
        """
    ) { inv, session in
        try inv.noMore(than: 2)
        try runSetDiff(old: try inv.required(0, "OLD"), new: try inv.required(1, "NEW"), json: inv.json, session: session,
                       locations: (inv.location(0), inv.location(1)))
    }

    /// Compares two sets or set files and prints the diff (text or JSON). Other commands
    /// (`diff sets A B`) route here.
    /// - Parameters:
    ///   - old: A set name or a set file's path.
    ///   - new: A set name or a set file's path.
    ///   - json: Whether to print JSON.
    ///   - session: The session.
    ///   - locations: Where to say a bad argument is.
    static func runSetDiff(old: String, new: String, json: Bool, session: Session,
                           locations: (ParallaxError.Location.Place, ParallaxError.Location.Place) = (.text("OLD"), .text("NEW"))) throws {
        let diff: SetDiff
        if let a = try located(locations.0, { try loadedSet(old, session: session) }),
           let b = try located(locations.1, { try loadedSet(new, session: session) }) {
            // Two loaded sets: their id orders and digests are kept by the session until a
            // set changes, so a repeated setdiff reads only the annotations that differ.
            diff = SetDiff(old: a, new: b, oldName: old, newName: new,
                           digests: (session.annotationDigests(a), session.annotationDigests(b)))
        } else {
            let a = try located(locations.0) { try contents(of: old, session: session) }
            let b = try located(locations.1) { try contents(of: new, session: session) }
            diff = SetDiff(old: a, new: b, oldName: old, newName: new)
        }
        if json { return try session.printJSON(diff) }
        var stream = SinkStream(session.out)
        TeamRenderer(width: session.style.width, colour: session.style.colour, corpus: session.corpus, codebook: session.store.codebook)
            .render(diff, to: &stream)
    }

    /// A set by name, as loaded; `nil` for a set file's path.
    private static func loadedSet(_ word: String, session: Session) throws -> AnnotationSet? {
        if isPath(word) { return nil }
        guard !word.contains(","), word != "all" else {
            throw ParallaxError(.usage, "name one set, not \"\(word)\"")
        }
        return try session.sets(named: word)[0]
    }

    private static func isPath(_ word: String) -> Bool { word.contains("/") || word.hasSuffix(".jsonl") }

    /// A set (by name, as loaded) or a set file (by path, parsed as it is).
    static func contents(of word: String, session: Session) throws -> SetContents {
        if word.contains("/") || word.hasSuffix(".jsonl") {
            let path = word.hasPrefix("~/") ? NSHomeDirectory() + word.dropFirst(1) : word
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                  let data = FileManager.default.contents(atPath: path) else {
                throw ParallaxError(.notFound, "cannot read the set file \(word)", hint: "give a set name or the path of a .jsonl set file")
            }
            return SetContents(parsing: [UInt8](data))
        }
        guard !word.contains(","), word != "all" else {
            throw ParallaxError(.usage, "name one set, not \"\(word)\"")
        }
        return SetContents(try session.sets(named: word)[0])
    }

    private static func located<T>(_ location: ParallaxError.Location.Place, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as ParallaxError where e.location == nil { throw e.located(location) }
    }

    static let conflicts = Command(
        "conflicts", group: "Team review",
        options: [OptionSpec("set", .set, "this set (default: the current set)")],
        flags: ["json"],
        summary: "list the merge conflicts git left in a set",
        help: """
        When git merges a set through `parallax merge-driver` and both sides changed the same
        thing differently, the merged set holds ours (it stays a valid set, with no conflict
        markers) and the conflicts are recorded in .parallax/NAME.conflicts.jsonl beside it. This lists
        them: for each annotation, the field at stake with its base, ours and theirs values,
        or what each side did when one deleted it or both added it. Settle them with `resolve`.

        examples:
          conflicts
          conflicts set:alice --json
        """
    ) { inv, session in
        try inv.noMore(than: 0)
        let name = try setName(inv, session)
        let list = try session.store.conflicts(of: name)
        if inv.json { return try session.printJSON(list) }
        let set = try session.store.set(name)
        var stream = SinkStream(session.out)
        TeamRenderer(width: session.style.width, colour: session.style.colour, corpus: session.corpus, codebook: session.store.codebook)
            .render(list, set: name, current: { set.byID[$0] }, to: &stream)
    }

    static let resolve = Command(
        "resolve", group: "Team review",
        arguments: [ArgumentSpec("ID", .annotation), ArgumentSpec("SIDE", .choice(MergeSide.allCases.map(\.rawValue)))],
        options: [OptionSpec("field", .choice(AnnotationField.allCases.map(\.rawValue)), "settle only this field's conflict"),
                  OptionSpec("set", .set, "this set (default: the current set)")],
        flags: ["all"],
        summary: "settle a merge conflict: keep ours, take theirs, or go back to base",
        help: """
        Settles the merge conflicts on one annotation (or, with field:, one field of it) and
        removes them from the set's conflicts file. `ours` keeps what the set holds; `theirs`
        or `base` writes that side's value into the set, on disk when this returns (and `undo`
        reverts it). With --all, every conflict of the set takes the same side. When none is
        left, `git add` the set file and commit the merge.

        examples:
          resolve 01M84H2C theirs
          resolve 01M84H2C base field:note
          resolve --all ours
        """
    ) { inv, session in
        let name = try setName(inv, session)
        let all = inv.flags.contains("all")
        try inv.noMore(than: all ? 1 : 2)
        let sideIndex = all ? 0 : 1
        let sideWord = try inv.required(sideIndex, "SIDE (ours, theirs or base)")
        guard let side = MergeSide(rawValue: sideWord.lowercased()) else {
            throw inv.usageError("\"\(sideWord)\" is not ours, theirs or base", argument: sideIndex)
        }
        let field = try inv.options["field"].map { f -> AnnotationField in
            guard let field = AnnotationField(rawValue: f.text) else {
                throw ParallaxError(.usage, "\"\(f.text)\" is not a field", at: "resolve: field:",
                                    hint: "fields: " + AnnotationField.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return field
        }
        let done: [AnnotationStore.Resolution]
        if all {
            if field != nil { throw inv.usageError("--all settles whole annotations; leave out field:") }
            done = try session.store.resolveAll(in: name, with: side)
            if done.isEmpty { session.print("set \(name) has no merge conflicts") }
        } else {
            let id = try inv.required(0, "ID")
            done = [try inv.at(0) { try session.store.resolve(id, in: name, with: side, field: field) }]
        }
        for r in done { session.print(describe(r)) }
        guard let last = done.last else { return }
        if last.remaining > 0 {
            session.print(session.style.dim("\(last.remaining) conflict\(last.remaining == 1 ? "" : "s") left in set \(name)"))
        } else {
            let file = session.store.directory + "/" + name + ".jsonl"
            session.print(session.style.dim("no conflicts left in set \(name): `sync` commits and pushes the resolution "
                                            + "(after a `git merge` of your own: `git add \(file)` and commit the merge)"))
        }
    }

    /// `01M84…: stance from theirs`, `01M9…: restored from theirs`, `01M7…: kept ours`.
    static func describe(_ r: AnnotationStore.Resolution) -> String {
        let what = r.fields.isEmpty ? "" : r.fields.map(\.rawValue).joined(separator: ", ") + " "
        switch r.outcome {
        case .unchanged: return r.side == .ours ? "\(r.id): kept ours" + (what.isEmpty ? "" : " (\(what.dropLast()))") : "\(r.id): already as \(r.side.rawValue)"
        case .updated: return "\(r.id): \(what.isEmpty ? "annotation " : what)from \(r.side.rawValue)"
        case .added: return "\(r.id): restored from \(r.side.rawValue)"
        case .deleted: return "\(r.id): deleted, as \(r.side.rawValue) has it"
        }
    }

    private static func setName(_ inv: Invocation, _ session: Session) throws -> String {
        guard let option = inv.options["set"] else { return session.currentSet }
        try inv.at(option: "set") { try AnnotationSet.validate(name: option.text) }
        return option.text
    }
}
