import Foundation
import Testing
import TestSupport
@testable import ParallaxCore

@Suite("Extraction: a PDF's XMP metadata")
struct ExtractionXMPTests {
    typealias L = PDFFixture.Line

    static let pages: [[L]] = [[L("The axis is tactical, not fundamental.", y: 700), L("A second paragraph follows here.", y: 660)]]

    /// A packet as Acrobat and InDesign write it: the xpacket wrapper, two descriptions, a
    /// date as an attribute, the title as a language alternative (x-default not first), the
    /// creators as a sequence, padding after the trailer.
    static func packet(title: String = "The China–Russia “Axis”: Tactical or Fundamental?",
                       creators: [String] = ["Aslı Aydıntaşbaş", "Jane Holloway"],
                       created: String? = "2024-07-23T10:15:00+02:00", metadataDate: String? = "2024-07-24T09:00:00+02:00") -> String {
        let dates = (created.map { " xmp:CreateDate=\"\($0)\"" } ?? "") + (metadataDate.map { " xmp:MetadataDate=\"\($0)\"" } ?? "")
        return """
        <?xpacket begin="\u{FEFF}" id="W5M0MpCehiHzreSzNTczkc9d"?>
        <x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="Adobe XMP Core 9.1-c001">
         <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
          <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"\(dates) xmp:CreatorTool="Adobe InDesign 19.0"/>
          <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
                pdf:Producer="Adobe PDF Library 17.0">
           <dc:format>application/pdf</dc:format>
           <dc:title><rdf:Alt><rdf:li xml:lang="de-DE">Die Achse</rdf:li><rdf:li xml:lang="x-default">\(title)</rdf:li></rdf:Alt></dc:title>
           <dc:creator><rdf:Seq>\(creators.map { "<rdf:li>\($0)</rdf:li>" }.joined())</rdf:Seq></dc:creator>
          </rdf:Description>
         </rdf:RDF>
        </x:xmpmeta>
        \(String(repeating: " ", count: 200))
        <?xpacket end="w"?>
        """
    }

    static let staleInfo = ["Title": "Microsoft Word - draft-v3.docx", "Author": "jsmith", "CreationDate": "D:20240101090000Z",
                            "ModDate": "D:20240724070000Z"]

    @Test("XMP wins over the Info dictionary: title (x-default), creators as a list, CreateDate")
    func xmpFirst() throws {
        let bytes = PDFFixture.make(pages: Self.pages, info: Self.staleInfo, xmp: Self.packet())
        let doc = try Extractor.extract(bytes, format: .pdf, name: "axis.pdf")
        #expect(doc.metadata.title == "The China–Russia “Axis”: Tactical or Fundamental?")
        #expect(doc.metadata.authors == ["Aslı Aydıntaşbaş", "Jane Holloway"])
        // The calendar day as written, no shift to UTC.
        #expect(doc.metadata.date == "2024-07-23")
        #expect(doc.metadata.origins == ["title": "XMP", "authors": "XMP", "date": "XMP"])
        #expect(doc.text.hasPrefix("The axis is tactical, not fundamental."))
    }

    @Test("what the packet lacks comes from the Info dictionary")
    func infoFillsGaps() throws {
        let bytes = PDFFixture.make(pages: Self.pages, info: ["Author": "Ali Wyne", "CreationDate": "D:20230301120000Z"],
                                    xmp: Self.packet(creators: [], created: nil, metadataDate: nil))
        let doc = try Extractor.extract(bytes, format: .pdf, name: "axis.pdf")
        #expect(doc.metadata.title == "The China–Russia “Axis”: Tactical or Fundamental?")
        #expect(doc.metadata.authors == ["Ali Wyne"])
        #expect(doc.metadata.date == "2023-03-01")
        #expect(doc.metadata.origins == ["title": "XMP", "authors": "PDF Info", "date": "PDF Info"])
    }

