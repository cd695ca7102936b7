/// Reads and writes the native annotation line: one JSON object per line, members in a fixed
/// order, unknown members after them sorted by key with their bytes untouched.
///
/// ```
/// {"id":"01JD…","doc":"brookings","start":10,"end":42,"exact":"…","prefix":"…","suffix":"…",
///  "hash":"…","question":"reset-wedge","analyst":"stent","stance":-2,"confidence":0.9,
///  "tags":["evidence"],"note":"…","created":"2026-11-23T16:00:00Z","modified":"…"}
/// ```
/// `confidence`, `tags` and `note` are left out when absent or empty. The writer produces the
/// same bytes as Python's `json.dumps(record, ensure_ascii=False, separators=(",", ":"))`
/// with keys in this order, so saving an unchanged set rewrites identical bytes.
public enum AnnotationCodec {
    /// Why a line could not be read, with the 1-based column (in bytes) where it went wrong.
    public struct LineError: Error, Equatable, Sendable {
        /// What is wrong.
        public var message: String
        /// 1-based byte column, or `nil` when the whole line is at fault.
        public var column: Int?
        /// Creates a line error.
        public init(message: String, column: Int?) { self.message = message; self.column = column }
    }

    /// The members every line must have.
    public static let requiredKeys = ["id", "doc", "start", "end", "exact", "prefix", "suffix", "hash",
                                      "question", "analyst", "stance", "created", "modified"]

    private enum Key: UInt8 {
        case id, doc, start, end, exact, prefix, suffix, hash, question, analyst, stance,
             confidence, tags, note, created, modified
    }

    private static let keys: [String: Key] = [
        "id": .id, "doc": .doc, "start": .start, "end": .end, "exact": .exact, "prefix": .prefix,
        "suffix": .suffix, "hash": .hash, "question": .question, "analyst": .analyst, "stance": .stance,
        "confidence": .confidence, "tags": .tags, "note": .note, "created": .created, "modified": .modified,
    ]

