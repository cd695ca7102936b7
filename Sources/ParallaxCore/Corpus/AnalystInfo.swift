/// One voice in the corpus: an analyst, a moderator, an institution.
public struct AnalystInfo: Codable, Equatable, Sendable {
    /// Short id used in annotations (`stent`, `aydintasbas`).
    public var id: String
    /// Display name as the corpus writes it (`Aslı Aydıntaşbaş`).
    public var name: String
    /// Other spellings users may type or the corpus uses (`Asli`, `Asli Aydintasbas`).
    /// Lookup folds case and diacritics, so folded forms need not be listed.
    public var aliases: [String]
    /// Affiliation at the time of the document.
    public var affiliation: String
    /// Speaker labels that open this voice's turns in transcripts (`ANGELA STENT`).
    public var labels: [String]
    /// Whether comparisons include this voice by default (the moderator's turns are questions).
    public var compared: Bool

    /// Creates an analyst record.
    public init(id: String, name: String, aliases: [String] = [], affiliation: String,
                labels: [String] = [], compared: Bool = true) {
        self.id = id; self.name = name; self.aliases = aliases; self.affiliation = affiliation
        self.labels = labels; self.compared = compared
    }

    private enum CodingKeys: String, CodingKey { case id, name, aliases, affiliation, labels, compared }

    /// Decodes an analyst; `aliases`, `labels` and `compared` may be left out.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        aliases = try c.decodeIfPresent([String].self, forKey: .aliases) ?? []
        affiliation = try c.decodeIfPresent(String.self, forKey: .affiliation) ?? ""
        labels = try c.decodeIfPresent([String].self, forKey: .labels) ?? []
        compared = try c.decodeIfPresent(Bool.self, forKey: .compared) ?? true
    }
}
