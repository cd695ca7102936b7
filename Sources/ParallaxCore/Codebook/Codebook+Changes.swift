/// Changing the codebook while a team codes: renaming, merging, retiring and defining
/// questions. Each change returns a new codebook (the store writes it, with every set it
/// touches, as one transaction); none of these touch a file.
extension Codebook {
    /// Every old id the codebook remembers, with the question it now reads as.
    public var renames: [QuestionRename] {
        var out: [QuestionRename] = []
        for q in questions {
            for old in q.renamedFrom ?? [] { out.append(QuestionRename(from: old, to: q.id)) }
            for m in q.mergedFrom ?? [] { out.append(QuestionRename(from: m.from, to: q.id, map: m.map)) }
        }
        return out
    }

    /// Whether any question has an old id (the loader then maps codings made under it).
    public var hasRenames: Bool {
        questions.contains { !($0.renamedFrom ?? []).isEmpty || !($0.mergedFrom ?? []).isEmpty }
    }

    /// The rename that turns an old id into a current question, if `id` is an old id.
    public func rename(of id: String) -> QuestionRename? {
        guard question(id) == nil else { return nil }
        return renames.first { $0.from == id }
    }

    /// Questions open to new codings, in order (retired ones left out).
    public var activeQuestions: [Question] { questions.filter { !$0.isRetired } }

    /// The question as `require(_:)` finds it, refused when it is retired: for new codings.
    /// - Throws: ``ParallaxError`` for an unknown or retired question.
    public func requireActive(_ typed: String) throws -> Question {
        let q = try require(typed)
        if q.isRetired {
            throw ParallaxError(.usage, "question \(q.id) is retired: it keeps its old codings but takes no new ones",
                                hint: activeQuestions.isEmpty ? "add a question with `question add`" : "code another question (`questions` lists them)")
        }
        return q
    }

    /// The codebook with `old` renamed to `new`; `old` is remembered (`renamed_from`).
    /// - Throws: ``ParallaxError`` for an unknown `old`, a malformed or taken `new`.
    public func renaming(_ old: String, to new: String) throws -> Codebook {
        guard let k = questions.firstIndex(where: { $0.id == old }) else { throw unknown(old) }
        try checkNewID(new)
        var book = self
        var q = book.questions[k]
        q.id = new
        q.renamedFrom = (q.renamedFrom ?? []).filter { $0 != new } + [old]
        q.mergedFrom = q.mergedFrom.map { $0.map { var r = $0; r.to = new; return r } }
        book.questions[k] = q
        return book
    }

