#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

        /// The member a key's bytes name (matched as bytes: no string is made).
        @inline(__always)
        init?(_ b: UnsafeBufferPointer<UInt8>) {
            @inline(__always) func eq(_ word: StaticString) -> Bool {
                memcmp(b.baseAddress!, word.utf8Start, b.count) == 0
            }
            switch b.count {
            case 2: if eq("id") { self = .id } else { return nil }
            case 3: if eq("doc") { self = .doc } else if eq("end") { self = .end } else { return nil }
            case 4: if eq("hash") { self = .hash } else if eq("note") { self = .note } else if eq("tags") { self = .tags } else { return nil }
            case 5: if eq("start") { self = .start } else if eq("exact") { self = .exact } else { return nil }
            case 6: if eq("prefix") { self = .prefix } else if eq("suffix") { self = .suffix } else if eq("stance") { self = .stance } else { return nil }
            case 7: if eq("analyst") { self = .analyst } else if eq("created") { self = .created } else { return nil }
            case 8: if eq("question") { self = .question } else if eq("modified") { self = .modified } else { return nil }
            case 10: if eq("confidence") { self = .confidence } else { return nil }
            default: return nil
            }
        }
    }

    private static let keys: [String: Key] = [
        "id": .id, "doc": .doc, "start": .start, "end": .end, "exact": .exact, "prefix": .prefix,
        "suffix": .suffix, "hash": .hash, "question": .question, "analyst": .analyst, "stance": .stance,
        "confidence": .confidence, "tags": .tags, "note": .note, "created": .created, "modified": .modified,
    ]

    private static let names: [String] = {
        var names = [String](repeating: "", count: 16)
        for (name, key) in keys { names[Int(key.rawValue)] = name }
        return names
    }()

    private static let requiredMask: UInt32 = requiredKeys.reduce(0) { $0 | UInt32(1) << keys[$1]!.rawValue }

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
        var none: StringInterner? = nil
        return try decode(buffer, interner: &none)
    }

    /// Decodes one line, sharing the strings that repeat from line to line (document ids,
    /// hashes, questions, analysts, tags) through `interner`.
    static func decode(_ buffer: UnsafeBufferPointer<UInt8>, interner: inout StringInterner?) throws(LineError) -> Annotation {
        do {
            return try decodeScanning(buffer, &interner)
        } catch {
            return try rethrowFailure(error)
        }
    }

    private static func rethrowFailure(_ error: JSONScanner.Failure) throws(LineError) -> Annotation {
        throw LineError(message: error.message, column: error.offset >= 0 ? error.offset + 1 : nil)
    }

    private static func decodeScanning(_ buffer: UnsafeBufferPointer<UInt8>,
                                       _ interner: inout StringInterner?) throws(JSONScanner.Failure) -> Annotation {
        var s = JSONScanner(buffer)
        var id = "", doc = "", exact = "", prefix = "", suffix = "", hash = ""
        var question = "", analyst = "", created = "", modified = "", note = ""
        var start = 0, end = 0, stance = 0
        var confidence: Double?
        var tags: [String] = []
        var extra = ExtraFields()
        var seen: UInt32 = 0
        var extraKeys = Set<String>()
        var createdRange: Range<Int>?

        /// A string value that often repeats: shared through the interner when it has no escapes.
        func shared() throws(JSONScanner.Failure) -> String {
            // Strings of up to 15 bytes live inside the `String` value: nothing to share.
            if interner != nil, let range = s.plainString() {
                if range.count <= 15 { return try s.validated(UnsafeBufferPointer(rebasing: buffer[range]), at: range.lowerBound) }
                if let v = interner!.string(UnsafeBufferPointer(rebasing: buffer[range])) { return v }
                throw JSONScanner.Failure(message: "invalid UTF-8 in a string", offset: range.lowerBound)
            }
            return try s.string()
        }

        try s.expect(0x7B, "'{' (a JSON object)")
        if !s.consume(0x7D) {
            repeat {
                let keyAt = s.position
                let key: Key?
                var unknownName: String?
                if let range = s.plainString(), let k = Key(UnsafeBufferPointer(rebasing: buffer[range])) {
                    key = k
                } else {
                    s.position = keyAt
                    let name = try s.string()
                    key = keys[name]
                    if key == nil { unknownName = name }
                }
                if !s.consume(0x3A) {
                    let name = unknownName ?? names[Int(key!.rawValue)]
                    try s.expect(0x3A, "':' after \"\(name)\"")
                }
                if let key {
                    let bit = UInt32(1) << key.rawValue
                    if seen & bit != 0 {
                        s.position = keyAt; throw s.fail("member \"\(names[Int(key.rawValue)])\" appears twice")
                    }
                    seen |= bit
                    let valueAt = s.position
                    do {
                        switch key {
                        case .id: id = try s.string()
                        case .doc: doc = try shared()
                        case .start: start = try s.integer()
                        case .end: end = try s.integer()
                        case .exact: exact = try s.string()
                        case .prefix: prefix = try s.string()
                        case .suffix: suffix = try s.string()
                        case .hash: hash = try shared()
                        case .question: question = try shared()
                        case .analyst: analyst = try shared()
                        case .stance: stance = try s.integer()
                        case .confidence: confidence = s.consumeNull() ? nil : try s.double()
                        case .tags:
                            try s.expect(0x5B, "'['")
                            if !s.consume(0x5D) {
                                repeat { tags.append(try shared()) } while s.consume(0x2C)
                                try s.expect(0x5D, "',' or ']'")
                            }
                        case .note: note = try s.string()
                        case .created:
                            s.skipWhitespace()
                            let before = s.position
                            created = try s.string()
                            createdRange = before..<s.position
                        case .modified:
                            // Usually the same bytes as `created`: share its string.
                            s.skipWhitespace()
                            if let c = createdRange, s.consumeRepeat(of: c) {
                                modified = created
                            } else {
                                modified = try s.string()
                            }
                        }
                    } catch {
                        var e = error
                        e.message = "\"\(names[Int(key.rawValue)])\": " + e.message
                        if e.offset < valueAt { e.offset = valueAt }
                        throw e
                    }
                } else {
                    let name = unknownName!
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
        if seen & requiredMask != requiredMask {
            let missing = requiredKeys.filter { seen & (UInt32(1) << keys[$0]!.rawValue) == 0 }
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

    /// Appends the canonical line with one more member (`key`, raw JSON `value`) among the
    /// unknown ones, as if it were set in ``Annotation/extra`` (replacing one of that name),
    /// and a line feed: the exported JSON Lines record, without copying the annotation.
    static func append(_ a: Annotation, member key: String, value: [UInt8], to buffer: inout [UInt8]) {
        var w = JSONWriter(capacity: 0)
        swap(&w.bytes, &buffer)
        encode(a, into: &w, member: (key, value))
        w.bytes.append(0x0A)
        swap(&w.bytes, &buffer)
    }

    private static func encode(_ a: Annotation, into w: inout JSONWriter, member: (key: String, value: [UInt8])? = nil) {
        // Each key with its punctuation is one constant: fewer appends than key by key.
        w.raw("{\"id\":"); w.string(a.id)
        w.raw(",\"doc\":"); w.string(a.target.doc)
        w.raw(",\"start\":"); w.integer(a.target.start)
        w.raw(",\"end\":"); w.integer(a.target.end)
        w.raw(",\"exact\":"); w.string(a.target.exact)
        w.raw(",\"prefix\":"); w.string(a.target.prefix)
        w.raw(",\"suffix\":"); w.string(a.target.suffix)
        w.raw(",\"hash\":"); w.string(a.target.hash)
        w.raw(",\"question\":"); w.string(a.question)
        w.raw(",\"analyst\":"); w.string(a.analyst)
        w.raw(",\"stance\":"); w.integer(a.stance)
        if let c = a.confidence { w.raw(",\"confidence\":"); w.double(c) }
        if !a.tags.isEmpty {
            w.raw(",\"tags\":[")
            for (i, t) in a.tags.enumerated() { if i > 0 { w.raw(",") }; w.string(t) }
            w.raw("]")
        }
        if !a.note.isEmpty { w.raw(",\"note\":"); w.string(a.note) }
        w.raw(",\"created\":"); w.string(a.created)
        w.raw(",\"modified\":"); w.string(a.modified)
        if let member {
            // In key order among the unknown members, replacing one of the same name.
            var pending = true
            for (key, raw) in a.extra.fields {
                if pending && !key.utf8.lexicographicallyPrecedes(member.key.utf8) {
                    w.raw(","); w.string(member.key); w.raw(":"); w.raw(member.value)
                    pending = false
                }
                if key == member.key { continue }
                w.raw(","); w.string(key); w.raw(":"); w.raw(raw)
            }
            if pending { w.raw(","); w.string(member.key); w.raw(":"); w.raw(member.value) }
        } else {
            for (key, raw) in a.extra.fields {
                w.raw(","); w.string(key); w.raw(":"); w.raw(raw)
            }
        }
        w.raw("}")
    }
}
