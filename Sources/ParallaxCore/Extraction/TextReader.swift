/// Reads plain-text and Markdown files.
///
/// The stored text keeps every character the file has (ligatures, curly quotes, U+00A0 stay
/// as written; folded search treats them as their plain forms). Two things are normalised,
/// because the original file is kept byte for byte beside the text: a byte-order mark is
/// dropped (it marks the encoding, it is not text), and CR LF or lone CR line ends become LF,
/// so a checkout with other line-end settings cannot change the text annotations index.
///
/// UTF-8 is read as it is. UTF-16 with a byte-order mark is decoded and named. Anything else
/// is tried as Windows-1252 (which contains Latin-1's printable characters) and accepted only
/// when every character it gives is a Western letter or common punctuation; otherwise the
/// file is refused with the fix (convert it to UTF-8), never decoded into mojibake.
public enum TextReader {
    /// The reader's name and version, as the manifest records it.
    public static let version = "parallax-text 1"

    /// Reads a text file.
    /// - Parameters:
    ///   - bytes: The file's bytes.
    ///   - format: `.text` or `.markdown`.
    ///   - name: The file's name, for messages.
    /// - Throws: ``ParallaxError`` for a binary file or an encoding that cannot be told.
    public static func read(_ bytes: [UInt8], format: SourceFormat = .text, name: String) throws -> ExtractedDocument {
        let (decoded, encoding) = try decode(bytes, name: name)
        let text = normaliseLineEnds(decoded)
        guard text.contains(where: { !$0.isWhitespace }) else {
            throw ParallaxError(.invalidData, "the file holds no text", at: name, hint: "check that this is the file you meant")
        }
        var notes: [String] = []
        if let encoding { notes.append("decoded from \(encoding)") }
        var metadata = DocumentMetadata()
        if format == .markdown {
            // The first level-one heading is the title.
            for line in text.split(separator: "\n") where line.hasPrefix("# ") {
                metadata.offer(title: String(line.dropFirst(2)), from: "the first # heading")
                break
            }
        }
        // A short first line standing alone (a blank line after it) is the title.
        let lines = text.split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false)
        if lines.count >= 3, lines[1].allSatisfy(\.isWhitespace), lines[0].count <= 120, !lines[0].hasPrefix("#"),
           Segmenter.speakerLabel(String(lines[0])) == nil, !PDFLayout.endsSentence(String(lines[0])) || lines[0].hasSuffix("?") {
            metadata.offer(title: String(lines[0]), from: "the first line")
        }
        return ExtractedDocument(text: text, paragraphs: paragraphMode(text, format: format), metadata: metadata,
                                 format: format, encoding: encoding, notes: notes, extractor: version)
    }

    /// The text of the bytes and the encoding's name when it was not UTF-8.
    static func decode(_ bytes: [UInt8], name: String) throws -> (String, String?) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            let rest = Array(bytes.dropFirst(3))
            if let bad = ScalarText.firstInvalidUTF8(rest) {
                throw ParallaxError(.invalidData, "the file starts with a UTF-8 byte-order mark but byte \(bad + 3) is not UTF-8", at: name,
                                    hint: "the file is damaged or mixes encodings; save it again as UTF-8")
            }
            return (String(decoding: rest, as: UTF8.self), nil)
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let little = bytes[0] == 0xFF
            guard bytes.count % 2 == 0 else {
                throw ParallaxError(.invalidData, "the file is UTF-16 but has an odd number of bytes", at: name,
                                    hint: "the file is cut short; save it again as UTF-8")
            }
            var units: [UInt16] = []
            units.reserveCapacity(bytes.count / 2 - 1)
            var i = 2
            while i + 1 < bytes.count {
                units.append(little ? UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 : UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1]))
                i += 2
            }
            var scalars = String.UnicodeScalarView()
            var iterator = units.makeIterator()
            var decoder = UTF16()
            loop: while true {
                switch decoder.decode(&iterator) {
                case .scalarValue(let s): scalars.append(s)
                case .emptyInput: break loop
                case .error:
                    throw ParallaxError(.invalidData, "the file is UTF-16 but holds an unpaired surrogate", at: name,
                                        hint: "save it again as UTF-8")
                }
            }
            try refuseBinary(scalars.contains("\0"), name: name)
            return (String(scalars), little ? "UTF-16LE" : "UTF-16BE")
        }
        try refuseBinary(bytes.contains(0), name: name)
        guard let bad = ScalarText.firstInvalidUTF8(bytes) else { return (String(decoding: bytes, as: UTF8.self), nil) }
        if let western = windows1252(bytes) { return (western, "Windows-1252") }
        throw ParallaxError(.invalidData, "the file is not UTF-8 (byte 0x\(String(bytes[bad], radix: 16, uppercase: true)) at offset \(bad)) and does not read as Windows-1252 either",
                            at: name, hint: "convert it to UTF-8, e.g. iconv -f ENCODING -t UTF-8 '\(name)' > converted.txt, and add that")
    }

    private static func refuseBinary(_ hasNul: Bool, name: String) throws {
        if hasNul {
            throw ParallaxError(.invalidData, "the file holds NUL bytes: it is not a text file", at: name,
                                hint: "add text, Markdown, HTML, PDF or Word files (\(SourceFormat.extensions))")
        }
    }

    /// Windows-1252's characters for 0x80…0x9F (`nil` where the code page has none).
    private static let high: [UInt32?] = [
        0x20AC, nil, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, nil, 0x017D, nil,
        nil, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, nil, 0x017E, 0x0178,
    ]

    /// Characters above ASCII that Western text in Windows-1252 plausibly holds: letters,
    /// quotes, dashes and the usual signs. A file in another 8-bit code page gives others
    /// (ISO-8859-2's ł is Windows-1252's ³), and is then refused rather than misread.
    private static func plausible(_ v: UInt32) -> Bool {
        if let s = Unicode.Scalar(v), s.properties.isAlphabetic { return true }
        return [0x00A0, 0x00A3, 0x00A7, 0x00A9, 0x00AB, 0x00AE, 0x00B0, 0x00B1, 0x00B7, 0x00BB, 0x00BF, 0x00A1, 0x00D7,
                0x20AC, 0x201A, 0x201E, 0x2026, 0x2020, 0x2021, 0x2030, 0x2039, 0x203A, 0x2018, 0x2019, 0x201C, 0x201D,
                0x2022, 0x2013, 0x2014, 0x2122].contains(v)
    }

    /// The bytes as Windows-1252, or `nil` when a byte is undefined there or gives an
    /// implausible character.
    static func windows1252(_ bytes: [UInt8]) -> String? {
        var scalars = String.UnicodeScalarView()
        for b in bytes {
            let v: UInt32
            if b < 0x80 { v = UInt32(b) } else if b < 0xA0 { guard let h = high[Int(b) - 0x80] else { return nil }; v = h } else { v = UInt32(b) }
            if b >= 0x80 && !plausible(v) { return nil }
            scalars.append(Unicode.Scalar(v)!)
        }
        return String(scalars)
    }

    /// CR LF and lone CR become LF.
    static func normaliseLineEnds(_ text: String) -> String {
        guard text.utf8.contains(0x0D) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var previousCR = false
        for b in text.utf8 {
            if b == 0x0D { out.append(0x0A); previousCR = true; continue }
            if b == 0x0A && previousCR { previousCR = false; continue }
            previousCR = false
            out.append(b)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Paragraphs by blank lines when the text is wrapped (most non-blank lines are followed
    /// by another one: a paragraph spans several lines), else one paragraph a line.
    /// Markdown always separates paragraphs by blank lines.
    static func paragraphMode(_ text: String, format: SourceFormat) -> Segmentation.Paragraphs {
        if format == .markdown { return .blankLines }
        var body = Substring(text)
        while body.last?.isWhitespace == true { body.removeLast() }
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        var content = 0, continued = 0, blank = 0
        for (i, line) in lines.enumerated() {
            let full = line.contains { !$0.isWhitespace }
            if !full { blank += 1; continue }
            content += 1
            if i + 1 < lines.count, lines[i + 1].contains(where: { !$0.isWhitespace }) { continued += 1 }
        }
        return blank > 0 && content > 0 && continued * 2 >= content ? .blankLines : .lines
    }
}
