import Foundation
import Testing
import ParallaxCore
import ParallaxStore
import TestSupport

@Suite("Export: W3C Web Annotation")
struct ExportW3CTests {
    let format = W3CExportFormat()

    func json(_ codings: [Coding], corpus: Corpus = Fixtures.corpus) throws -> [String: Any] {
        let text = try Interchange.exportText(format, codings, corpus: corpus)
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("baseline, nasty sets and the nasty corpus import back to equal codings, unknown fields included")
    func roundTrips() throws {
        let sets = Fixtures.baselineCodings + Fixtures.nastyCodings
        #expect(try Interchange.roundTrip(format, sets) == Fixtures.sorted(sets))
        let corpusCodings = Fixtures.nastyCorpusCodings
        #expect(try Interchange.roundTrip(format, corpusCodings, corpus: Fixtures.nastyCorpus) == Fixtures.sorted(corpusCodings))
    }

    @Test("an AnnotationCollection with the W3C context, a label, a total and the first page embedded")
    func collection() throws {
        let codings = Fixtures.baselineCodings + Fixtures.nastyCodings
        let root = try json(codings)
        let context = try #require(root["@context"] as? [Any])
        #expect(context.first as? String == "http://www.w3.org/ns/anno.jsonld")
        let local = try #require(context.last as? [String: Any])
        #expect(local["px"] as? String == "urn:parallax:vocab#")
        #expect((local["px:extra"] as? [String: Any])?["@type"] as? String == "@json")
        #expect(root["type"] as? String == "AnnotationCollection")
        #expect(root["label"] as? String == "Parallax annotations: baseline, formulas, nasty, nasty-twin")
        #expect(root["total"] as? Int == codings.count)
        let first = try #require(root["first"] as? [String: Any])
        #expect(first["type"] as? String == "AnnotationPage")
        #expect(first["startIndex"] as? Int == 0)
        #expect((first["items"] as? [Any])?.count == codings.count)
        #expect(Set(((first["items"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }).count == codings.count)
    }

    @Test("the collection names its page first and last; the page points back with partOf")
    func paging() throws {
        let root = try json(Fixtures.baselineCodings)
        let id = try #require(root["id"] as? String)
        let first = try #require(root["first"] as? [String: Any])
        #expect(root["last"] as? String == first["id"] as? String)
        #expect(first["partOf"] as? String == id)
        // An empty export has no page to name.
        let empty = try json([])
        #expect(empty["first"] == nil && empty["last"] == nil)
    }

    @Test("each annotation carries the collection's @context: one cut out of the page imports alone")
    func standalone() throws {
        // Unknown fields left out: re-serialising an item would not keep their exact bytes.
        let codings = Fixtures.withoutExtra(Fixtures.sorted(Array(Fixtures.nastyCodings.prefix(3))))
        let text = try Interchange.exportText(format, codings)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let items = try #require((root["first"] as? [String: Any])?["items"] as? [[String: Any]])
        for (item, coding) in zip(items, codings) {
            #expect((item["@context"] as? NSArray) == (root["@context"] as? NSArray))
            let alone = try JSONSerialization.data(withJSONObject: item, options: [.withoutEscapingSlashes])
            let back = try ImportFormats.read(Array(alone), path: "one.jsonld", corpus: Fixtures.corpus, codebook: Fixtures.codebook)
            #expect(back == [coding])
        }
    }

    @Test("each annotation: id, creator, times, selectors in code points, bodies by purpose")
    func annotation() throws {
        let c = Fixtures.nastyCodings[0]
        let root = try json([c])
        let item = try #require(((root["first"] as? [String: Any])?["items"] as? [[String: Any]])?.first)
        #expect(item["id"] as? String == "urn:parallax:annotation:nasty:01NASTY00000000000000000001")
        #expect(item["type"] as? String == "Annotation")
        let creator = try #require(item["creator"] as? [String: Any])
        #expect(creator["id"] as? String == "urn:parallax:coder:nasty")
        #expect(creator["name"] as? String == "nasty")
        #expect(item["created"] as? String == "2026-11-23T16:00:00.123Z")
        #expect(item["modified"] as? String == "2026-11-24T09:30:00Z")

        let target = try #require(item["target"] as? [String: Any])
        #expect(target["source"] as? String == "urn:parallax:doc:brookings")
        #expect(target["px:sha256"] as? String == Fixtures.corpus.document("brookings")?.hash)
        let selectors = try #require(target["selector"] as? [[String: Any]])
        #expect(selectors.map { $0["type"] as? String } == ["TextPositionSelector", "TextQuoteSelector"])
        #expect(selectors[0]["start"] as? Int == c.annotation.target.start)
        #expect(selectors[0]["end"] as? Int == c.annotation.target.end)
        #expect(selectors[1]["exact"] as? String == "Aslı Aydıntaşbaş")
        #expect(selectors[1]["prefix"] as? String == c.annotation.target.prefix)
        #expect(selectors[1]["suffix"] as? String == c.annotation.target.suffix)

        let bodies = try #require(item["body"] as? [[String: Any]])
        #expect(bodies.allSatisfy { $0["type"] as? String == "TextualBody" })
        #expect(bodies.map { $0["purpose"] as? String } == ["classifying"] + Fixtures.nastyTags.map { _ in "tagging" } + ["commenting"])
        #expect(bodies[0]["value"] as? String == "reset-wedge: 0 uncertain / conditional")
        #expect(bodies[0]["px:question"] as? String == "reset-wedge")
        #expect(bodies[0]["px:stance"] as? Int == 0)
        #expect(bodies[0]["px:analyst"] as? String == "kim")
        #expect(bodies[0]["px:confidence"] == nil)
        #expect(bodies.dropFirst().dropLast().map { $0["value"] as? String } == Fixtures.nastyTags)
        #expect(bodies.last?["value"] as? String == Fixtures.nastyNote)
        let extra = try #require(item["px:extra"] as? [String: Any])
        #expect(extra["reviewer"] as? String == "Zoë “Z” Ş")
        #expect((extra["nested"] as? [String: Any])?["s"] as? String == "ş\né")
    }

    @Test("a negative stance reads with its sign; no note, no tags, no extra: those bodies and members are absent")
    func minimal() throws {
        var c = Fixtures.nastyCodings[4]
        c.annotation.tags = []; c.annotation.note = ""; c.annotation.confidence = 0.25
        let item = try #require(((try json([c])["first"] as? [String: Any])?["items"] as? [[String: Any]])?.first)
        let bodies = try #require(item["body"] as? [[String: Any]])
        #expect(bodies.count == 1)
        #expect(bodies[0]["value"] as? String == "reset-wedge: -2 no")
        #expect(bodies[0]["px:confidence"] as? Double == 0.25)
        #expect(item["px:extra"] == nil)
    }

    @Test("a document id that is not IRI-safe is percent-encoded in the source and decoded on import")
    func documentIRI() throws {
        let c = try #require(Fixtures.nastyCorpusCodings.first { $0.annotation.target.doc == "weird id/β" })
        let item = try #require(((try json([c], corpus: Fixtures.nastyCorpus)["first"] as? [String: Any])?["items"] as? [[String: Any]])?.first)
        #expect((item["target"] as? [String: Any])?["source"] as? String == "urn:parallax:doc:weird%20id%2F%CE%B2")
    }

    @Test("an empty export is an empty collection without a page")
    func empty() throws {
        let root = try json([])
        #expect(root["total"] as? Int == 0)
        #expect(root["first"] == nil)
        #expect(try Interchange.roundTrip(format, []) == [])
    }

    @Test("exporting twice gives the same bytes")
    func stable() throws {
        let codings = Fixtures.nastyCodings
        #expect(try Interchange.exportText(format, codings) == Interchange.exportText(format, codings.reversed()))
    }
}
