/// The shape of analysts' positions on one question, in plain words.
///
/// Given the analysts' aggregated stances (n positions; *below* = how many are below 0,
/// *above* = how many above 0, *minority* = the smaller of the two, *majority* the larger;
/// *range* = highest − lowest), the first rule that holds decides:
///
/// 1. ``tooFew``: n < 2. One voice is not a pattern.
/// 2. ``consensus``: range ≤ 1 **and** all positions are below 0, or all above 0, or all
///    exactly 0. (-2 and -1 agree in substance; 0 and +1 do not: one commits, one does not.)
/// 3. ``polarised``: both sides are substantially represented (minority × 3 ≥ n: the smaller
///    side holds at least a third of the positions) **and** the lowest is ≤ -1, the highest
///    ≥ +1 and range ≥ 3 (for example -1 against +2, or -2 against +1).
/// 4. ``split``: both sides substantially represented (minority × 3 ≥ n), not polarised.
/// 5. ``lean``: one side holds a strict majority of all positions (majority × 2 > n); the
///    other side is empty or small (fewer than a third). A lone dissenter, even at the far end,
///    makes a lean, not a polarisation: a pole needs company.
/// 6. ``mixed``: none of the above, which happens when many positions are 0 (uncertain or
///    conditional) and neither side has a majority, e.g. 0, 0, +1 or -1, 0, 0, +1.
///
/// The thresholds count positions, not analysts without one: silence is not a stance.
public enum PositionPattern: String, Codable, Equatable, Hashable, Sendable, CaseIterable {
    /// Everyone on one side (or all at 0), within one point of each other.
    case consensus
    /// Most positions on one side, none or few on the other.
    case lean
    /// Both sides substantially represented.
    case split
    /// Both sides substantially represented, at distant points of the scale.
    case polarised
    /// No side holds a majority; mostly uncertain or conditional positions.
    case mixed
    /// Fewer than two positions.
    case tooFew

    /// Classifies a set of aggregated stances by the rules above.
    /// - Parameter stances: One value per analyst who takes a position.
    /// - Returns: The pattern, and the side it leans to for ``consensus`` (``Side/neutral``
    ///   when all are 0) and ``lean``; `nil` side otherwise.
    public static func classify(_ stances: [Double]) -> (pattern: PositionPattern, side: Side?) {
        let n = stances.count
        guard n >= 2, let low = stances.min(), let high = stances.max() else { return (.tooFew, nil) }
        let below = stances.filter { $0 < 0 }.count
        let above = stances.filter { $0 > 0 }.count
        let range = high - low
        if range <= 1 {
            if below == n { return (.consensus, .negative) }
            if above == n { return (.consensus, .positive) }
            if below == 0 && above == 0 { return (.consensus, .neutral) }
        }
        let minority = min(below, above), majority = max(below, above)
        if minority > 0 && minority * 3 >= n {
            return (low <= -1 && high >= 1 && range >= 3) ? (.polarised, nil) : (.split, nil)
        }
        if majority * 2 > n { return (.lean, below > above ? .negative : .positive) }
        return (.mixed, nil)
    }
}
