/// How several stances become one: the median, its formatting and its label.
///
/// **The rule.** An analyst's stance on a question is the median of the stances of all that
/// analyst's codings on it (from every set passed in, pooled: each annotation is one piece of
/// evidence). With an odd count it is the middle value. With an even count it is the **mean of
/// the two middle values**, so it can be a half-point: codings -2 and -1 give -1.5, read "between
/// no and unlikely". This is the textbook median; it is symmetric (neither end of the scale is
/// favoured, unlike a lower or upper median) and it does not pretend to a certainty the codings do
/// not show (unlike rounding toward 0, which would invent "uncertain" positions). Two middle
/// values on opposite sides (-1 and +1) give 0; ``AnalystPosition/codedOnBothSides`` flags such
/// rows so that a 0 made of disagreement is not mistaken for a coded "uncertain".
///
/// The median of several analysts' stances (a comparison's summary) uses the same rule on the
/// aggregated values, so it can be a quarter-point in rare cases (-1.5 and -1 give -1.25).
public enum Aggregation {
    /// The median of some values: the middle one for an odd count, the mean of the two middle
    /// ones for an even count.
    /// - Parameter values: Values in any order.
    /// - Returns: The median, `nil` for no values.
    /// - Complexity: O(*n* log *n*).
    public static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    /// The median of integer stances (see the `[Double]` overload).
    public static func median(_ values: [Int]) -> Double? {
        median(values.map(Double.init))
    }

    /// A stance with its sign: `+2`, `0`, `-1.5`, `-1.25`.
    public static func signed(_ value: Double) -> String {
        let magnitude = abs(value)
        let digits = magnitude == magnitude.rounded() ? String(Int(magnitude)) : String(magnitude)
        return value > 0 ? "+" + digits : value < 0 ? "-" + digits : "0"
    }

    /// What a stance means on a question's scale: the point's label for a value on the scale,
    /// `"no – unlikely"` for a value between two points, `nil` for a value off the scale.
    /// - Parameters:
    ///   - value: An aggregated stance.
    ///   - question: The question whose scale gives the labels.
    public static func label(of value: Double, on question: Question) -> String? {
        if value == value.rounded(), let exact = question.label(of: Int(value)) { return exact }
        guard let below = question.scale.last(where: { Double($0.value) < value }),
              let above = question.scale.first(where: { Double($0.value) > value }) else { return nil }
        return below.label + " – " + above.label
    }
}
