import ParallaxCore
import ParallaxStore

/// Coder agreement: `agree`.
enum AgreementCommands {
    static let all: [Command] = [agree]

    static let agree = Command(
        "agree", group: "Team review",
        arguments: [ArgumentSpec("SET", .set), ArgumentSpec("SET", .set, repeated: true)],
        options: [OptionSpec("question", .question, "only this question")] + DateOptions.both,
        flags: ["json", "unitizing"],
        summary: "agreement between coders (Krippendorff's α and αu, Cohen's κ)",
        help: """
        How far two or more coders (annotation sets) agree on the positions they coded. A
        unit is one analyst on one question; each coder's value on it is the median of the
        coder's codings there (for nominal, ordinal and kappa the lower middle coding, so that
        it is always a point the coder used). A unit only one coder coded is not pairable.

        Per question and over all questions pooled: Krippendorff's alpha, nominal, ordinal
        and interval, with n, the number of pairable values; for exactly two coders also
        Cohen's kappa (the table shows it unweighted; the pooled lines add linear and
        quadratic weights over the whole scale) and the confusion table, rows the first set.
        With fewer than 2 units coded by two coders the report says "too little data";
        when everyone used one value, "undefined"; under 10 pairable values, "n small".
        A set may be `all` (every set) or a list `a,b`.

        With --unitizing: agreement on which passages the coders coded with each question,
        Krippendorff's unitizing alpha (αu, as DKPro Agreement computes it). The continuum is
        every corpus document end to end in manifest order (lengths in code points); a coder's
        units for a question are their spans coded with it, whatever the stance (overlapping
        spans of one coder merged). Per question αu = 1 − D_o/D_e; pooled over the questions
        with passages, 1 − mean D_o / mean D_e.

        examples:
          agree alice bob
          agree alice bob carol question:reset-wedge
          agree alice bob --json
          agree alice bob --unitizing
        """
    ) { inv, session in
        var sets: [AnnotationSet] = []
        for (i, word) in inv.positionals.enumerated() {
            sets += try inv.at(i) { try session.sets(named: word.text) }
        }
        guard sets.count >= 2 else {
            throw inv.usageError(sets.isEmpty ? "missing SET" : "name a second set to agree with \(sets[0].name)")
        }
        var seen = Set<String>()
        for set in sets where !seen.insert(set.name).inserted {
            throw inv.usageError("set \(set.name) is named twice; agreement compares different coders")
        }
        let dates = try DateOptions.filter(inv)
        let unitizing = inv.flags.contains("unitizing")
        // Without a date window the stance report reads each set's tally, kept until the set
        // changes, so a repeated `agree` does not group 100,000 codings again.
        let tallied = !dates.isActive && !unitizing
        let dated = tallied ? DatedSelection(filter: dates, kept: [], outOfRange: 0, undated: 0)
            : session.codings(of: sets, dates: dates)
        if unitizing {
            let report = try inv.at(option: "question") {
                try UnitizingReport(codebook: session.store.codebook, corpus: session.corpus, coders: sets.map(\.name),
                                    codings: dated.kept, question: inv.options["question"]?.text)
            }
            defer { DateOptions.report(dated, json: inv.json, session: session) }
            if inv.json { return try session.printJSON(report) }
            var stream = SinkStream(session.out)
            return UnitizingRenderer(width: session.style.width, colour: session.style.colour).render(report, to: &stream)
        }
        let report = try inv.at(option: "question") {
            tallied
                ? try AgreementReport(codebook: session.store.codebook, coders: sets.map(\.name),
                                      tallies: sets.map(session.agreementTally), question: inv.options["question"]?.text)
                : try AgreementReport(codebook: session.store.codebook, coders: sets.map(\.name),
                                      codings: dated.kept, question: inv.options["question"]?.text)
        }
        defer { DateOptions.report(dated, json: inv.json, session: session) }
        if inv.json { return try session.printJSON(report) }
        var stream = SinkStream(session.out)
        AgreementRenderer(width: session.style.width, colour: session.style.colour).render(report, to: &stream)
    }
}
