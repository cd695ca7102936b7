import Foundation

/// Document dates as the manifest stores them: ISO 8601 calendar dates of year, month or day
/// precision (`2019`, `2019-06`, `2025-03-06`).
public enum DocumentDate {
    /// Whether a string is a valid manifest date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, with a
    /// real month and a day that the month has.
    public static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4, parts.dropFirst().allSatisfy({ $0.count == 2 }),
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else { return false }
        let y = Int(parts[0])!
        guard y >= 1000 else { return false }
        if parts.count >= 2 {
            let m = Int(parts[1])!
            guard (1...12).contains(m) else { return false }
            if parts.count == 3 {
                let d = Int(parts[2])!
                guard d >= 1 && d <= days(in: m, of: y) else { return false }
            }
        }
        return true
    }

    /// Days in a month of the proleptic Gregorian calendar.
    static func days(in month: Int, of year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// The manifest form of a date as files write it, or `nil` when it is not recognisably a
    /// date: ISO 8601 with or without a time (`2024-07-23T10:00:00Z` → `2024-07-23`), `2024/07/23`,
    /// PDF dates (`D:20240723101500+02'00'`), `20240723`, and English `July 23, 2024`,
    /// `23 July 2024`, `July 2024`. The calendar day as written is kept (no time-zone shift).
    public static func normalise(_ raw: String) -> String? {
        var s = raw.trimmingCharacters(in: .whitespaces)
        if s.hasPrefix("D:") { s.removeFirst(2) }
        // Digits only: YYYY, YYYYMM, YYYYMMDD, or a PDF date's YYYYMMDDHHmmSS….
        let digits = s.prefix { $0.isASCII && $0.isNumber }
        if digits.count == s.count || digits.count == 14 || digits.count == 12 {
            let d = Array(digits)
            var candidate: String?
            switch d.count {
            case 4: candidate = String(d)
            case 6: candidate = String(d[0..<4]) + "-" + String(d[4..<6])
            case 8, 10, 12, 14: candidate = String(d[0..<4]) + "-" + String(d[4..<6]) + "-" + String(d[6..<8])
            default: break
            }
            if let c = candidate, isValid(c) { return c }
            return nil
        }
        // ISO forms: a date, then optionally `T` or a space and a time.
        let head = s.prefix { $0 != "T" && $0 != " " }
        let iso = head.replacingOccurrences(of: "/", with: "-")
        if isValid(iso) { return iso }
        if iso.split(separator: "-").count == 3 {
            // One-digit month or day (`2024-7-3`).
            let p = iso.split(separator: "-").map(String.init)
            if p[0].count == 4, let m = Int(p[1]), let d = Int(p[2]) {
                let c = p[0] + "-" + pad(m) + "-" + pad(d)
                if isValid(c) { return c }
            }
        }
        // English month names: `July 23, 2024`, `23 July 2024`, `July 2024`, `Jul. 23 2024`.
        let words = s.lowercased().split(whereSeparator: { $0 == " " || $0 == "," || $0 == "." })
        var year: Int?, month: Int?, day: Int?
        for w in words {
            if let n = Int(w) {
                if w.count == 4 { if year == nil { year = n } else { return nil } }
                else if n >= 1 && n <= 31 && day == nil { day = n } else { return nil }
            } else if let m = months.firstIndex(where: { w.hasPrefix($0) }), w.count >= 3, month == nil,
                      "january february march april may june july august september october november december sept"
                        .split(separator: " ").contains(where: { $0.hasPrefix(w) }) {
                month = m + 1
            } else if let n = Int(w.filter(\.isNumber)), ["st", "nd", "rd", "th"].contains(String(w.filter(\.isLetter))), day == nil {
                day = n
            } else {
                return nil
            }
        }
        guard let y = year else { return nil }
        var c = String(y)
        if let m = month {
            c += "-" + pad(m)
            if let d = day { c += "-" + pad(d) }
        } else if day != nil { return nil }
        return isValid(c) ? c : nil
    }

    private static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
