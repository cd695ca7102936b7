/// Plain-text helpers the Markdown and HTML reports share: unsafe characters, whitespace,
/// times and confidences as a reader sees them.
enum ReportText {
    /// A character with every control character (other than TAB, LF and CR) and every Unicode
    /// non-character (U+FDD0…U+FDEF, U+xFFFE, U+xFFFF) replaced by U+FFFD: HTML calls them
    /// parse errors and Markdown renderers drop or mangle them.
    static func safe(_ ch: Character) -> String {
        guard ch.unicodeScalars.contains(where: isUnsafe) else { return String(ch) }
        var out = ""
        for s in ch.unicodeScalars { out.unicodeScalars.append(isUnsafe(s) ? "\u{FFFD}" : s) }
        return out
    }

    /// A whole text made safe (see ``safe(_:)``); line breaks are kept.
    static func safe(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var out = ""
        for s in text.unicodeScalars { out.unicodeScalars.append(isUnsafe(s) ? "\u{FFFD}" : s) }
        return out
    }

    /// Whether a scalar must not reach a report as is.
    static func isUnsafe(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09, 0x0A, 0x0D: return false
        // VT, FF, NEL, LS and PS are line breaks: callers split or flatten them.
        case 0x0B, 0x0C, 0x85: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0xFDD0...0xFDEF: return true
        default: return s.value & 0xFFFE == 0xFFFE
        }
    }

    /// A text on one line: every run of whitespace (line breaks included) becomes one space,
    /// with none at either end; unsafe characters replaced.
    static func flattened(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for ch in text {
            // U+00A0 is whitespace to Unicode but chosen on purpose: keep it.
            if ch.isWhitespace && ch != "\u{00A0}" { pendingSpace = !out.isEmpty; continue }
            if pendingSpace { out.append(" "); pendingSpace = false }
            out += safe(ch)
        }
        return out
    }

    /// An ISO 8601 UTC time as a reader wants it, `2026-11-24 09:30 UTC`; any other text is
    /// returned flattened, as given.
    static func time(_ iso: String) -> String {
        guard Clock.isISO8601(iso) else { return flattened(iso) }
        let b = Array(iso.utf8)
        return String(decoding: b[0..<10], as: UTF8.self) + " " + String(decoding: b[11..<16], as: UTF8.self) + " UTC"
    }

    /// A confidence with at most two decimals and no trailing zeros: `0.8`, `0.75`, `1`, `0.3`
    /// (for 0.1 + 0.2).
    static func confidence(_ c: Double) -> String {
        let hundredths = Int((c * 100).rounded())
        let whole = hundredths / 100, frac = abs(hundredths % 100)
        let sign = hundredths < 0 && whole == 0 ? "-" : ""
        if frac == 0 { return sign + String(whole) }
        let digits = frac % 10 == 0 ? String(frac / 10) : (frac < 10 ? "0" : "") + String(frac)
        return sign + String(whole) + "." + digits
    }

    /// `-1 unlikely`: an annotation's own stance with its label on the question's scale.
    static func stance(_ value: Int, on question: Question?) -> String {
        Question.signed(value) + (question?.label(of: value).map { " " + $0 } ?? "")
    }

    /// `brookings ¶36` (`brookings` when the paragraph is unknown).
    static func location(doc: String, paragraph: Int?) -> String {
        paragraph.map { "\(doc) ¶\($0)" } ?? doc
    }

    /// A count with its noun: `1 coding`, `63 codings`.
    static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        ComparisonRenderer.count(n, singular, plural)
    }

    /// A list in words: `a`, `a and b`, `a, b and c`.
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
}
