/// Finds analysts by id, name, alias or speaker label in any folded form
/// (`aydintasbas`, `Aydıntaşbaş`, `Asli`, `ASLI AYDINTAŞBAŞ`).
public struct AnalystDirectory: Sendable {
    /// All analysts in manifest order.
    public let all: [AnalystInfo]
    private let byID: [String: Int]
    private let byFoldedName: [String: [Int]]
    private let byLabel: [String: Int]

    /// Indexes analysts.
    /// - Throws: ``ParallaxError`` when two analysts share an id.
    public init(_ analysts: [AnalystInfo]) throws {
        all = analysts
        var ids: [String: Int] = [:]
        var names: [String: [Int]] = [:]
        var labels: [String: Int] = [:]
        for (i, a) in analysts.enumerated() {
            if ids[a.id] != nil {
                throw ParallaxError(.invalidData, "analyst id \"\(a.id)\" appears twice", at: "manifest")
            }
            ids[a.id] = i
            for name in Set([a.id, a.name] + a.aliases + a.labels).map(Folding.fold) {
                names[name, default: []].append(i)
            }
            for label in a.labels { labels[Folding.fold(label)] = i }
        }
        byID = ids; byFoldedName = names; byLabel = labels
    }

    /// The analyst with exactly this id.
    public func analyst(id: String) -> AnalystInfo? {
        byID[id].map { all[$0] }
    }

    /// Whether an analyst has exactly this id.
    func contains(id: String) -> Bool { byID[id] != nil }

    /// The analyst id a transcript's speaker label resolves to.
    public func speaker(label: String) -> String? {
        byLabel[Folding.fold(label)].map { all[$0].id }
    }

    /// The one analyst whose id, name, alias or label folds to the same text as `name`
    /// (no prefixes), or `nil` when none or several do.
    public func named(_ name: String) -> AnalystInfo? {
        guard let hits = byFoldedName[Folding.fold(name)], Set(hits).count == 1 else { return nil }
        return all[hits[0]]
    }

    /// Resolves what a user typed: an id, a name, an alias, in any case and with or without
    /// diacritics; a unique folded prefix of an id or name also resolves.
    /// - Throws: ``ParallaxError`` for no match (with a suggestion) or several matches.
    public func resolve(_ typed: String) throws -> AnalystInfo {
        if let exact = analyst(id: typed) { return exact }
        let key = Folding.fold(typed)
        if let hits = byFoldedName[key] {
            let unique = Array(Set(hits))
            if unique.count == 1 { return all[unique[0]] }
            throw ParallaxError(.ambiguous, "\"\(typed)\" names several analysts",
                                hint: "use one of: " + unique.sorted().map { all[$0].id }.joined(separator: ", "))
        }
        let prefixed = Set(byFoldedName.filter { $0.key.hasPrefix(key) }.flatMap(\.value))
        if !key.isEmpty, prefixed.count == 1 { return all[prefixed.first!] }
        if prefixed.count > 1 {
            throw ParallaxError(.ambiguous, "\"\(typed)\" names several analysts",
                                hint: "use one of: " + prefixed.sorted().map { all[$0].id }.joined(separator: ", "))
        }
        let suggestion = Suggest.closest(to: key, among: all.map(\.id))
        throw ParallaxError(.notFound, "no analyst \"\(typed)\"",
                            hint: suggestion.map { "did you mean \($0)?" }
                                ?? "known analysts: " + all.map(\.id).joined(separator: ", "))
    }

    /// Ids of analysts whose id, name or alias starts with the folded prefix (for completion).
    public func completions(for prefix: String) -> [String] {
        let key = Folding.fold(prefix)
        var ids: [String] = []
        for (name, indices) in byFoldedName where name.hasPrefix(key) {
            for i in indices where !ids.contains(all[i].id) { ids.append(all[i].id) }
        }
        return all.map(\.id).filter(ids.contains)
    }
}
