import Foundation
import Testing
import ParallaxCore
import TestSupport

@Suite("Dates: PartialDate and since:/until: windows")
struct TimeTests {
    @Test("the three ISO forms parse; everything else does not")
    func parsing() throws {
        #expect(PartialDate("2019")?.precision == .year)
        #expect(PartialDate("2019-06")?.precision == .month)
        #expect(PartialDate("2024-02-29")?.precision == .day)  // a leap day
        for bad in ["2023-02-29", "1900-02-29", "2024-13", "2024-00", "2024-06-31", "24", "2024-6", "2024-06-1", "", "２０２４",
                    "2024-06-01T00:00", "-2024", "0000", "2024/06"] {
            #expect(PartialDate(bad) == nil, "\(bad)")
        }
        #expect(PartialDate("2000-02-29") != nil)
        #expect(PartialDate("2024-06")?.description == "2024-06")
        #expect(PartialDate(document: "2024-07-23T10:00:00Z")?.description == "2024-07-23")
        #expect(PartialDate(document: " 2023-09 ")?.description == "2023-09")
        #expect(PartialDate(document: "September 2023") == nil)
    }

    @Test("a typed date that is not one says what to type, at the option")
    func errors() throws {
        let e = #expect(throws: ParallaxError.self) { try PartialDate.parse("2024-13", option: "since:") }
        #expect(e?.description == "since:2024-13: not a date — use YYYY, YYYY-MM or YYYY-MM-DD")
        let f = #expect(throws: ParallaxError.self) { try DateFilter.parse(since: "2025", until: "2024-12") }
        #expect(f?.description == "since:2025 until:2024-12: the window is empty: since: is after until: — swap the two dates")
        // The same period at both ends is a window of one month, not an error.
        #expect(try DateFilter.parse(since: "2024-06", until: "2024-06") == DateFilter(since: PartialDate("2024-06"), until: PartialDate("2024-06")))
    }

    @Test("a partial date is a period: first and last day, ordered by start then length")
    func periods() throws {
        let june = try #require(PartialDate("2019-06")), day = try #require(PartialDate("2019-06-30"))
        #expect(june.last == day.first)
        #expect(try #require(PartialDate("2019-07-01")).first == day.first + 1)
        #expect(try #require(PartialDate("2020-12-31")).last - (try #require(PartialDate("2020"))).first == 365)  // leap year
        #expect(june < day)
        #expect(try #require(PartialDate("2019-06-01")) < june)  // same first day: the shorter period first
        #expect(try #require(PartialDate("2019")) < june)
        #expect(PartialDate.year(ofDay: try #require(PartialDate("2019-12-31")).first) == 2019)
        #expect(PartialDate.year(ofDay: try #require(PartialDate("2020-01-01")).first) == 2020)
        #expect(PartialDate.year(ofDay: try #require(PartialDate("2020-02-29")).first) == 2020)
    }

    @Test("since: and until: are inclusive; a month-only date counts as that whole month")
    func boundaries() throws {
        func admits(_ since: String?, _ until: String?, _ date: String) throws -> Bool {
            try DateFilter.parse(since: since, until: until).admits(PartialDate(date))
        }
        // A document dated 2023-09 (the whole of September).
        #expect(try admits("2023-09", nil, "2023-09"))
        #expect(try admits("2023-09-30", nil, "2023-09"))
        #expect(try !admits("2023-10", nil, "2023-09"))
        #expect(try !admits("2023-10-01", nil, "2023-09"))
        #expect(try admits(nil, "2023-09", "2023-09"))
        #expect(try admits(nil, "2023-09-01", "2023-09"))
        #expect(try !admits(nil, "2023-08-31", "2023-09"))
        #expect(try !admits(nil, "2023-08", "2023-09"))
        // Day-dated documents on the bounds.
        #expect(try admits("2024-07-23", "2024-07-23", "2024-07-23"))
        #expect(try !admits("2024-07-24", nil, "2024-07-23"))
        #expect(try !admits(nil, "2024-07-22", "2024-07-23"))
        #expect(try admits(nil, "2024", "2024-12-31"))
        #expect(try !admits("2025", nil, "2024-12-31"))
        #expect(try admits("2024-07", "2024-07", "2024-07-31"))
        // Undated: only without bounds.
        #expect(DateFilter.all.admits(nil))
        #expect(!(try DateFilter.parse(since: "1900", until: nil)).admits(nil))
    }

    @Test("a window keeps codings on documents in range and counts what it leaves out, undated apart")
    func selection() throws {
        let all = DatedSelection(.all, codings: DatedWorld.codings, corpus: DatedWorld.corpus)
        #expect(all.kept == DatedWorld.codings && all.leftOut == 0 && all.note == nil)

        let since2023 = DatedSelection(try DateFilter.parse(since: "2023", until: nil), codings: DatedWorld.codings, corpus: DatedWorld.corpus)
        #expect(Set(since2023.kept.map(\.annotation.target.doc)) == ["b2023", "c2023", "d2024"])
        #expect(since2023.kept.count == 8)
        #expect(since2023.outOfRange == 2 && since2023.undated == 1)
        #expect(since2023.note == "3 codings left out by since:2023: 2 on documents dated outside it, 1 on undated documents")

        let june = DatedSelection(try DateFilter.parse(since: nil, until: "2019-06"), codings: DatedWorld.codings, corpus: DatedWorld.corpus)
        #expect(june.kept.map(\.annotation.target.doc) == ["a2019", "a2019"])
        let may = DatedSelection(try DateFilter.parse(since: nil, until: "2019-05-31"), codings: DatedWorld.codings, corpus: DatedWorld.corpus)
        #expect(may.kept.isEmpty && may.outOfRange == 10 && may.undated == 1)
        let day = DatedSelection(try DateFilter.parse(since: "2023-03-15", until: "2023-03-15"), codings: DatedWorld.codings, corpus: DatedWorld.corpus)
        #expect(Set(day.kept.map(\.annotation.target.doc)) == ["b2023", "c2023"])
    }

    @Test("the bundled manifest's dates all parse: months stay months")
    func bundledDates() throws {
        let corpus = Fixtures.corpus
        let dates = corpus.documents.map { $0.info.partialDate?.description }
        #expect(dates.allSatisfy { $0 != nil })
        #expect(corpus.documents.first { $0.id == "lin" }?.info.partialDate?.precision == .month)
    }
}
