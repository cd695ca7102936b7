/// CSV for spreadsheets (RFC 4180), one coding per record, safe against formula injection.
///
/// Columns, in this order, after a header row:
/// `set,id,doc,start,end,exact,prefix,suffix,question,analyst,stance,confidence,tags,note,created,modified`.
/// Records end with CR LF; `confidence` is empty when absent; `tags` are joined with `;`.
/// Quoting, neutralisation (a `'` before text cells starting with `=`, `+`, `-`, `@`, TAB or
/// CR) and tag escaping (`\;`, `\\`, `\e`) are defined in ``CSVLayout``, which the import
/// shares, so an export imports back to equal codings.
///
/// `csv-excel` is the same file with a UTF-8 byte-order mark in front, so that Excel, which
/// otherwise reads a CSV file in the system's legacy code page, shows `Aydıntaşbaş` and curly
/// quotes as they are; the import skips the mark.
///
/// Not carried: the document hash (the import takes the corpus document's, after checking
/// that `exact` is still the text at `start`–`end`) and unknown fields, for which the fixed
/// columns have no place: use `jsonl` or `w3c` when they matter.
public struct CSVExportFormat: TextExportFormat {
    /// Whether to start the file with a UTF-8 byte-order mark, which Excel needs to read
    /// UTF-8 (Python's `csv` with `encoding="utf-8"` would then see it in the first header).
    public var byteOrderMark: Bool

    /// Creates the format.
    /// - Parameter byteOrderMark: Start the file with a UTF-8 byte-order mark (off).
    public init(byteOrderMark: Bool = false) { self.byteOrderMark = byteOrderMark }

    public var name: String { byteOrderMark ? "csv-excel" : "csv" }
    public var summary: String {
        byteOrderMark ? "CSV for Excel: the same with a UTF-8 byte-order mark" : "CSV for spreadsheets: one row per coding, formula-safe"
    }
    public var fileExtension: String? { "csv" }

    public func write(_ input: ExportInput, to stream: inout some TextOutputStream) {
        if byteOrderMark { stream.write("\u{FEFF}") }
        stream.write(CSVLayout.header)
        for coding in input.ordered {
            stream.write(CSVExportFormat.record(coding))
        }
    }

    /// Writes the file in pieces, records encoded on every core straight into bytes: the
    /// same bytes as ``write(_:to:)``.
    public func export(_ input: ExportInput, to sink: inout some ExportSink) throws {
        let codings = input.ordered
        let head = (byteOrderMark ? [0xEF, 0xBB, 0xBF] : []) + Array(CSVLayout.header.utf8)
        try sink.write(to: "") { write in
            try head.withUnsafeBytes { try write($0) }
            try BatchEncoder.run(count: codings.count, encode: { i, out in
                CSVExportFormat.append(codings[i], to: &out)
            }, write: write)
        }
    }

    /// Appends one record, CR LF included, as ``record(_:)`` writes it.
    static func append(_ coding: Coding, to out: inout [UInt8]) {
        let a = coding.annotation
        func text(_ s: String) {
            var s = s
            s.withUTF8 { CSVLayout.appendCell($0, to: &out) }
            out.append(0x2C)
        }
        func number(_ v: Int) {
            out.append(contentsOf: String(v).utf8)
            out.append(0x2C)
        }
        text(coding.set); text(a.id); text(a.target.doc)
        number(a.target.start); number(a.target.end)
        text(a.target.exact); text(a.target.prefix); text(a.target.suffix)
        text(a.question); text(a.analyst)
        number(a.stance)
        if let c = a.confidence { out.append(contentsOf: c.description.utf8) }
        out.append(0x2C)
        text(a.tags.isEmpty ? "" : CSVLayout.joinTags(a.tags)); text(a.note)
        text(a.created)
        var modified = a.modified
        modified.withUTF8 { CSVLayout.appendCell($0, to: &out) }
        out.append(0x0D); out.append(0x0A)
    }

    /// One record, CR LF included.
    static func record(_ coding: Coding) -> String {
        let a = coding.annotation
        func text(_ s: String) -> String { CSVLayout.quoted(CSVLayout.neutralised(s)) }
        let cells: [String] = [
            text(coding.set), text(a.id), text(a.target.doc),
            String(a.target.start), String(a.target.end),
            text(a.target.exact), text(a.target.prefix), text(a.target.suffix),
            text(a.question), text(a.analyst),
            String(a.stance), a.confidence.map { $0.description } ?? "",
            text(CSVLayout.joinTags(a.tags)), text(a.note),
            text(a.created), text(a.modified),
        ]
        return cells.joined(separator: ",") + "\r\n"
    }
}
