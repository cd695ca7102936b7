extension XMLTree {
    /// The document with every processing instruction given data.
    ///
    /// libxml2 reports a processing instruction without data (`<?name?>`) with a null data
    /// pointer, and Foundation's `XMLParser` on Linux takes its length (`strlen(NULL)`): the
    /// process dies, whatever the delegate (found by the Word reader's fuzzer, in a
    /// `word/document.xml` starting `<?xm?>`). Instructions are not part of the tree, so each
    /// such one has the last character of its target turned into a space (`<?xm?>` →
    /// `<?x ?>`, whose data is empty, not null): same length, so lines and columns stay. A
    /// target of one character becomes `<? ?>`, which the parser refuses as not well-formed.
    /// Comments and CDATA sections are left as they are. UTF-8 and UTF-16 (with its
    /// byte-order mark) are handled.
    static func withDataInEveryInstruction(_ bytes: [UInt8]) -> [UInt8] {
        let width: Int, bigEndian: Bool, start: Int
        if bytes.starts(with: [0xFF, 0xFE]) { (width, bigEndian, start) = (2, false, 2) }
        else if bytes.starts(with: [0xFE, 0xFF]) { (width, bigEndian, start) = (2, true, 2) }
        else { (width, bigEndian, start) = (1, false, 0) }
        let n = (bytes.count - start) / width
        func unit(_ i: Int) -> UInt16 {
            let o = start + i * width
            if width == 1 { return UInt16(bytes[o]) }
            return bigEndian ? UInt16(bytes[o]) << 8 | UInt16(bytes[o + 1]) : UInt16(bytes[o + 1]) << 8 | UInt16(bytes[o])
        }
        func matches(_ i: Int, _ text: StaticString) -> Bool {
            let count = text.utf8CodeUnitCount
            guard i + count <= n else { return false }
            return text.withUTF8Buffer { u in (0..<count).allSatisfy { unit(i + $0) == UInt16(u[$0]) } }
        }
        func skip(from i: Int, past end: StaticString) -> Int {
            var k = i
            while k < n && !matches(k, end) { k += 1 }
            return k + end.utf8CodeUnitCount
        }
        var out = bytes
        func blank(_ i: Int) {
            let o = start + i * width
            if width == 1 { out[o] = 0x20 } else if bigEndian { out[o] = 0; out[o + 1] = 0x20 } else { out[o] = 0x20; out[o + 1] = 0 }
        }
        var i = 0
        while i < n {
            if matches(i, "<!--") { i = skip(from: i + 4, past: "-->"); continue }
            if matches(i, "<![CDATA[") { i = skip(from: i + 9, past: "]]>"); continue }
            guard matches(i, "<?") else { i += 1; continue }
            var j = i + 2
            while j < n, case let u = unit(j), u > 0x20, u != UInt16(UInt8(ascii: "?")), u != UInt16(UInt8(ascii: ">")),
                  u != UInt16(UInt8(ascii: "<")) { j += 1 }
            if j > i + 2, matches(j, "?>") {
                // The whole last character: its UTF-8 continuation bytes, or a surrogate pair.
                var first = j - 1
                if width == 1 { while first > i + 2, unit(first) & 0xC0 == 0x80 { first -= 1 } }
                else if (0xDC00...0xDFFF).contains(unit(first)), first > i + 2 { first -= 1 }
                for k in first..<j { blank(k) }
            }
            i = j
        }
        return out
    }
}
