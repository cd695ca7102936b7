/// One passage a coder marked on a unitizing continuum, with the category it was coded with.
///
/// Offsets are positions on the continuum (for Parallax: Unicode scalars of the corpus's
/// documents laid end to end); a unit covers `[offset, offset + length)`.
public struct UnitizingUnit: Hashable, Codable, Sendable {
    /// The category the coder gave the passage (for Parallax: the question id).
    public var category: String
    /// The coder, an index into the study's coders (`0..<coders`).
    public var coder: Int
    /// Where the unit begins on the continuum.
    public var offset: Int
    /// How long it is, at least 1.
    public var length: Int

    /// Creates a unit.
    /// - Parameters:
    ///   - category: The category.
    ///   - coder: The coder's index.
    ///   - offset: The start on the continuum.
    ///   - length: The length, at least 1.
    public init(category: String, coder: Int, offset: Int, length: Int) {
        self.category = category
        self.coder = coder
        self.offset = offset
        self.length = length
    }

    /// Where the unit ends (exclusive).
    public var end: Int { offset + length }
}
