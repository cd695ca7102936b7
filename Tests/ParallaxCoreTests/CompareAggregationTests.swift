import Foundation
import Testing
import ParallaxCore
import ParallaxStore

/// The rules a comparison rests on: the median, labels, the pattern rules, the diff verdicts,
/// the evidence quote.
@Suite("Compare: rules")
struct CompareAggregationTests {
    // MARK: median

    @Test("median of an odd count is the middle value, whatever the order")
    func medianOdd() {
        #expect(Aggregation.median([2]) == 2)
        #expect(Aggregation.median([-2, 1, 0]) == 0)
        #expect(Aggregation.median([1, -1, -1, 2, -2]) == -1)
    }

    @Test("median of an even count is the mean of the two middle values: a half-point or a whole one")
    func medianEven() {
        #expect(Aggregation.median([-2, -1]) == -1.5)
        #expect(Aggregation.median([-1, 1]) == 0)
        #expect(Aggregation.median([2, -2, 1, 0]) == 0.5)
        #expect(Aggregation.median([-1, -1, 2, 2]) == 0.5)
        #expect(Aggregation.median([-2, -1, -1, 0]) == -1)   // ties in the middle
        #expect(Aggregation.median([Int]()) == nil)
    }

    @Test("the median is symmetric: mirroring the codings mirrors it")
    func medianSymmetric() {
        for values in [[-2, -1], [-2, 0, 1, 1], [-1, 2], [0, 0, 1, 2, 2, 2]] {
            #expect(Aggregation.median(values)! == -Aggregation.median(values.map { -$0 })!)
        }
    }

    @Test("stances print signed; half-points print with one decimal")
    func signed() {
        #expect(Aggregation.signed(2) == "+2")
        #expect(Aggregation.signed(0) == "0")
        #expect(Aggregation.signed(-1) == "-1")
        #expect(Aggregation.signed(-1.5) == "-1.5")
        #expect(Aggregation.signed(0.5) == "+0.5")
        #expect(Aggregation.signed(-1.25) == "-1.25")
    }

    @Test("a half-point is labelled with the two points it lies between")
    func labels() {
        let q = Small.question("q")
        #expect(Aggregation.label(of: -1, on: q) == "unlikely")
        #expect(Aggregation.label(of: -1.5, on: q) == "no – unlikely")
        #expect(Aggregation.label(of: 0.5, on: q) == "uncertain – plausible")
        #expect(Aggregation.label(of: 3, on: q) == nil)
    }

    // MARK: pattern

    @Test("too few: fewer than two positions")
    func tooFew() {
        #expect(PositionPattern.classify([]).pattern == .tooFew)
        #expect(PositionPattern.classify([-2]).pattern == .tooFew)
    }

    @Test("consensus: all on one side (or all 0) within one point", arguments: [
        ([-2.0, -1, -1, -1], Side.negative), ([1, 2], .positive), ([0, 0, 0], .neutral), ([-1.5, -1, -2], .negative),
        ([2, 2], .positive),
    ])
    func consensus(stances: [Double], side: Side) {
        let result = PositionPattern.classify(stances)
        #expect(result.pattern == .consensus)
        #expect(result.side == side)
    }

    @Test("not consensus: within one point but not on one side, or one side but more than a point apart")
    func notConsensus() {
        #expect(PositionPattern.classify([0, 1]).pattern != .consensus)
        #expect(PositionPattern.classify([-0.5, 0.5]).pattern != .consensus)
        #expect(PositionPattern.classify([-2, -1, -0.5]).pattern == .lean)   // range 1.5
        #expect(PositionPattern.classify([1, 2, 0.5]).side == .positive)
    }

    @Test("lean: a strict majority on one side, the other side under a third", arguments: [
        ([-2.0, -1, -1, 1], Side.negative),        // 1 of 4 opposite: few
        ([2, 2, 2, 2, -2], .positive),             // a lone dissenter at the far end is no pole
        ([-1, -1, 0], .negative),                  // nobody opposite, one hedges
        ([1, 1, 1, 0, 0], .positive),              // 3 of 5 is a majority
    ])
    func lean(stances: [Double], side: Side) {
        let result = PositionPattern.classify(stances)
        #expect(result.pattern == .lean)
        #expect(result.side == side)
    }

    @Test("split: both sides hold at least a third, not far apart", arguments: [
        [-1.0, 1], [-1, -1, 1], [-1, -1, 1, 0.5, -1], [-1, -1, -1, -1, 1, 1], [-0.5, 0.5, 1],
    ])
    func split(stances: [Double]) {
        #expect(PositionPattern.classify(stances).pattern == .split)
        #expect(PositionPattern.classify(stances).side == nil)
    }

