/// One unit of agreement: an analyst on a question, with each coder's codings there and the
/// value each coder gives the unit.
///
/// **From codings to one value per coder.** A coder may code an analyst several times on one
/// question (several passages); agreement needs one value per coder and unit.
///
/// - *Interval* level: the coder's ``stances`` entry is ``Aggregation/median(_:)`` of
///   their codings, the same stance `compare` shows for that coder. A half-point (-1.5 from -2
///   and -1) is a real value on an interval scale and is used as it is.
/// - *Nominal and ordinal* levels, and Cohen's kappa: the coder's ``categories`` entry is the
///   **lower middle value** of their codings (``category(of:)``): the middle one for an odd
///   count, the lower of the two middle ones for an even count. It is the median of ordinal
///   data in its usual definition (the lowest point at which half of the codings are reached),
///   and it is always a point the coder actually coded. Taking the mean of the middle values and
///   rounding would invent points: -2 and 0 average to -1, which nobody coded, and a half-point
///   lies exactly between two points, so "the nearer point" needs a tie rule anyway; rounding
///   toward 0 would also invent "uncertain" readings. The price is a known lean to the low end
///   of the scale, the same for every coder, and only where a coder's own codings split evenly
///   (``isSplit``); the report counts those values so that a reader sees how much rests on it.
public struct AgreementUnit: Codable, Equatable, Sendable {
    /// Question id.
    public var question: String
    /// Analyst id.
    public var analyst: String
    /// Each coder's stances on the unit, sorted, in the report's coder order; empty where the
    /// coder did not code the unit.
    public var codings: [[Int]]
    /// Each coder's interval value: the median of their codings; `nil` where not coded.
    public var stances: [Double?]
    /// Each coder's nominal and ordinal value: the lower middle coding; `nil` where not coded.
    public var categories: [Int?]

    /// A unit from each coder's codings on it.
    /// - Parameters:
    ///   - question: Question id.
    ///   - analyst: Analyst id.
    ///   - codings: One list of stances per coder, in the report's coder order (empty for a
    ///     coder who did not code the unit); any order.
    public init(question: String, analyst: String, codings: [[Int]]) {
        self.question = question
        self.analyst = analyst
        self.codings = codings.map { $0.sorted() }
        self.stances = codings.map { Aggregation.median($0) }
        self.categories = codings.map { AgreementUnit.category(of: $0) }
    }

    /// How many coders coded the unit.
    public var coderCount: Int { codings.filter { !$0.isEmpty }.count }

    /// Whether two or more coders coded the unit, so that it says something about agreement.
    public var isPairable: Bool { coderCount >= 2 }

    /// How many coders' categories rest on codings split evenly between two values.
    public var splitReadings: Int { codings.filter(AgreementUnit.isSplit).count }

    /// The nominal and ordinal value of some codings: the middle one for an odd count, the
    /// lower of the two middle ones for an even count (see the type's documentation).
    /// - Parameter stances: One coder's stances on a unit, any order.
    /// - Returns: The lower middle value, `nil` for no codings.
    /// - Complexity: O(*n* log *n*).
    public static func category(of stances: [Int]) -> Int? {
        guard !stances.isEmpty else { return nil }
        return stances.sorted()[(stances.count - 1) / 2]
    }

    /// Whether the two middle values of an even count differ, so that ``category(of:)`` had to
    /// choose between them.
    /// - Parameter stances: One coder's stances on a unit, any order.
    public static func isSplit(_ stances: [Int]) -> Bool {
        guard stances.count >= 2, stances.count % 2 == 0 else { return false }
        let sorted = stances.sorted()
        return sorted[sorted.count / 2 - 1] != sorted[sorted.count / 2]
    }
}
