import Foundation
import Testing
import ParallaxCore
import ParallaxStore
import TestSupport

/// The comparer on small hand-made sets: rows, aggregation across codings and coders,
/// evidence, diff order, matrix filtering, JSON.
@Suite("Compare: comparer")
struct CompareTests {
    typealias S = Small

    @Test("rows: every analyst compared by default, in manifest order, silent ones without a position")
    func rows() throws {
        let c = try S.comparer([S.coding("x", "c", "q1", -1), S.coding("x", "a", "q1", 1)]).compare(question: "q1")
        #expect(c.rows.map(\.analyst) == ["a", "b", "c", "d"])
        #expect(c.rows.map(\.name) == ["Ann A", "Bob B", "Cy C", "Di D"])
        #expect(c.rows.map(\.stance) == [1, nil, -1, nil])
        #expect(c.rows[1].codings.isEmpty && c.rows[1].evidence == nil && c.rows[1].label == nil)
        #expect(c.summary.positions == 2 && c.summary.analysts == 4)
    }

    @Test("a voice not compared by default, or unknown to the manifest, is listed when it is coded")
    func extraVoices() throws {
        let comparer = S.comparer([S.coding("x", "zed", "q1", 2), S.coding("x", "mod", "q1", 0), S.coding("x", "mod", "q2", 1)])
        let c = try comparer.compare(question: "q1")
        #expect(c.rows.map(\.analyst) == ["a", "b", "c", "d", "mod", "zed"])
        #expect(c.rows.last?.name == "zed")
        let q3 = try comparer.compare(question: "q3")
        #expect(q3.rows.map(\.analyst) == ["a", "b", "c", "d"])
        #expect(q3.summary.pattern == .tooFew && q3.summary.positions == 0)
    }

    @Test("the question may be typed folded or as a unique prefix; an unknown one is an error")
    func questionLookup() throws {
        let comparer = S.comparer([])
        #expect(try comparer.compare(question: "Q2").question.id == "q2")
        #expect(throws: ParallaxError.self) { try comparer.compare(question: "nope") }
    }

    @Test("an analyst's stance is the median of their codings; an even count gives a half-point")
    func aggregation() throws {
        let comparer = S.comparer([
            S.coding("x", "a", "q1", -2), S.coding("x", "a", "q1", -1, line: 2),                        // -1.5
            S.coding("x", "b", "q1", -2), S.coding("x", "b", "q1", 1, line: 2), S.coding("x", "b", "q1", -1, line: 3), // -1
            S.coding("x", "c", "q1", -1), S.coding("x", "c", "q1", 1, line: 2),                         // 0, both sides
            S.coding("x", "d", "q1", 2), S.coding("x", "d", "q1", 2, line: 2),                          // 2
        ])
        let c = try comparer.compare(question: "q1")
        #expect(c.rows.map(\.stance) == [-1.5, -1, 0, 2])
        #expect(c.rows.map(\.label) == ["no – unlikely", "unlikely", "uncertain", "likely"])
        #expect(c.rows.map(\.codedOnBothSides) == [false, true, true, false])
        #expect(c.summary.median == -0.5)
        #expect(c.summary.min == -1.5 && c.summary.max == 2 && c.summary.range == 3.5)
    }

