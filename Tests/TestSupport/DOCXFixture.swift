/// Small Word documents written by hand for tests: a zip of stored entries holding
/// `word/document.xml` (the body given) and, optionally, `docProps/core.xml`.
public enum DOCXFixture {
    /// A `.docx` with this body XML (`<w:p>…</w:p>` elements) and core properties XML.
    /// - Parameter parts: Other parts by path, each the XML inside its root element
    ///   (`word/footnotes.xml`: `<w:footnote w:id="1">…`; `word/header1.xml`: `<w:p>…`),
    ///   which gets the root element Word gives that part.
    public static func make(body: String, core: String? = nil, parts: [(String, String)] = []) -> [UInt8] {
        let w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
        var entries: [(String, [UInt8])] = [
            ("[Content_Types].xml", Array("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>".utf8)),
            ("word/document.xml", Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document \(w)><w:body>\(body)</w:body></w:document>".utf8)),
        ]
        if let core {
            entries.append(("docProps/core.xml", Array(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><cp:coreProperties "
                + "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
                + "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\">\(core)</cp:coreProperties>").utf8)))
        }
        for (path, inner) in parts {
            let root = path.hasSuffix("footnotes.xml") ? "footnotes" : path.hasSuffix("endnotes.xml") ? "endnotes"
                : path.contains("/header") ? "hdr" : path.contains("/footer") ? "ftr" : path.hasSuffix("settings.xml") ? "settings" : "document"
            entries.append((path, Array("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:\(root) \(w)>\(inner)</w:\(root)>".utf8)))
        }
        return storedZip(entries)
    }

    /// A zip archive of stored (uncompressed) entries, with their CRC-32s.
    public static func storedZip(_ entries: [(String, [UInt8])]) -> [UInt8] {
        func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
        func le32(_ v: UInt32) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24 & 0xFF)] }
        func crc32(_ data: [UInt8]) -> UInt32 {
            var c: UInt32 = 0xFFFF_FFFF
            for b in data {
                c ^= UInt32(b)
                for _ in 0..<8 { c = c & 1 != 0 ? (c >> 1) ^ 0xEDB8_8320 : c >> 1 }
            }
            return ~c
        }
        var out: [UInt8] = [], central: [UInt8] = []
        for (name, data) in entries {
            let n = Array(name.utf8), size = le32(UInt32(data.count))
            let common = le16(20) + le16(0) + le16(0) + le16(0) + le16(0x21) + le32(crc32(data)) + size + size + le16(n.count) + le16(0)
            central += [0x50, 0x4B, 0x01, 0x02] + le16(20) + common + le16(0) + le16(0) + le16(0) + le32(0) + le32(UInt32(out.count)) + n
            out += [0x50, 0x4B, 0x03, 0x04] + common + n + data
        }
        let end: [UInt8] = [0x50, 0x4B, 0x05, 0x06] + le16(0) + le16(0) + le16(entries.count) + le16(entries.count)
            + le32(UInt32(central.count)) + le32(UInt32(out.count)) + le16(0)
        return out + central + end
    }
}
