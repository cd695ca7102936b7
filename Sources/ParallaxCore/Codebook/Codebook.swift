/// The shared questions, with their scales (`Annotations/codebook.json`).
public struct Codebook: Codable, Equatable, Sendable {
    /// Questions in the order users see them.
    public var questions: [Question]

    /// Creates a codebook.
    public init(questions: [Question]) { self.questions = questions }

    /// The question with this id.
    public func question(_ id: String) -> Question? {
        questions.first { $0.id == id }
    }

    /// The question with this id (folded; a unique prefix also resolves), or an error with a
    /// suggestion.
    public func require(_ typed: String) throws -> Question {
        if let q = question(typed) { return q }
        if let r = rename(of: typed), let q = question(r.to) { return q }
        let key = Folding.fold(typed)
        if let q = questions.first(where: { Folding.fold($0.id) == key }) { return q }
        let starts = questions.filter { $0.id.hasPrefix(key) }
        if !key.isEmpty, starts.count == 1 { return starts[0] }
        let hint = Suggest.closest(to: typed, among: questions.map(\.id)).map { "did you mean \($0)?" }
            ?? "known questions: " + questions.map(\.id).joined(separator: ", ")
        throw ParallaxError(.notFound, "no question \"\(typed)\"", hint: hint)
    }

    /// Problems with the codebook itself: duplicate ids, bad ids, empty or unordered scales.
    public func problems() -> [String] {
        var out: [String] = []
        var seen = Set<String>()
        for q in questions {
            if !seen.insert(q.id).inserted { out.append("question id \"\(q.id)\" appears twice") }
            if !Codebook.isValidID(q.id) { out.append("question id \"\(q.id)\" must be lower-case letters, digits and '-'") }
            if q.scale.count < 2 { out.append("question \(q.id) has fewer than two scale points") }
            if zip(q.values, q.values.dropFirst()).contains(where: { $0 >= $1 }) {
                out.append("question \(q.id): scale values must increase")
            }
        }
        return out + renameProblems()
    }

    /// Whether an id is lower-case letters, digits and `-`, starting with a letter.
    public static func isValidID(_ id: String) -> Bool {
        guard let first = id.utf8.first, first >= 0x61 && first <= 0x7A else { return false }
        return id.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
    }

    /// The codebook as canonical, diffable JSON (two-space indent, fixed key order).
    public func encoded() -> [UInt8] {
        var w = JSONWriter()
        w.raw("{\n  \"questions\": [\n")
        for (i, q) in questions.enumerated() {
            w.raw("    {\n      \"id\": "); w.string(q.id)
            w.raw(",\n      \"text\": "); w.string(q.text)
            w.raw(",\n      \"scale\": [\n")
            for (k, p) in q.scale.enumerated() {
                w.raw("        { \"value\": "); w.integer(p.value); w.raw(", \"label\": "); w.string(p.label); w.raw(" }")
                w.raw(k + 1 < q.scale.count ? ",\n" : "\n")
            }
            w.raw("      ]")
            func optional(_ key: StaticString, _ value: String?) {
                guard let value else { return }
                w.raw(",\n      \""); w.raw(key); w.raw("\": "); w.string(value)
            }
            optional("definition", q.definition)
            optional("include", q.include)
            optional("exclude", q.exclude)
            if let e = q.examples, !e.isEmpty {
                w.raw(",\n      \"examples\": [")
                for (k, id) in e.enumerated() { if k > 0 { w.raw(", ") }; w.string(id) }
                w.raw("]")
            }
            optional("colour", q.colour)
            if q.isRetired { w.raw(",\n      \"retired\": true") }
            if let r = q.renamedFrom, !r.isEmpty {
                w.raw(",\n      \"renamed_from\": [")
                for (k, id) in r.enumerated() { if k > 0 { w.raw(", ") }; w.string(id) }
                w.raw("]")
            }
            if let m = q.mergedFrom, !m.isEmpty {
                w.raw(",\n      \"merged_from\": [\n")
                for (k, r) in m.enumerated() {
                    w.raw("        { \"from\": "); w.string(r.from); w.raw(", \"to\": "); w.string(r.to)
                    if !r.map.isEmpty { w.raw(", \"map\": "); r.encodeMap(into: &w) }
                    w.raw(" }"); w.raw(k + 1 < m.count ? ",\n" : "\n")
                }
                w.raw("      ]")
            }
            w.raw("\n    }")
            w.raw(i + 1 < questions.count ? ",\n" : "\n")
        }
        w.raw("  ]\n}\n")
        return w.bytes
    }
}
