/// The native format: one canonical annotation line per coding (``AnnotationCodec``), with the
/// set it belongs to recorded in one more member, `"set"`.
///
/// ```
/// {"id":"01M8…","doc":"brookings",…,"modified":"2026-11-23T15:40:51Z","set":"alice"}
/// ```
///
/// Why a member and not one file per set: a text format writes one stream, and a review file
/// usually holds several coders. The member is written the way the line codec writes any
/// member it does not know (after the known ones, sorted by key among the unknown ones), so
/// every exported line is still a valid native line: the file can be dropped into
/// `Annotations/` as a set file and loads as is (the store keeps `"set"` as an unknown field).
///
/// `"set"` is reserved in exported lines. An annotation that already carries an unknown field
/// named `set` (which only a copied export can give it) has it replaced by the coding's set;
/// every other unknown field is written byte for byte. Lines are sorted by set, then id.
///
/// The import (``JSONLinesImportFormat``) is symmetrical: it takes the set from `"set"` and
/// removes the member, and reads a plain set file (no `"set"` members) as one set named after
/// the file.
public struct JSONLinesExportFormat: TextExportFormat {
    /// The member that records the set.
    public static let setKey = "set"

    /// Creates the format.
    public init() {}

    public var name: String { "jsonl" }
    public var summary: String { "JSON Lines: the native annotation lines, each with its \"set\"" }
    public var fileExtension: String? { "jsonl" }

    public func write(_ input: ExportInput, to stream: inout some TextOutputStream) {
        for coding in input.ordered {
            stream.write(String(decoding: JSONLinesExportFormat.line(coding), as: UTF8.self))
            stream.write("\n")
        }
    }

    /// Writes the file in pieces, lines encoded on every core straight into bytes: the same
    /// bytes as ``write(_:to:)``.
    public func export(_ input: ExportInput, to sink: inout some ExportSink) throws {
        let codings = input.ordered
        try sink.write(to: "") { write in
            var names: [String: [UInt8]] = [:]
            for c in codings where names[c.set] == nil {
                var w = JSONWriter(capacity: c.set.utf8.count + 2)
                w.string(c.set)
                names[c.set] = w.bytes
            }
            try BatchEncoder.run(count: codings.count, encode: { i, out in
                let c = codings[i]
                AnnotationCodec.append(c.annotation, member: JSONLinesExportFormat.setKey, value: names[c.set]!, to: &out)
            }, write: write)
        }
    }

    /// The exported line for a coding (without the line feed).
    static func line(_ coding: Coding) -> [UInt8] {
        var a = coding.annotation
        var name = JSONWriter(capacity: coding.set.utf8.count + 2)
        name.string(coding.set)
        a.extra.set(setKey, raw: name.bytes)
        return AnnotationCodec.encode(a)
    }
}
