import Foundation

/// Folds text to a plain searchable form: lower case, no diacritics (ı → i, ş → s, é → e,
/// ł → l, ø → o), straight quotes and apostrophes, `-` for every dash, and one space for
/// every run of whitespace (U+00A0 included).
///
/// Foundation's `.diacriticInsensitive` leaves ı, ł, ø and curly quotes alone, so folding is
/// done here, per scalar, with a cache. Compatibility characters fold to their plain letters
/// (ﬁ → fi, ＴＯＫＹＯ → tokyo, ĳ → ij, ǅ → dz).
public enum Folding {
    /// The folded form of a string, with whitespace runs collapsed and ends trimmed.
    public static func fold(_ text: String) -> String {
        var out: [UInt8] = []
        var lastWasSpace = true
        for scalar in text.unicodeScalars {
            append(scalar, to: &out, lastWasSpace: &lastWasSpace)
        }
        if out.last == 0x20 { out.removeLast() }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the folded bytes of one scalar, collapsing whitespace runs.
    /// - Returns: how many bytes were appended.
    @inline(__always) @discardableResult
    static func append(_ scalar: Unicode.Scalar, to out: inout [UInt8], lastWasSpace: inout Bool) -> Int {
        let v = scalar.value
        if v < 0x80 {
            var b = UInt8(v)
            if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
                if lastWasSpace { return 0 }
                out.append(0x20); lastWasSpace = true; return 1
            }
            if b >= 0x41 && b <= 0x5A { b += 0x20 }
            out.append(b); lastWasSpace = false
            return 1
        }
        let folded = table.folded(scalar)
        if folded == [0x20] {
            if lastWasSpace { return 0 }
            out.append(0x20); lastWasSpace = true; return 1
        }
        if folded.isEmpty { return 0 }
        out.append(contentsOf: folded)
        lastWasSpace = false
        return folded.count
    }

    /// Folded UTF-8 of one non-ASCII scalar (empty when it folds away, `[0x20]` for space).
    static func foldScalar(_ scalar: Unicode.Scalar) -> [UInt8] {
        if let special = specials[scalar.value] { return Array(special.utf8) }
        let p = scalar.properties
        if p.isWhitespace { return [0x20] }
        if p.isDefaultIgnorableCodePoint { return [] }
        switch p.generalCategory {
        case .nonspacingMark, .enclosingMark, .spacingMark: return []
        case .dashPunctuation: return [0x2D]
        case .initialPunctuation, .finalPunctuation:
            // Quotation marks not listed among the specials: keep their straight counterpart.
            return [0x22]
        default: break
        }
        // Hangul syllables have no diacritics; decomposing them into jamo would let a query
        // match half a syllable.
        if (0xAC00...0xD7A3).contains(scalar.value) { return Array(String(scalar).utf8) }
        // Compatibility decomposition (NFKD) folds what PDFs are full of: ligatures (ﬁ → fi,
        // ﬃ → ffi), full-width letters (Ｔ → T), ĳ → ij, ǅ → Dž. A scalar whose compatibility
        // form is long (﷽ is eighteen scalars) keeps its canonical form: a folded scalar is
        // at most ``maximumFoldedBytes`` long, which FoldedText's buffer relies on.
        var decomposed = String(scalar).decomposedStringWithCompatibilityMapping
        if decomposed.utf8.count > maximumFoldedBytes { decomposed = String(scalar).decomposedStringWithCanonicalMapping }
        var out: [UInt8] = []
        for s in decomposed.unicodeScalars {
            switch s.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .spacingMark: continue
            default: break
            }
            if let special = specials[s.value] { out.append(contentsOf: special.utf8); continue }
            out.append(contentsOf: s.properties.lowercaseMapping.utf8)
        }
        // Lower-casing may itself bring back a combining mark (İ → i̇): drop it.
        let cleaned = String(decoding: out, as: UTF8.self).unicodeScalars.filter {
            switch $0.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .spacingMark: return false
            default: return true
            }
        }
        var result: [UInt8] = []
        for s in cleaned { result.append(contentsOf: String(s).utf8) }
        return result.count <= maximumFoldedBytes ? result : Array(String(scalar).utf8)
    }

    /// Identifies the folding rules, for caches of folded text: a number raised by hand when
    /// the rules change, mixed with the folded form of a probe of the characters folding
    /// treats specially (so a change to the tables or to Unicode's data shows up too).
    public static let version: UInt64 = {
        let rules: UInt64 = 3
        let probe = "Aslı Aydıntaşbaş ŁØđħßæœþ “quoted” ‘it’s’ — – ‐ \u{00A0}\u{2009}\u{3000} ﬁ ﬃ ＴＯＫＹＯ ĳ ǅ İ é ñ ü Ω … \u{00AD}\u{200B} 한 中"
        var h: UInt64 = 0xCBF2_9CE4_8422_2325 ^ rules
        for b in fold(probe).utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h
    }()

    /// The most bytes one scalar folds to.
    static let maximumFoldedBytes = 16

    /// Letters and signs whose plain form Unicode decomposition does not give.
    static let specials: [UInt32: String] = [
        0x0131: "i", 0x0130: "i", 0x0142: "l", 0x0141: "l", 0x00F8: "o", 0x00D8: "o",
        0x0111: "d", 0x0110: "d", 0x0127: "h", 0x0126: "h", 0x00DF: "ss", 0x1E9E: "ss",
        0x00E6: "ae", 0x00C6: "ae", 0x0153: "oe", 0x0152: "oe", 0x00FE: "th", 0x00DE: "th",
        0x00F0: "d", 0x00D0: "d", 0x0138: "q", 0x017F: "s",
        // Apostrophes and single quotes.
        0x2018: "'", 0x2019: "'", 0x201A: "'", 0x201B: "'", 0x2032: "'", 0x02BC: "'",
        0x2039: "'", 0x203A: "'", 0x0060: "'", 0x00B4: "'", 0xFF07: "'",
        // Double quotes.
        0x201C: "\"", 0x201D: "\"", 0x201E: "\"", 0x201F: "\"", 0x2033: "\"",
        0x00AB: "\"", 0x00BB: "\"", 0xFF02: "\"",
        // Dashes and minus signs.
        0x2010: "-", 0x2011: "-", 0x2012: "-", 0x2013: "-", 0x2014: "-", 0x2015: "-",
        0x2212: "-", 0xFE58: "-", 0xFE63: "-", 0xFF0D: "-",
        // Invisible: soft hyphen, zero-width space and joiners, byte-order mark.
        0x00AD: "", 0x200B: "", 0x200C: "", 0x200D: "", 0x2060: "", 0xFEFF: "",
        0x2026: "...",
    ]

    static let table = FoldTable()
}

/// A thread-safe cache of folded forms of non-ASCII scalars.
final class FoldTable: @unchecked Sendable {
    private let lock = NSLock()
    private var cache: [UInt32: [UInt8]] = [:]

    func folded(_ scalar: Unicode.Scalar) -> [UInt8] {
        lock.lock()
        if let hit = cache[scalar.value] { lock.unlock(); return hit }
        lock.unlock()
        let value = Folding.foldScalar(scalar)
        lock.lock()
        cache[scalar.value] = value
        lock.unlock()
        return value
    }
}
