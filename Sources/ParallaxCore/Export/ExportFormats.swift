/// The export formats Parallax knows, for dispatch, `help export` and TAB completion.
public enum ExportFormats {
    /// Every format, in the order help lists them.
    public static let all: [any ExportFormat] = [
        JSONLinesExportFormat(),
        W3CExportFormat(),
        CSVExportFormat(),
        CSVExportFormat(byteOrderMark: true),
        MarkdownExportFormat(),
        HTMLExportFormat(),
        BratExportFormat(),
        QDPXExportFormat(),
        QDCExportFormat(),
        GraphMLExportFormat(),
        StatementsExportFormat(),
    ]

    /// The formats' names (`jsonl`, `w3c`, `csv`, `csv-excel`, `md`, `html`, `brat`, `qdpx`), for completion.
    public static var names: [String] { all.map(\.name) }

    /// The format with this name (case-insensitive), if any.
    public static func named(_ name: String) -> (any ExportFormat)? {
        let key = name.lowercased()
        return all.first { $0.name == key }
    }

    /// The format with this name, or an error that lists the known ones.
    /// - Throws: ``ParallaxError`` (`notFound`) with a suggestion.
    public static func require(_ name: String) throws -> any ExportFormat {
        if let format = named(name) { return format }
        let hint = Suggest.closest(to: name.lowercased(), among: names).map { "did you mean \($0)?" }
            ?? "known formats: " + names.joined(separator: ", ")
        throw ParallaxError(.notFound, "no export format \"\(name)\"", hint: hint)
    }
}