    @Test("polarised: both sides hold at least a third, ≤ -1 and ≥ +1, range ≥ 3", arguments: [
        [-1.0, 2], [-2, -2, 1, 1, 0], [-2, 2], [-1.5, 1.5], [-2, -1, 2, 1],
    ])
    func polarised(stances: [Double]) {
        #expect(PositionPattern.classify(stances).pattern == .polarised)
    }

    @Test("a wide range without substantial sides is not polarised")
    func notPolarised() {
        #expect(PositionPattern.classify([-2, 2, 2, 2, 2]).pattern == .lean)
        #expect(PositionPattern.classify([-0.5, 2.5]).pattern == .split)    // range 3 but not ≤ -1
        #expect(PositionPattern.classify([-1, 1.5]).pattern == .split)      // range 2.5
    }

    @Test("mixed: no side holds a majority and neither side a third", arguments: [
        [0.0, 0, 1], [-1, 0, 0, 1], [0, 0, 0, -1], [0, 1],
        [1, 1, 1, 0, 0, -1],   // 3 of 6 above is not a strict majority
        [-2, -1, 2, 0],        // 2 below, 1 above, 1 at 0: the minority is under a third
    ])
    func mixed(stances: [Double]) {
        #expect(PositionPattern.classify(stances).pattern == .mixed)
    }

    @Test("every pattern rule is reachable and the rules cover every case")
    func coverage() {
        var seen = Set<PositionPattern>()
        let points: [Double] = [-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2]
        for a in points { for b in points { for c in points {
            seen.insert(PositionPattern.classify([a, b, c]).pattern)
            seen.insert(PositionPattern.classify([a, b]).pattern)
        } } }
        seen.insert(PositionPattern.classify([1]).pattern)
        #expect(seen == Set(PositionPattern.allCases))
    }

    @Test("summary: counts, median of analysts, spread")
    func summary() {
        let s = ComparisonSummary(stances: [-2, -1.5, 1, 0], analysts: 6)
        #expect(s.analysts == 6)
        #expect(s.positions == 4)
        #expect((s.below, s.neutral, s.above) == (2, 1, 1))
        #expect(s.median == -0.75)
        #expect(s.min == -2 && s.max == 1 && s.range == 3)
        #expect(s.pattern == .mixed)   // 2 of 4 below is no majority; 1 above is under a third
        let empty = ComparisonSummary(stances: [], analysts: 3)
        #expect(empty.median == nil && empty.range == nil && empty.pattern == .tooFew)
    }

    // MARK: verdicts

    @Test("diff verdicts", arguments: [
        (-1.0, -1.0, DiffVerdict.agree), (1.5, 1.5, .agree), (0, 0, .agree),
        (-2, -1, .sameSide), (1, 1.5, .sameSide),
        (0, -1, .differ), (2, 0, .differ), (0, 0.5, .differ),
        (-1, 1, .opposite), (-0.5, 2, .opposite), (2, -2, .opposite),
    ])
    func verdicts(a: Double, b: Double, verdict: DiffVerdict) {
        #expect(DiffVerdict(a, b) == verdict)
        #expect(DiffVerdict(b, a) == verdict)
    }

    @Test("missing positions: only one speaks, neither")
    func verdictsMissing() {
        #expect(DiffVerdict(nil, 1) == .onlyOne)
        #expect(DiffVerdict(0, nil) == .onlyOne)
        #expect(DiffVerdict(nil, nil) == .neither)
        #expect(DiffVerdict.allCases.sorted() == [.opposite, .differ, .sameSide, .agree, .onlyOne, .neither])
    }

    // MARK: evidence quote

    @Test("a short quote is kept whole, its whitespace runs flattened")
    func shortQuote() {
        #expect(Evidence.shorten("  It is\n\nhighly   unlikely. ") == "It is highly unlikely.")
    }

    @Test("a long quote is cut at a word boundary, within the limit, with an ellipsis")
    func longQuote() {
        let text = "As we have said in the paper that we all wrote, it is highly unlikely that Russia has any desire to separate itself from China."
        let short = Evidence.shorten(text)
        #expect(short.unicodeScalars.count <= 100)
        #expect(short.hasSuffix("…"))
        #expect(short == "As we have said in the paper that we all wrote, it is highly unlikely that Russia has any desire…")
        let clause = Evidence.shorten("one, two, three, four", limit: 18)
        #expect(clause == "one, two, three…")   // the comma before the cut is dropped
        let sentence = Evidence.shorten("They will not. Never, not in this decade.", limit: 20)
        #expect(sentence == "They will not. …")   // a whole sentence, then the ellipsis apart
    }

    @Test("a quote with no space is cut between whole characters; graphemes are never split")
    func longWord() {
        let word = String(repeating: "e\u{301}", count: 60)   // é as e + combining accent: 120 scalars
        let short = Evidence.shorten(word, limit: 12)
        #expect(short.unicodeScalars.count <= 12)
        #expect(short == String(repeating: "e\u{301}", count: 5) + "…")
    }
}
