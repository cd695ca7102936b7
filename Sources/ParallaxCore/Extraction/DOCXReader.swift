import Foundation
/// Reads Word documents (`.docx`, Office Open XML): the body's paragraphs in order, tables
/// row by row (cells separated by a tab), and `docProps/core.xml`'s title, creator and date.
///
/// The archive is read in memory (``ZipLayout``: offsets checked, every stream inflated with a
/// bound, only the two parts needed kept), so a zip bomb is refused before it costs
/// more than ``maximumPartSize`` bytes, and nothing is written anywhere. Tracked deletions,
/// field codes, comments, headers and footers are not text a reader of the document sees
/// in the body, and are left out.
public enum DOCXReader {
    /// The reader's name and version, as the manifest records it.
    public static let version = "parallax-docx 1"

    /// The most `word/document.xml` may expand to: far beyond any real memo's text, far below
    /// what would exhaust memory.
    public static let maximumPartSize: UInt64 = 64 << 20

    /// The most the whole archive may claim to expand to (images included).
    public static let maximumArchiveSize: UInt64 = 1 << 30

    /// Reads a Word document.
    /// - Parameters:
    ///   - bytes: The file's bytes.
    ///   - name: The file's name, for messages.
    ///   - limit: The most the document part may expand to.
    /// - Throws: ``ParallaxError`` for a damaged archive, a part that inflates past the
    ///   limit, XML that is not well-formed, or a document with no text.
    public static func read(_ bytes: [UInt8], name: String, limit: UInt64 = maximumPartSize) throws -> ExtractedDocument {
        // Only the document part and the core properties are kept; each may claim at most its
        // limit, and the whole archive at most ``maximumArchiveSize``, before anything is
        // inflated (every other entry is inflated into a scratch buffer only, to check it).
        let wanted: [String: UInt64] = ["word/document.xml": limit, "docProps/core.xml": 1 << 20]
        var total: UInt64 = 0
        let entries: [ZipLayout.Entry]
        do {
            entries = try ZipLayout.entries(bytes) { (entry: ZipLayout.Entry) throws(ZipArchive.ReadError) -> Bool in
                let (sum, overflow) = total.addingReportingOverflow(entry.size)
                total = overflow ? .max : sum
                guard total <= maximumArchiveSize else {
                    throw ZipArchive.ReadError(message: "the archive would expand to more than \(maximumArchiveSize) bytes (a zip bomb?)", entry: entry.path)
                }
                guard let bound = wanted[entry.path] else { return false }
                guard entry.size <= bound else {
                    throw ZipArchive.ReadError(message: "\(entry.path) would expand to \(entry.size) bytes, more than the \(bound) allowed (a zip bomb?)",
                                               entry: entry.path)
                }
                return true
            }
        } catch {
            let bomb = error.message.contains("zip bomb") || error.message.contains("expand")
            throw ParallaxError(.invalidData, bomb ? error.message : "not a Word document: \(error.message)", at: name,
                                hint: bomb ? "the file is refused; nothing was read from it" : "open it in Word or LibreOffice and save it again as .docx")
        }
        func part(_ path: String) -> [UInt8]? { entries.first { $0.path == path }?.bytes }
        guard let documentXML = part("word/document.xml") else {
            throw ParallaxError(.invalidData, "not a Word document: the archive has no word/document.xml", at: name,
                                hint: "only .docx (Office Open XML) is read; save .doc or .odt files as .docx first")
        }
        let root: XMLTreeElement
        do {
            root = try XMLTree.parse(documentXML)
        } catch {
            throw ParallaxError(.invalidData, error.message, at: "\(name): word/document.xml:\(error.line):\(error.column)",
                                hint: "the document is damaged; open it in Word or LibreOffice and save it again")
        }
        var paragraphs: [String] = []
        if let body = root.child(named: "body") { blocks(body, into: &paragraphs, depth: 0) }
        guard !paragraphs.isEmpty else {
            throw ParallaxError(.invalidData, "the document has no text in its body", at: name,
                                hint: "check that this is the file you meant")
        }
        var metadata = DocumentMetadata()
        if let core = part("docProps/core.xml"), let props = try? XMLTree.parse(core) {
            metadata.offer(title: props.child(named: "title")?.text, from: "docProps/core.xml")
            if let creator = props.child(named: "creator")?.text {
                metadata.offer(authors: MetadataText.splitAuthors(creator), from: "docProps/core.xml")
            }
            // A document's creation date is the nearest thing to a date of writing it has.
            metadata.offer(date: props.child(named: "created")?.text, from: "docProps/core.xml")
        }
        return ExtractedDocument(text: ExtractedDocument.joined(paragraphs), paragraphs: .blankLines, metadata: metadata,
                                 format: .docx, extractor: version)
    }

    /// Paragraphs and tables of a body (or a table cell, or a content control), in order.
    private static func blocks(_ container: XMLTreeElement, into out: inout [String], depth: Int) {
        guard depth < 64 else { return }
        for element in container.children {
            switch element.name {
            case "p":
                if let text = paragraphText(element) { out.append(text) }
            case "tbl":
                for row in element.children(named: "tr") {
                    var cells: [String] = []
                    for cell in row.children(named: "tc") {
                        var inner: [String] = []
                        blocks(cell, into: &inner, depth: depth + 1)
                        cells.append(inner.joined(separator: " "))
                    }
                    let line = cells.joined(separator: "\t").trimmingCharacters(in: .whitespaces)
                    if !line.isEmpty { out.append(line) }
                }
            case "sdt":
                if let content = element.child(named: "sdtContent") { blocks(content, into: &out, depth: depth + 1) }
            case "customXml", "ins", "smartTag":
                blocks(element, into: &out, depth: depth + 1)
            default:
                continue
            }
        }
    }

    /// A paragraph's visible text, or `nil` when it has none.
    static func paragraphText(_ p: XMLTreeElement) -> String? {
        var text = ""
        func runs(_ e: XMLTreeElement, depth: Int) {
            guard depth < 64 else { return }
            for c in e.children {
                switch c.name {
                case "t": text += c.text
                case "tab", "ptab": text += "\t"
                case "br", "cr": text += " "
                case "noBreakHyphen": text += "\u{2011}"
                case "softHyphen": continue
                case "del", "delText", "instrText", "rPr", "pPr", "commentReference", "footnoteReference",
                     "endnoteReference", "drawing", "pict", "object", "fldData":
                    continue
                default:
                    runs(c, depth: depth + 1)
                }
            }
        }
        runs(p, depth: 0)
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return trimmed.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) ? trimmed : nil
    }
}