    @Test("several coders on one analyst: the position pools all codings; each coder's median is kept")
    func severalCoders() throws {
        let comparer = S.comparer([
            S.coding("alice", "a", "q1", -2), S.coding("alice", "a", "q1", -2, line: 2), S.coding("alice", "a", "q1", -1, line: 3),
            S.coding("bob", "a", "q1", -1, line: 2),
            S.coding("alice", "b", "q1", 1), S.coding("bob", "b", "q1", 1),
        ])
        let c = try comparer.compare(question: "q1")
        let a = c.rows[0]
        #expect(a.stance == -1.5)                                    // median of -2 -2 -1 -1
        #expect(a.coders == [CoderStance(set: "alice", stance: -2, codings: 3), CoderStance(set: "bob", stance: -1, codings: 1)])
        #expect(a.codersDisagree)
        #expect(a.codings.map(\.set) == ["alice", "alice", "alice", "bob"])
        #expect(a.codings.map(\.paragraph) == [1, 2, 3, 2])
        #expect(!c.rows[1].codersDisagree && c.rows[1].coders.count == 2)
        // Restricted to one coder, the other's codings vanish.
        let onlyBob = try comparer.compare(question: "q1", sets: ["bob"])
        #expect(onlyBob.rows.map(\.stance) == [-1, 1, nil, nil])
        #expect(onlyBob.sets == ["bob"])
    }

    @Test("evidence: the coding closest to the position, then the most confident, then the first in the text")
    func evidence() throws {
        let comparer = S.comparer([
            // a: median -1; the -2 coding is more confident but does not illustrate -1.
            S.coding("x", "a", "q1", -2, confidence: 0.95, line: 1), S.coding("x", "a", "q1", -1, confidence: 0.5, line: 4),
            S.coding("x", "a", "q1", -1, confidence: 0.7, line: 6),
            // b: equal confidence: the first in the text wins.
            S.coding("x", "b", "q1", 1, confidence: 0.6, line: 9), S.coding("x", "b", "q1", 1, confidence: 0.6, line: 3),
            // c: no confidence counts as lowest.
            S.coding("x", "c", "q1", 0, line: 2), S.coding("x", "c", "q1", 0, confidence: 0.1, line: 7),
        ])
        let rows = try comparer.compare(question: "q1").rows
        #expect(rows[0].evidence?.paragraph == 6)
        #expect(rows[0].evidence?.location == "doc ¶6")
        #expect(rows[0].evidence?.exact == S.lines[5])
        #expect(rows[0].evidence?.quote == S.lines[5])
        #expect(rows[1].evidence?.paragraph == 3)
        #expect(rows[2].evidence?.paragraph == 7)
    }

    @Test("diff: every question, sharpest disagreement first, neither last")
    func diffOrder() throws {
        let book = Codebook(questions: ["agree", "same", "opp1", "only", "differ", "none", "opp3"].map(S.question))
        let codings = [
            ("agree", -1, -1), ("same", -2, -1), ("opp1", -1, 1), ("only", 2, nil), ("differ", 0, 2), ("opp3", -1, 2),
        ].flatMap { (q: String, a: Int, b: Int?) in
            [S.coding("x", "a", q, a)] + (b.map { [S.coding("x", "b", q, $0)] } ?? [])
        }
        let diff = try Comparer(corpus: S.corpus, codebook: book, codings: codings).diff("a", "b")
        #expect(diff.entries.map(\.question.id) == ["opp3", "opp1", "differ", "same", "agree", "only", "none"])
        #expect(diff.entries.map(\.verdict) == [.opposite, .opposite, .differ, .sameSide, .agree, .onlyOne, .neither])
        #expect(diff.entries.map(\.distance) == [3, 2, 2, 1, 0, nil, nil])
        #expect(diff.firstName == "Ann A" && diff.secondName == "Bob B")
        #expect(diff.counts[.opposite] == 2 && diff.counts[.neither] == 1)
        // Swapping the analysts swaps the sides, not the order.
        let back = try Comparer(corpus: S.corpus, codebook: book, codings: codings).diff("b", "a")
        #expect(back.entries.map(\.question.id) == diff.entries.map(\.question.id))
        #expect(back.entries[0].first.stance == 2 && back.entries[0].second.stance == -1)
    }