    /// Decodes one line (without its line terminator).
    /// - Throws: ``LineError`` naming the member and column at fault.
    public static func decode(_ line: [UInt8]) throws(LineError) -> Annotation {
        let result: Result<Annotation, LineError> = line.withUnsafeBufferPointer { buffer in
            do throws(LineError) { return .success(try decode(buffer)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// Decodes one line from a buffer (without its line terminator).
    public static func decode(_ buffer: UnsafeBufferPointer<UInt8>) throws(LineError) -> Annotation {
        do {
            return try decodeScanning(buffer)
        } catch {
            return try rethrowFailure(error)
        }
    }

    private static func rethrowFailure(_ error: JSONScanner.Failure) throws(LineError) -> Annotation {
        throw LineError(message: error.message, column: error.offset >= 0 ? error.offset + 1 : nil)
    }

    private static func decodeScanning(_ buffer: UnsafeBufferPointer<UInt8>) throws(JSONScanner.Failure) -> Annotation {
        var s = JSONScanner(buffer)
        var id = "", doc = "", exact = "", prefix = "", suffix = "", hash = ""
        var question = "", analyst = "", created = "", modified = "", note = ""
        var start = 0, end = 0, stance = 0
        var confidence: Double?
        var tags: [String] = []
        var extra = ExtraFields()
        var seen: UInt32 = 0
        var extraKeys = Set<String>()

        try s.expect(0x7B, "'{' (a JSON object)")
        if !s.consume(0x7D) {
            repeat {
                let keyAt = s.position
                let name = try s.string()
                try s.expect(0x3A, "':' after \"\(name)\"")
                if let key = keys[name] {
                    let bit = UInt32(1) << key.rawValue
                    if seen & bit != 0 { s.position = keyAt; throw s.fail("member \"\(name)\" appears twice") }
                    seen |= bit
                    let valueAt = s.position
                    do {
                        switch key {
                        case .id: id = try s.string()
                        case .doc: doc = try s.string()
                        case .start: start = try s.integer()
                        case .end: end = try s.integer()
                        case .exact: exact = try s.string()
                        case .prefix: prefix = try s.string()
                        case .suffix: suffix = try s.string()
                        case .hash: hash = try s.string()
                        case .question: question = try s.string()
                        case .analyst: analyst = try s.string()
                        case .stance: stance = try s.integer()
                        case .confidence: confidence = s.consumeNull() ? nil : try s.double()
                        case .tags:
                            try s.expect(0x5B, "'['")
                            if !s.consume(0x5D) {
                                repeat { tags.append(try s.string()) } while s.consume(0x2C)
                                try s.expect(0x5D, "',' or ']'")
                            }
                        case .note: note = try s.string()
                        case .created: created = try s.string()
                        case .modified: modified = try s.string()
                        }
                    } catch {
                        var e = error
                        e.message = "\"\(name)\": " + e.message
                        if e.offset < valueAt { e.offset = valueAt }
                        throw e
                    }
                } else {
                    guard extraKeys.insert(name).inserted else {
                        s.position = keyAt; throw s.fail("member \"\(name)\" appears twice")
                    }
                    s.skipWhitespace()
                    let range = try s.skipValue()
                    extra.set(name, raw: Array(buffer[range]))
                }
            } while s.consume(0x2C)
            try s.expect(0x7D, "',' or '}'")
        }
        s.skipWhitespace()
        if !s.atEnd { throw s.fail("unexpected text after the object") }
        let missing = requiredKeys.filter { seen & (UInt32(1) << keys[$0]!.rawValue) == 0 }
        if !missing.isEmpty {
            throw JSONScanner.Failure(message: "missing " + missing.map { "\"\($0)\"" }.joined(separator: ", "), offset: -1)
        }
        return Annotation(id: id, target: TextTarget(doc: doc, start: start, end: end, exact: exact,
                                                     prefix: prefix, suffix: suffix, hash: hash),
                          question: question, analyst: analyst, stance: stance, confidence: confidence,
                          tags: tags, note: note, created: created, modified: modified, extra: extra)
    }

    /// The canonical line for an annotation (without the line feed).
    public static func encode(_ a: Annotation) -> [UInt8] {
        var w = JSONWriter(capacity: 256 + a.target.exact.utf8.count + a.note.utf8.count)
        encode(a, into: &w)
        return w.bytes
    }

    /// Appends the canonical line and a line feed to a buffer.
    public static func append(_ a: Annotation, to buffer: inout [UInt8]) {
        var w = JSONWriter(capacity: 0)
        swap(&w.bytes, &buffer)
        encode(a, into: &w)
        w.bytes.append(0x0A)
        swap(&w.bytes, &buffer)
    }

    private static func encode(_ a: Annotation, into w: inout JSONWriter) {
        w.raw("{")
        w.key("id", first: true); w.string(a.id)
        w.key("doc"); w.string(a.target.doc)
        w.key("start"); w.integer(a.target.start)
        w.key("end"); w.integer(a.target.end)
        w.key("exact"); w.string(a.target.exact)
        w.key("prefix"); w.string(a.target.prefix)
        w.key("suffix"); w.string(a.target.suffix)
        w.key("hash"); w.string(a.target.hash)
        w.key("question"); w.string(a.question)
        w.key("analyst"); w.string(a.analyst)
        w.key("stance"); w.integer(a.stance)
        if let c = a.confidence { w.key("confidence"); w.double(c) }
        if !a.tags.isEmpty {
            w.key("tags"); w.raw("[")
            for (i, t) in a.tags.enumerated() { if i > 0 { w.raw(",") }; w.string(t) }
            w.raw("]")
        }
        if !a.note.isEmpty { w.key("note"); w.string(a.note) }
        w.key("created"); w.string(a.created)
        w.key("modified"); w.string(a.modified)
        for (key, raw) in a.extra.fields {
            w.raw(","); w.string(key); w.raw(":"); w.raw(raw)
        }
        w.raw("}")
    }
}
