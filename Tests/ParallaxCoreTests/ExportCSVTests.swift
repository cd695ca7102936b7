import Foundation
import Testing
@testable import ParallaxCore
@testable import ParallaxStore
import TestSupport

@Suite("Export: CSV")
struct ExportCSVTests {
    let format = CSVExportFormat()

    /// The exported records as cells, read back with the import's own reader.
    func records(_ text: String) throws -> [[String]] {
        try CSVReader.records(Array(text.utf8)).map(\.cells)
    }

    @Test("header row with the sixteen columns, CR LF line ends")
    func header() throws {
        let text = try Interchange.exportText(format, Fixtures.baselineCodings)
        #expect(text.hasPrefix("set,id,doc,start,end,exact,prefix,suffix,question,analyst,stance,confidence,tags,note,created,modified\r\n"))
        #expect(text.hasSuffix("\r\n"))
        // Outside quoted cells every line feed follows a carriage return.
        let rows = try records(text)
        #expect(rows.count == Fixtures.baselineCodings.count + 1)
        #expect(rows.allSatisfy { $0.count == 16 })
    }

    @Test("baseline and nasty sets import back to equal codings (unknown fields are not carried)")
    func roundTrips() throws {
        let sets = Fixtures.baselineCodings + Fixtures.nastyCodings
        #expect(try Interchange.roundTrip(format, sets) == Fixtures.withoutExtra(Fixtures.sorted(sets)))
        let corpusCodings = Fixtures.nastyCorpusCodings
        #expect(try Interchange.roundTrip(format, corpusCodings, corpus: Fixtures.nastyCorpus)
                == Fixtures.withoutExtra(Fixtures.sorted(corpusCodings)))
    }

    @Test("a byte-order mark, when asked for, does not stop the import")
    func byteOrderMark() throws {
        let bytes = try Interchange.exportFile(CSVExportFormat(byteOrderMark: true), Fixtures.nastyCodings)
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        let back = try ImportFormats.read(bytes, path: "r.csv", corpus: Fixtures.corpus, codebook: Fixtures.codebook)
        #expect(back == Fixtures.withoutExtra(Fixtures.sorted(Fixtures.nastyCodings)))
    }

    @Test("csv-excel: a byte-order mark, CR LF, and Python's csv module (utf-8-sig) reads every cell as written")
    func excel() throws {
        let excel = try #require(ExportFormats.named("csv-excel"))
        let codings = Fixtures.sorted(Fixtures.baselineCodings + Fixtures.nastyCodings)
        let bytes = try Interchange.exportFile(excel, codings)
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF] + Array("set,id,doc".utf8)))
        #expect(Array(bytes.dropFirst(3)) == Array(try Interchange.exportText(format, codings).utf8))
        let script = """
        import sys, csv, json
        raw = open(sys.argv[1], 'rb').read()
        with open(sys.argv[1], encoding='utf-8-sig', newline='') as f:
            rows = list(csv.reader(f))
        print(json.dumps({'bom': raw.startswith(b'\\xef\\xbb\\xbf'), 'header': raw[3:].split(b'\\n')[0].endswith(b'\\r'), 'rows': rows}))
        """
        let stdout = try Python.withFile(bytes, name: "review.csv") { try Python.run(script, arguments: [$0]) }
        let out = try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any])
        #expect(out["bom"] as? Bool == true)
        #expect(out["header"] as? Bool == true)
        let rows = try #require(out["rows"] as? [[String]])
        #expect(rows.first == CSVLayout.columns)
        #expect(rows.count == codings.count + 1)
        for (row, c) in zip(rows.dropFirst(), codings) {
            let a = c.annotation
            #expect(row[1] == a.id)
            #expect(row[5] == CSVLayout.neutralised(a.target.exact))
            #expect(row[9] == CSVLayout.neutralised(a.analyst))
            #expect(row[10] == String(a.stance))
            #expect(row[12] == CSVLayout.neutralised(CSVLayout.joinTags(a.tags)))
            #expect(row[13] == CSVLayout.neutralised(a.note))
        }
        // Read back by Parallax's own import too.
        let back = try ImportFormats.read(bytes, path: "r.csv", corpus: Fixtures.corpus, codebook: Fixtures.codebook)
        #expect(back == Fixtures.withoutExtra(codings))
    }

    @Test("formula starts get one quote in front; numbers never do", arguments: [
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"), ("+SUM(1,2)", "'+SUM(1,2)"), ("-1+2", "'-1+2"),
        ("@SUM(A1)", "'@SUM(A1)"), ("\tTabbed", "'\tTabbed"), ("\rCR first", "'\rCR first"),
        ("'=already quoted", "''=already quoted"), ("''+two quotes", "'''+two quotes"),
        ("'tis", "'tis"), ("'", "'"), ("''", "''"), ("it's", "it's"), ("=", "'="), ("-", "'-"), ("", ""),
        ("plain", "plain"), (" =space first", " =space first"),
    ])
    func neutralisation(text: String, cell: String) throws {
        #expect(CSVLayout.neutralised(text) == cell)
        #expect(CSVLayout.restored(cell) == text)
    }

    @Test("the exported cells: neutralised notes and tags, stance -1 stays a number")
    func cells() throws {
        let codings = Fixtures.sorted(Fixtures.nastyCodings.filter { $0.set == "formulas" })
        let rows = try records(try Interchange.exportText(format, codings)).dropFirst()
        for (row, c) in zip(rows, codings) {
            #expect(row[13] == CSVLayout.neutralised(c.annotation.note))
            #expect(row[10] == String(c.annotation.stance))
            #expect(!row[10].hasPrefix("'"))
            for cell in row where !cell.isEmpty {
                let first = cell.unicodeScalars.first!
                let dangerous = "=+-@\t\r".unicodeScalars.contains(first)
                #expect(!dangerous || cell == row[10], "cell \(cell.debugDescription) could run as a formula")
            }
        }
        let stances = rows.map { $0[10] }
        #expect(stances.contains("-1") && stances.contains("-2"))
    }

    @Test("tags: ';' and '\\' are escaped, an empty tag is \\e, commas need only the quotes")
    func tags() throws {
        #expect(CSVLayout.joinTags(Fixtures.nastyTags) == #"evidence;a,b;semi\;colon;back\\slash;\e;=formula;-neg;ş ı 👍;\\e;\;;\\;“quoted”"#)
        #expect(try CSVLayout.splitTags(CSVLayout.joinTags(Fixtures.nastyTags)) == Fixtures.nastyTags)
        #expect(CSVLayout.joinTags([]) == "")
        #expect(CSVLayout.joinTags([""]) == #"\e"#)
        #expect(try CSVLayout.splitTags("") == [])
        #expect(try CSVLayout.splitTags(#"\e"#) == [""])
        for bad in ["a;;b", "a;", ";a", #"a\"#, #"a\x"#, #"a\e"#, #"\ea"#, #"\e\e"#] {
            #expect(throws: CSVLayout.TagError.self, "\(bad)") { try CSVLayout.splitTags(bad) }
        }
    }

    @Test("quoting: commas, quotes and line breaks are quoted, quotes doubled, breaks kept")
    func quoting() throws {
        #expect(CSVLayout.quoted("plain ş") == "plain ş")
        #expect(CSVLayout.quoted("a,b") == "\"a,b\"")
        #expect(CSVLayout.quoted("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVLayout.quoted("l1\nl2\r\nl3") == "\"l1\nl2\r\nl3\"")
        let note = try #require(try records(try Interchange.exportText(format, [Fixtures.nastyCodings[0]])).last?[13])
        #expect(note == Fixtures.nastyNote)
    }
}
