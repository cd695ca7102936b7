import ParallaxCore
import ParallaxStore

/// Comparing analysts: `compare`, `diff`, `matrix`.
enum CompareCommands {
    static let all: [Command] = [compare, diff, matrix]

    static let setOption = OptionSpec("set", .set, "only these sets (a,b); default: every set")

    /// A comparer over every set's placed annotations (orphans left out).
    static func comparer(_ session: Session) throws -> Comparer {
        try session.comparer()
    }

    /// The `set:` filter as a set of names, checked against the sets on disk.
    static func setFilter(_ inv: Invocation, _ session: Session) throws -> Set<String>? {
        guard let option = inv.options["set"] else { return nil }
        return Set(try inv.at(option: "set") { try session.sets(named: option.text) }.map(\.name))
    }

    static func renderer(_ session: Session) -> ComparisonRenderer {
        ComparisonRenderer(width: session.style.width, colour: session.style.colour)
    }

    static let compare = Command(
        "compare", group: "Comparing",
        arguments: [ArgumentSpec("QUESTION", .question)],
        options: [setOption] + DateOptions.both,
        flags: ["json"],
        summary: "where each analyst stands on a question, with evidence",
        help: """
        One row per analyst: the stance (the median of their codings), a short evidence quote
        and where it stands (doc ¶N); analysts with no position are listed as such. When
        several sets code the same analyst, each coder's stance is shown. The summary gives
        how many took a position, the median, the spread, and the pattern (consensus, lean,
        split, polarised, mixed). `--json` includes every coding's id.

        examples:
          compare reset-wedge
          compare alignment set:baseline --json
        """
    ) { inv, session in
        try inv.noMore(than: 1)
        let question = try inv.required(0, "QUESTION")
        let (dated, left) = try DateOptions.comparer(inv, session)
        let result = try inv.at(0) { try dated.compare(question: question, sets: try setFilter(inv, session)) }
        defer { DateOptions.report(left, json: inv.json, session: session) }
        if inv.json { return try session.printJSON(result) }
        var out = SinkStream(session.out)
        renderer(session).render(result, to: &out)
    }

    static let diff = Command(
        "diff", group: "Comparing",
        arguments: [ArgumentSpec("ANALYST", .analyst), ArgumentSpec("ANALYST", .analyst)],
        options: [setOption] + DateOptions.both,
        flags: ["json"],
        summary: "two analysts across every shared question (or: diff sets A B)",
        help: """
        For every question: both stances, the distance and a verdict (opposite sides, differ,
        same side, agree, only one speaks), with the evidence side by side, sharpest
        disagreements first. Analysts can be named in any folded form.

        `diff sets A B` compares two annotation sets instead (the same as `setdiff A B`):
        annotations added, removed and changed, paired by id, else by question and
        overlapping span.

        examples:
          diff stent wyne
          diff asli varma --json
          diff sets alice bob
        """
    ) { inv, session in
        if inv.optional(0) == "sets", inv.positionals.count == 3 {
            return try TeamCommands.runSetDiff(old: inv.positionals[1].text, new: inv.positionals[2].text, json: inv.json,
                                               session: session, locations: (inv.location(1), inv.location(2)))
        }
        try inv.noMore(than: 2)
        let first = try inv.at(0) { try session.corpus.analysts.resolve(try inv.required(0, "ANALYST")).id }
        let second = try inv.at(1) { try session.corpus.analysts.resolve(try inv.required(1, "ANALYST")).id }
        let (dated, left) = try DateOptions.comparer(inv, session)
        let result = try dated.diff(first, second, sets: try setFilter(inv, session))
        defer { DateOptions.report(left, json: inv.json, session: session) }
        if inv.json { return try session.printJSON(result) }
        var out = SinkStream(session.out)
        renderer(session).render(result, to: &out)
    }

    static let matrix = Command(
        "matrix", group: "Comparing",
        options: [setOption] + DateOptions.both,
        flags: ["json"],
        summary: "questions × analysts in one screen",
        help: """
        Each cell is the analyst's stance on the question (the median of their codings), blank
        where they take no position.

        examples:
          matrix
          matrix set:baseline
        """
    ) { inv, session in
        try inv.noMore(than: 0)
        let (dated, left) = try DateOptions.comparer(inv, session)
        let result = dated.matrix(sets: try setFilter(inv, session))
        defer { DateOptions.report(left, json: inv.json, session: session) }
        if inv.json { return try session.printJSON(result) }
        var out = SinkStream(session.out)
        renderer(session).render(result, to: &out)
    }
}
