extension CorpusManifest {
    /// The manifest as diffable JSON in the shipped file's layout: one document per block
    /// with a fixed key order, one analyst per line, non-ASCII written as UTF-8. Encoding the
    /// shipped manifest gives its bytes back.
    public func encoded() -> [UInt8] {
        var w = JSONWriter(capacity: 4096)
        func str(_ s: String) -> [UInt8] { var x = JSONWriter(capacity: s.utf8.count + 2); x.string(s); return x.bytes }
        func list(_ items: [String]) -> [UInt8] {
            Array("[".utf8) + items.map(str).joined(separator: Array(", ".utf8)) + Array("]".utf8)
        }
        func line(_ indent: Int, _ key: String, _ value: [UInt8], last: Bool = false) {
            w.raw(Array(String(repeating: " ", count: indent).utf8) + str(key) + Array(": ".utf8) + value + Array((last ? "\n" : ",\n").utf8))
        }
        func source(_ s: DocumentSource) -> [UInt8] {
            var parts: [[UInt8]] = [str("file") + Array(": ".utf8) + str(s.file), str("name") + Array(": ".utf8) + str(s.name),
                                    str("format") + Array(": ".utf8) + str(s.format), str("sha256") + Array(": ".utf8) + str(s.sha256),
                                    str("extractor") + Array(": ".utf8) + str(s.extractor)]
            if let e = s.encoding { parts.append(str("encoding") + Array(": ".utf8) + str(e)) }
            parts.append(str("added") + Array(": ".utf8) + str(s.added))
            return Array("{ ".utf8) + parts.joined(separator: Array(", ".utf8)) + Array(" }".utf8)
        }
        w.raw("{\n  \"documents\": [\n")
        for (i, d) in documents.enumerated() {
            w.raw("    {\n")
            line(6, "id", str(d.id))
            line(6, "file", str(d.file))
            line(6, "title", str(d.title))
            line(6, "publisher", str(d.publisher))
            line(6, "date", str(d.date))
            line(6, "authors", list(d.authors))
            line(6, "voice", d.voice.map(str) ?? Array("null".utf8))
            var seg = Array("{ ".utf8) + str("paragraphs") + Array(": ".utf8) + str(d.segmentation.paragraphs.rawValue)
            if let t = d.segmentation.turns {
                seg += Array(", ".utf8) + str("turns") + Array(": { ".utf8) + str("endMarkers") + Array(": ".utf8) + list(t.endMarkers) + Array(" }".utf8)
            }
            seg += Array(" }".utf8)
            let hasMore = d.source != nil || !(d.versions ?? []).isEmpty
            line(6, "segmentation", seg, last: !hasMore)
            if let s = d.source { line(6, "source", source(s), last: (d.versions ?? []).isEmpty) }
            if let versions = d.versions, !versions.isEmpty {
                w.raw("      \"versions\": [\n")
                for (k, v) in versions.enumerated() {
                    var parts: [[UInt8]] = [str("file") + Array(": ".utf8) + str(v.file), str("sha256") + Array(": ".utf8) + str(v.sha256)]
                    if let s = v.source { parts.append(str("source") + Array(": ".utf8) + source(s)) }
                    parts.append(str("replaced") + Array(": ".utf8) + str(v.replaced))
                    if let anchors = v.anchors, !anchors.isEmpty {
                        let items = anchors.map { Array("[".utf8) + str($0.id) + Array(", \($0.start), \($0.end)]".utf8) }
                        parts.append(str("anchors") + Array(": [".utf8) + items.joined(separator: Array(", ".utf8)) + Array("]".utf8))
                    }
                    w.raw(Array("        { ".utf8) + parts.joined(separator: Array(", ".utf8)) + Array((k == versions.count - 1 ? " }\n" : " },\n").utf8))
                }
                w.raw("      ]\n")
            }
            w.raw(i == documents.count - 1 ? "    }\n" : "    },\n")
        }
        w.raw("  ],\n  \"analysts\": [\n")
        for (i, a) in analysts.enumerated() {
            var parts: [[UInt8]] = [str("id") + Array(": ".utf8) + str(a.id), str("name") + Array(": ".utf8) + str(a.name),
                                    str("aliases") + Array(": ".utf8) + list(a.aliases), str("affiliation") + Array(": ".utf8) + str(a.affiliation)]
            if !a.labels.isEmpty { parts.append(str("labels") + Array(": ".utf8) + list(a.labels)) }
            if !a.compared { parts.append(str("compared") + Array(": false".utf8)) }
            w.raw(Array("    { ".utf8) + parts.joined(separator: Array(", ".utf8)) + Array((i == analysts.count - 1 ? " }\n" : " },\n").utf8))
        }
        w.raw("  ]\n}\n")
        return w.bytes
    }
}
