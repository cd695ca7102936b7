/// A calendar date known to the year, the month or the day: `2019`, `2019-06`, `2025-03-06`
/// (the ISO 8601 calendar forms `YYYY`, `YYYY-MM`, `YYYY-MM-DD`).
///
/// A partial date stands for a period: `2019-06` is the whole of June 2019, from ``first`` to
/// ``last``. Date filters (``DateFilter``) compare those periods, so a document dated only to
/// the month counts as that month.
///
/// Pure and independent of the corpus: any date that reaches Parallax (a manifest's `date`, a
/// document's metadata, a `since:` option) is parsed here. Dates are proleptic Gregorian,
/// years 0001–9999, with no time and no time zone.
public struct PartialDate: Hashable, Sendable, CustomStringConvertible {
    /// How much of the date is known.
    public enum Precision: Int, Comparable, Sendable {
        /// `2019`.
        case year
        /// `2019-06`.
        case month
        /// `2019-06-14`.
        case day
        public static func < (a: Precision, b: Precision) -> Bool { a.rawValue < b.rawValue }
    }

    /// The year, 1…9999.
    public let year: Int
    /// The month, 1…12, when known.
    public let month: Int?
    /// The day of the month, when known (then `month` is known too).
    public let day: Int?

    /// A date from its parts, or `nil` when they do not make a calendar date (month 13,
    /// 30 February, a day without a month).
    public init?(year: Int, month: Int? = nil, day: Int? = nil) {
        guard (1...9999).contains(year) else { return nil }
        if let month, !(1...12).contains(month) { return nil }
        if let day {
            guard let month, (1...PartialDate.days(inMonth: month, of: year)).contains(day) else { return nil }
        }
        self.year = year; self.month = month; self.day = day
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` exactly (four-digit year, two-digit month
    /// and day), or returns `nil`.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count),
              parts[0].count == 4, parts.dropFirst().allSatisfy({ $0.count == 2 }),
              parts.allSatisfy({ $0.utf8.allSatisfy { (0x30...0x39).contains($0) } }) else { return nil }
        let numbers = parts.map { Int($0)! }
        self.init(year: numbers[0], month: numbers.count > 1 ? numbers[1] : nil, day: numbers.count > 2 ? numbers[2] : nil)
    }

    /// Reads a date as documents carry it: a ``init(_:)`` form, or an ISO 8601 date-time
    /// (`2024-07-23T10:00:00Z`, as document metadata often gives it) of which the calendar
    /// date is kept. Surrounding spaces are ignored; anything else is `nil` (undated).
    public init?(document text: String) {
        var t = Substring(text)
        while t.first == " " { t = t.dropFirst() }
        while t.last == " " { t = t.dropLast() }
        if let tee = t.firstIndex(where: { $0 == "T" || $0 == "t" }), t.distance(from: t.startIndex, to: tee) == 10 {
            t = t[..<tee]
        }
        self.init(String(t))
    }

    /// Parses a date a user typed, with an error that says what is wrong and where.
    /// - Parameters:
    ///   - text: What was typed.
    ///   - option: The option's key with its colon (`since:`), to name it in the error.
    /// - Throws: ``ParallaxError`` (`.usage`) located at what was typed:
    ///   `since:2024-13: not a date — use YYYY, YYYY-MM or YYYY-MM-DD`.
    public static func parse(_ text: String, option: String) throws -> PartialDate {
        if let date = PartialDate(text) { return date }
        let shown = text.count > 40 ? String(text.prefix(39)) + "…" : text
        throw ParallaxError(.usage, "not a date", at: option + shown, hint: "use YYYY, YYYY-MM or YYYY-MM-DD")
    }

    /// How much of the date is known.
    public var precision: Precision { day != nil ? .day : month != nil ? .month : .year }

    /// The first day of the period, as a day number (comparable; see ``dayNumber(year:month:day:)``).
    public var first: Int { PartialDate.dayNumber(year: year, month: month ?? 1, day: day ?? 1) }

    /// The last day of the period, as a day number.
    public var last: Int {
        let m = month ?? 12
        return PartialDate.dayNumber(year: year, month: m, day: day ?? PartialDate.days(inMonth: m, of: year))
    }

    /// The ISO 8601 text: `2019`, `2019-06`, `2019-06-14`.
    public var description: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        var s = String(repeating: "0", count: max(0, 4 - String(year).count)) + String(year)
        if let month { s += "-" + two(month) }
        if let day { s += "-" + two(day) }
        return s
    }

    /// Days in a month of the Gregorian calendar.
    public static func days(inMonth month: Int, of year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// A day's number counted from a fixed origin (consecutive days differ by 1), for
    /// comparing and ordering; not meant to be shown.
    public static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        // Days from civil (the usual shift of the year's start to March).
        let y = month <= 2 ? year - 1 : year
        let era = y / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe
    }
}

extension PartialDate: Comparable {
    /// Earlier period first: by first day, then the shorter period (`2019-01` before `2019`).
    public static func < (a: PartialDate, b: PartialDate) -> Bool {
        (a.first, a.last) < (b.first, b.last)
    }
}

extension PartialDate: Codable {
    /// Decodes the ISO text.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = PartialDate(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a date: \(text)"))
        }
        self = date
    }

    /// Encodes the ISO text.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

extension PartialDate {
    /// The year a day number (``dayNumber(year:month:day:)``) falls in.
    public static func year(ofDay n: Int) -> Int {
        // Civil from days, year only.
        let z = n
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let month = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400
        return month <= 2 ? y + 1 : y
    }
}
