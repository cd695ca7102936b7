import ParallaxCore
import ParallaxStore
import PropertyBased

/// Generators for property tests: text made of the pieces that break text code (clusters of
/// several scalars, CR LF, non-breaking spaces, scalars either side of the surrogate range,
/// escapes), and annotations with unknown fields.
public enum TextGen {
    /// Pieces that each test something: ASCII and JSON's special characters; é precomposed
    /// and decomposed, a lone combining mark; emoji ZWJ sequences, a skin tone, a flag and a
    /// lone regional indicator; CR LF and lone CR; NBSP and other spaces; the scalars around
    /// the surrogate range and at the top of Unicode; Turkish letters; curly quotes and
    /// dashes; ignorables (soft hyphen, ZWJ, BOM); Hangul jamo; Devanagari; a ligature.
    public static let pieces: [String] = [
        "a", "Z", "0", " ", "  ", ".", ",", "\"", "\\", "/", "'", ":", "-", "¶",
        "\n", "\r\n", "\r", "\t", "\u{0}", "\u{1}", "\u{1F}", "\u{7F}",
        "\u{A0}", "\u{202F}", "\u{2003}", "\u{3000}",
        "é", "e\u{301}", "\u{301}", "a\u{308}\u{304}", "\u{20DD}",
        "👩‍👩‍👧‍👦", "👍🏽", "🇹🇷", "🇹", "😀", "\u{200D}", "🏳️‍🌈",
        "\u{D7FF}", "\u{E000}", "\u{FFFD}", "\u{FEFF}", "\u{FFFF}", "\u{10000}", "\u{10FFFF}", "𝔸", "𝄞",
        "ı", "İ", "ş", "Ş", "ğ", "Aslı", "Aydıntaşbaş", "ß", "ø", "ł", "ﬁ", "Æ",
        "“", "”", "‘", "’", "„", "«", "»", "—", "–", "\u{AD}",
        "\u{1100}\u{1161}\u{11A8}", "한", "क्षि", "\u{644}\u{627}", "ABC def",
    ]

    /// One piece, or (one time in three) any scalar outside the surrogate range.
    public static let piece = Generator<String, Shrink.None<String>> { rng in
        switch Int.random(in: 0..<6, using: &rng) {
        case 0: return String(Unicode.Scalar(UInt32.random(in: 0...0xD7FF, using: &rng))!)
        case 1: return String(Unicode.Scalar(UInt32.random(in: 0xE000...0x10FFFF, using: &rng))!)
        default: return pieces.randomElement(using: &rng)!
        }
    }

    /// A generator of text that shrinks by dropping pieces.
    public typealias TextGenerator = Generator<String, Generator<String, Shrink.None<String>>.ArrayShrink>

    /// Text of up to `pieces` pieces.
    public static func text(_ pieces: ClosedRange<Int> = 0...80) -> TextGenerator {
        piece.array(of: pieces).map { $0.joined() }
    }

    /// Text long enough to cross the 64-scalar checkpoints of ``ScalarText`` several times.
    public static let longText: TextGenerator = text(40...400)
}

/// Annotations as a coder might save them, with unknown fields, escapes and non-ASCII.
public enum AnnotationGen {
    /// A valid JSON value on one line (no line feed outside strings), as an unknown field's
    /// raw bytes: numbers in every spelling, strings with escapes, nested arrays and objects,
    /// spaces inside.
    public static func rawJSON(_ rng: inout any SeededRandomNumberGenerator, depth: Int = 0) -> String {
        let choice = Int.random(in: 0..<(depth > 2 ? 6 : 8), using: &rng)
        switch choice {
        case 0: return ["null", "true", "false"].randomElement(using: &rng)!
        case 1: return ["0", "-0", "1", "-17", "3.25", "1e3", "-2.5E-7", "12345678901234567890", "0.1"].randomElement(using: &rng)!
        case 2, 3, 4, 5:
            let s = (0..<Int.random(in: 0...6, using: &rng)).map { _ in
                ["a", "é", "\\n", "\\\"", "\\\\", "\\u00e9", "\\ud83d\\ude00", "\\/", " ", "“", "\u{7F}", "😀"].randomElement(using: &rng)!
            }.joined()
            return "\"" + s + "\""
        case 6:
            let items = (0..<Int.random(in: 0...3, using: &rng)).map { _ in rawJSON(&rng, depth: depth + 1) }
            return "[" + items.joined(separator: Bool.random(using: &rng) ? "," : ", ") + "]"
        default:
            let members = (0..<Int.random(in: 0...3, using: &rng)).map { i in "\"k\(i)\":" + rawJSON(&rng, depth: depth + 1) }
            return "{" + members.joined(separator: ",") + "}"
        }
    }

    static let knownKeys: Set<String> = Set(AnnotationCodec.requiredKeys + ["confidence", "tags", "note"])

    /// One annotation with the given id and random everything else.
    public static func annotation(id: String, _ rng: inout any SeededRandomNumberGenerator) -> Annotation {
        func text(_ max: Int) -> String {
            (0..<Int.random(in: 0...max, using: &rng)).map { _ in TextGen.pieces.randomElement(using: &rng)! }.joined()
        }
        func int() -> Int {
            Bool.random(using: &rng) ? Int.random(in: -5...50_000, using: &rng)
                : [Int.min, Int.max, -1, 0, Int(Int32.max) + 1].randomElement(using: &rng)!
        }
        var extra = ExtraFields()
        for _ in 0..<Int.random(in: 0...3, using: &rng) {
            var key = text(3)
            if knownKeys.contains(key) { key += "_" }
            extra.set(key, raw: Array(rawJSON(&rng).utf8))
        }
        let confidence: Double? = switch Int.random(in: 0..<4, using: &rng) {
        case 0: nil
        case 1: Double.random(in: 0...1, using: &rng)
        case 2: [0, 1, 0.5, 0.1, 1e-7, Double.leastNonzeroMagnitude, 1e300, -0.0].randomElement(using: &rng)!
        default: Double(Int.random(in: 0...100, using: &rng)) / 100
        }
        return Annotation(
            id: id,
            target: TextTarget(doc: text(2), start: int(), end: int(), exact: text(20), prefix: text(8), suffix: text(8),
                               hash: String(repeating: "ab", count: Int.random(in: 0...32, using: &rng))),
            question: text(3), analyst: text(3), stance: int(), confidence: confidence,
            tags: (0..<Int.random(in: 0...3, using: &rng)).map { _ in text(3) },
            note: text(30), created: "2026-11-23T16:00:00Z", modified: text(2), extra: extra)
    }

    /// A set of annotations with distinct ids.
    public static let set = Generator<[Annotation], Shrink.None<[Annotation]>> { rng in
        let count = Int.random(in: 0...12, using: &rng)
        var ids = Set<String>()
        while ids.count < count {
            // Mostly ULID-like, sometimes any text: the order is by UTF-8 bytes either way.
            ids.insert(Bool.random(using: &rng) ? "01" + String((0..<24).map { _ in "0123456789ABCDEFGHJKMNPQRSTVWXYZ".randomElement(using: &rng)! })
                                                 : "id-" + (0..<3).map { _ in TextGen.pieces.randomElement(using: &rng)! }.joined())
        }
        return ids.map { annotation(id: $0, &rng) }
    }
}
