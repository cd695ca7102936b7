import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads XML with Foundation's `XMLParser` (libxml2 underneath): entities and character
/// references resolved, external entities never loaded.
enum XMLTree {
    /// A syntax error and where it is.
    struct Failure: Error {
        var message: String
        var line: Int
        var column: Int
    }

    /// The document's root element.
    /// - Throws: ``Failure`` for a document that is not well-formed XML.
    static func parse(_ original: [UInt8]) throws(Failure) -> XMLTreeElement {
        // `<?name?>` would crash Foundation's parser (see withDataInEveryInstruction).
        let bytes = withDataInEveryInstruction(original)
        // Checked first: Foundation's XMLParser traps on a name that is not UTF-8 (libxml2
        // passes `co\xD1lor=` through; found by the qdpx fuzzer). A document in UTF-16 (with
        // its byte-order mark) is left to the parser, which converts it.
        let utf16 = bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
        if !utf16, let bad = ScalarText.firstInvalidUTF8(bytes) {
            let before = bytes[..<bad]
            let lineStart = (before.lastIndex(of: 0x0A)).map { $0 + 1 } ?? 0
            let column = bytes[lineStart..<bad].reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
            throw Failure(message: "invalid UTF-8 (byte 0x\(String(bytes[bad], radix: 16, uppercase: true))): save the project as UTF-8",
                          line: before.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }, column: column)
        }
        // From a stream, so libxml2 reads the document in chunks: given all at once, a
        // document of more than 10 MB stops with "huge input lookup" (libxml2 error 1).
        let parser = XMLParser(stream: InputStream(data: Data(bytes)))
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        let builder = Builder()
        parser.delegate = builder
        let ok = parser.parse()
        guard ok, builder.failure == nil, let root = builder.root else {
            let message = builder.failure ?? parser.parserError.map { "\($0.localizedDescription)" } ?? "not well-formed XML"
            throw Failure(message: message, line: max(1, parser.lineNumber), column: max(1, parser.columnNumber))
        }
        return root
    }

    /// Where an element's start tag begins (its `<`), as a 1-based line and column in Unicode
    /// scalars, from where the parser was when it reported the element (just past the tag).
    /// An attribute value cannot hold a raw `<`, so the last `<` before that point is the tag's.
    static func tagStart(_ bytes: [UInt8], line: Int, column: Int) -> (line: Int, column: Int) {
        // The byte offset of (line, column), counting columns in scalars.
        var offset = 0, currentLine = 1
        while currentLine < line, offset < bytes.count {
            if bytes[offset] == 0x0A { currentLine += 1 }
            offset += 1
        }
        var scalars = 1
        while scalars < column, offset < bytes.count, bytes[offset] != 0x0A {
            offset += 1
            while offset < bytes.count, bytes[offset] & 0xC0 == 0x80 { offset += 1 }
            scalars += 1
        }
        var lt = min(offset, bytes.count) - 1
        while lt >= 0, bytes[lt] != 0x3C { lt -= 1 }
        guard lt >= 0 else { return (line, column) }
        let before = bytes[..<lt]
        let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        return (before.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 },
                bytes[lineStart..<lt].reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 })
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var stack: [XMLTreeElement] = []
        var root: XMLTreeElement?
        var failure: String?

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            stack.append(XMLTreeElement(name: elementName, namespace: namespaceURI ?? "", attributes: attributeDict,
                                        children: [], text: "", line: parser.lineNumber,
                                        column: parser.columnNumber))
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            guard let element = stack.popLast() else { return }
            if stack.isEmpty { root = element } else { stack[stack.count - 1].children.append(element) }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if !stack.isEmpty { stack[stack.count - 1].text += string }
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            guard !stack.isEmpty else { return }
            guard let text = String(data: CDATABlock, encoding: .utf8) else { failure = "CDATA that is not UTF-8"; return }
            stack[stack.count - 1].text += text
        }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
            if failure == nil { failure = Builder.describe((parseError as NSError).code) }
        }

        /// libxml2's error code in words, for the codes a hand-edited file is likely to hit.
        /// (Numbers, not `XMLParser.ErrorCode`: the delegate receives libxml2's codes, which
        /// Darwin's enum matches and swift-corelibs-foundation's is offset from.)
        static func describe(_ code: Int) -> String {
            switch code {
            case 4: return "the XML document is empty"
            case 5: return "not well-formed XML: the document ends early"
            case 9: return "not well-formed XML: a character XML does not allow"
            case 26: return "not well-formed XML: an undeclared entity (write & as &amp;)"
            case 39: return "not well-formed XML: an attribute value is not quoted"
            case 42: return "not well-formed XML: an attribute appears twice"
            case 76: return "not well-formed XML: an end tag does not match its start tag"
            default: return "not well-formed XML (libxml2 error \(code))"
            }
        }
    }
}
