import Testing
import ParallaxCore
import TestSupport

/// `AgreementReport` from each coder's tally (what a session keeps per set) is the report
/// from the codings, for every question asked for, with codings left out counted alike.
@Suite("Agreement from tallies")
struct AgreementTallyTests {
    @Test("tallies give the same report as codings, including unknown questions and off-scale stances")
    func sameReport() throws {
        let baseline = Fixtures.baselineCodings
        var derived = Fixtures.derivedCoder(from: baseline)
        // One coding on a question the codebook lacks, one off its scale, and a third coder's
        // coding that must be ignored.
        var unknown = derived[0]
        unknown.annotation.id = "01UNKNOWNQUESTION000000000"
        unknown.annotation.question = "no-such-question"
        var off = derived[1]
        off.annotation.id = "01OFFSCALE0000000000000000"
        off.annotation.stance = 99
        var other = derived[2]
        other.set = "carol"
        derived += [unknown, off]
        let codings = baseline + derived + [other]
        let coders = ["baseline", "derived"]
        let tallies = coders.map { AgreementTally(codings: codings, set: $0) }
        #expect(tallies[1].count == derived.count)
        for question in [nil] + Fixtures.codebook.questions.map(\.id) as [String?] {
            let expected = try AgreementReport(codebook: Fixtures.codebook, coders: coders, codings: codings, question: question)
            let fromTallies = try AgreementReport(codebook: Fixtures.codebook, coders: coders, tallies: tallies, question: question)
            #expect(fromTallies == expected, "question \(question ?? "all")")
        }
        let all = try AgreementReport(codebook: Fixtures.codebook, coders: coders, tallies: tallies)
        #expect(all.leftOut == AgreementReport.LeftOut(unknownQuestion: 1, offScale: 1))
        // Order of the coders matters (rows of the confusion table), and is kept.
        let swapped = try AgreementReport(codebook: Fixtures.codebook, coders: coders.reversed(), tallies: tallies.reversed())
        #expect(swapped == (try AgreementReport(codebook: Fixtures.codebook, coders: coders.reversed(), codings: codings)))
    }

    @Test("a tally per coder is required")
    func countMismatch() {
        #expect(throws: ParallaxError.self) {
            try AgreementReport(codebook: Fixtures.codebook, coders: ["a", "b"], tallies: [AgreementTally()])
        }
    }
}
