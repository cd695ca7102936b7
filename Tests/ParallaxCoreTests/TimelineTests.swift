import Foundation
import Testing
import ParallaxCore

@Suite("Timelines: codings by date, shifts apart from contradictions")
struct TimelineTests {
    static let builder = TimelineBuilder(corpus: DatedWorld.corpus, codebook: DatedWorld.codebook, codings: DatedWorld.codings)

    func track(_ t: Timeline, _ analyst: String) throws -> TimelineTrack {
        try #require(t.tracks.first { $0.analyst == analyst })
    }

    @Test("codings run by date, the month-only document first, the undated one last")
    func order() throws {
        let ann = try track(try Self.builder.question("q1"), "ann")
        #expect(ann.points.map(\.doc) == ["a2019", "a2019", "b2023", "d2024", "d2024", "u"])
        #expect(ann.points.map(\.dateText) == ["2019-06", "2019-06", "2023-03-15", "2024-07-23", "2024-07-23", "undated"])
        #expect(ann.points.map(\.paragraph) == [1, 2, 1, 1, 2, 1])
        #expect(ann.points.map(\.set) == ["alice", "alice", "alice", "alice", "bea", "alice"])
        #expect(ann.points[0].quote == "a2019 line 1 says something quotable.")
        #expect(ann.points[0].label == "unlikely")
    }

    @Test("a position per document is compare's median of the codings there")
    func positions() throws {
        let ann = try track(try Self.builder.question("q1"), "ann")
        #expect(ann.positions.map(\.doc) == ["a2019", "b2023", "d2024", "u"])
        #expect(ann.positions.map(\.stance) == [-1.5, 1, 0.5, 2])
        #expect(ann.positions.map(\.codings) == [2, 1, 2, 1])
        #expect(ann.positions[0].label == "no – unlikely")
        // The same numbers as compare on each document's codings alone.
        for p in ann.positions {
            let only = DatedWorld.codings.filter { $0.annotation.target.doc == p.doc }
            let compared = Comparer(corpus: DatedWorld.corpus, codebook: DatedWorld.codebook, codings: only)
                .position(of: "ann", on: DatedWorld.question("q1")).stance
            #expect(compared == p.stance)
        }
    }

    @Test("a shift is a change of position between dates, with both dates and quotes; undated documents take no part")
    func shifts() throws {
        let ann = try track(try Self.builder.question("q1"), "ann")
        #expect(ann.shifts.count == 2)
        let first = ann.shifts[0]
        #expect(first.from.doc == "a2019" && first.to.doc == "b2023")
        #expect(first.from.date?.description == "2019-06" && first.to.date?.description == "2023-03-15")
        #expect(first.from.stance == -1.5 && first.to.stance == 1 && first.change == 2.5 && first.crossesZero)
        // The quote closest to -1.5: a tie between -1 and -2, the first in the text wins.
        #expect(first.from.evidence.quote == "a2019 line 1 says something quotable.")
        #expect(first.to.evidence.quote == "b2023 line 1 says something quotable.")
        let second = ann.shifts[1]
        #expect(second.from.doc == "b2023" && second.to.doc == "d2024" && second.from.stance == 1 && second.to.stance == 0.5)
        #expect(!ann.shifts.contains { $0.to.doc == "u" || $0.from.doc == "u" })
        // The same position at two dates is no shift.
        let q2 = try track(try Self.builder.question("q2"), "ann")
        #expect(q2.shifts.isEmpty && q2.positions.count == 2)
    }

    @Test("a contradiction is both sides of 0 in one document or on one date, and is not a shift")
    func contradictions() throws {
        let t = try Self.builder.question("q1")
        let ann = try track(t, "ann")
        #expect(ann.contradictions.count == 1)
        let c = ann.contradictions[0]
        #expect(c.docs == ["d2024"] && c.date?.description == "2024-07-23")
        #expect(c.negative.stance == -1 && c.positive.stance == 2 && c.below == 1 && c.above == 1)
        #expect(c.positive.set == "bea")

        // bob: +1 in b2023 and -1 in c2023, the same day: a contradiction across two
        // documents, never a shift; d2024 (-1) compared with the latest earlier date (c2023, -1).
        let bob = try track(t, "bob")
        #expect(bob.shifts.isEmpty)
        #expect(bob.contradictions.count == 1)
        #expect(bob.contradictions[0].docs == ["b2023", "c2023"])
        #expect(bob.contradictions[0].date?.description == "2023-03-15")
        #expect(t.shifts.count == 2 && t.contradictions.count == 2)
    }

