/// Reads JSON Lines: the `jsonl` export, or a plain set file.
///
/// Each line is a native annotation line (``AnnotationCodec``; blank lines, a byte-order
/// mark and CR LF are accepted as in set files). The set is the line's `"set"` member, a
/// string, which is then removed from the unknown fields (see ``JSONLinesExportFormat``);
/// a line without one belongs to the context's default set, or, when none is given, to the
/// set named after the file (`review/alice.jsonl` → `alice`), as in `Annotations/`.
/// Every other unknown field is kept byte for byte. Problems are located `file:line`.
public struct JSONLinesImportFormat: ImportFormat {
    /// Creates the format.
    public init() {}

    public var name: String { "jsonl" }
    public var fileExtensions: [String] { ["jsonl", "ndjson"] }

    /// A first non-blank line that is a JSON object with a `"doc"` member.
    public func recognizes(_ bytes: [UInt8]) -> Bool {
        let parsed = SetFile.parse(Array(bytes.prefix(64 * 1024)))
        return parsed.lines.first.map { $0.number <= (parsed.damaged.first?.line ?? .max) } ?? false
    }

    public func parse(_ bytes: [UInt8], context: ImportContext) -> ImportParse {
        var result = ImportParse()
        let parsed = SetFile.parse(bytes)
        let fallbackSet = context.defaultSet ?? context.baseName
        var damaged = parsed.damaged.makeIterator()
        var nextDamaged = damaged.next()
        for line in parsed.lines {
            // Keep problems in file order.
            while let d = nextDamaged, d.line < line.number {
                result.problem(d.reason, at: "\(context.path):\(d.line)")
                nextDamaged = damaged.next()
            }
            var a = line.annotation
            let location = "\(context.path):\(line.number)"
            var set = fallbackSet
            if let raw = a.extra[JSONLinesExportFormat.setKey] {
                guard case .string(let name)? = (try? JSONTree.parse(raw))?.value else {
                    result.problem("\"set\" must be a string", at: location)
                    continue
                }
                set = name
                var rest = ExtraFields()
                for f in a.extra.fields where f.key != JSONLinesExportFormat.setKey { rest.set(f.key, raw: f.raw) }
                a.extra = rest
            }
            result.candidates.append(ImportCandidate(coding: Coding(set: set, annotation: a), location: location))
        }
        while let d = nextDamaged {
            result.problem(d.reason, at: "\(context.path):\(d.line)")
            nextDamaged = damaged.next()
        }
        return result
    }
}