    @Test("diff: ties within a verdict keep codebook order; differ and same side sort by distance")
    func diffTies() throws {
        let codings = [S.coding("x", "a", "q1", -2), S.coding("x", "b", "q1", -1),
                       S.coding("x", "a", "q2", 2), S.coding("x", "b", "q2", 1),
                       S.coding("x", "a", "q3", -2), S.coding("x", "b", "q3", -1), S.coding("x", "b", "q3", 0, line: 2)]
        let diff = try S.comparer(codings).diff("a", "b")
        // q3: -2 against -0.5, same side, 1.5 apart, before the two 1-point ones.
        #expect(diff.entries.map(\.question.id) == ["q3", "q1", "q2"])
    }

    @Test("diff of an unknown analyst is an error; a voice known only from codings is accepted")
    func diffUnknown() throws {
        let comparer = S.comparer([S.coding("x", "zed", "q1", 1)])
        #expect(throws: ParallaxError.self) { try comparer.diff("a", "nobody") }
        let d = try comparer.diff("a", "zed")
        #expect(d.entries[0].verdict == .onlyOne && d.secondName == "zed")
    }

    @Test("matrix: questions × analysts, nil where silent, filtered by set")
    func matrix() throws {
        let comparer = S.comparer([
            S.coding("alice", "a", "q1", -2), S.coding("bob", "a", "q1", -1),
            S.coding("alice", "c", "q2", 1), S.coding("bob", "mod", "q3", 2),
        ])
        let all = comparer.matrix()
        #expect(all.analysts.map(\.id) == ["a", "b", "c", "d", "mod"])
        #expect(all.rows.map(\.question) == ["q1", "q2", "q3"])
        #expect(all.rows[0].stances == [-1.5, nil, nil, nil, nil])
        #expect(all.stance(question: "q3", analyst: "mod") == 2)
        #expect(all.sets == nil)
        let alice = comparer.matrix(sets: ["alice"])
        #expect(alice.analysts.map(\.id) == ["a", "b", "c", "d"])   // mod is coded only by bob
        #expect(alice.rows[0].stances == [-2, nil, nil, nil])
        #expect(alice.stance(question: "q2", analyst: "c") == 1)
        #expect(alice.sets == ["alice"])
        let none = comparer.matrix(sets: ["carol"])
        #expect(none.rows.allSatisfy { $0.stances.allSatisfy { $0 == nil } })
    }

    @Test("Coding.placed(in:) tags each placed annotation with its set")
    func placed() throws {
        let bytes = AnnotationCodec.encode(Fixtures.sampleAnnotation()) + [0x0A]
        let dir = Fixtures.annotationsDirectory(sets: ["alice": bytes])
        let store = try AnnotationStore(directory: dir, corpus: Fixtures.corpus)
        let set = try store.set("alice")
        #expect(Coding.placed(in: [set]).map(\.set) == ["alice"])
        try store.close()
    }

    @Test("every result encodes to JSON with camelCase keys, nulls kept, and decodes back equal")
    func json() throws {
        let comparer = S.comparer([S.coding("alice", "a", "q1", -2, confidence: 0.9), S.coding("bob", "a", "q1", -1),
                                   S.coding("alice", "b", "q1", 1)])
        let compare = try comparer.compare(question: "q1")
        let (json, back) = try S.roundTrip(compare)
        #expect(back == compare)
        #expect(json.contains(#""stance":-1.5"#))
        #expect(json.contains(#""stance":null"#))             // a silent analyst keeps the key
        #expect(json.contains(#""evidence":null"#))
        #expect(json.contains(#""pattern":"split""#))
        #expect(json.contains(#""sets":null"#))
        let diff = try comparer.diff("a", "b")
        let (diffJSON, diffBack) = try S.roundTrip(diff)
        #expect(diffBack == diff)
        #expect(diffJSON.contains(#""firstName":"Ann A""#) && diffJSON.contains(#""verdict":"neither""#) && diffJSON.contains(#""distance":null"#))
        let matrix = comparer.matrix(sets: ["alice"])
        let (matrixJSON, matrixBack) = try S.roundTrip(matrix)
        #expect(matrixBack == matrix)
        #expect(matrixJSON.contains(#""stances":[-2,1,null,null]"#))
    }
}
