import Foundation
import Testing
import ParallaxCore
import ParallaxStore
import ParallaxREPL
import TestSupport

/// `agree` through a session, as the REPL runs it: a scratch store holding the shipped
/// baseline and a coder derived from it, output collected in string sinks.
@Suite("REPL: agree")
struct AgreementCommandTests {
    static let baseline = Fixtures.baselineCodings
    static let derived = Fixtures.derivedCoder(from: baseline)

    /// A session on the bundled corpus and a scratch store with `baseline` and `derived`.
    static func session(width: Int = 80) throws -> (Session, out: StringSink, err: StringSink) {
        let dir = Fixtures.annotationsDirectory(sets: ["baseline": Fixtures.setFile(baseline),
                                                       "derived": Fixtures.setFile(derived)])
        let out = StringSink(), err = StringSink()
        let options = SessionOptions(corpusDirectory: Fixtures.corpusDirectory, annotationsDirectory: dir,
                                     set: "reviewer", style: Style(colour: false, width: width))
        return (try Session(options: options, out: out, err: err), out, err)
    }

    /// The report computed in the core from the same codings.
    static func expected(question: String? = nil) throws -> AgreementReport {
        try AgreementReport(codebook: Fixtures.codebook, coders: ["baseline", "derived"], codings: baseline + derived,
                            question: question)
    }

    @Test("agree baseline derived prints the core's rendering of the report")
    func text() throws {
        let (session, out, err) = try Self.session()
        defer { try? session.close() }
        try session.registry.run("agree baseline derived", in: session)
        var expected = ""
        AgreementRenderer(width: 80).render(try Self.expected(), to: &expected)
        #expect(out.text == expected)
        #expect(err.text.isEmpty)
        #expect(out.text.contains("All 10 questions pooled"))
        #expect(out.text.contains("35 units · 30 coded by both · 60 pairable values"))
        #expect(out.text.contains("5 units coded by one coder only are not in the table"))
    }

    @Test("--json prints the report as one JSON document, every number as computed")
    func json() throws {
        let (session, out, _) = try Self.session()
        defer { try? session.close() }
        try session.registry.run("agree baseline derived --json", in: session)
        let report = try JSONDecoder().decode(AgreementReport.self, from: Data(out.text.utf8))
        #expect(report == (try Self.expected()))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(out.text.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["coders", "question", "questions", "overall", "overallScale", "overallLabels",
                                     "sharedScale", "leftOut", "units"])
    }

    @Test("question: narrows to one question; a typo gets a suggestion")
    func question() throws {
        let (session, out, _) = try Self.session()
        defer { try? session.close() }
        try session.registry.run("agree baseline derived question:reset-wedge --json", in: session)
        let report = try JSONDecoder().decode(AgreementReport.self, from: Data(out.text.utf8))
        #expect(report == (try Self.expected(question: "reset-wedge")))
        let error = #expect(throws: ParallaxError.self) {
            try session.registry.run("agree baseline derived question:rest-wedge", in: session)
        }
        #expect(error?.description == "agree: option question: no question \"rest-wedge\" — did you mean reset-wedge?")
    }

    @Test("an unknown set gets \"did you mean\"; one set, or the same set twice, is a usage error")
    func errors() throws {
        let (session, out, _) = try Self.session()
        defer { try? session.close() }
        let typo = #expect(throws: ParallaxError.self) { try session.registry.run("agree baseline derivd", in: session) }
        #expect(typo?.description == "agree: argument 2: no set \"derivd\" — did you mean derived?")
        let one = #expect(throws: ParallaxError.self) { try session.registry.run("agree baseline", in: session) }
        #expect(one?.kind == .usage)
        #expect(one?.message == "name a second set to agree with baseline")
        let twice = #expect(throws: ParallaxError.self) { try session.registry.run("agree baseline baseline", in: session) }
        #expect(twice?.message == "set baseline is named twice; agreement compares different coders")
        let none = #expect(throws: ParallaxError.self) { try session.registry.run("agree", in: session) }
        #expect(none?.message == "missing SET")
        #expect(out.text.isEmpty)
    }

    @Test("all means every set on disk")
    func all() throws {
        let (session, out, _) = try Self.session()
        defer { try? session.close() }
        try session.registry.run("agree all --json", in: session)
        let report = try JSONDecoder().decode(AgreementReport.self, from: Data(out.text.utf8))
        #expect(report == (try Self.expected()))
    }

    @Test("help agree comes from the registry, with an example; TAB completes set names")
    func helpAndCompletion() throws {
        let (session, out, _) = try Self.session()
        defer { try? session.close() }
        try session.registry.run("help agree", in: session)
        #expect(out.text.hasPrefix("usage: agree SET SET… [question:…] [since:…] [until:…] [--json]"))
        #expect(out.text.contains("agree alice bob"))
        #expect(session.registry.overview(style: Style()).contains("agree"))
        #expect(session.complete("agree bas").candidates == ["baseline"])
        #expect(session.complete("agree baseline de").candidates == ["derived"])
        #expect(session.complete("agree baseline derived question:res").candidates == ["question:reset-wedge"])
    }

    @Test("a narrow terminal gets the block layout, still within its width")
    func narrow() throws {
        let (session, out, _) = try Self.session(width: 44)
        defer { try? session.close() }
        try session.registry.run("agree baseline derived", in: session)
        for line in out.text.split(separator: "\n") { #expect(line.count <= 44, "\(line)") }
    }
}
