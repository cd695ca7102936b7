// The Word reader through the same entry point as `doc add memo.docx`, then the planner.
// Mutated zip bytes mostly fail their CRC, so an input that is not a zip archive is taken
// as one part of a Word document (its first byte chooses which: the body, the footnotes,
// the endnotes, the settings, a header, the core properties) and packed, stored, with the
// other parts of a template that has them all: the XML readers, the notes and their
// numbering get fuzzed too. A zip input is read as it is (the bounded inflater, zip bombs).
import Foundation
import FuzzSupport
import ParallaxCore
import ZIPFoundation

enum Template {
    static let w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
    static func xml(_ root: String, _ inner: String) -> Data {
        Data("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:\(root) \(w)>\(inner)</w:\(root)>".utf8)
    }
    static let parts: [(path: String, data: Data)] = [
        ("word/document.xml", xml("document", "<w:body><w:p><w:r><w:t>The wedge is tactical.</w:t></w:r><w:r><w:footnoteReference w:id=\"1\"/></w:r>"
            + "<w:r><w:endnoteReference w:id=\"1\"/></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>2023</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
            + "<w:sectPr><w:footnotePr><w:numFmt w:val=\"upperRoman\"/></w:footnotePr></w:sectPr></w:body>")),
        ("word/footnotes.xml", xml("footnotes", "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p/></w:footnote>"
            + "<w:footnote w:id=\"1\"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space=\"preserve\"> A source.</w:t></w:r></w:p></w:footnote>")),
        ("word/endnotes.xml", xml("endnotes", "<w:endnote w:id=\"1\"><w:p><w:r><w:endnoteRef/></w:r><w:r><w:t> An aside.</w:t></w:r></w:p></w:endnote>")),
        ("word/settings.xml", xml("settings", "<w:endnotePr><w:numFmt w:val=\"lowerLetter\"/></w:endnotePr>")),
        ("word/header1.xml", xml("hdr", "<w:p><w:r><w:t>RUNNING HEAD</w:t></w:r></w:p>")),
        ("docProps/core.xml", Data(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
            + "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\"><dc:title>Memo</dc:title>"
            + "<dc:creator>Ali Wyne</dc:creator><dcterms:created>2024-02-01T09:00:00Z</dcterms:created></cp:coreProperties>").utf8)),
    ]

    static func archive(replacing index: Int, with content: Data) -> [UInt8] {
        guard let archive = try? Archive(accessMode: .create) else { return [] }
        for (k, part) in parts.enumerated() {
            let data = k == index ? content : part.data
            try? archive.addEntry(with: part.path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .none) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return archive.data.map { [UInt8]($0) } ?? []
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var bytes = FuzzDriver.bytes(data, size)
    if !bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
        let which = Int(bytes.first ?? 0) % Template.parts.count
        bytes = Template.archive(replacing: which, with: Data(bytes.dropFirst()))
    }
    FuzzDriver.checkExtraction(bytes, format: .docx, name: "fuzz.docx")
    return 0
}

FuzzDriver.run(testOneInput)
