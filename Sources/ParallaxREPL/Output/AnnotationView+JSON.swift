import ParallaxCore

extension AnnotationView {
    /// Appends the view as one element of a top-level array the way ``Session/printJSON(_:)``
    /// writes it (Foundation's `JSONEncoder`, pretty printed, sorted keys, slashes unescaped),
    /// byte for byte, without going through `Encodable`: `list --json` streams 100,000 of
    /// them at the speed of `export jsonl`.
    package func appendJSON(to out: inout [UInt8]) {
        AnnotationView.append(analyst: analyst, confidence: confidence, created: created, doc: doc, end: end, exact: exact,
                              hash: hash, id: id, modified: modified, note: note, paragraph: paragraph, prefix: prefix,
                              question: question, set: set, stance: stance, start: start, status: status, suffix: suffix,
                              tags: tags, to: &out)
    }

    /// Appends the JSON of the view of an annotation without making the view.
    package static func appendJSON(_ a: Annotation, set: String, paragraph: Int?, status: String, to out: inout [UInt8]) {
        append(analyst: a.analyst, confidence: a.confidence, created: a.created, doc: a.target.doc, end: a.target.end,
               exact: a.target.exact, hash: a.target.hash, id: a.id, modified: a.modified, note: a.note, paragraph: paragraph,
               prefix: a.target.prefix, question: a.question, set: set, stance: a.stance, start: a.target.start,
               status: status, suffix: a.target.suffix, tags: a.tags, to: &out)
    }

    // The members in sorted key order, as the encoder writes them.
    private static func append(analyst: String, confidence: Double?, created: String, doc: String, end: Int, exact: String,
                               hash: String, id: String, modified: String, note: String, paragraph: Int?, prefix: String,
                               question: String, set: String, stance: Int, start: Int, status: String, suffix: String,
                               tags: [String], to out: inout [UInt8]) {
        var w = PrettyJSON(out: out)
        out = []
        w.open()
        w.key("analyst"); w.string(analyst)
        if let confidence { w.key("confidence"); w.double(confidence) }
        w.key("created"); w.string(created)
        w.key("doc"); w.string(doc)
        w.key("end"); w.integer(end)
        w.key("exact"); w.string(exact)
        w.key("hash"); w.string(hash)
        w.key("id"); w.string(id)
        w.key("modified"); w.string(modified)
        w.key("note"); w.string(note)
        if let paragraph { w.key("paragraph"); w.integer(paragraph) }
        w.key("prefix"); w.string(prefix)
        w.key("question"); w.string(question)
        w.key("set"); w.string(set)
        w.key("stance"); w.integer(stance)
        w.key("start"); w.integer(start)
        w.key("status"); w.string(status)
        w.key("suffix"); w.string(suffix)
        w.key("tags")
        w.tags(tags)
        w.close()
        out = w.out
    }

    /// Writes views as ``Session/printJSON(_:)`` writes the array of them, in pieces.
    package static func writeJSON(_ views: [AnnotationView], to write: (String) -> Void) {
        writeJSON(count: views.count, to: { write(String(decoding: $0, as: UTF8.self)) }) { i, out in views[i].appendJSON(to: &out) }
    }

    /// Writes `count` elements as ``Session/printJSON(_:)`` writes an array of views, each
    /// appended by `element` on one of the cores, in pieces of whole UTF-8 text handed to
    /// `write` as they are (no string made of them).
    package static func writeJSON(count: Int, to write: (UnsafeRawBufferPointer) -> Void, element: (Int, inout [UInt8]) -> Void) {
        func text(_ s: StaticString) { write(UnsafeRawBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount)) }
        guard count > 0 else { text("[\n\n]\n"); return }
        text("[\n")
        BatchEncoder.run(count: count, encode: { i, out in
            if i > 0 { out.append(0x2C); out.append(0x0A) }
            element(i, &out)
        }, write: write)
        text("\n]\n")
    }
}

/// Foundation's pretty-printed JSON for an object at depth 1 of an array: two spaces of
/// indent per level, `"key" : value`, members sorted by the caller.
private struct PrettyJSON {
    var out: [UInt8]
    private var first = true

    init(out: [UInt8]) { self.out = out }

    mutating func raw(_ s: StaticString) {
        out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    mutating func open() { raw("  {\n") }
    mutating func close() { raw("\n  }") }

    mutating func key(_ k: StaticString) {
        if first { first = false } else { raw(",\n") }
        raw("    \"")
        raw(k)
        raw("\" : ")
    }

    mutating func integer(_ v: Int) { out.append(contentsOf: String(v).utf8) }

    mutating func double(_ v: Double) {
        // Foundation writes a whole number without its fraction (1.0 as 1).
        if v.rounded() == v, abs(v) < 1e15 { out.append(contentsOf: String(Int(v)).utf8) } else { out.append(contentsOf: v.description.utf8) }
    }

    mutating func tags(_ tags: [String]) {
        guard !tags.isEmpty else { raw("[\n\n    ]"); return }
        raw("[\n")
        for (k, t) in tags.enumerated() {
            if k > 0 { raw(",\n") }
            raw("      ")
            string(t)
        }
        raw("\n    ]")
    }

    mutating func string(_ s: String) { JSONWriter.appendString(s, to: &out) }
}
