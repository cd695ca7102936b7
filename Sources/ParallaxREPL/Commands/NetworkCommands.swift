import ParallaxCore
import ParallaxStore

/// Positions over time and as networks: `timeline`, `coalitions`.
enum NetworkCommands {
    static let all: [Command] = [timeline, coalitions]

    static let timeline = Command(
        "timeline", group: "Comparing",
        arguments: [ArgumentSpec("QUESTION|ANALYST", .text)],
        options: [CompareCommands.setOption] + DateOptions.both,
        flags: ["json"],
        summary: "positions over time: every coding by date, shifts and contradictions",
        help: """
        For a question, per analyst; for an analyst, per question: every coding in document
        date order (date, document ¶, stance, quote, coder set), undated documents last.
        A shift is a change of position (the median of the analyst's codings in a document)
        between documents of different dates, with both dates and both quotes. A
        contradiction is codings on opposite sides of 0 within one document or one date: a
        tension in one text, not a change of mind. The word is a question id or an analyst
        (folded; a unique prefix also resolves).

        examples:
          timeline reset-wedge
          timeline stent --json
          timeline alignment since:2023
        """
    ) { inv, session in
        try inv.noMore(than: 1)
        let word = try inv.required(0, "QUESTION|ANALYST")
        let subject = try inv.at(0) { try resolve(word, session) }
        let dates = try DateOptions.filter(inv)
        let sets = try CompareCommands.setFilter(inv, session)
        let chosen = try sets.map { names in try session.sets(named: names.sorted().joined(separator: ",")) } ?? session.allSets()
        let selection = session.codings(of: chosen, dates: dates)
        let builder = TimelineBuilder(corpus: session.corpus, codebook: session.store.codebook, codings: selection.kept)
        let result: Timeline
        switch subject {
        case .question(let q): result = try builder.question(q, sets: sets)
        case .analyst(let a): result = builder.analyst(a, sets: sets)
        }
        defer { DateOptions.report(selection, json: inv.json, session: session) }
        if inv.json { return try session.printJSON(result) }
        var out = SinkStream(session.out)
        TimelineRenderer(width: session.style.width, colour: session.style.colour)
            .render(result, codebook: session.store.codebook, to: &out)
    }

    enum Subject { case question(String), analyst(String) }

    /// A question id or an analyst, folded; an exact id wins over a prefix; "did you mean"
    /// among both when neither matches.
    static func resolve(_ word: String, _ session: Session) throws -> Subject {
        let codebook = session.store.codebook, analysts = session.corpus.analysts
        let question = try? codebook.require(word)
        let analyst = try? analysts.resolve(word)
        let key = Folding.fold(word)
        switch (question, analyst) {
        case let (q?, nil): return .question(q.id)
        case let (nil, a?): return .analyst(a.id)
        case let (q?, a?):
            let qExact = Folding.fold(q.id) == key
            let aExact = Folding.fold(a.id) == key || Folding.fold(a.name) == key || a.aliases.contains { Folding.fold($0) == key }
            if qExact && !aExact { return .question(q.id) }
            if aExact && !qExact { return .analyst(a.id) }
            throw ParallaxError(.ambiguous, "\"\(word)\" names both question \(q.id) and analyst \(a.id)",
                                hint: "type more of the one you mean")
        case (nil, nil):
            let candidates = codebook.questions.map(\.id) + analysts.all.map(\.id)
            let hint = Suggest.closest(to: word, among: candidates).map { "did you mean \($0)?" }
                ?? "name a question (\(codebook.questions.prefix(3).map(\.id).joined(separator: ", "))…) or an analyst"
            throw ParallaxError(.notFound, "no question or analyst \"\(word)\"", hint: hint)
        }
    }

    static let coalitions = Command(
        "coalitions", group: "Comparing",
        options: [CompareCommands.setOption, OptionSpec("threshold", .text, "agreement two groups need to merge, 0–1 (default 0.75)")]
            + DateOptions.both,
        flags: ["json"],
        summary: "groups of analysts who agree, and the questions that divide them",
        help: """
        Average-linkage hierarchical clustering on pairwise agreement: for two analysts, the
        mean over the questions both take a position on of 1 − |a − b| / (scale max − scale
        min). Groups merge while their average agreement is at least the threshold (shown).
        For each pair of groups, the questions whose group medians lie furthest apart. With
        few questions each agreement rests on few values: read the groups as a sketch.

        examples:
          coalitions
          coalitions threshold:0.9 --json
        """
    ) { inv, session in
        try inv.noMore(than: 0)
        var threshold = Coalitions.defaultThreshold
        if let t = inv.options["threshold"] {
            guard let v = Double(t.text), v >= 0, v <= 1 else {
                throw ParallaxError(.usage, "threshold must be a number from 0 to 1, not \"\(t.text)\"",
                                    at: "coalitions: option threshold", hint: "for example threshold:0.75")
            }
            threshold = v
        }
        let (comparer, left) = try DateOptions.comparer(inv, session)
        let network = StanceNetwork(comparer: comparer, sets: try CompareCommands.setFilter(inv, session))
        let result = Coalitions(network: network, codebook: session.store.codebook, threshold: threshold)
        defer { DateOptions.report(left, json: inv.json, session: session) }
        if inv.json { return try session.printJSON(result) }
        var out = SinkStream(session.out)
        CoalitionsRenderer(width: session.style.width, colour: session.style.colour).render(result, to: &out)
    }
}
