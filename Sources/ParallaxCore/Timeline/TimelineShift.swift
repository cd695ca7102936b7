/// A change of mind: an analyst's position on a question differs between two documents of
/// different dates (the earlier one first).
public struct TimelineShift: Codable, Equatable, Sendable {
    /// The question.
    public var question: String
    /// The position before.
    public var from: DocumentPosition
    /// The position after.
    public var to: DocumentPosition

    /// Creates a shift.
    public init(question: String, from: DocumentPosition, to: DocumentPosition) {
        self.question = question; self.from = from; self.to = to
    }

    /// How far the position moved, signed (`to − from`).
    public var change: Double { to.stance - from.stance }

    /// Whether the position crossed 0 (from one side to the other).
    public var crossesZero: Bool { Side(from.stance) != Side(to.stance) && from.stance * to.stance < 0 }
}
