import Foundation
import Testing
import ParallaxCore
import ParallaxStore
import TestSupport

@Suite("Import: W3C Web Annotation")
struct ImportW3CTests {
    func exported(_ codings: [Coding]) throws -> String {
        try Interchange.exportText(W3CExportFormat(), codings)
    }

    @Test("bad annotations are reported by JSON path; nothing is imported")
    func badAnnotations() throws {
        let codings = Fixtures.sorted(Array(Fixtures.nastyCodings.prefix(5)))
        var text = try exported(codings)
        // Break items[1]'s stance and items[3]'s position selector, and give items[4] an unknown body.
        let items = text.components(separatedBy: "\n      {\n        \"@context\": ")
        #expect(items.count == 6)
        var parts = items
        parts[2] = parts[2].replacingOccurrences(of: "\"px:stance\": ", with: "\"px:stance\": \"x\", \"was\": ")
        parts[4] = parts[4].replacingOccurrences(of: "\"TextPositionSelector\"", with: "\"FragmentSelector\"")
        parts[5] = parts[5].replacingOccurrences(of: "\"purpose\": \"tagging\"", with: "\"purpose\": \"highlighting\"")
        text = parts.joined(separator: "\n      {\n        \"@context\": ")
        let problems = Interchange.problems(Array(text.utf8), path: "r.jsonld")
        let locations = problems.compactMap(\.location?.description)
        #expect(locations.contains("r.jsonld: first.items[1].body[0].px:stance"))
        #expect(locations.contains("r.jsonld: first.items[3].target.selector"))
        #expect(locations.contains { $0.hasPrefix("r.jsonld: first.items[4].body[") })
        #expect(problems.count == 3)
    }

    @Test("validation problems are located at the annotation")
    func validation() throws {
        var c = Fixtures.nastyCodings[1]
        c.annotation.analyst = "nobody"
        let problems = Interchange.problems(Array(try exported([Fixtures.nastyCodings[0], c]).utf8), path: "r.jsonld")
        #expect(problems.map(\.location?.description) == ["r.jsonld: first.items[1]"])
        #expect(problems.first?.message.contains("unknown analyst") == true)
    }

    @Test("malformed JSON is reported with line and column")
    func malformed() throws {
        let text = "{\n  \"type\": \"AnnotationCollection\",\n  \"total\": 1,,\n}"
        let problems = Interchange.problems(Array(text.utf8), path: "r.jsonld")
        #expect(problems.map(\.location?.description) == ["r.jsonld:3:14"])
    }

    @Test("a single annotation, a page or a bare array of annotations also import")
    func shapes() throws {
        let c = Fixtures.nastyCodings[0]
        let text = try exported([c])
        let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let page = try #require(root["first"] as? [String: Any])
        let item = try #require((page["items"] as? [Any])?.first)
        for shape in [item, [item, ] as [Any], page] as [Any] {
            let data = try JSONSerialization.data(withJSONObject: shape)
            let back = try ImportFormats.read([UInt8](data), path: "a.json", format: "w3c", corpus: Fixtures.corpus, codebook: Fixtures.codebook)
            // Re-serialised by Foundation, unknown fields keep their value but not their bytes.
            #expect(Fixtures.withoutExtra(back) == Fixtures.withoutExtra([c]))
            #expect(back.first?.annotation.extra.fields.map(\.key) == c.annotation.extra.fields.map(\.key))
        }
    }

    @Test("a collection with its items in itself imports; one with neither page nor items is a problem, not an empty import")
    func collectionWithoutFirstPage() throws {
        let c = Fixtures.nastyCodings[0]
        let root = try #require(try JSONSerialization.jsonObject(with: Data(try exported([c]).utf8)) as? [String: Any])
        let page = try #require(root["first"] as? [String: Any])
        var flat = root
        flat["first"] = nil
        flat["items"] = page["items"]
        let back = try ImportFormats.read([UInt8](try JSONSerialization.data(withJSONObject: flat)), path: "a.jsonld", format: "w3c",
                                          corpus: Fixtures.corpus, codebook: Fixtures.codebook)
        #expect(Fixtures.withoutExtra(back) == Fixtures.withoutExtra([c]))
        let bare = #"{"type":"AnnotationCollection","total":1}"#
        #expect(Interchange.problems(Array(bare.utf8), path: "b.jsonld").map(\.description)
                == ["b.jsonld: first: the collection has no first page and no items"])
    }

    @Test("an id that is not a Parallax IRI, and a creator naming another set, are refused")
    func identity() throws {
        var text = try exported([Fixtures.nastyCodings[0]])
        text = text.replacingOccurrences(of: "urn:parallax:coder:nasty", with: "urn:parallax:coder:other")
        #expect(Interchange.problems(Array(text.utf8), path: "r.jsonld").map(\.location?.description) == ["r.jsonld: first.items[0].creator"])
        text = text.replacingOccurrences(of: "urn:parallax:annotation:nasty:", with: "https://example.org/anno/")
        #expect(Interchange.problems(Array(text.utf8), path: "r.jsonld").map(\.location?.description).contains("r.jsonld: first.items[0].id"))
    }
}

@Suite("Import: unknown fields from other tools")
struct ImportExtraTests {
    @Test("a pretty-printed unknown field is kept on one line; a field named like an own member is refused")
    func extras() throws {
        var c = Fixtures.nastyCodings[4]
        c.annotation.extra.set("review", raw: Array(#"{"who": "Zoë"}"#.utf8))
        var text = try Interchange.exportText(W3CExportFormat(), [c])
        text = text.replacingOccurrences(of: #"{"who": "Zoë"}"#, with: "{\n          \"who\": \"Zoë\\nline\"\r\n        }")
        let back = try ImportFormats.read(Array(text.utf8), path: "r.jsonld", corpus: Fixtures.corpus, codebook: Fixtures.codebook)
        #expect(back.first?.annotation.extra["review"] == Array("{          \"who\": \"Zoë\\nline\"        }".utf8))
        // Saved as a native line, it loads back.
        let line = AnnotationCodec.encode(try #require(back.first).annotation)
        #expect(try AnnotationCodec.decode(line) == back.first?.annotation)

        let clash = text.replacingOccurrences(of: "\"px:extra\": {", with: "\"px:extra\": {\"note\": \"twice\", ")
        let problems = Interchange.problems(Array(clash.utf8), path: "r.jsonld")
        #expect(problems.map(\.location?.description) == ["r.jsonld: first.items[0]"])
        #expect(problems.first?.message.contains("unknown field \"note\"") == true)
    }
}
