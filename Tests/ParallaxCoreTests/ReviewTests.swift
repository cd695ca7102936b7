import Foundation
import Testing
import ParallaxCore
import TestSupport

/// ``CoderReview``: units where two coders differ, sharpest first, passages paired by
/// overlap, and what a consensus set has settled.
@Suite("Coder review")
struct ReviewTests {
    static func coding(_ id: String, _ question: String, _ analyst: String, _ stance: Int, _ start: Int, _ end: Int) -> Annotation {
        ReviewFixtures.coding(id, question, analyst, stance, start, end)
    }

    let alice = ReviewFixtures.alice
    let bob = ReviewFixtures.bob

    @Test("units differ sharpest first: the stance gap, then a unit one coder left out, then passages alone")
    func units() throws {
        let r = CoderReview(first: ("alice", alice), second: ("bob", bob), corpus: Fixtures.corpus)
        #expect(r.units.map(\.kind) == [.stance, .onlyFirst, .passages])
        #expect(r.units.map(\.question) == ["reset-wedge", "us-russia-reset", "war-ends-soon"])
        #expect(r.agreed == 0)
        let gap = r.units[0]
        #expect(gap.first == -2 && gap.second == 1 && gap.distance == 3)
        // The pair first (overlapping spans on one question), then the passage only Alice marked.
        #expect(gap.passages.map { [$0.first?.id, $0.second?.id] } == [["01A1", "01B1"], ["01A2", nil]])
        #expect(gap.passages[0].first?.note == "tactical" && gap.passages[0].second?.note == "a real shift")
        #expect(gap.passages[0].start == 2930, "a pair is placed at the first coder's span")
        #expect(r.units[1].second == nil && r.units[1].passages.count == 1)
        let same = r.units[2]
        #expect(same.first == -1 && same.second == -1)
        #expect(same.passages.map { [$0.first?.id, $0.second?.id] } == [["01A3", "01B3"], [nil, "01B4"]])
        #expect(!r.units.contains { $0.settled }, "nothing is settled without a consensus")

        let one = CoderReview(first: ("alice", alice), second: ("bob", bob), question: "war-ends-soon", corpus: Fixtures.corpus)
        #expect(one.units.map(\.question) == ["war-ends-soon"])
        let agreeing = CoderReview(first: ("alice", alice), second: ("alice2", alice), corpus: Fixtures.corpus)
        #expect(agreeing.units.isEmpty && agreeing.agreed == 3)
    }

    @Test("a consensus settles a unit when it codes it and keeps each passage only one coder marked")
    func consensus() throws {
        var adopted = Self.coding("01C1", "reset-wedge", "stent", -1, 2930, 3037)
        Provenance(set: "alice", id: "01A1").record(in: &adopted)
        let partial = CoderReview(first: ("alice", alice), second: ("bob", bob), consensus: ("team", [adopted]), corpus: Fixtures.corpus)
        let gap = partial.units[0]
        #expect(gap.consensus == -1)
        #expect(!gap.settled, "the passage only Alice marked is still open")
        #expect(gap.passages[0].consensus?.id == "01C1" && gap.passages[1].consensus == nil)
        #expect(partial.settledCount == 0)

        let second = Self.coding("01C2", "reset-wedge", "stent", -2, 3145, 3188)
        let settled = CoderReview(first: ("alice", alice), second: ("bob", bob), consensus: ("team", [adopted, second]), corpus: Fixtures.corpus)
        #expect(settled.units[0].settled && settled.settledCount == 1)
        #expect(settled.units.filter { !$0.settled }.map(\.question) == ["us-russia-reset", "war-ends-soon"])

        var text = ""
        ReviewRenderer(codebook: Fixtures.codebook, width: 100).render(settled, to: &text)
        #expect(text.hasPrefix("review alice ⇄ bob: 3 units differ, 0 agree · consensus team: 1 settled, 2 left\n"), "\(text)")
        #expect(text.contains("reset-wedge · stent   alice -2 no ⇄ bob +1 plausible   3 points   settled: -1.5"), "\(text)")
        #expect(text.contains("    bob    did not mark it"), "\(text)")
        #expect(text.contains("us-russia-reset · wyne   alice +1"), "\(text)")
        #expect(text.contains("only alice coded it   open"), "\(text)")
    }

    @Test("provenance is a member that survives the set file's round trip")
    func provenance() throws {
        var a = Self.coding("01C1", "reset-wedge", "stent", -1, 2930, 3037)
        #expect(Provenance(of: a) == nil)
        Provenance(set: "alice", id: "01A1").record(in: &a)
        let line = String(decoding: AnnotationCodec.encode(a), as: UTF8.self)
        #expect(line.contains(#""from":{"id":"01A1","set":"alice"}"#), "\(line)")
        let back = SetContents(parsing: AnnotationCodec.encode(a) + [0x0A]).annotations
        #expect(back.count == 1 && Provenance(of: back[0]) == Provenance(set: "alice", id: "01A1"))
    }

    @Test("provenance survives the JSON Lines, W3C and REFI-QDA exports, read back by their importers", arguments: ["jsonl", "w3c", "qdpx"])
    func provenanceExports(name: String) throws {
        let formats: [String: any ExportFormat] = ["jsonl": JSONLinesExportFormat(), "w3c": W3CExportFormat(), "qdpx": QDPXExportFormat()]
        let format = try #require(formats[name])
        var a = ReviewFixtures.alice[0]
        a.id = "01MCONSENSUS00000000000001"
        Provenance(set: "alice", id: "01A1").record(in: &a)
        let back = try Interchange.roundTrip(format, [Coding(set: "team", annotation: a)])
        #expect(back.count == 1)
        #expect(back.first.flatMap { Provenance(of: $0.annotation) } == Provenance(set: "alice", id: "01A1"), "\(format.name)")
    }
}
