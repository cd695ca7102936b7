import Foundation
import Testing
import TestSupport
@testable import ParallaxCore

@Suite("Extraction: Word footnotes, endnotes, headers and footers")
struct ExtractionDOCXNotesTests {
    /// Footnotes as Word writes them: the separator notes (-1 and 0) first, then the notes by
    /// id, each opening with its own mark (`w:footnoteRef`) and a space.
    static let footnotes = """
    <w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>\
    <w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>\
    <w:footnote w:id="1"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>\
    <w:r><w:t xml:space="preserve"> Aslı Aydıntaşbaş, “The Axis,” 2024, p.\u{A0}12.</w:t></w:r></w:p></w:footnote>\
    <w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> On the “wedge”: see below.</w:t></w:r></w:p>\
    <w:p><w:r><w:t>A second paragraph of the same note.</w:t></w:r></w:p></w:footnote>
    """

    static let endnotes = """
    <w:endnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:endnote>\
    <w:endnote w:id="1"><w:p><w:r><w:endnoteRef/></w:r><w:r><w:t xml:space="preserve"> Interview, March 2024.</w:t></w:r></w:p></w:endnote>
    """

    static let body = """
    <w:p><w:r><w:t>The partnership is tactical.</w:t></w:r><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="2"/></w:r>\
    <w:r><w:t xml:space="preserve"> It will not last.</w:t></w:r><w:r><w:endnoteReference w:id="1"/></w:r></w:p>
    <w:p><w:r><w:t>Officials disagree.</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>
    """

    static let running: [(String, String)] = [
        ("word/header1.xml", "<w:p><w:r><w:t>EXAMPLE INSTITUTE — CONFIDENTIAL</w:t></w:r></w:p>"),
        ("word/footer1.xml", "<w:p><w:r><w:t xml:space=\"preserve\">Page </w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
            + "<w:r><w:instrText>PAGE</w:instrText></w:r></w:p>"),
    ]

    @Test("notes follow the body in the order referenced, with the marks the references became; headers and footers dropped and said")
    func notesAndRunningHeads() throws {
        let bytes = DOCXFixture.make(body: Self.body, parts: [("word/footnotes.xml", Self.footnotes), ("word/endnotes.xml", Self.endnotes)] + Self.running)
        let doc = try Extractor.extract(bytes, format: .docx, name: "memo.docx")
        #expect(doc.text == """
        The partnership is tactical.[1] It will not last.[i]

        Officials disagree.[2]

        [1] On the “wedge”: see below.

        A second paragraph of the same note.

        [2] Aslı Aydıntaşbaş, “The Axis,” 2024, p.\u{A0}12.

        [i] Interview, March 2024.

        """)
        #expect(doc.notes == ["2 footnotes and 1 endnote kept after the body", "page headers and footers left out (they repeat on every page)"])
        #expect(!doc.text.contains("CONFIDENTIAL"))
        // The notes are text like any other: spans index them, folded search finds them.
        #expect(doc.text.unicodeScalars.count == ScalarText(doc.text).scalarCount)
    }

    @Test("the number format from the section or settings; a note never referenced is left out; an empty header says nothing")
    func formatsAndEdges() throws {
        let body = Self.body.replacingOccurrences(of: "<w:p><w:r><w:t>Officials disagree.</w:t></w:r><w:r><w:footnoteReference w:id=\"1\"/></w:r></w:p>", with: "")
            + "<w:sectPr><w:footnotePr><w:numFmt w:val=\"lowerLetter\"/></w:footnotePr></w:sectPr>"
        let settings = "<w:endnotePr><w:numFmt w:val=\"decimal\"/></w:endnotePr>"
        let bytes = DOCXFixture.make(body: body, parts: [("word/footnotes.xml", Self.footnotes), ("word/endnotes.xml", Self.endnotes),
                                                         ("word/settings.xml", settings), ("word/header2.xml", "<w:p/>")])
        let doc = try Extractor.extract(bytes, format: .docx, name: "memo.docx")
        #expect(doc.text == """
        The partnership is tactical.[a] It will not last.[1]

        [a] On the “wedge”: see below.

        A second paragraph of the same note.

        [1] Interview, March 2024.

        """)
        #expect(doc.notes == ["1 footnote and 1 endnote kept after the body"])
        #expect(NoteMarks.format(4, "lowerRoman") == "iv" && NoteMarks.format(1999, "upperRoman") == "MCMXCIX")
        #expect(NoteMarks.format(27, "lowerLetter") == "aa" && NoteMarks.format(3, "chicago") == "3")
    }

    @Test("a reference to a missing note part keeps its mark; a damaged note part is refused saying where")
    func damagedNotes() throws {
        let missing = try Extractor.extract(DOCXFixture.make(body: Self.body), format: .docx, name: "memo.docx")
        #expect(missing.text == "The partnership is tactical.[1] It will not last.[i]\n\nOfficials disagree.[2]\n")
        #expect(missing.notes.isEmpty)
        let damaged = DOCXFixture.make(body: Self.body, parts: [("word/footnotes.xml", "<w:footnote w:id=\"1\"><w:p>")])
        do {
            _ = try Extractor.extract(damaged, format: .docx, name: "memo.docx")
            Issue.record("accepted a damaged footnotes part")
        } catch let e as ParallaxError {
            #expect(e.location?.description.hasPrefix("memo.docx: word/footnotes.xml:1:") == true)
        }
    }
}
