/// Small PDFs written by hand for tests: a text layer in Helvetica with the lines placed
/// where the test says, an Info dictionary, and optionally an encryption dictionary that
/// asks for a password. No PDF tool is needed to make them.
public enum PDFFixture {
    /// One line of text placed on a page.
    public struct Line: Sendable {
        public var text: String
        public var x: Double
        /// Baseline, from the bottom of the page (PDF's convention).
        public var y: Double
        public var size: Double
        public init(_ text: String, x: Double = 72, y: Double, size: Double = 11) {
            self.text = text; self.x = x; self.y = y; self.size = size
        }
    }

    /// Characters outside ASCII the fixtures can write, with their glyph names; each gets a
    /// code from 128 up through the font's /Differences.
    static let extra: [(Character, String)] = [
        ("ı", "dotlessi"), ("“", "quotedblleft"), ("”", "quotedblright"), ("’", "quoteright"), ("\u{A0}", "uni00A0"),
        ("é", "eacute"), ("ş", "scedilla"), ("—", "emdash"), ("ﬁ", "fi"), ("ﬃ", "ffi"),
    ]

    static func encode(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        for ch in text {
            if let i = extra.firstIndex(where: { $0.0 == ch }) { out.append(UInt8(128 + i)); continue }
            let b = ch.asciiValue ?? UInt8(ascii: "?")
            if b == UInt8(ascii: "(") || b == UInt8(ascii: ")") || b == UInt8(ascii: "\\") { out.append(UInt8(ascii: "\\")) }
            out.append(b)
        }
        return out
    }

    /// A PDF with these pages.
    /// - Parameters:
    ///   - pages: Each page's lines (an empty page has no text layer).
    ///   - info: Info dictionary entries (`Title`, `Author`, `CreationDate`).
    ///   - encrypted: Adds a Standard security handler whose user password is not empty.
    ///   - drawing: Gives every page a filled rectangle (a page of a scan has no text).
    ///   - xmp: An XMP packet, stored uncompressed as the catalog's `/Metadata` stream.
    public static func make(pages: [[Line]], info: [String: String] = [:], encrypted: Bool = false, drawing: Bool = false,
                            xmp: String? = nil) -> [UInt8] {
        var objects: [[UInt8]] = []
        func add(_ body: [UInt8]) -> Int { objects.append(body); return objects.count }
        func text(_ s: String) -> [UInt8] { Array(s.utf8) }
        let catalog = add([])  // filled in below
        let pagesObject = add([])
        let differences = extra.enumerated().map { "/\($0.element.1)" }.joined(separator: " ")
        let font = add(text("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 32 /LastChar 255 /Widths [\(Array(repeating: "520", count: 224).joined(separator: " "))] /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [128 \(differences)] >> >>"))
        var kids: [Int] = []
        for page in pages {
            var stream: [UInt8] = []
            if drawing { stream += text("0.5 g 72 72 400 600 re f\n") }
            for line in page {
                stream += text("BT /F1 \(line.size) Tf 1 0 0 1 \(line.x) \(line.y) Tm (")
                stream += encode(line.text)
                stream += text(") Tj ET\n")
            }
            let content = add(text("<< /Length \(stream.count) >>\nstream\n") + stream + text("\nendstream"))
            kids.append(add(text("<< /Type /Page /Parent \(pagesObject) 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 \(font) 0 R >> >> /Contents \(content) 0 R >>")))
        }
        var metadata = ""
        if let xmp {
            let packet = text(xmp)
            metadata = " /Metadata \(add(text("<< /Type /Metadata /Subtype /XML /Length \(packet.count) >>\nstream\n") + packet + text("\nendstream"))) 0 R"
        }
        objects[catalog - 1] = text("<< /Type /Catalog /Pages \(pagesObject) 0 R\(metadata) >>")
        objects[pagesObject - 1] = text("<< /Type /Pages /Kids [\(kids.map { "\($0) 0 R" }.joined(separator: " "))] /Count \(kids.count) >>")
        let infoObject = add(text("<< " + info.sorted { $0.key < $1.key }.map { "/\($0.key) (\($0.value))" }.joined(separator: " ") + " >>"))
        var encryptObject: Int?
        if encrypted {
            let hex = String(repeating: "9f3c", count: 16)
            encryptObject = add(text("<< /Filter /Standard /V 1 /R 2 /O <\(hex)> /U <\(hex)> /P -3904 >>"))
        }
        var out = text("%PDF-1.4\n%\u{E2}\u{E3}\n")
        var offsets: [Int] = []
        for (i, body) in objects.enumerated() {
            offsets.append(out.count)
            out += text("\(i + 1) 0 obj\n") + body + text("\nendobj\n")
        }
        let xref = out.count
        out += text("xref\n0 \(objects.count + 1)\n0000000000 65535 f \n")
        for o in offsets {
            let s = String(o)
            out += text(String(repeating: "0", count: 10 - s.count) + s + " 00000 n \n")
        }
        var trailer = "trailer\n<< /Size \(objects.count + 1) /Root \(catalog) 0 R /Info \(infoObject) 0 R"
        if let e = encryptObject { trailer += " /Encrypt \(e) 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]" }
        out += text(trailer + " >>\nstartxref\n\(xref)\n%%EOF\n")
        return out
    }
}
