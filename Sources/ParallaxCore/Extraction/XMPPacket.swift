/// What a PDF's XMP metadata packet says about the document: Dublin Core's title and
/// creators, and the XMP dates (`xmp:CreateDate`, and `xmp:MetadataDate` / `xmp:ModifyDate`,
/// which say how fresh the packet is).
///
/// XMP is RDF written as XML. A property may be an element (`<xmp:CreateDate>2024-07-23…`),
/// an attribute of `rdf:Description` (`xmp:CreateDate="2024-07-23…"`), or, for the Dublin
/// Core arrays, a list: `dc:title` is an `rdf:Alt` of languages (`x-default` first),
/// `dc:creator` an `rdf:Seq` of names. A packet that is not well-formed XML says nothing.
struct XMPPacket: Equatable {
    /// `dc:title`, the `x-default` language when there are several.
    var title: String?
    /// `dc:creator`, in order.
    var creators: [String] = []
    /// `xmp:CreateDate` (else the first `dc:date`), as written.
    var created: String?
    /// `xmp:MetadataDate` (else `xmp:ModifyDate`): when the packet was last written, as written.
    var written: String?

    static let dublinCore = "http://purl.org/dc/elements/1.1/"
    static let xmpBasic = "http://ns.adobe.com/xap/1.0/"

    /// Reads a packet, or `nil` when it is not XML or has no `rdf:Description`.
    static func parse(_ bytes: [UInt8]) -> XMPPacket? {
        // A packet may be padded with NULs or whitespace after its trailer; XML ends there.
        var bytes = bytes
        while let last = bytes.last, last == 0 || last == 0x20 || last == 0x0A || last == 0x0D || last == 0x09 { bytes.removeLast() }
        guard !bytes.isEmpty, let root = try? XMLTree.parse(bytes) else { return nil }
        var descriptions: [XMLTreeElement] = []
        collect(root, into: &descriptions, depth: 0)
        guard !descriptions.isEmpty else { return nil }
        var packet = XMPPacket()
        var createDate: String?, metadataDate: String?, modifyDate: String?, dcDate: String?
        for d in descriptions {
            for (key, value) in d.attributes.sorted(by: { $0.key < $1.key }) {
                switch key.split(separator: ":").last.map(String.init) ?? key {
                case "CreateDate": createDate = createDate ?? value
                case "MetadataDate": metadataDate = metadataDate ?? value
                case "ModifyDate": modifyDate = modifyDate ?? value
                default: break
                }
            }
            for p in d.children {
                switch (p.namespace, p.name) {
                case (dublinCore, "title"): packet.title = packet.title ?? alternative(p)
                case (dublinCore, "creator"): if packet.creators.isEmpty { packet.creators = items(p) }
                case (dublinCore, "date"): dcDate = dcDate ?? items(p).first
                case (xmpBasic, "CreateDate"): createDate = createDate ?? simple(p)
                case (xmpBasic, "MetadataDate"): metadataDate = metadataDate ?? simple(p)
                case (xmpBasic, "ModifyDate"): modifyDate = modifyDate ?? simple(p)
                default: break
                }
            }
        }
        packet.created = createDate ?? dcDate
        packet.written = metadataDate ?? modifyDate
        return packet
    }

    /// Every `rdf:Description`, at any depth (a packet nests them in `x:xmpmeta`/`rdf:RDF`).
    private static func collect(_ e: XMLTreeElement, into out: inout [XMLTreeElement], depth: Int) {
        guard depth < 16 else { return }
        if e.name == "Description" { out.append(e); return }
        for c in e.children { collect(c, into: &out, depth: depth + 1) }
    }

    /// A simple property's text, or `nil` when empty.
    private static func simple(_ p: XMLTreeElement) -> String? {
        MetadataText.clean(p.text)
    }

    /// The items of an `rdf:Seq`, `rdf:Bag` or `rdf:Alt` (or the text of a property written
    /// without one).
    private static func items(_ p: XMLTreeElement) -> [String] {
        let lists = p.children.filter { ["Seq", "Bag", "Alt"].contains($0.name) }
        if lists.isEmpty { return simple(p).map { [$0] } ?? [] }
        return lists.flatMap { $0.children(named: "li") }.compactMap { MetadataText.clean($0.text) }
    }

    /// A language alternative's `x-default` item, else its first.
    private static func alternative(_ p: XMLTreeElement) -> String? {
        let lis = p.children.filter { ["Seq", "Bag", "Alt"].contains($0.name) }.flatMap { $0.children(named: "li") }
        if lis.isEmpty { return simple(p) }
        func language(_ li: XMLTreeElement) -> String? {
            li.attributes.first { $0.key == "xml:lang" || $0.key == "lang" }?.value
        }
        let preferred = lis.first { language($0)?.lowercased() == "x-default" } ?? lis.first
        return preferred.flatMap { MetadataText.clean($0.text) }
    }

    /// Seconds since 1970 of an XMP or ISO 8601 date (`2024`, `2024-07-23`,
    /// `2024-07-23T10:15:00.5+02:00`, `…Z`); a time without a zone is taken as UTC. `nil` when
    /// it is not such a date.
    static func instant(_ text: String) -> Double? {
        let s = Array(text.trimmingCharacters(in: .whitespaces).utf8)
        var i = 0
        func number(_ digits: Int) -> Int? {
            guard i + digits <= s.count else { return nil }
            var n = 0
            for k in i..<(i + digits) {
                guard s[k] >= 0x30 && s[k] <= 0x39 else { return nil }
                n = n * 10 + Int(s[k] - 0x30)
            }
            i += digits
            return n
        }
        func accept(_ c: Character) -> Bool {
            guard i < s.count, s[i] == c.asciiValue! else { return false }
            i += 1
            return true
        }
        guard let year = number(4) else { return nil }
        var month = 1, day = 1, hour = 0, minute = 0, second = 0.0, offset = 0
        if accept("-") {
            guard let m = number(2), (1...12).contains(m) else { return nil }
            month = m
            if accept("-") {
                guard let d = number(2), d >= 1, d <= DocumentDate.days(in: m, of: year) else { return nil }
                day = d
                if accept("T") {
                    guard let h = number(2), h < 24, accept(":"), let mi = number(2), mi < 60 else { return nil }
                    hour = h; minute = mi
                    if accept(":") {
                        guard let sec = number(2), sec < 61 else { return nil }
                        second = Double(sec)
                        if accept(".") {
                            var scale = 0.1
                            while i < s.count, s[i] >= 0x30 && s[i] <= 0x39 { second += Double(s[i] - 0x30) * scale; scale /= 10; i += 1 }
                        }
                    }
                    if !accept("Z"), i < s.count, s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") {
                        let sign = s[i] == UInt8(ascii: "-") ? -1 : 1
                        i += 1
                        guard let oh = number(2) else { return nil }
                        _ = accept(":")  // `+02:00`, or `+0200` as some writers have it
                        guard let om = number(2) else { return nil }
                        offset = sign * (oh * 3600 + om * 60)
                    }
                }
            }
        }
        guard i == s.count else { return nil }
        // Days from 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's algorithm).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146097 + doe - 719468
        return Double(days * 86400 + hour * 3600 + minute * 60 - offset) + second
    }
}
