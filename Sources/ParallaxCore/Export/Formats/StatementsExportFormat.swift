/// The long table for R and pandas: one CSV row per coding, with the document's date, title
/// and publisher and the analyst's name and affiliation beside the stance, so a notebook
/// needs no join.
///
/// Columns, after a header row: `date,doc,title,publisher,paragraph,analyst,analyst_name,
/// affiliation,question,stance,stance_label,confidence,tags,set,id,quote`. Rows run by date
/// (undated documents last, `date` empty), then document, offset, set and id. `stance` is an
/// integer, `confidence` empty when absent, `tags` joined with `;`. Quoting and formula
/// neutralisation are the `csv` export's (``CSVLayout``): text cells that a spreadsheet could
/// run as a formula get a `'` in front; numeric cells never do. Records end with CR LF.
public struct StatementsExportFormat: TextExportFormat {
    /// Creates the format.
    public init() {}

    public var name: String { "statements" }
    public var summary: String { "one CSV row per coding with date, document and analyst, for R and pandas" }
    public var fileExtension: String? { "csv" }

    /// The header row's cells.
    public static let columns = ["date", "doc", "title", "publisher", "paragraph", "analyst", "analyst_name", "affiliation",
                                 "question", "stance", "stance_label", "confidence", "tags", "set", "id", "quote"]

    public func write(_ input: ExportInput, to stream: inout some TextOutputStream) {
        stream.write(Self.columns.joined(separator: ",") + "\r\n")
        var order: [String: Int] = [:]
        for (k, d) in input.corpus.documents.enumerated() where order[d.id] == nil { order[d.id] = k }
        let rows = input.codings.map { c -> (date: PartialDate?, order: Int, coding: Coding) in
            (input.corpus.document(c.annotation.target.doc)?.info.partialDate, order[c.annotation.target.doc] ?? Int.max, c)
        }.sorted { a, b in
            switch (a.date, b.date) {
            case let (x?, y?) where x != y: return x < y
            case (nil, _?): return false
            case (_?, nil): return true
            default: break
            }
            if a.order != b.order { return a.order < b.order }
            let p = a.coding.annotation, q = b.coding.annotation
            if p.target.doc != q.target.doc { return p.target.doc < q.target.doc }
            if p.target.start != q.target.start { return p.target.start < q.target.start }
            if a.coding.set != b.coding.set { return a.coding.set < b.coding.set }
            return p.id < q.id
        }
        func text(_ s: String) -> String { CSVLayout.quoted(CSVLayout.neutralised(s)) }
        for (date, _, c) in rows {
            let a = c.annotation
            let document = input.corpus.document(a.target.doc)
            let analyst = input.corpus.analysts.analyst(id: a.analyst)
            let question = input.codebook.question(a.question)
            let cells: [String] = [
                date?.description ?? "", text(a.target.doc), text(document?.info.title ?? ""), text(document?.info.publisher ?? ""),
                document?.paragraph(containing: a.target.start).map { String($0.number) } ?? "",
                text(a.analyst), text(analyst?.name ?? ""), text(analyst?.affiliation ?? ""),
                text(a.question), String(a.stance), text(question?.label(of: a.stance) ?? ""),
                a.confidence.map { $0.description } ?? "", text(CSVLayout.joinTags(a.tags)),
                text(c.set), text(a.id), text(a.target.exact),
            ]
            stream.write(cells.joined(separator: ",") + "\r\n")
        }
    }
}
