import Foundation
/// Reads Word documents (`.docx`, Office Open XML): the body's paragraphs in order, tables
/// row by row (cells separated by a tab), then the footnotes and endnotes, and
/// `docProps/core.xml`'s title, creator and date.
///
/// The archive is read in memory (``ZipLayout``: offsets checked, every stream inflated with a
/// bound, only the parts needed kept), so a zip bomb is refused before it costs
/// more than ``maximumPartSize`` bytes, and nothing is written anywhere.
///
/// Footnotes and endnotes are text a reader quotes (a memo's sources and asides are often
/// in them): each reference in the body becomes its number in brackets (`[1]`, or `[i]` for
/// an endnote, as Word numbers them unless `word/settings.xml` says otherwise), and the
/// notes follow the body in the order they are referenced, each opening with the same
/// mark. Headers and footers repeat on every page, as a PDF's running heads do, and are
/// left out (the summary says so); so are tracked deletions, field codes and comments.
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
        // Only the parts read are kept; each may claim at most its limit, and the whole
        // archive at most ``maximumArchiveSize``, before anything is inflated (every other
        // entry is inflated into a scratch buffer only, to check it).
        func bound(_ path: String) -> UInt64? {
            switch path {
            case "word/document.xml", "word/footnotes.xml", "word/endnotes.xml": return limit
            case "docProps/core.xml", "word/settings.xml": return 1 << 20
            default: return isRunningPart(path) ? 1 << 20 : nil
            }
        }
        var total: UInt64 = 0
        let entries: [ZipLayout.Entry]
        do {
            entries = try ZipLayout.entries(bytes) { (entry: ZipLayout.Entry) throws(ZipArchive.ReadError) -> Bool in
                let (sum, overflow) = total.addingReportingOverflow(entry.size)
                total = overflow ? .max : sum
                guard total <= maximumArchiveSize else {
                    throw ZipArchive.ReadError(message: "the archive would expand to more than \(maximumArchiveSize) bytes (a zip bomb?)", entry: entry.path)
                }
                guard let bound = bound(entry.path) else { return false }
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
        func parse(_ path: String, _ bytes: [UInt8]) throws -> XMLTreeElement {
            do {
                return try XMLTree.parse(bytes)
            } catch {
                throw ParallaxError(.invalidData, error.message, at: "\(name): \(path):\(error.line):\(error.column)",
                                    hint: "the document is damaged; open it in Word or LibreOffice and save it again")
            }
        }
        let root = try parse("word/document.xml", documentXML)
        let settings = part("word/settings.xml").flatMap { try? XMLTree.parse($0) }
        var notes = NoteMarks(footnoteFormat: noteFormat("footnotePr", root, settings) ?? "decimal",
                              endnoteFormat: noteFormat("endnotePr", root, settings) ?? "lowerRoman")
        var paragraphs: [String] = []
        if let body = root.child(named: "body") { blocks(body, into: &paragraphs, notes: &notes, depth: 0) }
        guard !paragraphs.isEmpty else {
            throw ParallaxError(.invalidData, "the document has no text in its body", at: name,
                                hint: "check that this is the file you meant")
        }
        var summary: [String] = []
        // The notes, in the order the body refers to them; a note part that is damaged is an
        // error like the body, for its text would be silently lost otherwise.
        var kept = (footnotes: 0, endnotes: 0)
        for (kind, path) in [(NoteMarks.Kind.footnote, "word/footnotes.xml"), (.endnote, "word/endnotes.xml")] {
            let referenced = notes.order.filter { $0.kind == kind }
            guard !referenced.isEmpty, let bytes = part(path) else { continue }
            let tree = try parse(path, bytes)
            var byID: [String: XMLTreeElement] = [:]
            for note in tree.children where note.name == kind.rawValue {
                guard let id = attribute(note, "id"), (attribute(note, "type") ?? "normal") == "normal" else { continue }
                byID[id] = byID[id] ?? note
            }
            for ref in referenced {
                guard let note = byID[ref.id] else { continue }
                var inner: [String] = []
                var nested = notes
                blocks(note, into: &inner, notes: &nested, depth: 1)
                guard !inner.isEmpty else { continue }
                inner[0] = ref.mark + " " + inner[0]
                paragraphs += inner
                if kind == .footnote { kept.footnotes += 1 } else { kept.endnotes += 1 }
            }
        }
        let counts = [(kept.footnotes, "footnote"), (kept.endnotes, "endnote")].filter { $0.0 > 0 }
            .map { "\($0.0) \($0.1)\($0.0 == 1 ? "" : "s")" }
        if !counts.isEmpty { summary.append(counts.joined(separator: " and ") + " kept after the body") }
        // Headers and footers: left out, said only when one has text a reader would see.
        let running = entries.filter { isRunningPart($0.path) && !$0.bytes.isEmpty }.filter { entry in
            guard let tree = try? XMLTree.parse(entry.bytes) else { return false }
            var inner: [String] = [], scratch = NoteMarks(footnoteFormat: "decimal", endnoteFormat: "decimal")
            blocks(tree, into: &inner, notes: &scratch, depth: 1)
            return !inner.isEmpty
        }
        if !running.isEmpty {
            let kinds = Set(running.map { $0.path.hasPrefix("word/header") ? "header" : "footer" })
            let what = kinds.count == 2 ? "headers and footers" : kinds.first! + "s"
            summary.append("page \(what) left out (they repeat on every page)")
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
                                 format: .docx, notes: summary, extractor: version)
    }

    /// `word/header1.xml`, `word/footer2.xml`: the parts Word keeps running heads in.
    static func isRunningPart(_ path: String) -> Bool {
        guard path.hasPrefix("word/header") || path.hasPrefix("word/footer"), path.hasSuffix(".xml") else { return false }
        return !path.dropFirst(5).contains("/")
    }

    /// An attribute by local name (`w:id` or `id`, however the parser reports it).
    static func attribute(_ e: XMLTreeElement, _ local: String) -> String? {
        e.attributes.first { $0.key == local || $0.key.hasSuffix(":" + local) }?.value
    }

    /// The number format of footnotes or endnotes (`footnotePr`): the body's last section
    /// first, then the document's settings.
    private static func noteFormat(_ properties: String, _ document: XMLTreeElement, _ settings: XMLTreeElement?) -> String? {
        let section = document.child(named: "body")?.child(named: "sectPr")
        for container in [section, settings] {
            if let format = container?.child(named: properties)?.child(named: "numFmt").flatMap({ attribute($0, "val") }) { return format }
        }
        return nil
    }

    /// Paragraphs and tables of a body (or a table cell, or a content control), in order.
    private static func blocks(_ container: XMLTreeElement, into out: inout [String], notes: inout NoteMarks, depth: Int) {
        guard depth < 64 else { return }
        for element in container.children {
            switch element.name {
            case "p":
                if let text = paragraphText(element, notes: &notes) { out.append(text) }
            case "tbl":
                for row in element.children(named: "tr") {
                    var cells: [String] = []
                    for cell in row.children(named: "tc") {
                        var inner: [String] = []
                        blocks(cell, into: &inner, notes: &notes, depth: depth + 1)
                        cells.append(inner.joined(separator: " "))
                    }
                    let line = cells.joined(separator: "\t").trimmingCharacters(in: .whitespaces)
                    if !line.isEmpty { out.append(line) }
                }
            case "sdt":
                if let content = element.child(named: "sdtContent") { blocks(content, into: &out, notes: &notes, depth: depth + 1) }
            case "customXml", "ins", "smartTag":
                blocks(element, into: &out, notes: &notes, depth: depth + 1)
            default:
                continue
            }
        }
    }

    /// A paragraph's visible text, or `nil` when it has none; a note reference is its mark.
    static func paragraphText(_ p: XMLTreeElement, notes: inout NoteMarks) -> String? {
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
                case "footnoteReference", "endnoteReference":
                    if let id = attribute(c, "id") { text += notes.mark(c.name == "footnoteReference" ? .footnote : .endnote, id: id) }
                case "del", "delText", "instrText", "rPr", "pPr", "commentReference", "drawing", "pict", "object", "fldData":
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
