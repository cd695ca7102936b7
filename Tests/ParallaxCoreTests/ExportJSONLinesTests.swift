import Foundation
import Testing
import ParallaxCore
import ParallaxStore
import TestSupport

@Suite("Export: JSON Lines")
struct ExportJSONLinesTests {
    let format = JSONLinesExportFormat()

    @Test("baseline, nasty sets and the nasty corpus import back to equal codings, unknown fields included")
    func roundTrips() throws {
        let sets = Fixtures.baselineCodings + Fixtures.nastyCodings
        #expect(try Interchange.roundTrip(format, sets) == Fixtures.sorted(sets))
        let corpusCodings = Fixtures.nastyCorpusCodings
        #expect(try Interchange.roundTrip(format, corpusCodings, corpus: Fixtures.nastyCorpus) == Fixtures.sorted(corpusCodings))
    }

    @Test("every line is a native line: the set is one more member, the rest is the set file's bytes")
    func nativeLines() throws {
        let text = try Interchange.exportText(format, Fixtures.baselineCodings)
        let baseline = String(decoding: Fixtures.bytes(Fixtures.annotationsDirectory + "/baseline.jsonl")!, as: UTF8.self)
        let exported = text.split(separator: "\n", omittingEmptySubsequences: false)
        let native = baseline.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(exported.count == native.count)
        for (e, n) in zip(exported, native) where !n.isEmpty {
            #expect(e == n.dropLast() + #","set":"baseline"}"#)
        }
        // Loaded as a set file, each line keeps "set" as an unknown field.
        let parsed = SetFile.parse(Array(text.utf8))
        #expect(parsed.damaged.isEmpty)
        #expect(parsed.lines.allSatisfy { $0.annotation.extra["set"] == Array(#""baseline""#.utf8) })
    }

    @Test("lines are sorted by set, then id; unknown fields keep their bytes and their place")
    func orderAndExtra() throws {
        let text = try Interchange.exportText(format, Fixtures.nastyCodings.reversed())
        let lines = text.split(separator: "\n").map(String.init)
        let keys = lines.map { line -> String in
            let a = try! AnnotationCodec.decode(Array(line.utf8))
            return String(decoding: a.extra["set"]!, as: UTF8.self) + " " + a.id
        }
        #expect(keys == keys.sorted())
        let first = try #require(lines.first { $0.contains("01NASTY00000000000000000001") && $0.contains(#""set":"nasty""#) })
        #expect(first.hasSuffix(#","flag":true,"nested":{"a": [1, 2, {"b": null}], "s": "ş\n\u00e9"},"reviewer":"Zoë “Z” Ş","score":1.50,"set":"nasty"}"#))
    }

    @Test("an unknown field named \"set\" is replaced by the coding's set, never written twice")
    func reservedSetMember() throws {
        var c = Fixtures.nastyCodings[4]
        c.annotation.extra.set("set", raw: Array(#""copied-from-elsewhere""#.utf8))
        let text = try Interchange.exportText(format, [c])
        #expect(text.components(separatedBy: #""set":"#).count == 2)
        #expect(text.hasSuffix(#""set":"nasty"}"# + "\n"))
        let back = try Interchange.roundTrip(format, [c])
        #expect(back.first?.annotation.extra["set"] == nil)
    }

    @Test("a plain set file imports as the set named after the file, or the one given")
    func plainSetFile() throws {
        let bytes = Fixtures.bytes(Fixtures.annotationsDirectory + "/baseline.jsonl")!
        let codings = try ImportFormats.read(bytes, path: "Annotations/baseline.jsonl", corpus: Fixtures.corpus, codebook: Fixtures.codebook)
        #expect(codings == Fixtures.sorted(Fixtures.baselineCodings))
        let renamed = try ImportFormats.read(bytes, path: "x.jsonl", defaultSet: "review", corpus: Fixtures.corpus, codebook: Fixtures.codebook)
        #expect(renamed.allSatisfy { $0.set == "review" })
    }

    @Test("an empty export is an empty file, and imports as nothing")
    func empty() throws {
        #expect(try Interchange.exportText(format, []) == "")
        #expect(try Interchange.roundTrip(format, []) == [])
    }
}
