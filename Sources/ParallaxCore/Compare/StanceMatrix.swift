/// `matrix`: questions × analysts, each cell the analyst's aggregated stance (see
/// ``Aggregation``), `nil` where the analyst takes no position.
public struct StanceMatrix: Codable, Equatable, Sendable {
    /// A column: an analyst.
    public struct Analyst: Codable, Equatable, Sendable {
        /// Analyst id.
        public var id: String
        /// Display name.
        public var name: String
        /// Creates a column header.
        public init(id: String, name: String) { self.id = id; self.name = name }
    }

    /// A row: a question and one stance per column.
    public struct Row: Codable, Equatable, Sendable {
        /// Question id.
        public var question: String
        /// One value per analyst column, `nil` (JSON `null`) for no position.
        public var stances: [Double?]
        /// Creates a row.
        public init(question: String, stances: [Double?]) { self.question = question; self.stances = stances }
    }

    /// Set names the codings were restricted to, sorted; `nil` when every set was used.
    public var sets: [String]?
    /// Columns: the analysts compared by default in manifest order, then any other voice with
    /// a coding (manifest order, then unknown ids alphabetically).
    public var analysts: [Analyst]
    /// Rows in codebook order.
    public var rows: [Row]

    /// Creates a matrix from its parts.
    public init(sets: [String]?, analysts: [Analyst], rows: [Row]) {
        self.sets = sets; self.analysts = analysts; self.rows = rows
    }

    /// The stance of an analyst on a question, `nil` for no position or an unknown id.
    public func stance(question: String, analyst: String) -> Double? {
        guard let col = analysts.firstIndex(where: { $0.id == analyst }),
              let row = rows.first(where: { $0.question == question }) else { return nil }
        return row.stances[col]
    }

    /// Every key is written, `null` for a missing value, so the JSON shape is fixed.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(sets, forKey: .sets)
        try c.encode(analysts, forKey: .analysts)
        try c.encode(rows, forKey: .rows)
    }
}