    @Test("a packet gone stale (Info modified after MetadataDate) yields to the Info dictionary")
    func stalePacket() throws {
        let info = ["Title": "Axis, revised", "Author": "Ali Wyne", "CreationDate": "D:20240801090000Z", "ModDate": "D:20240902090000Z"]
        let bytes = PDFFixture.make(pages: Self.pages, info: info, xmp: Self.packet())
        let doc = try Extractor.extract(bytes, format: .pdf, name: "axis.pdf")
        #expect(doc.metadata.title == "Axis, revised")
        #expect(doc.metadata.authors == ["Ali Wyne"])
        #expect(doc.metadata.date == "2024-08-01")
        #expect(doc.metadata.origins == ["title": "PDF Info", "authors": "PDF Info", "date": "PDF Info"])
        // The same Info modified within the minute the packet was written: XMP still first
        // (07:00:30Z is 09:00:30+02:00, thirty seconds after MetadataDate).
        var fresh = info
        fresh["ModDate"] = "D:20240724070030Z"
        let again = try Extractor.extract(PDFFixture.make(pages: Self.pages, info: fresh, xmp: Self.packet()), format: .pdf, name: "axis.pdf")
        #expect(again.metadata.origins["title"] == "XMP")
    }

    @Test("a damaged packet is ignored and the Info dictionary used; placeholders in either are skipped")
    func damagedPacket() throws {
        let bytes = PDFFixture.make(pages: Self.pages, info: ["Title": "Russia and China", "Author": "Ali Wyne"],
                                    xmp: "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF")
        let doc = try Extractor.extract(bytes, format: .pdf, name: "axis.pdf")
        #expect(doc.metadata.title == "Russia and China")
        #expect(doc.metadata.origins["title"] == "PDF Info")
        let placeholder = PDFFixture.make(pages: Self.pages, info: ["Title": "Russia and China"],
                                          xmp: Self.packet(title: "Microsoft Word - memo.docx"))
        let other = try Extractor.extract(placeholder, format: .pdf, name: "axis.pdf")
        #expect(other.metadata.title == "Russia and China")
        #expect(other.metadata.authors == ["Aslı Aydıntaşbaş", "Jane Holloway"])
    }

    @Test("options come before XMP; the summary says where each field came from")
    func optionsFirst() throws {
        let bytes = PDFFixture.make(pages: Self.pages, info: Self.staleInfo, xmp: Self.packet())
        let extracted = try Extractor.extract(bytes, format: .pdf, name: "axis.pdf")
        let plan = try DocumentPlanner.add(extracted, options: DocumentOptions(title: "Axis (annotated)", date: "2024-08"), fileName: "axis.pdf",
                                           sourceHash: String(repeating: "c", count: 64), corpus: Fixtures.corpus, now: "2026-12-04T19:00:00Z")
        #expect(plan.info.title == "Axis (annotated)")
        #expect(plan.info.date == "2024-08")
        #expect(plan.info.authors == ["Aslı Aydıntaşbaş", "Jane Holloway"])
        #expect(plan.info.voice == "aydintasbas")
        #expect(plan.summary.contains("title from options, authors from XMP, date from options"))
    }

    @Test("XMP dates: zones, fractions, precision; garbage is not a date")
    func instants() {
        #expect(XMPPacket.instant("2024-07-23T10:15:00+02:00") == XMPPacket.instant("2024-07-23T08:15:00Z"))
        #expect(XMPPacket.instant("2024-07-23T10:15+0200") == XMPPacket.instant("2024-07-23T08:15:00Z"))
        #expect(XMPPacket.instant("1970-01-02") == 86400)
        #expect(XMPPacket.instant("2000-03-01T00:00:00.5Z") == 951_868_800.5)
        #expect(XMPPacket.instant("2024") == 1_704_067_200)
        for bad in ["", "2024-13-01", "2024-02-30", "July 2024", "2024-07-23T25:00Z", "2024-07-23Tx"] {
            #expect(XMPPacket.instant(bad) == nil, "\(bad)")
        }
    }
}
