import CParallaxPoppler
import Foundation

/// Reads a PDF's text layer through poppler's GLib interface, from memory.
///
/// poppler puts each page's text in reading order (columns included) and gives every
/// character's box; ``PDFLayout`` makes paragraphs of the lines. Metadata comes from the
/// XMP packet (`dc:title`, `dc:creator`, `xmp:CreateDate`) and the Info dictionary (Title,
/// Author, CreationDate): XMP first, unless Info was modified after the packet was written. A PDF that needs a password, has no text
/// layer (a scan), or is not a PDF is refused with what to do.
public enum PDFReader {
    /// The reader's name and the poppler it runs on, as the manifest records it.
    public static var version: String { "parallax-pdf 1, poppler \(PopplerLibrary.version ?? "(not installed)")" }

    /// The most pages read: a bound on the work a hostile file can ask for.
    public static let maximumPages = 5000

    /// Reads a PDF.
    /// - Parameters:
    ///   - bytes: The file's bytes.
    ///   - name: The file's name, for messages.
    /// - Throws: ``ParallaxError`` for an encrypted, damaged or scanned PDF.
    public static func read(_ bytes: [UInt8], name: String) throws -> ExtractedDocument {
        guard bytes.count >= 8, bytes.prefix(1024).starts(with: Array("%PDF-".utf8)) || containsHeader(bytes) else {
            throw ParallaxError(.invalidData, "not a PDF (no %PDF- header)", at: name,
                                hint: "check that this is the file you meant; a renamed file is not converted")
        }
        let lib = try PopplerLibrary.api(reading: name)
        let gbytes = bytes.withUnsafeBytes { lib.g_bytes_new($0.baseAddress, gsize($0.count)) }
        defer { lib.g_bytes_unref(gbytes) }
        var error: UnsafeMutablePointer<GError>?
        guard let doc = lib.poppler_document_new_from_bytes(gbytes, nil, &error) else {
            let code = error?.pointee.code ?? -1
            if let error { lib.g_error_free(error) }
            if code == Int32(POPPLER_ERROR_ENCRYPTED.rawValue) {
                throw ParallaxError(.unsupported, "the PDF is encrypted and needs a password", at: name,
                                    hint: "save an unprotected copy (e.g. qpdf --password=… --decrypt in.pdf out.pdf) and add that")
            }
            throw ParallaxError(.invalidData, "the PDF is damaged or cut short (poppler cannot open it)", at: name,
                                hint: "download it again, or open and re-save it in a PDF reader")
        }
        defer { lib.g_object_unref(UnsafeMutableRawPointer(doc)) }
        let count = Int(lib.poppler_document_get_n_pages(doc))
        guard count > 0 else {
            throw ParallaxError(.invalidData, "the PDF has no pages", at: name, hint: "download it again")
        }
        var pages: [[PDFLine]] = []
        for i in 0..<min(count, maximumPages) {
            guard let page = lib.poppler_document_get_page(doc, Int32(i)) else { pages.append([]); continue }
            pages.append(lines(of: page, lib))
            lib.g_object_unref(UnsafeMutableRawPointer(page))
        }
        guard pages.contains(where: { page in page.contains { $0.text.contains { !$0.isWhitespace } } }) else {
            throw ParallaxError(.unsupported, "scanned: run OCR first (none of its \(count) page\(count == 1 ? "" : "s") has a text layer)",
                                at: name, hint: "e.g. ocrmypdf '\(name)' with-text.pdf, then doc add with-text.pdf")
        }
        let layout = PDFLayout.paragraphs(pages)
        var notes: [String] = []
        if layout.droppedLines > 0 { notes.append("\(layout.droppedLines) running header, footer and page-number line\(layout.droppedLines == 1 ? "" : "s") dropped") }
        if count > maximumPages { notes.append("only the first \(maximumPages) of \(count) pages read") }
        return ExtractedDocument(text: ExtractedDocument.joined(layout.paragraphs), paragraphs: .blankLines,
                                 metadata: metadata(doc, lib), format: .pdf, notes: notes, extractor: version)
    }

    /// A `%PDF-` header within the first KB (PDF readers allow some junk before it).
    private static func containsHeader(_ bytes: [UInt8]) -> Bool {
        let head = Array(bytes.prefix(1024)), marker = Array("%PDF-".utf8)
        guard head.count >= marker.count else { return false }
        return (0...(head.count - marker.count)).contains { head[$0..<($0 + marker.count)].elementsEqual(marker) }
    }

