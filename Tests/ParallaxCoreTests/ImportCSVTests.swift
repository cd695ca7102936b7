import Foundation
import Testing
@testable import ParallaxCore
@testable import ParallaxStore
import TestSupport

@Suite("Import: CSV")
struct ImportCSVTests {
    let header = "set,id,doc,start,end,exact,prefix,suffix,question,analyst,stance,confidence,tags,note,created,modified\r\n"

    func exported(_ codings: [Coding]) throws -> String {
        try Interchange.exportText(CSVExportFormat(), codings)
    }

    @Test("bad records are reported with the line they start on; nothing is imported")
    func badRecords() throws {
        let good = try exported(Array(Fixtures.nastyCodings.prefix(2)))
        // Record 1 of the export holds a note with line breaks: it spans lines 2-5.
        var text = good
        let physicalLines = good.filter { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }.count
        text += "nasty,01BAD,brookings,notanumber,5,x,,,reset-wedge,stent,-1,,,,2026-11-23T16:00:00Z,2026-11-23T16:00:00Z\r\n"
        text += "nasty,01BAD2,brookings,0,5,x,,,reset-wedge,stent,-1,high,,,2026-11-23T16:00:00Z,2026-11-23T16:00:00Z\r\n"
        text += "nasty,01BAD3,brookings,0,5,x,,,reset-wedge,stent,-1,,a;;b,,2026-11-23T16:00:00Z,2026-11-23T16:00:00Z\r\n"
        text += "too,few,cells\r\n"
        text += "nasty,01BAD4,brookings,0,5,x,,,no-such-question,stent,-1,,,,2026-11-23T16:00:00Z,2026-11-23T16:00:00Z\r\n"
        let problems = Interchange.problems(Array(text.utf8), path: "r.csv")
        let first = physicalLines + 1
        let locations = problems.compactMap(\.location?.description)
        #expect(locations.contains("r.csv:\(first)"))
        #expect(locations.contains("r.csv:\(first + 1)"))
        #expect(locations.contains("r.csv:\(first + 2)"))
        #expect(locations.contains("r.csv:\(first + 3)"))
        #expect(locations.contains("r.csv:\(first + 4)"))
        #expect(problems.count == 5)
        #expect(problems.first { $0.location == "r.csv:\(first + 1)" }?.message.contains("confidence") == true)
        #expect(problems.first { $0.location == "r.csv:\(first + 2)" }?.message.contains("empty tag") == true)
        #expect(problems.first { $0.location == "r.csv:\(first + 4)" }?.message.contains("unknown question") == true)
    }

    @Test("a record that spans lines is located at its first line")
    func multilineRecordLocation() throws {
        var good = Fixtures.nastyCodings[2]
        good.annotation.note = "one\ntwo\nthree"
        var bad = Fixtures.nastyCodings[4]
        bad.annotation.question = "unknown-q"
        let text = try exported([bad, good])
        // Line 1 the header, lines 2-5 the good record (its exact holds one line break, its
        // note two), line 6 the bad one.
        let problems = Interchange.problems(Array(text.utf8), path: "r.csv")
        #expect(problems.map(\.location?.description) == ["r.csv:6"])
    }

    @Test("header problems: missing, unknown and repeated columns")
    func headers() throws {
        let problems = Interchange.problems(Array("set,id,doc,start,end,bogus,id\r\n".utf8), path: "r.csv", format: "csv")
        let messages = problems.map(\.message)
        #expect(messages.contains("unknown column \"bogus\""))
        #expect(messages.contains("column \"id\" appears twice"))
        #expect(messages.contains { $0.hasPrefix("missing columns exact, prefix") })
        #expect(problems.allSatisfy { $0.location == "r.csv:1" })
    }

    @Test("syntax errors: a quote that never closes, text after a closing quote, invalid UTF-8")
    func syntax() throws {
        let open = Interchange.problems(Array((header + "a,\"b\r\nc\r\n").utf8), path: "r.csv")
        #expect(open.map(\.location?.description) == ["r.csv:2"])
        #expect(open.first?.message.contains("never closes") == true)
        let after = Interchange.problems(Array((header + "a,\"b\"c,d\r\n").utf8), path: "r.csv")
        #expect(after.map(\.location?.description) == ["r.csv:2"])
        let utf8 = Interchange.problems(Array(header.utf8) + [0x0A, 0x61, 0xFF], path: "r.csv")
        #expect(utf8.map(\.location?.description) == ["r.csv:3"])
    }

    @Test("cells edited the way a spreadsheet user would still import: reordered columns, LF line ends")
    func reorderedColumns() throws {
        let text = try exported([Fixtures.nastyCodings[4], Fixtures.nastyCodings[0]])
        let rows = try CSVReader.records(Array(text.utf8)).map(\.cells)
        let reordered = rows.map { $0.reversed().map(CSVLayout.quoted).joined(separator: ",") + "\n" }.joined()
        let back = try ImportFormats.read(Array(reordered.utf8), path: "r.csv", corpus: Fixtures.corpus, codebook: Fixtures.codebook)
        #expect(back == Fixtures.withoutExtra(Fixtures.sorted([Fixtures.nastyCodings[4], Fixtures.nastyCodings[0]])))
    }
}
