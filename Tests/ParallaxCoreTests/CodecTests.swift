import Foundation
import Testing
import ParallaxCore
import ParallaxStore
import TestSupport

@Suite("Annotation line codec")
struct CodecTests {
    @Test("the baseline set reads and rewrites to identical bytes")
    func roundTrip() throws {
        let bytes = try #require(Fixtures.bytes(Fixtures.annotationsDirectory + "/baseline.jsonl"))
        let parsed = SetFile.parse(bytes)
        #expect(parsed.damaged.isEmpty)
        #expect(parsed.lines.count > 40)
        #expect(SetFile.encode(parsed.lines.map(\.annotation), damaged: []) == bytes)
    }

    @Test("agrees with JSONSerialization on every baseline line")
    func agreesWithFoundation() throws {
        let bytes = try #require(Fixtures.bytes(Fixtures.annotationsDirectory + "/baseline.jsonl"))
        for line in bytes.split(separator: 0x0A) {
            let a = try AnnotationCodec.decode(Array(line))
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
            #expect(object["id"] as? String == a.id)
            #expect(object["exact"] as? String == a.target.exact)
            #expect(object["prefix"] as? String == a.target.prefix)
            #expect(object["start"] as? Int == a.target.start)
            #expect(object["stance"] as? Int == a.stance)
            #expect(object["note"] as? String ?? "" == a.note)
            #expect(object["tags"] as? [String] ?? [] == a.tags)
        }
    }

    @Test("escapes, non-ASCII and unknown fields survive a round trip")
    func escapesAndUnknownFields() throws {
        var a = Fixtures.sampleAnnotation()
        a.note = "quote \" backslash \\ tab \t newline \n nul \u{0} bell \u{7} ı ş 👍🏽 \u{2028}"
        a.extra.set("zeta", raw: Array(#"{"nested":[1,2.50,"x\u00e9"],"n":null}"#.utf8))
        a.extra.set("alpha", raw: Array("1e3".utf8))
        let line = AnnotationCodec.encode(a)
        let back = try AnnotationCodec.decode(line)
        #expect(back == a)
        #expect(AnnotationCodec.encode(back) == line)
        let text = String(decoding: line, as: UTF8.self)
        #expect(text.contains(#"\u0000"#) && text.contains(#"\u0007"#) && text.contains(#"\t"#))
        #expect(text.hasSuffix(#","alpha":1e3,"zeta":{"nested":[1,2.50,"x\u00e9"],"n":null}}"#))
        // Foundation reads what we write.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
        #expect(object["note"] as? String == a.note)
    }

    @Test("escaped input decodes like Foundation decodes it")
    func escapedInput() throws {
        let json = #"{"id":"X1","doc":"lin","start":0,"end":3,"exact":"\u0054he","prefix":"","suffix":" China\/Russia","hash":"h","question":"q","analyst":"lin","stance":1,"note":"\ud83d\udc4d \"ok\"","created":"2026-11-23T16:00:00Z","modified":"2026-11-23T16:00:00Z"}"#
        let a = try AnnotationCodec.decode(Array(json.utf8))
        #expect(a.target.exact == "The")
        #expect(a.target.suffix == " China/Russia")
        #expect(a.note == "👍 \"ok\"")
    }

    @Test("malformed lines are refused with a column", arguments: [
        ("not json", "column 1: expected '{' (a JSON object)"),
        (#"{"id":"X","doc":"lin"#, "column 21: \"doc\": line ends inside a string"),
        (#"{"id":"X","stance":"-1"}"#, "column 20: \"stance\": expected a number"),
        (#"{"id":"X","stance":1.5}"#, "column 20: \"stance\": expected an integer"),
        (#"{"id":"X","id":"Y"}"#, "column 11: member \"id\" appears twice"),
        (#"{"id":"X"} trailing"#, "column 12: unexpected text after the object"),
        (#"{"id":"\ud800"}"#, "column 8: \"id\": lone surrogate in a \\u escape"),
    ])
    func malformed(line: String, expected: String) {
        do {
            _ = try AnnotationCodec.decode(Array(line.utf8))
            Issue.record("accepted \(line)")
        } catch {
            #expect("column \(error.column ?? 0): \(error.message)" == expected)
        }
    }

    @Test("a line missing members names them")
    func missing() {
        #expect(throws: AnnotationCodec.LineError(message: "missing \"doc\", \"start\", \"end\", \"exact\", \"prefix\", \"suffix\", \"hash\", \"question\", \"analyst\", \"stance\", \"created\", \"modified\"", column: nil)) {
            try AnnotationCodec.decode(Array(#"{"id":"X"}"#.utf8))
        }
    }

    @Test("ULIDs are 26 characters and strictly increase")
    func ids() {
        var gen = AnnotationID()
        let a = gen.next(milliseconds: 1_700_000_000_000)
        let b = gen.next(milliseconds: 1_700_000_000_000)
        let c = gen.next(milliseconds: 1_699_999_999_999)
        #expect(a.count == 26 && b.count == 26)
        #expect(a < b && b < c)
        #expect(AnnotationID.isValid(a))
        // 1_700_000_000_000 ms = 0x18BCFE56800 → Crockford base 32 "01HF7YAT00".
        #expect(a.hasPrefix("01HF7YAT00"))
    }
}
