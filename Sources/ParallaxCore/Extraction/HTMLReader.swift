import CParallaxLibxml2

/// Reads web pages through libxml2's HTML parser, which recovers from broken markup as
/// browsers do and decodes every entity.
///
/// Only the main content is kept: `<main>` (or `role="main"`), else the page's one
/// `<article>`, else the body; inside it, scripts, styles, navigation, headers, footers,
/// asides, forms and anything marked as a cookie or consent banner, a share bar or hidden
/// are dropped. Headings, paragraphs, list items, table rows (cells separated by a tab) and
/// block quotes each become a paragraph; `<br>` ends one. Metadata comes from the usual
/// `<meta>` tags, scholarly ones (`citation_*`) first, then Open Graph and `article:*`,
/// Dublin Core and `author`, then `<title>` without the site's name after a `|`.
public enum HTMLReader {
    /// The reader's name and the libxml2 it runs on, as the manifest records it.
    public static let version = "parallax-html 1, libxml2 \(LIBXML_DOTTED_VERSION)"

    /// Reads a web page.
    /// - Parameters:
    ///   - bytes: The file's bytes.
    ///   - name: The file's name, for messages.
    /// - Throws: ``ParallaxError`` when the page holds no readable text.
    public static func read(_ bytes: [UInt8], name: String) throws -> ExtractedDocument {
        let lib = try Libxml2Library.api(reading: name)
        let encoding = self.encoding(of: bytes, lib)
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue)
        let parsed: htmlDocPtr? = bytes.withUnsafeBufferPointer { b in
            b.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(1, b.count)) { p in
                lib.htmlReadMemory(p, Int32(clamping: b.count), nil, encoding.name, options)
            }
        }
        guard let doc = parsed, let root = lib.xmlDocGetRootElement(doc) else {
            throw ParallaxError(.invalidData, "not an HTML page (libxml2 found no elements)", at: name,
                                hint: "check that this is the file you meant")
        }
        defer { lib.xmlFreeDoc(doc) }
        var page = HTMLPage()
        page.scanHead(root, depth: 0)
        let content = page.mainContent(root)
        var collector = HTMLTextCollector()
        collector.walk(content, depth: 0, pre: false)
        collector.endParagraph()
        guard !collector.paragraphs.isEmpty else {
            throw ParallaxError(.invalidData, "the page has no text outside navigation, headers, footers and scripts", at: name,
                                hint: "save the article's own page (not an index or a page built by scripts), or paste its text into a .txt file")
        }
        var notes: [String] = []
        if let named = encoding.named { notes.append("decoded from \(named)") }
        return ExtractedDocument(text: ExtractedDocument.joined(collector.paragraphs), paragraphs: .blankLines,
                                 metadata: page.metadata(), format: .html, encoding: encoding.named, notes: notes,
                                 extractor: version)
    }

    /// The encoding to parse with (`name`, passed to libxml2) and the one to report
    /// (`named`, when it is not UTF-8): a byte-order mark, else the page's declared charset,
    /// else UTF-8 when the bytes are UTF-8, else Windows-1252 (what browsers assume).
    static func encoding(of bytes: [UInt8], _ lib: parallax_xml_api) -> (name: String, named: String?) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return ("UTF-8", nil) }
        if bytes.starts(with: [0xFF, 0xFE]) { return ("UTF-16LE", "UTF-16LE") }
        if bytes.starts(with: [0xFE, 0xFF]) { return ("UTF-16BE", "UTF-16BE") }
        let head = String(decoding: bytes.prefix(4096).map { $0 < 0x80 ? $0 : 0x20 }, as: UTF8.self).lowercased()
        if let range = head.range(of: "charset=") {
            let value = head[range.upperBound...].drop { $0 == "\"" || $0 == "'" || $0 == " " }
                .prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
            let declared = String(value)
            if !declared.isEmpty, withUnsafePointer(to: lib, { parallax_xml_knows_encoding($0, declared) }) != 0 {
                let utf8 = declared == "utf-8" || declared == "utf8"
                // A page that says UTF-8 but is not is read as browsers read it.
                if utf8, ScalarText.firstInvalidUTF8(bytes) != nil { return ("windows-1252", "Windows-1252") }
                if utf8 { return ("UTF-8", nil) }
                // Browsers read a declared Latin-1 as Windows-1252, which is a superset.
                if ["iso-8859-1", "latin1", "us-ascii", "ascii"].contains(declared) { return ("windows-1252", "Windows-1252") }
                return (declared, declared.uppercased())
            }
        }
        if ScalarText.firstInvalidUTF8(bytes) == nil { return ("UTF-8", nil) }
        return ("windows-1252", "Windows-1252")
    }

    // MARK: Tree helpers

    static func name(_ node: xmlNodePtr) -> String {
        node.pointee.name.map { String(cString: $0) } ?? ""
    }

    static func attribute(_ node: xmlNodePtr, _ key: String) -> String? {
        let lib = Libxml2Library.opened
        guard let value = lib.xmlGetProp(node, key) else { return nil }
        defer { lib.xml_free(value) }
        return String(cString: value)
    }

    /// The node's children in document order.
    static func children(_ node: xmlNodePtr) -> [xmlNodePtr] {
        var out: [xmlNodePtr] = []
        var child = node.pointee.children
        while let c = child { out.append(c); child = c.pointee.next }
        return out
    }

    static func isElement(_ node: xmlNodePtr) -> Bool { node.pointee.type == XML_ELEMENT_NODE }

    /// Every text inside a node, concatenated.
    static func text(_ node: xmlNodePtr) -> String {
        let lib = Libxml2Library.opened
        guard let content = lib.xmlNodeGetContent(node) else { return "" }
        defer { lib.xml_free(content) }
        return String(cString: content)
    }
}
