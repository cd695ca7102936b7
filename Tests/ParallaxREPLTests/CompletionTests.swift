import Foundation
import Testing
import ParallaxCore
import ParallaxStore
@testable import ParallaxREPL
import TestSupport

@Suite("Completion from the command registry")
struct CompletionTests {
    let session: Session = {
        let dir = Fixtures.annotationsDirectory(sets: ["baseline": Fixtures.bytes(Fixtures.annotationsDirectory + "/baseline.jsonl")!,
                                                       "alice": []])
        return try! Session(options: SessionOptions(corpusDirectory: Fixtures.corpusDirectory, annotationsDirectory: dir, set: "alice"),
                            out: StringSink(), err: StringSink())
    }()

    func complete(_ line: String) -> Completion { session.complete(line) }

    @Test("command names")
    func commands() {
        #expect(complete("") .candidates == session.registry.commands.map(\.name))
        #expect(complete("he") == Completion(replacing: 2, candidates: ["help"]))
        #expect(complete("quest").candidates == ["question", "questions"].filter { session.registry.command(named: $0) != nil }.sorted { a, b in
            session.registry.commands.firstIndex { $0.name == a }! < session.registry.commands.firstIndex { $0.name == b }! })
        #expect(complete("zzz").candidates.isEmpty)
    }

    @Test("arguments by kind: documents, questions, stances, sets, formats")
    func arguments() {
        #expect(complete("read ").candidates == ["brookings", "lin", "usip", "merics"])
        #expect(complete("read me") == Completion(replacing: 2, candidates: ["merics"]))
        #expect(complete("compare res").candidates == ["reset-wedge"])
        // Scale order; a label with spaces is offered quoted, so it stays one word.
        #expect(complete("code reset-wedge un").candidates == ["unlikely", "\"uncertain / conditional\""])
        #expect(complete("code reset-wedge +").candidates == ["+1", "+2"])
        #expect(complete("use ba").candidates == ["baseline"])
        #expect(complete("export c").candidates == ["csv", "csv-excel"])
        #expect(complete("help ma").candidates == ["mark", "matrix"])
    }

    @Test("analyst names complete folded, as ids")
    func analysts() {
        #expect(complete("diff ayd") == Completion(replacing: 3, candidates: ["aydintasbas"]))
        #expect(complete("diff Aslı") == Completion(replacing: 4, candidates: ["aydintasbas"]))
        #expect(complete("diff Aydıntaş") == Completion(replacing: 8, candidates: ["aydintasbas"]))
        #expect(complete("list analyst:ayd") == Completion(replacing: 11, candidates: ["analyst:aydintasbas"]))
        #expect(complete("diff stent w").candidates == ["wyne"])
    }

    @Test("options and flags")
    func options() {
        #expect(complete("list q").candidates == ["question:"])
        #expect(complete("list question:war").candidates == ["question:war-ends-soon"])
        #expect(complete("list --j").candidates == ["--json"])
        #expect(complete("compare reset-wedge set:").candidates == ["set:alice", "set:baseline", "set:all"])
    }

    @Test("file paths")
    func paths() {
        let dir = Fixtures.temporaryDirectory("complete")
        _ = FileManager.default.createFile(atPath: dir + "/review.csv", contents: nil)
        try? FileManager.default.createDirectory(atPath: dir + "/reports", withIntermediateDirectories: true)
        #expect(complete("export csv \(dir)/re").candidates == ["\(dir)/reports/", "\(dir)/review.csv"])
        #expect(complete("import \(dir)/rev").candidates == ["\(dir)/review.csv"])
    }
}

@Suite("Tokenizer and options")
struct TokenizerTests {
    @Test("quotes, escapes, curly quotes; an option may have a quoted value")
    func words() throws {
        let w = try Tokenizer.words(#"code reset-wedge "-1" note:"a long note" “curly quote” 'single \x' a\ b"#)
        #expect(w.map(\.text) == ["code", "reset-wedge", "-1", "note:a long note", "curly quote", #"single \x"#, "a b"])
        #expect(w.map(\.quoted) == [false, false, true, false, true, true, false])
        #expect(throws: ParallaxError.self) { try Tokenizer.words(#"find "open"#) }
    }

    @Test("edit ID note:\"text with spaces\" sets the note")
    func quotedOptionValue() throws {
        let command = try #require(CommandRegistry.standard.command(named: "edit"))
        let inv = try Invocation(command: command, words: try Tokenizer.words(#"01ABC note:"on reflection, a lean" stance:-1"#))
        #expect(inv.positionals.map(\.text) == ["01ABC"])
        #expect(inv.options["note"]?.text == "on reflection, a lean")
        #expect(inv.options["stance"]?.text == "-1")
        let quotedWhole = try Invocation(command: command, words: try Tokenizer.words(#"01ABC "note:not an option""#))
        #expect(quotedWhole.positionals.map(\.text) == ["01ABC", "note:not an option"])
    }
}
