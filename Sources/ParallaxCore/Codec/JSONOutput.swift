/// A JSON value to be written, members in the order given: exports build one and print it
/// indented, so the output is diffable and identical from one run to the next.
indirect enum JSONOutput: Sendable {
    case string(String)
    case integer(Int)
    case double(Double)
    case bool(Bool)
    case array([JSONOutput])
    case object([(String, JSONOutput)])
    /// A value's exact bytes (an unknown field kept verbatim); must be valid JSON.
    case raw([UInt8])

    /// Writes the value with two-space indentation; strings as ``JSONWriter`` writes them.
    /// - Parameters:
    ///   - indent: The indentation of the line the value starts on.
    func write(into w: inout JSONWriter, indent: Int = 0) {
        switch self {
        case .string(let s): w.string(s)
        case .integer(let i): w.integer(i)
        case .double(let d): w.double(d)
        case .bool(let b): w.raw(b ? "true" : "false")
        case .raw(let bytes): w.raw(bytes)
        case .array(let items):
            if items.isEmpty { w.raw("[]"); return }
            w.raw("[")
            for (i, item) in items.enumerated() {
                if i > 0 { w.raw(",") }
                JSONOutput.newline(&w, indent + 1)
                item.write(into: &w, indent: indent + 1)
            }
            JSONOutput.newline(&w, indent)
            w.raw("]")
        case .object(let members):
            if members.isEmpty { w.raw("{}"); return }
            w.raw("{")
            for (i, (key, value)) in members.enumerated() {
                if i > 0 { w.raw(",") }
                JSONOutput.newline(&w, indent + 1)
                w.string(key)
                w.raw(": ")
                value.write(into: &w, indent: indent + 1)
            }
            JSONOutput.newline(&w, indent)
            w.raw("}")
        }
    }

    private static func newline(_ w: inout JSONWriter, _ indent: Int) {
        w.bytes.append(0x0A)
        w.bytes.append(contentsOf: repeatElement(0x20, count: indent * 2))
    }

    /// The value as indented text.
    func text(indent: Int = 0) -> String {
        var w = JSONWriter(capacity: 1024)
        write(into: &w, indent: indent)
        return String(decoding: w.bytes, as: UTF8.self)
    }
}
