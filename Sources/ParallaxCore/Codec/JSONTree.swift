/// A whole JSON document read into a tree whose nodes remember the range of bytes they came
/// from, so an importer can keep a value's exact bytes (unknown fields) and say where a
/// problem is. Built on ``JSONScanner``: the same strict grammar as the annotation lines.
struct JSONNode: Sendable {
    /// A node's value.
    enum Value: Sendable {
        case null
        case bool(Bool)
        /// The number's text as written (`-1`, `0.75`, `1e-3`).
        case number(String)
        case string(String)
        case array([JSONNode])
        /// Members in document order.
        case object([(key: String, value: JSONNode)])
    }

    var value: Value
    /// The bytes of the value in the document.
    var range: Range<Int>

    /// The member with this key, if this is an object that has it.
    subscript(key: String) -> JSONNode? {
        if case .object(let members) = value { return members.first { $0.key == key }?.value }
        return nil
    }

    var string: String? { if case .string(let s) = value { return s }; return nil }

    /// An integer value written without fraction or exponent.
    var integer: Int? {
        if case .number(let text) = value { return Int(text) }
        return nil
    }

    /// A finite number.
    var double: Double? {
        if case .number(let text) = value, let d = Double(text), d.isFinite { return d }
        return nil
    }

    var array: [JSONNode]? { if case .array(let a) = value { return a }; return nil }

    var members: [(key: String, value: JSONNode)]? {
        if case .object(let m) = value { return m }
        return nil
    }

    var isNull: Bool { if case .null = value { return true }; return false }

    /// A JSON-LD value that may be written as one item or as an array of items.
    var items: [JSONNode] { array ?? [self] }

    /// What kind of value this is, for messages (`a string`, `an object`).
    var kind: String {
        switch value {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

enum JSONTree {
    /// A parse failure with its 1-based line and column (in bytes).
    struct Failure: Error, Sendable {
        var message: String
        var line: Int
        var column: Int
    }

    /// Reads one JSON document (a UTF-8 byte-order mark is skipped).
    /// - Throws: ``Failure`` at the first syntax error.
    static func parse(_ bytes: [UInt8]) throws(Failure) -> JSONNode {
        let result: Result<JSONNode, JSONScanner.Failure> = bytes.withUnsafeBufferPointer { buffer in
            var s = JSONScanner(buffer)
            if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { s.position = 3 }
            do throws(JSONScanner.Failure) {
                let node = try value(&s, depth: 0)
                s.skipWhitespace()
                if !s.atEnd { throw s.fail("unexpected text after the JSON value") }
                return .success(node)
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let node): return node
        case .failure(let error):
            let (line, column) = position(of: max(0, error.offset), in: bytes)
            throw Failure(message: error.message, line: line, column: column)
        }
    }

    /// A JSON value's bytes with every line break outside strings removed, so a value taken
    /// from a pretty-printed document can stand inside one annotation line. Nothing else
    /// changes: spaces, number spellings and escapes keep their bytes. (JSON never needs a
    /// line break between two tokens.)
    static func singleLine(_ raw: [UInt8]) -> [UInt8] {
        guard raw.contains(where: { $0 == 0x0A || $0 == 0x0D }) else { return raw }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var inString = false, escaped = false
        for b in raw {
            if inString {
                if escaped { escaped = false } else if b == 0x5C { escaped = true } else if b == 0x22 { inString = false }
            } else if b == 0x22 {
                inString = true
            } else if b == 0x0A || b == 0x0D {
                continue
            }
            out.append(b)
        }
        return out
    }

    /// 1-based line and byte column of a byte offset.
    static func position(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1, lineStart = 0
        for i in 0..<min(offset, bytes.count) where bytes[i] == 0x0A { line += 1; lineStart = i + 1 }
        return (line, offset - lineStart + 1)
    }

    private static func value(_ s: inout JSONScanner, depth: Int) throws(JSONScanner.Failure) -> JSONNode {
        guard depth < 128 else { throw s.fail("nesting deeper than 128 levels") }
        s.skipWhitespace()
        let start = s.position
        guard let b = s.peek else { throw s.fail("the document ends early: expected a value") }
        let v: JSONNode.Value
        switch b {
        case 0x22:
            v = .string(try s.string())
        case 0x7B:
            s.position += 1
            var members: [(key: String, value: JSONNode)] = []
            var keys = Set<String>()
            if !s.consume(0x7D) {
                repeat {
                    s.skipWhitespace()
                    let keyAt = s.position
                    let key = try s.string()
                    guard keys.insert(key).inserted else {
                        s.position = keyAt
                        throw s.fail("member \"\(key)\" appears twice")
                    }
                    try s.expect(0x3A, "':' after \"\(key)\"")
                    members.append((key, try value(&s, depth: depth + 1)))
                } while s.consume(0x2C)
                try s.expect(0x7D, "',' or '}'")
            }
            v = .object(members)
        case 0x5B:
            s.position += 1
            var items: [JSONNode] = []
            if !s.consume(0x5D) {
                repeat { items.append(try value(&s, depth: depth + 1)) } while s.consume(0x2C)
                try s.expect(0x5D, "',' or ']'")
            }
            v = .array(items)
        case 0x74: try s.literal("true"); v = .bool(true)
        case 0x66: try s.literal("false"); v = .bool(false)
        case 0x6E: try s.literal("null"); v = .null
        default:
            let n = try s.number()
            v = .number(String(decoding: UnsafeBufferPointer(rebasing: s.bytes[n.range]), as: UTF8.self))
        }
        return JSONNode(value: v, range: start..<s.position)
    }
}
