/// Counts of two coders' ratings of the same items: rows are the first coder's categories,
/// columns the second's, both in the same order.
public struct ConfusionTable<Category: Hashable & Sendable>: Equatable, Sendable {
    /// The categories, in order (the order matters for weighted kappa).
    public let categories: [Category]
    /// `counts[i][j]`: items the first coder put in `categories[i]` and the second in
    /// `categories[j]`.
    public let counts: [[Int]]

    /// Creates a table, checking its shape.
    /// - Parameters:
    ///   - categories: The categories in order, each once.
    ///   - counts: A square matrix of non-negative counts, one row and one column per category.
    /// - Throws: ``ParallaxError`` (`.invalidData`) when a category repeats, the matrix is not
    ///   square with one row per category, or a count is negative.
    public init(categories: [Category], counts: [[Int]]) throws {
        guard Set(categories).count == categories.count else {
            throw ParallaxError(.invalidData, "a category is listed twice", at: "confusion table")
        }
        guard counts.count == categories.count else {
            throw ParallaxError(.invalidData, "\(counts.count) rows for \(categories.count) categories", at: "confusion table")
        }
        for (i, row) in counts.enumerated() {
            guard row.count == categories.count else {
                throw ParallaxError(.invalidData, "row \(i + 1) has \(row.count) counts for \(categories.count) categories",
                                    at: "confusion table")
            }
            if let bad = row.firstIndex(where: { $0 < 0 }) {
                throw ParallaxError(.invalidData, "count \(row[bad]) is negative", at: "confusion table: row \(i + 1), column \(bad + 1)")
            }
        }
        self.categories = categories
        self.counts = counts
    }

    /// The number of items counted.
    public var total: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }

    /// How many items the first coder put in each category.
    public var rowTotals: [Int] { counts.map { $0.reduce(0, +) } }

    /// How many items the second coder put in each category.
    public var columnTotals: [Int] {
        categories.indices.map { j in counts.reduce(0) { $0 + $1[j] } }
    }
}

extension ConfusionTable: Codable where Category: Codable {
    private enum CodingKeys: String, CodingKey { case categories, counts }

    /// Decodes a table and checks its shape like ``init(categories:counts:)``.
    /// - Throws: `DecodingError.dataCorrupted` when the table is malformed.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let categories = try container.decode([Category].self, forKey: .categories)
        let counts = try container.decode([[Int]].self, forKey: .counts)
        do {
            try self.init(categories: categories, counts: counts)
        } catch let error as ParallaxError {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }
}
