/// Reads and writes the set-file lines that are not annotations (``SetRecord``): memos and
/// question renames. They are few, so they are read through the general JSON tree rather than
/// the annotation line's hand-tuned scanner; an annotation line is recognised first, and only a
/// line starting `{"kind"` (or one that fails as an annotation) comes here.
///
/// ```
/// {"kind":"memo","id":"01K…","target":"question:reset-wedge","text":"…","created":"…","modified":"…"}
/// {"kind":"renamed","from":"reset","to":"reset-wedge"}
/// ```
public enum RecordCodec {
    /// Whether a line looks like a record (canonical records start with `{"kind"`).
    static func looksLikeRecord(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        let prefix: StaticString = "{\"kind\""
        guard line.count >= prefix.utf8CodeUnitCount else { return false }
        for k in 0..<prefix.utf8CodeUnitCount where line[k] != prefix.utf8Start[k] { return false }
        return true
    }

    /// Whether a line that is not an annotation names a `kind` at all (then it is reported as
    /// a record, not as an annotation missing its members).
    static func mentionsKind(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        let word = Array("\"kind\"".utf8)
        guard line.count >= word.count else { return false }
        for k in 0...(line.count - word.count) where line[k] == 0x22 {
            var match = true
            for j in 1..<word.count where line[k + j] != word[j] { match = false; break }
            if match { return true }
        }
        return false
    }

    /// Decodes a record line.
    /// - Throws: ``AnnotationCodec/LineError`` naming what is wrong.
    public static func decode(_ line: [UInt8]) throws(AnnotationCodec.LineError) -> SetRecord {
        let node: JSONNode
        do { node = try JSONTree.parse(line) } catch {
            throw AnnotationCodec.LineError(message: error.message, column: error.column)
        }
        guard case .object(let members) = node.value else {
            throw AnnotationCodec.LineError(message: "a record must be a JSON object", column: 1)
        }
        func string(_ key: String) throws(AnnotationCodec.LineError) -> String {
            guard let v = node[key] else { throw AnnotationCodec.LineError(message: "missing \"\(key)\"", column: nil) }
            guard let s = v.string else {
                throw AnnotationCodec.LineError(message: "\"\(key)\": expected a string", column: v.range.lowerBound + 1)
            }
            return s
        }
        let kind = try string("kind")
        switch kind {
        case "memo":
            let targetText = try string("target")
            let target: MemoTarget
            do { target = try MemoTarget(parsing: targetText) } catch {
                throw AnnotationCodec.LineError(message: "\"target\": \"\(targetText)\" is not question:ID, doc:ID, analyst:ID or project", column: node["target"].map { $0.range.lowerBound + 1 })
            }
            var extra = ExtraFields()
            let known: Set<String> = ["kind", "id", "target", "text", "created", "modified"]
            for m in members where !known.contains(m.key) {
                extra.set(m.key, raw: JSONTree.singleLine(Array(line[m.value.range])))
            }
            let created = try string("created")
            return .memo(Memo(id: try string("id"), target: target, text: try string("text"), created: created,
                              modified: node["modified"] == nil ? created : try string("modified"), extra: extra))
        case "renamed":
            var map: [Int: Int] = [:]
            if let m = node["map"] {
                guard case .object(let pairs) = m.value else {
                    throw AnnotationCodec.LineError(message: "\"map\": expected an object of stance: stance", column: m.range.lowerBound + 1)
                }
                for p in pairs {
                    guard let k = Int(p.key), let v = p.value.integer else {
                        throw AnnotationCodec.LineError(message: "\"map\": \"\(p.key)\" must map a whole number to a whole number", column: p.value.range.lowerBound + 1)
                    }
                    map[k] = v
                }
            }
            return .renamed(QuestionRename(from: try string("from"), to: try string("to"), map: map))
        default:
            throw AnnotationCodec.LineError(message: "unknown record kind \"\(kind)\" (written by a newer Parallax?); kept as it is", column: nil)
        }
    }

    /// The canonical line for a record (without the line feed).
    public static func encode(_ record: SetRecord) -> [UInt8] {
        var w = JSONWriter(capacity: 256)
        switch record {
        case .memo(let m):
            w.raw("{\"kind\":\"memo\",\"id\":"); w.string(m.id)
            w.raw(",\"target\":"); w.string(m.target.description)
            w.raw(",\"text\":"); w.string(m.text)
            w.raw(",\"created\":"); w.string(m.created)
            w.raw(",\"modified\":"); w.string(m.modified)
            for (key, raw) in m.extra.fields { w.raw(","); w.string(key); w.raw(":"); w.raw(raw) }
            w.raw("}")
        case .renamed(let r):
            w.raw("{\"kind\":\"renamed\",\"from\":"); w.string(r.from)
            w.raw(",\"to\":"); w.string(r.to)
            if !r.map.isEmpty { w.raw(",\"map\":"); r.encodeMap(into: &w) }
            w.raw("}")
        }
        return w.bytes
    }
}
