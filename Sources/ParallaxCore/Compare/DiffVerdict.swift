/// How two analysts' positions on one question relate, judged on the sign of each stance
/// (below 0, 0, above 0) and their equality. With both positions present:
///
/// - ``agree``: the same value (-1 and -1; two half-points count only when equal).
/// - ``sameSide``: different values on the same side of 0 (-2 and -1; +1 and +1.5).
/// - ``differ``: one is exactly 0 (uncertain or conditional) and the other is not: one commits
///   where the other hedges (0 and -1; 0 and +2).
/// - ``opposite``: one below 0, the other above (-1 and +1; -0.5 and +2).
///
/// With a position missing: ``onlyOne`` when one of the two speaks, ``neither`` when both are
/// silent.
///
/// The cases are declared sharpest disagreement first, which is the order a diff lists them in.
public enum DiffVerdict: String, Codable, Equatable, Hashable, Sendable, CaseIterable, Comparable {
    /// One below 0, the other above 0.
    case opposite
    /// One at 0, the other not.
    case differ
    /// Different values on the same side of 0.
    case sameSide
    /// The same value.
    case agree
    /// Only one of the two takes a position.
    case onlyOne
    /// Neither takes a position.
    case neither

    /// Judges two aggregated stances.
    /// - Parameters:
    ///   - a: The first analyst's stance, `nil` for no position.
    ///   - b: The second analyst's stance, `nil` for no position.
    public init(_ a: Double?, _ b: Double?) {
        switch (a, b) {
        case (nil, nil): self = .neither
        case (nil, _), (_, nil): self = .onlyOne
        case let (a?, b?):
            let sa = Side(a), sb = Side(b)
            if a == b { self = .agree }
            else if sa == sb { self = .sameSide }
            else if sa == .neutral || sb == .neutral { self = .differ }
            else { self = .opposite }
        }
    }

    /// Rank in the diff's order: 0 for ``opposite`` … 5 for ``neither``.
    public var rank: Int { DiffVerdict.allCases.firstIndex(of: self)! }

    public static func < (a: DiffVerdict, b: DiffVerdict) -> Bool { a.rank < b.rank }
}
