/// The CSV layout shared by the CSV export and import: columns, quoting, formula
/// neutralisation and the tag list, defined once so the two directions cannot drift apart.
///
/// ## Cells
/// RFC 4180: records end with CR LF; a cell is quoted when it holds `,`, `"`, CR or LF, and a
/// `"` inside a quoted cell is doubled. Line breaks inside a cell are kept as they are.
///
/// ## Formula neutralisation
/// A spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`, TAB or CR as a formula
/// (`=cmd|' /C calc'!A0`). Text cells that could be read that way get one `'` in front,
/// which spreadsheets show as text. Numeric columns (`start`, `end`, `stance`,
/// `confidence`) are never touched: `-1` stays the number -1.
///
/// The rule is made reversible by counting quotes. With T = { `=` `+` `-` `@` TAB CR }:
/// - export: a text that starts with zero or more `'` followed by a character of T gets
///   one more `'` in front (`=x` → `'=x`, `'=x` → `''=x`, `''+1` → `'''+1`);
/// - import: a cell that starts with one or more `'` followed by a character of T loses its
///   first `'` (`'=x` → `=x`, `''=x` → `'=x`).
///
/// Every other text is written and read unchanged (`'tis`, `'` alone, `it's`). The export
/// only ever adds a quote to texts of the form `'*[T]…`, and the import only removes one
/// from cells of the form `'+[T]…`, which the export never leaves unquoted, so import ∘
/// export is the identity on every text.
///
/// ## Tags
/// The `tags` cell joins the tags with `;`. Inside a tag, `\` is written `\\` and `;` is
/// written `\;`; an empty tag is written `\e` (so `[""]` and `[]` differ: `\e` and an empty
/// cell). Commas need nothing: the cell is quoted. The cell is neutralised after joining, as
/// a whole (`-x;y` → `'-x;y`).
enum CSVLayout {
    /// The columns, in order.
    static let columns = ["set", "id", "doc", "start", "end", "exact", "prefix", "suffix", "question",
                          "analyst", "stance", "confidence", "tags", "note", "created", "modified"]

    /// Columns holding numbers, which are never neutralised.
    static let numericColumns: Set<String> = ["start", "end", "stance", "confidence"]

    /// The header line, CR LF included.
    static var header: String { columns.joined(separator: ",") + "\r\n" }

    // MARK: Neutralisation

    private static func isTrigger(_ s: Unicode.Scalar) -> Bool {
        s == "=" || s == "+" || s == "-" || s == "@" || s == "\t" || s == "\r"
    }

    /// Whether a text starts with `minQuotes` or more `'` followed by a formula trigger.
    private static func startsWithQuotedTrigger(_ text: String, minQuotes: Int) -> Bool {
        var quotes = 0
        for s in text.unicodeScalars {
            if s == "'" { quotes += 1; continue }
            return quotes >= minQuotes && isTrigger(s)
        }
        return false
    }

    /// A text cell made safe to open in a spreadsheet.
    static func neutralised(_ text: String) -> String {
        startsWithQuotedTrigger(text, minQuotes: 0) ? "'" + text : text
    }

    /// The text a neutralised cell stands for.
    static func restored(_ cell: String) -> String {
        startsWithQuotedTrigger(cell, minQuotes: 1) ? String(cell.unicodeScalars.dropFirst()) : cell
    }

    // MARK: Quoting

    /// A cell as written in the file: quoted when it holds `,`, `"`, CR or LF.
    static func quoted(_ cell: String) -> String {
        let needsQuotes = cell.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }
        guard needsQuotes else { return cell }
        return "\"" + cell.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    /// Appends a text cell as ``quoted(_:)`` of ``neutralised(_:)`` writes it, from its UTF-8
    /// bytes (the export's fast path; the rules are the same, on bytes: `'` and the triggers
    /// are ASCII).
    static func appendCell(_ text: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var k = 0
        while k < text.count && text[k] == 0x27 { k += 1 }
        let trigger = k < text.count && (text[k] == 0x3D || text[k] == 0x2B || text[k] == 0x2D || text[k] == 0x40
                                         || text[k] == 0x09 || text[k] == 0x0D)
        let needsQuotes = text.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }
        if needsQuotes { out.append(0x22) }
        if trigger { out.append(0x27) }
        if needsQuotes {
            var run = 0
            for i in 0..<text.count where text[i] == 0x22 {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: text[run...i]))
                out.append(0x22)
                run = i + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: text[run...]))
            out.append(0x22)
        } else {
            out.append(contentsOf: text)
        }
    }

    // MARK: Tags

    /// The tags as one cell's text (before neutralisation).
    static func joinTags(_ tags: [String]) -> String {
        tags.map { tag -> String in
            if tag.isEmpty { return "\\e" }
            if !tag.utf8.contains(where: { $0 == 0x5C || $0 == 0x3B }) { return tag }
            var out = ""
            for s in tag.unicodeScalars {
                switch s {
                case "\\": out += "\\\\"
                case ";": out += "\\;"
                default: out.unicodeScalars.append(s)
                }
            }
            return out
        }.joined(separator: ";")
    }

    /// The tags a cell's text (after restoring) stands for.
    /// - Throws: A message for an unknown escape, a trailing `\` or an empty tag written
    ///   without `\e`.
    static func splitTags(_ text: String) throws(CSVLayout.TagError) -> [String] {
        if text.isEmpty { return [] }
        var tags: [String] = []
        var current = ""
        var explicitEmpty = false
        var iterator = text.unicodeScalars.makeIterator()
        func finish() throws(CSVLayout.TagError) {
            if explicitEmpty {
                guard current.isEmpty else { throw TagError(message: "\\e must stand alone for an empty tag") }
                tags.append("")
            } else {
                guard !current.isEmpty else {
                    throw TagError(message: "empty tag between ';' (write \\e for an empty tag)")
                }
                tags.append(current)
            }
            current = ""; explicitEmpty = false
        }
        while let s = iterator.next() {
            switch s {
            case ";":
                try finish()
            case "\\":
                guard let next = iterator.next() else { throw TagError(message: "tags end with a lone '\\' (write \\\\)") }
                switch next {
                case "\\": current += "\\"
                case ";": current += ";"
                case "e":
                    guard current.isEmpty, !explicitEmpty else { throw TagError(message: "\\e must stand alone for an empty tag") }
                    explicitEmpty = true
                default:
                    throw TagError(message: "unknown escape '\\\(Character(next))' in tags (use \\\\, \\; or \\e)")
                }
            default:
                if explicitEmpty { throw TagError(message: "\\e must stand alone for an empty tag") }
                current.unicodeScalars.append(s)
            }
        }
        try finish()
        return tags
    }

    /// Why a tags cell could not be read.
    struct TagError: Error {
        var message: String
    }
}
