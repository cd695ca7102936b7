import Testing
import ParallaxCore
import ParallaxStore
import TestSupport

@Suite("Folding and folded search")
struct FoldingTests {
    @Test("folds case, diacritics, dotless i, quotes, dashes and every space", arguments: [
        ("Aslı Aydıntaşbaş", "asli aydintasbas"),
        ("ASLI AYDINTAŞBAŞ", "asli aydintasbas"),
        ("İstanbul", "istanbul"),
        ("Łódź Ørsted straße", "lodz orsted strasse"),
        ("“reverse Nixon”", "\"reverse nixon\""),
        ("Russia’s", "russia's"),
        ("U.S.–Russia — reset", "u.s.-russia - reset"),
        ("a\u{A0}b \t\n  c", "a b c"),
        ("Cafe\u{301} Nicolás", "cafe nicolas"),
        ("  trimmed  ", "trimmed"),
    ])
    func folds(input: String, expected: String) {
        #expect(Folding.fold(input) == expected)
    }

    @Test("counts on the bundled corpus", arguments: [
        ("asli", 12), ("reverse nixon", 4), ("aydintasbas", 5), ("Aslı", 12), ("REVERSE “NIXON", 0),
    ])
    func counts(phrase: String, count: Int) {
        #expect(Fixtures.searchIndex.find(phrase).count == count)
    }

    @Test("hits are spans of the original text")
    func hitsMapBack() throws {
        let hits = Fixtures.searchIndex.find("asli")
        #expect(Set(hits.map(\.text)) == ["Aslı", "Asli", "ASLI"])
        for hit in hits {
            let doc = try Fixtures.corpus.requireDocument(hit.doc)
            #expect(doc.text.text(hit.start, hit.end) == hit.text)
            #expect(Folding.fold(hit.text) == "asli")
            #expect(doc.paragraph(containing: hit.start)?.number == hit.paragraph)
        }
        let nixon = Fixtures.searchIndex.find("reverse nixon")
        #expect(nixon.allSatisfy { $0.doc == "brookings" })
        #expect(Set(nixon.compactMap(\.analyst)) == ["wyne", "kim"])
        #expect(nixon.filter { $0.analyst == nil }.count == 1, "the introduction is editorial")
        #expect(nixon.first?.context.contains("[reverse Nixon]") == true)
    }

    @Test("a phrase split by a line break or a non-breaking space is found")
    func splitPhrases() throws {
        // "security challenge.\u{A0}\n\n2. The balance" spans U+00A0 and two line feeds.
        let hits = Fixtures.searchIndex.find("challenge. 2. the balance")
        #expect(hits.count == 1)
        let hit = try #require(hits.first)
        #expect(hit.doc == "merics")
        #expect(hit.text == "challenge.\u{A0}\n\n2. The balance")
        // "relations”.3\u{A0}Europe"
        #expect(Fixtures.searchIndex.find("relations\".3 europe").count == 1)
    }

    @Test("hits never split a grapheme cluster")
    func graphemeHits() throws {
        let manifest = CorpusManifest(
            documents: [DocumentInfo(id: "t", file: "t", title: "", publisher: "", date: "", authors: [],
                                     voice: "a", segmentation: .init(paragraphs: .lines))],
            analysts: [AnalystInfo(id: "a", name: "A", affiliation: "")])
        let corpus = try Corpus(manifest: manifest) { _ in Array("Cafe\u{301} and café 👍🏽 ok".utf8) }
        let index = SearchIndex(corpus: corpus)
        let hits = index.find("cafe")
        #expect(hits.map(\.text) == ["Cafe\u{301}", "café"])
        #expect(hits[0].end == 5)
    }
}