    /// The codebook with `from` merged into `into`: `from` leaves, and is remembered by
    /// `into` (with the stance map when one is given).
    /// - Parameters:
    ///   - map: Old stance → new stance. Without it the two scales must have the same values;
    ///     with it every value of `from`'s scale must land on `into`'s.
    /// - Returns: The new codebook and the rename that carries `from`'s codings over.
    /// - Throws: ``ParallaxError`` naming the stance that does not fit, or an unknown question.
    public func merging(_ from: String, into: String, map: [Int: Int]?) throws -> (codebook: Codebook, rename: QuestionRename) {
        guard let source = question(from) else { throw unknown(from) }
        guard let target = question(into) else { throw unknown(into) }
        guard from != into else { throw ParallaxError(.usage, "cannot merge question \(from) into itself") }
        let rename = QuestionRename(from: from, to: into, map: map ?? [:])
        if let map {
            for (k, v) in map.sorted(by: { $0.key < $1.key }) {
                guard source.label(of: k) != nil else {
                    throw ParallaxError(.usage, "map: \(Question.signed(k)) is not on the scale of \(from)", hint: "\(from): \(source.scaleText)")
                }
                guard target.label(of: v) != nil else {
                    throw ParallaxError(.usage, "map: \(Question.signed(k))=\(Question.signed(v)) lands off the scale of \(into)", hint: "\(into): \(target.scaleText)")
                }
            }
            for p in source.scale where target.label(of: rename.stance(p.value)) == nil {
                throw ParallaxError(.usage, "map: says nothing about \(Question.signed(p.value)) (\(p.label)) of \(from), which is not on the scale of \(into)",
                                    hint: "add \(Question.signed(p.value))=V to map:, V one of \(target.values.map(Question.signed).joined(separator: " "))")
            }
        } else if source.values != target.values {
            throw ParallaxError(.usage, "questions \(from) and \(into) have different scales, so their stances cannot move as they are",
                                hint: "give a stance map, e.g. map:\(source.values.prefix(2).map { "\(Question.signed($0))=\(Question.signed(target.values.first!))" }.joined(separator: ",")) — \(from): \(source.values.map(Question.signed).joined(separator: " ")); \(into): \(target.values.map(Question.signed).joined(separator: " "))")
        }
        var book = self
        book.questions.removeAll { $0.id == from }
        let k = book.questions.firstIndex { $0.id == into }!
        var q = book.questions[k]
        if rename.map.isEmpty {
            q.renamedFrom = (q.renamedFrom ?? []) + (source.renamedFrom ?? []) + [from]
        } else {
            q.mergedFrom = (q.mergedFrom ?? []) + (source.renamedFrom ?? []).map { QuestionRename(from: $0, to: into, map: rename.map) } + [rename]
        }
        // Questions merged into `from` earlier now lead to `into`, through the map.
        for m in source.mergedFrom ?? [] {
            var carried = QuestionRename(from: m.from, to: into)
            for (k, v) in m.map { carried.map[k] = rename.stance(v) }
            q.mergedFrom = (q.mergedFrom ?? []) + [carried]
        }
        book.questions[k] = q
        return (book, rename)
    }

    /// The codebook with a question retired (or brought back with `retired: false`).
    public func retiring(_ id: String, _ retired: Bool = true) throws -> Codebook {
        guard let k = questions.firstIndex(where: { $0.id == id }) else { throw unknown(id) }
        var book = self
        book.questions[k].retired = retired ? true : nil
        return book
    }

    /// The codebook with a question's definition, inclusion and exclusion criteria and
    /// examples set (a `nil` argument leaves that part as it is; an empty text clears it).
    public func defining(_ id: String, definition: String?, include: String? = nil, exclude: String? = nil,
                         examples: [String]? = nil) throws -> Codebook {
        guard let k = questions.firstIndex(where: { $0.id == id }) else { throw unknown(id) }
        var book = self
        func set(_ v: String?, _ field: WritableKeyPath<Question, String?>) {
            guard let v else { return }
            book.questions[k][keyPath: field] = v.isEmpty ? nil : v
        }
        set(definition, \.definition)
        set(include, \.include)
        set(exclude, \.exclude)
        if let examples { book.questions[k].examples = examples.isEmpty ? nil : examples }
        return book
    }

    private func unknown(_ id: String) -> ParallaxError {
        let hint = Suggest.closest(to: id, among: questions.map(\.id)).map { "did you mean \($0)?" }
            ?? "known questions: " + questions.map(\.id).joined(separator: ", ")
        return ParallaxError(.notFound, "no question \"\(id)\"", hint: hint)
    }

    private func checkNewID(_ new: String) throws {
        guard Codebook.isValidID(new) else {
            throw ParallaxError(.usage, "question id \"\(new)\" must be lower-case letters, digits and '-', starting with a letter")
        }
        if question(new) != nil { throw ParallaxError(.conflict, "question \(new) already exists", hint: "to combine the two, use `question merge`") }
    }

    /// Problems with old ids: one that is also a current question's id, or one two questions
    /// both claim.
    func renameProblems() -> [String] {
        var out: [String] = []
        var owner: [String: String] = [:]
        for r in renames {
            if question(r.from) != nil { out.append("old id \(r.from) of question \(r.to) is also a current question's id") }
            if let other = owner[r.from], other != r.to { out.append("old id \(r.from) is claimed by both \(other) and \(r.to)") }
            owner[r.from] = r.to
        }
        return out
    }
}
