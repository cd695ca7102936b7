import Foundation
import Testing
import TestSupport
@testable import ParallaxCore

@Suite("Extraction: PDF and Word")
struct ExtractionPDFDOCXTests {
    typealias L = PDFFixture.Line

    static let report: [UInt8] = PDFFixture.make(pages: [
        [L("EXAMPLE INSTITUTE REPORT 2024", y: 760, size: 9),
         L("The “no limits” partnership, as Aslı wrote, is", y: 700),
         L("tactical and inter-", y: 687),
         L("national in scope.", y: 674),
         L("Second paragraph with a non\u{A0}breaking space and a", y: 648),
         L("sentence that wraps across the", y: 635),
         L("1", x: 300, y: 40, size: 9)],
        [L("EXAMPLE INSTITUTE REPORT 2024", y: 760, size: 9),
         L("page break before it ends.", y: 700),
         L("A well-known claim closes the ﬁnal section.", y: 674),
         L("2", x: 300, y: 40, size: 9)],
    ], info: ["Title": "Russia and China", "Author": "Jane Holloway; Ali Wyne", "CreationDate": "D:20240723101500Z"])

    @Test("PDF: paragraphs in reading order, de-hyphenation, running header and page numbers dropped, across a page break")
    func pdf() throws {
        let doc = try Extractor.extract(Self.report, format: .pdf, name: "r.pdf")
        #expect(doc.text == """
        The “no limits” partnership, as Aslı wrote, is tactical and international in scope.

        Second paragraph with a non breaking space and a sentence that wraps across the page break before it ends.

        A well-known claim closes the final section.

        """)
        // poppler gives U+00A0 as a space between words and expands the ﬁ ligature itself.
        #expect(doc.metadata.title == "Russia and China")
        #expect(doc.metadata.authors == ["Jane Holloway", "Ali Wyne"])
        #expect(doc.metadata.date == "2024-07-23")
        #expect(doc.notes.first?.contains("4 running header") == true)
        #expect(doc.extractor.contains("poppler"))
    }

    @Test("PDF: encrypted, scanned, damaged and not-a-PDF are refused with what to do")
    func pdfRefusals() throws {
        func message(_ bytes: [UInt8]) -> String {
            do { _ = try Extractor.extract(bytes, format: .pdf, name: "x.pdf"); return "accepted" } catch { return "\(error)" }
        }
        let encrypted = PDFFixture.make(pages: [[L("secret", y: 700)]], encrypted: true)
        #expect(message(encrypted).contains("encrypted and needs a password"))
        let scanned = PDFFixture.make(pages: [[], []], drawing: true)
        #expect(message(scanned).contains("scanned: run OCR first"))
        #expect(message(Array(Self.report.prefix(Self.report.count / 3))).contains("damaged") || message(Array(Self.report.prefix(Self.report.count / 3))) != "accepted")
        #expect(message(Array("%PDF-1.4\ngarbage garbage\n".utf8)).contains("damaged"))
        #expect(message(Array("hello".utf8)).contains("not a PDF"))
    }

    @Test("PDF layout: a paragraph gap, a heading in a larger font, a first-line indent")
    func layout() {
        let page = [PDFLine("Heading", x0: 72, y0: 80, x1: 150, y1: 98),
                    PDFLine("Body text runs along the full width of the", x0: 72, y0: 110, x1: 500, y1: 121),
                    PDFLine("column and ends here.", x0: 72, y0: 123, x1: 200, y1: 134),
                    PDFLine("Indented start of the next paragraph, which", x0: 90, y0: 136, x1: 500, y1: 147),
                    PDFLine("continues.", x0: 72, y0: 149, x1: 130, y1: 160)]
        let result = PDFLayout.paragraphs([page])
        #expect(result.paragraphs == ["Heading", "Body text runs along the full width of the column and ends here.",
                                      "Indented start of the next paragraph, which continues."])
    }

    static func docx(_ body: String, core: String? = nil) throws -> [UInt8] {
        let w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
        var entries: [(path: String, bytes: [UInt8])] = [
            ("[Content_Types].xml", Array("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>".utf8)),
            ("word/document.xml", Array("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document \(w)><w:body>\(body)</w:body></w:document>".utf8)),
        ]
        if let core {
            entries.append(("docProps/core.xml", Array("""
            <?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
            xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">\(core)</cp:coreProperties>
            """.utf8)))
        }
        return try ZipArchive.write(entries, modified: Date(timeIntervalSince1970: 1_700_000_000))
    }

    @Test("DOCX: paragraphs in order, runs joined, tables by row, tracked deletions left out, core.xml metadata")
    func docx() throws {
        let body = """
        <w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Memo on the “reset”</w:t></w:r></w:p>
        <w:p><w:r><w:t xml:space="preserve">Aslı argued the </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>wedge</w:t></w:r>\
        <w:del><w:r><w:delText> never</w:delText></w:r></w:del><w:r><w:t xml:space="preserve"> is\u{A0}tactical.</w:t></w:r></w:p>
        <w:p/>
        <w:tbl><w:tr><w:tc><w:p><w:r><w:t>Year</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Trade</w:t></w:r></w:p></w:tc></w:tr>\
        <w:tr><w:tc><w:p><w:r><w:t>2023</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>$240bn</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
        <w:p><w:r><w:t>Last</w:t><w:tab/><w:t>line.</w:t></w:r></w:p>
        """
        let bytes = try Self.docx(body, core: "<dc:title>Reset memo</dc:title><dc:creator>Ali Wyne</dc:creator><dcterms:created>2024-02-01T09:00:00Z</dcterms:created>")
        let doc = try Extractor.extract(bytes, format: .docx, name: "m.docx")
        #expect(doc.text == "Memo on the “reset”\n\nAslı argued the wedge is\u{A0}tactical.\n\nYear\tTrade\n\n2023\t$240bn\n\nLast\tline.\n")
        #expect(doc.metadata.title == "Reset memo")
        #expect(doc.metadata.authors == ["Ali Wyne"])
        #expect(doc.metadata.date == "2024-02-01")
    }

    @Test("DOCX: a zip bomb is refused before it inflates, whether it declares its size or lies about it")
    func zipBomb() throws {
        // 3 MB of spaces inside a paragraph, against a limit of 1 MB (the real one is 64 MB:
        // the same code, a slower test): deflates to a few KB.
        let huge = "<w:p><w:r><w:t>" + String(repeating: " ", count: 3 << 20) + "x</w:t></w:r></w:p>"
        let honest = try Self.docx(huge)
        #expect(honest.count < 64 << 10)
        do { _ = try DOCXReader.read(honest, name: "bomb.docx", limit: 1 << 20); Issue.record("accepted a zip bomb") } catch let e as ParallaxError {
            #expect(e.message.contains("more than the 1048576 allowed"))
        }
        // The same archive claiming 1,000 bytes in its central directory.
        var lying = honest
        let name = Array("word/document.xml".utf8)
        var at = lying.count - 22
        while at > 0 {
            if lying[at] == 0x50, lying[at + 1] == 0x4B, lying[at + 2] == 0x01, lying[at + 3] == 0x02,
               Array(lying[(at + 46)..<(at + 46 + name.count)]) == name { break }
            at -= 1
        }
        lying[at + 24] = 0xE8; lying[at + 25] = 0x03; lying[at + 26] = 0; lying[at + 27] = 0
        do { _ = try Extractor.extract(lying, format: .docx, name: "bomb.docx"); Issue.record("accepted a lying zip bomb") } catch let e as ParallaxError {
            #expect(e.message.contains("damaged"))
        }
    }

    @Test("DOCX: not a zip, no document part, damaged XML")
    func docxRefusals() throws {
        func message(_ bytes: [UInt8]) -> String {
            do { _ = try Extractor.extract(bytes, format: .docx, name: "x.docx"); return "accepted" } catch { return "\(error)" }
        }
        #expect(message(Array("PK not really".utf8)).contains("not a Word document"))
        let noDocument = try ZipArchive.write([("a.txt", Array("hi".utf8))], modified: Date(timeIntervalSince1970: 0))
        #expect(message(noDocument).contains("no word/document.xml"))
        #expect(message(try Self.docx("<w:p><w:r><w:t>open</w:r></w:p>")).contains("word/document.xml:"))
    }
}
