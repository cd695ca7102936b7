import Foundation
import Testing
import ParallaxCore
import ParallaxStore
import ParallaxREPL
import TestSupport

/// `review` and `adopt` in a session: a consensus set built from a review.
@Suite("Review commands")
struct ReviewCommandTests {
    func session() throws -> (Session, StringSink, StringSink, String) {
        func bytes(_ list: [Annotation]) -> [UInt8] { list.flatMap { AnnotationCodec.encode($0) + [0x0A] } }
        let dir = Fixtures.annotationsDirectory(sets: ["alice": bytes(ReviewFixtures.alice), "bob": bytes(ReviewFixtures.bob)])
        let out = StringSink(), err = StringSink()
        let s = try Session(options: SessionOptions(corpusDirectory: Fixtures.corpusDirectory, annotationsDirectory: dir, set: "team",
                                                    style: Style(colour: false, width: 100)), out: out, err: err)
        return (s, out, err, dir)
    }

    @Test("a consensus built from a review: adopt settles units, review with consensus: says what is left")
    func consensusFromReview() throws {
        let (s, out, _, dir) = try session()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try s.registry.run("review alice bob --json", in: s)
        let review = try JSONDecoder().decode(CoderReview.self, from: Data(out.text.utf8))
        #expect(review.units.count == 3 && review.units[0].kind == .stance)
        out.clear()

        // Settle the sharpest unit: Alice's passage at a stance between the two, and her second passage as it is.
        let gap = review.units[0]
        try s.registry.run("adopt \(try #require(gap.passages[0].first?.id)) stance:unlikely", in: s)
        #expect(out.text.contains("adopted 01A1 from alice as "), "\(out.text)")
        #expect(out.text.contains("in set team: reset-wedge -1 (unlikely) for stent (-2 → -1)"), "\(out.text)")
        try s.registry.run("adopt \(try #require(gap.passages[1].first?.id))", in: s)
        out.clear()
        try s.registry.run("review alice bob consensus:team", in: s)
        #expect(out.text.hasPrefix("review alice ⇄ bob: 3 units differ, 0 agree · consensus team: 1 settled, 2 left\n"), "\(out.text)")
        #expect(out.text.contains("3 points   settled: -1.5"), "\(out.text)")
        out.clear()

        // Bob's passage where both agree on the stance, kept: that unit is settled too.
        try s.registry.run("adopt 01B4", in: s)
        try s.registry.run("adopt 01A3", in: s)
        out.clear()
        try s.registry.run("review alice bob consensus:team --json", in: s)
        let after = try JSONDecoder().decode(CoderReview.self, from: Data(out.text.utf8))
        #expect(after.units.map(\.settled) == [true, false, true])
        #expect(after.units[1].question == "us-russia-reset", "left: the unit only Alice coded")

        // Refusals: twice, from the current set, unknown id; nothing added.
        #expect(throws: ParallaxError.self) { try s.registry.run("adopt 01B4", in: s) }
        let team = try s.store.set("team")
        let own = try #require(team.annotations.first?.id)
        do { try s.registry.run("adopt \(own)", in: s); Issue.record("no error") } catch let e as ParallaxError {
            #expect(e.message.contains("is already in set team"), "\(e)")
        }
        do { try s.registry.run("adopt 01ZZZZZZ", in: s); Issue.record("no error") } catch let e as ParallaxError {
            #expect(e.kind == .notFound)
        }
        #expect(throws: ParallaxError.self) { try s.registry.run("review alice nobody", in: s) }
        #expect(try s.store.set("team").count == 4)

        // Durable, with provenance, in a fresh store.
        try s.close()
        let fresh = try AnnotationStore(directory: dir, corpus: Fixtures.corpus)
        let from = try fresh.set("team").annotations.compactMap(Provenance.init(of:))
        #expect(Set(from) == [Provenance(set: "alice", id: "01A1"), Provenance(set: "alice", id: "01A2"),
                              Provenance(set: "bob", id: "01B4"), Provenance(set: "alice", id: "01A3")])
        #expect(try fresh.set("team").annotations.first { Provenance(of: $0)?.id == "01A1" }?.stance == -1)
    }
}
