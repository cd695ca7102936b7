/// The import formats Parallax knows, how a file's format is recognised, and the entry point
/// that reads a file into codings.
public enum ImportFormats {
    /// Every format, in the order help lists them.
    public static let all: [any ImportFormat] = [
        JSONLinesImportFormat(),
        CSVImportFormat(),
        W3CImportFormat(),
        QDPXImportFormat(),
    ]

    /// The formats' names (`jsonl`, `csv`, `w3c`, `qdpx`), for completion.
    public static var names: [String] { all.map(\.name) }

    /// The format with this name (case-insensitive), if any.
    public static func named(_ name: String) -> (any ImportFormat)? {
        let key = name.lowercased()
        return all.first { $0.name == key }
    }

    /// The format of a file: a zip archive is `qdpx` whatever its name; otherwise the
    /// extension decides when one format claims it (`.jsonl`, `.csv`, `.jsonld`, `.qdpx`);
    /// otherwise (`.json`, `.txt`, no extension, or content that contradicts a `.json`
    /// name) the content: the CSV header, a JSON Lines record, a Web Annotation document.
    /// - Returns: The format, or `nil` when nothing fits.
    public static func detect(path: String, bytes: [UInt8]) -> (any ImportFormat)? {
        let qdpx = QDPXImportFormat()
        if qdpx.recognizes(bytes) { return qdpx }
        let file = path.split(separator: "/").last.map(String.init) ?? path
        if let dot = file.lastIndex(of: "."), dot != file.startIndex {
            let ext = file[file.index(after: dot)...].lowercased()
            let claimed = all.filter { $0.fileExtensions.contains(ext) }
            if claimed.count == 1, claimed[0].name != "w3c" || !JSONLinesImportFormat().recognizes(bytes) {
                return claimed[0]
            }
        }
        for format in [CSVImportFormat() as any ImportFormat, JSONLinesImportFormat(), W3CImportFormat()]
        where format.recognizes(bytes) {
            return format
        }
        return nil
    }

    /// Reads a file into codings, all or nothing.
    /// - Parameters:
    ///   - bytes: The file's exact bytes.
    ///   - path: The file's path as the user gave it (for detection and problem locations).
    ///   - format: A format name (`csv`), or `nil` to detect it with ``detect(path:bytes:)``.
    ///   - defaultSet: The set for records that name none; `nil` takes the file's base name
    ///     for JSON Lines.
    ///   - corpus: The documents spans refer to.
    ///   - codebook: The questions stances refer to.
    /// - Returns: Every coding, sorted by set, then id.
    /// - Throws: ``ImportFailure`` listing every problem with its location; nothing is
    ///   imported then.
    public static func read(_ bytes: [UInt8], path: String, format: String? = nil, defaultSet: String? = nil,
                            corpus: Corpus, codebook: Codebook) throws(ImportFailure) -> [Coding] {
        let chosen: any ImportFormat
        if let format {
            guard let f = named(format) else {
                let hint = Suggest.closest(to: format, among: names).map { "did you mean \($0)?" }
                    ?? "known formats: " + names.joined(separator: ", ")
                throw ImportFailure(problems: [ParallaxError(.notFound, "no import format \"\(format)\"", at: path, hint: hint)])
            }
            chosen = f
        } else {
            guard let f = detect(path: path, bytes: bytes) else {
                throw ImportFailure(problems: [ParallaxError(.unsupported, "cannot tell the file's format", at: path,
                                                             hint: "name it: import FORMAT FILE, with FORMAT one of " + names.joined(separator: ", "))])
            }
            chosen = f
        }
        let context = ImportContext(path: path, defaultSet: defaultSet,
                                    validator: AnnotationValidator(corpus: corpus, codebook: codebook))
        return try chosen.read(bytes, context: context)
    }
}
