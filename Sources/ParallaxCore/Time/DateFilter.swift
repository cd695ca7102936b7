/// A `since:`/`until:` window on documents' dates: which documents' codings a comparison,
/// a timeline or an export uses.
///
/// **Bounds are inclusive and periods.** `since:2024` starts on 1 January 2024 and
/// `until:2024-06` ends on 30 June 2024. A document's date is a period too (``PartialDate``):
/// a document dated `2023-09` is in the window when any day of September 2023 is, so
/// `until:2023-09-01` takes it in and `since:2023-10` leaves it out. A document whose period
/// straddles a bound counts as in range (its date does not say it is outside).
///
/// **Undated documents** (no date, or one that is not ISO 8601) are in the window only when
/// there is no bound at all: a filter cannot say they are in range, so it leaves them out and
/// says how many codings that cost (``Selection``).
public struct DateFilter: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The earliest period admitted, if bounded.
    public var since: PartialDate?
    /// The latest period admitted, if bounded.
    public var until: PartialDate?

    /// A window; `nil` bounds are open.
    public init(since: PartialDate? = nil, until: PartialDate? = nil) {
        self.since = since; self.until = until
    }

    /// No bounds: every document, dated or not.
    public static let all = DateFilter()

    /// Parses `since:` and `until:` values as typed.
    /// - Throws: ``ParallaxError`` for a value that is not a date, or a `since:` after the
    ///   `until:` (an empty window is a mistake, not a question).
    public static func parse(since: String?, until: String?) throws -> DateFilter {
        let s = try since.map { try PartialDate.parse($0, option: "since:") }
        let u = try until.map { try PartialDate.parse($0, option: "until:") }
        if let s, let u, s.first > u.last {
            throw ParallaxError(.usage, "the window is empty: since: is after until:", at: "since:\(s) until:\(u)",
                                hint: "swap the two dates")
        }
        return DateFilter(since: s, until: u)
    }

    /// Whether there is any bound.
    public var isActive: Bool { since != nil || until != nil }

    /// Whether a document with this date is in the window (undated: only without bounds).
    public func admits(_ date: PartialDate?) -> Bool {
        guard isActive else { return true }
        guard let date else { return false }
        if let since, date.last < since.first { return false }
        if let until, date.first > until.last { return false }
        return true
    }

    /// `since:2024 until:2024-06`, `since:2023-09`, or empty without bounds.
    public var description: String {
        [since.map { "since:\($0)" }, until.map { "until:\($0)" }].compactMap { $0 }.joined(separator: " ")
    }
}