    /// A page's lines with their boxes, from its text and the box of each character.
    static func lines(of page: OpaquePointer, _ lib: parallax_poppler_api) -> [PDFLine] {
        guard let raw = lib.poppler_page_get_text(page) else { return [] }
        let text = String(cString: raw)
        lib.g_free(raw)
        var rects: UnsafeMutablePointer<PopplerRectangle>?
        var n: guint = 0
        let haveBoxes = lib.poppler_page_get_text_layout(page, &rects, &n) != 0
        defer { lib.g_free(rects) }
        let scalars = Array(text.unicodeScalars)
        let boxes = haveBoxes && Int(n) == scalars.count ? rects : nil
        var result: [PDFLine] = []
        var current = String.UnicodeScalarView()
        var box: (Double, Double, Double, Double)?
        var fallbackY = 0.0
        func finish() {
            let line = String(current)
            if line.contains(where: { !$0.isWhitespace }) {
                let b = box ?? (0, fallbackY, 100, fallbackY + 10)
                result.append(PDFLine(line, x0: b.0, y0: b.1, x1: b.2, y1: b.3))
            }
            fallbackY += 12
            current = String.UnicodeScalarView()
            box = nil
        }
        for (i, s) in scalars.enumerated() {
            if s == "\n" { finish(); continue }
            current.append(s)
            if let r = boxes?[i], !s.properties.isWhitespace {
                let x0 = min(r.x1, r.x2), x1 = max(r.x1, r.x2), y0 = min(r.y1, r.y2), y1 = max(r.y1, r.y2)
                if let b = box { box = (min(b.0, x0), min(b.1, y0), max(b.2, x1), max(b.3, y1)) } else { box = (x0, y0, x1, y1) }
            }
        }
        finish()
        return result
    }

    /// Title, authors and date from the XMP packet and the Info dictionary, without the
    /// placeholders word processors write there (`Microsoft Word - memo.docx`, a bare file name).
    ///
    /// Field by field, the XMP packet is taken first and the Info dictionary fills what it
    /// lacks: PDF 2.0 deprecates the Info dictionary for all but its dates, and XMP's
    /// `dc:creator` is a list of names where Info's `Author` is one string to be split. The
    /// exception is a packet gone stale: when Info's `ModDate` is later than the packet's
    /// `xmp:MetadataDate` (else `xmp:ModifyDate`), a tool that knows only the Info dictionary
    /// edited it after the packet was written, and Info is taken first.
    static func metadata(_ doc: OpaquePointer, _ lib: parallax_poppler_api) -> DocumentMetadata {
        func take(_ p: UnsafeMutablePointer<gchar>?) -> String? {
            guard let p else { return nil }
            defer { lib.g_free(p) }
            return String(cString: p)
        }
        var info = Fields()
        info.title = take(lib.poppler_document_get_title(doc))
        info.authors = take(lib.poppler_document_get_author(doc)).map(MetadataText.splitAuthors) ?? []
        if let dt = lib.poppler_document_get_creation_date_time(doc) {
            defer { lib.g_date_time_unref(dt) }
            let y = Int(lib.g_date_time_get_year(dt)), mo = Int(lib.g_date_time_get_month(dt)), d = Int(lib.g_date_time_get_day_of_month(dt))
            info.date = String(format: "%04d-%02d-%02d", y, mo, d)
        }
        var infoModified: Double?
        if let dt = lib.poppler_document_get_modification_date_time(doc) {
            infoModified = Double(lib.g_date_time_to_unix(dt))
            lib.g_date_time_unref(dt)
        }
        let xmp = take(lib.poppler_document_get_metadata(doc)).flatMap { XMPPacket.parse(Array($0.utf8)) }
        return merged(info: info, infoModified: infoModified, xmp: xmp)
    }

    /// Title, authors and date of one of the two sources.
    struct Fields {
        var title: String?
        var authors: [String] = []
        var date: String?
    }

    /// The precedence of ``metadata(_:)``, apart from poppler: XMP first unless Info was
    /// modified more than a minute after the packet was written.
    static func merged(info: Fields, infoModified: Double?, xmp packet: XMPPacket?) -> DocumentMetadata {
        var sources: [(Fields, String)] = [(info, "PDF Info")]
        if let packet {
            var x = Fields()
            x.title = packet.title
            x.authors = packet.creators.count == 1 ? MetadataText.splitAuthors(packet.creators[0]) : packet.creators
            x.date = packet.created
            let stale = infoModified.map { modified in packet.written.flatMap(XMPPacket.instant).map { modified > $0 + 60 } ?? false } ?? false
            if stale { sources.append((x, "XMP")) } else { sources.insert((x, "XMP"), at: 0) }
        }
        var m = DocumentMetadata()
        for (fields, origin) in sources {
            if var title = fields.title {
                if title.hasPrefix("Microsoft Word - ") { title.removeFirst("Microsoft Word - ".count) }
                let lower = title.lowercased().trimmingCharacters(in: .whitespaces)
                let placeholder = [".doc", ".docx", ".pdf", ".indd", ".txt"].contains { lower.hasSuffix($0) } || lower == "untitled"
                if !placeholder { m.offer(title: title, from: origin) }
            }
            m.offer(authors: fields.authors, from: origin)
            m.offer(date: fields.date, from: origin)
        }
        return m
    }
}