    @Test("a question timeline has a track per analyst who coded it, in compare's order; an analyst timeline one per question")
    func subjects() throws {
        let q = try Self.builder.question("Q1")  // folded
        #expect(q.subject == .question && q.id == "q1" && q.tracks.map(\.analyst) == ["ann", "bob"])
        let ann = Self.builder.analyst("ann")
        #expect(ann.subject == .analyst && ann.title == "Ann A" && ann.tracks.map(\.question) == ["q1", "q2"])
        #expect(Self.builder.analyst("dee").tracks.isEmpty)
        #expect(throws: ParallaxError.self) { try Self.builder.question("q9") }
        // Sets filter the codings: without bea, ann's d2024 has only -1 and no contradiction.
        let alice = try track(try Self.builder.question("q1", sets: ["alice"]), "ann")
        #expect(alice.contradictions.isEmpty && alice.positions.map(\.stance) == [-1.5, 1, -1, 2])
    }

    @Test("the text rendering lists every coding, then the shifts and contradictions with their quotes")
    func rendering() throws {
        var text = ""
        TimelineRenderer(width: 100).render(try Self.builder.question("q1"), codebook: DatedWorld.codebook, to: &text)
        #expect(text.hasPrefix("timeline of q1\nQuestion q1?\n-2 no · -1 unlikely · 0 uncertain · +1 plausible · +2 likely\n\nAnn A\n"))
        #expect(text.contains("  2019-06     a2019 ¶1  -1 unlikely  [alice]\n"))
        #expect(text.contains("  undated     u ¶1      +2 likely  [alice]\n"))
        #expect(text.contains("  shift: -1.5 no – unlikely → +1 plausible (2019-06 a2019 → 2023-03-15 b2023)\n"))
        #expect(text.contains("    from “a2019 line 1 says something quotable.” (a2019 ¶1)\n"))
        #expect(text.contains("  contradiction within b2023, c2023 (same date), 2023-03-15 — 1 below 0, 1 above\n"))
        #expect(text.hasSuffix("\n9 codings · 2 shifts · 2 contradictions\n"))
        for line in text.split(separator: "\n") { #expect(TextLayout.columns(String(line)) <= 100) }
    }

    @Test("JSON carries dates as ISO text and undated points without a date")
    func json() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let t = try Self.builder.question("q1")
        let data = try encoder.encode(t)
        let back = try JSONDecoder().decode(Timeline.self, from: data)
        #expect(back == t)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"date\":\"2019-06\""))
        #expect(text.contains("\"subject\":\"question\""))
    }

    @Test("the HTML report draws a timeline per question: dated points, an arrow per shift, everything said in words")
    func htmlChart() throws {
        var html = ""
        HTMLExportFormat().write(ExportInput(codings: DatedWorld.codings, corpus: DatedWorld.corpus, codebook: DatedWorld.codebook),
                                 to: &html)
        #expect(html.contains("<h2 id=\"timelines-h\">Positions over time</h2>"))
        let charts = html.components(separatedBy: "<svg class=\"chart timeline\"").dropFirst()
        #expect(charts.count == 2)  // q1 and q2
        let q1 = try #require(charts.first)
        #expect(q1.contains("role=\"img\" aria-label=\"Positions on q1 over time, on a scale from -2 to +2."))
        #expect(q1.contains("Ann A: 2019-06 a2019 -1.5 no – unlikely; 2023-03-15 b2023 +1 plausible; 2024-07-23 d2024 +0.5 uncertain – plausible; "
                            + "shift from -1.5 to +1 between 2019-06 and 2023-03-15; shift from +1 to +0.5 between 2023-03-15 and 2024-07-23."))
        #expect(q1.contains("Not placed (undated documents): Ann A."))
        let svg = String(q1[..<q1.range(of: "</svg>")!.lowerBound])
        #expect(svg.components(separatedBy: "<g class=\"shift\">").count - 1 == 2)
        // Dots: ann's three dated documents and bob's three.
        #expect(svg.components(separatedBy: "<g class=\"dot ").count - 1 == 6)
        #expect(svg.contains("<title>Ann A, a2019 (2019-06): -1.5 no – unlikely, 2 codings</title>"))
        #expect(q1.contains("2 shifts, 2 contradictions"))
        // Ticks at each year from 2019 to 2025.
        for year in 2019...2025 { #expect(svg.contains(">\(year)</text>")) }
    }
}
