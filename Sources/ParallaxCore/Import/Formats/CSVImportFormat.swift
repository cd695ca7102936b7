/// Reads the CSV the `csv` export writes (``CSVExportFormat``).
///
/// The header must name the sixteen export columns, each once, in any order. Text cells are
/// restored as ``CSVLayout`` defines (a `'` before `'…=`, `'…+`, `'…-`, `'…@`, TAB or CR is
/// removed, exactly once); numeric cells must be plain numbers (`confidence` may be empty);
/// the `tags` cell is split on `;` with `\;`, `\\` and `\e`. The document hash is the corpus
/// document's: validation then checks that `exact` is the text at `start`–`end`. Problems are
/// located `file:line`, the line a record starts on.
public struct CSVImportFormat: ImportFormat {
    /// Creates the format.
    public init() {}

    public var name: String { "csv" }
    public var fileExtensions: [String] { ["csv"] }

    /// A first line that starts with the export's header.
    public func recognizes(_ bytes: [UInt8]) -> Bool {
        var b = bytes[...]
        if b.starts(with: [0xEF, 0xBB, 0xBF]) { b = b.dropFirst(3) }
        return b.starts(with: Array("set,id,doc,start,end".utf8))
    }

    public func parse(_ bytes: [UInt8], context: ImportContext) -> ImportParse {
        var result = ImportParse()
        let records: [CSVReader.Record]
        do { records = try CSVReader.records(bytes) } catch {
            result.problem(error.message, at: "\(context.path):\(error.line)")
            return result
        }
        guard let header = records.first else { return result }
        var column: [String: Int] = [:]
        for (i, name) in header.cells.enumerated() {
            if !CSVLayout.columns.contains(name) {
                result.problem("unknown column \"\(name)\"", at: "\(context.path):\(header.line)",
                               hint: "the columns are " + CSVLayout.columns.joined(separator: ","))
            } else if column[name] != nil {
                result.problem("column \"\(name)\" appears twice", at: "\(context.path):\(header.line)")
            } else {
                column[name] = i
            }
        }
        let missing = CSVLayout.columns.filter { column[$0] == nil }
        if !missing.isEmpty {
            result.problem("missing column" + (missing.count > 1 ? "s " : " ") + missing.joined(separator: ", "),
                           at: "\(context.path):\(header.line)",
                           hint: "the first line must be the header: " + CSVLayout.columns.joined(separator: ","))
        }
        guard result.problems.isEmpty else { return result }

        for record in records.dropFirst() {
            let location = "\(context.path):\(record.line)"
            guard record.cells.count == header.cells.count else {
                result.problem("\(record.cells.count) cells where the header has \(header.cells.count)", at: location)
                continue
            }
            var problems: [String] = []
            func text(_ name: String) -> String { CSVLayout.restored(record.cells[column[name]!]) }
            func integer(_ name: String) -> Int {
                let cell = record.cells[column[name]!]
                guard let v = Int(cell) else { problems.append("\(name) \"\(cell)\" is not an integer"); return 0 }
                return v
            }
            let start = integer("start"), end = integer("end"), stance = integer("stance")
            var confidence: Double?
            let confidenceCell = record.cells[column["confidence"]!]
            if !confidenceCell.isEmpty {
                if let d = Double(confidenceCell), d.isFinite { confidence = d } else {
                    problems.append("confidence \"\(confidenceCell)\" is not a number")
                }
            }
            var tags: [String] = []
            do { tags = try CSVLayout.splitTags(text("tags")) } catch { problems.append(error.message) }
            guard problems.isEmpty else {
                for p in problems { result.problem(p, at: location) }
                continue
            }
            let doc = text("doc")
            let hash = context.validator.corpus.document(doc)?.hash ?? ""
            let target = TextTarget(doc: doc, start: start, end: end, exact: text("exact"),
                                    prefix: text("prefix"), suffix: text("suffix"), hash: hash)
            let annotation = Annotation(id: text("id"), target: target, question: text("question"),
                                        analyst: text("analyst"), stance: stance, confidence: confidence,
                                        tags: tags, note: text("note"), created: text("created"),
                                        modified: text("modified"))
            result.candidates.append(ImportCandidate(coding: Coding(set: text("set"), annotation: annotation),
                                                     location: location))
        }
        return result
    }
}
