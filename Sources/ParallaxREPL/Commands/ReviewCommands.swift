import ParallaxCore
import ParallaxStore

/// `review` and `adopt`: settle two coders' disagreements into a consensus set.
enum ReviewCommands {
    static let all = [review, adopt]

    static let review = Command(
        "review", group: "Team review",
        arguments: [ArgumentSpec("SET", .set), ArgumentSpec("SET", .set)],
        options: [OptionSpec("question", .question, "only this question"),
                  OptionSpec("consensus", .set, "a consensus set: say what it has settled and what is left")],
        flags: ["json"],
        summary: "where two coders differ, unit by unit, with their passages side by side",
        help: """
        Every unit (an analyst on a question) where two coders differ, the sharpest first:
        both coders' stances (the median of their codings, as `compare` and `agree` take it),
        then each passage with its quote and each coder's stance, tags and note side by side.
        Passages are paired across the coders when their spans overlap on the same question;
        a passage one coder marked and the other did not is listed under its unit, also when
        their stances agree. With consensus:SET, each unit says whether that set has settled
        it (it codes the unit, and keeps each passage marked by only one coder) and with what
        stance; build it with `adopt`.

        examples:
          review alice bob
          review alice bob question:reset-wedge
          review alice bob consensus:team --json
        """
    ) { inv, session in
        try inv.noMore(than: 2)
        let first = try inv.at(0) { try named(try inv.required(0, "SET"), session) }
        let second = try inv.at(1) { try named(try inv.required(1, "SET"), session) }
        let consensus = try inv.options["consensus"].map { o in try inv.at(option: "consensus") { try named(o.text, session) } }
        let question = try inv.options["question"].map { o -> String in
            guard session.store.codebook.question(o.text) != nil else {
                throw ParallaxError(.notFound, "no question \"\(o.text)\"", at: "review: question:",
                                    hint: "questions: " + session.store.codebook.questions.map(\.id).joined(separator: ", "))
            }
            return o.text
        }
        let result = CoderReview(first: (first.name, first.placed), second: (second.name, second.placed),
                                 consensus: consensus.map { ($0.name, $0.placed) }, question: question, corpus: session.corpus)
        if inv.json { return try session.printJSON(result) }
        var stream = SinkStream(session.out)
        ReviewRenderer(codebook: session.store.codebook, width: session.style.width, colour: session.style.colour)
            .render(result, to: &stream)
    }

    static let adopt = Command(
        "adopt", group: "Team review",
        arguments: [ArgumentSpec("ID", .annotation)],
        options: [OptionSpec("stance", .stance, "the stance agreed on (number or label), if not the coder's")],
        summary: "copy an annotation from any set into the current set, noting where it came from",
        help: """
        Copies an annotation (by id, or a unique prefix of at least 4 characters, from any
        set) into the current set under a new id: same passage, question, analyst, tags and
        note, with stance: if the consensus differs from that coder's. The copy records where
        it came from as "from": {"set", "id"}, kept by the set file and by the JSON Lines, W3C
        and REFI-QDA exports. It is on disk when this returns; `undo` removes it. Adopting the
        same annotation twice into one set is refused.

        examples:
          use team
          adopt 01M84H2C
          adopt 01M9QK stance:-1
        """
    ) { inv, session in
        try inv.noMore(than: 1)
        let id = try inv.required(0, "ID")
        let target = session.currentSet
        let sources = try session.store.setNames().filter { $0 != target }
        let (source, original) = try inv.at(0) { () throws -> (String, Annotation) in
            do {
                return try session.store.find(id, in: sources)
            } catch let e as ParallaxError where e.kind == .notFound {
                if let mine = try? session.store.find(id, in: [target]) {
                    throw ParallaxError(.conflict, "annotation \(mine.annotation.id) is already in set \(target)",
                                        hint: "adopt copies from another set into the current one; `use NAME` to change the current set")
                }
                throw ParallaxError(.notFound, "no annotation \"\(id)\" in any other set", hint: "`review A B` and `list set:NAME` show ids")
            }
        }
        let provenance = Provenance(set: source, id: original.id)
        if let twin = try session.store.set(target).byID.values.first(where: { Provenance(of: $0) == provenance }) {
            throw ParallaxError(.conflict, "annotation \(original.id) of set \(source) is already adopted in set \(target) as \(twin.id)",
                                at: "adopt: argument 1", hint: "`edit \(twin.id) stance:…` to change it")
        }
        guard let question = session.store.codebook.question(original.question) else {
            throw ParallaxError(.invalidData, "annotation \(original.id) codes question \(original.question), which the codebook does not have")
        }
        var copy = original
        copy.id = session.store.newID()
        let now = Clock.iso8601(milliseconds: Clock.nowMilliseconds())
        copy.created = now
        copy.modified = now
        if let s = inv.options["stance"] { copy.stance = try inv.at(option: "stance") { try question.stance(s.text) } }
        provenance.record(in: &copy)
        try session.store.add(copy, to: target)
        let changed = copy.stance == original.stance ? "" : " (\(Question.signed(original.stance)) → \(Question.signed(copy.stance)))"
        session.print("adopted \(original.id) from \(source) as \(copy.id) in set \(target): \(question.id) "
                      + "\(Question.signed(copy.stance)) (\(question.label(of: copy.stance) ?? "?")) for \(copy.analyst)\(changed)")
    }

    /// A set by name, refusing one that does not exist.
    private static func named(_ name: String, _ session: Session) throws -> AnnotationSet {
        try AnnotationSet.validate(name: name)
        let known = try session.store.setNames()
        guard known.contains(name) else {
            throw ParallaxError(.notFound, "no set \"\(name)\"",
                                hint: Suggest.closest(to: name, among: known).map { "did you mean \($0)?" } ?? "known sets: " + known.joined(separator: ", "))
        }
        return try session.loadedSet(name)
    }
}
