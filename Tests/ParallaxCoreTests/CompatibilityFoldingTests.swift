import Testing
@testable import ParallaxCore

/// PDFs write ligatures and full-width letters; folded search must see their plain letters,
/// and report hits in the original text's scalar offsets.
@Suite("Folding compatibility characters")
struct CompatibilityFoldingTests {
    @Test("ligatures, full-width letters, ĳ and ǅ fold to plain letters", arguments: [
        ("ﬁnal oﬃce", "final office"),
        ("ＴＯＫＹＯ", "tokyo"),
        ("ĳssel", "ijssel"),
        ("ǅemal", "dzemal"),
        ("ﬂow ﬀ ﬄ ﬆ", "flow ff ffl st"),
        ("Aslı ﬁnal", "asli final"),
    ])
    func folds(input: String, expected: String) {
        #expect(Folding.fold(input) == expected)
    }

    @Test("a scalar with a long compatibility form keeps its canonical form (bounded length)")
    func longForms() {
        // U+FDFD decomposes (NFKD) into eighteen scalars; folding keeps it whole.
        #expect(Folding.foldScalar("\u{FDFD}").count <= Folding.maximumFoldedBytes)
        #expect(Folding.fold("a \u{FDFD} b") == "a \u{FDFD} b")
        #expect(Folding.fold("½") == "1⁄2")
    }

    @Test("search finds “final office” in “ﬁnal oﬃce” and maps the hit to the original scalars")
    func searchMapsBack() throws {
        let text = "The ﬁnal oﬃce of ＴＯＫＹＯ and the ĳssel.\n"
        let manifest = CorpusManifest(documents: [DocumentInfo(id: "pdf", file: "pdf.txt", title: "t", publisher: "p", date: "2024",
                                                               authors: [], voice: nil, segmentation: Segmentation(paragraphs: .lines))],
                                      analysts: [])
        let corpus = try Corpus(manifest: manifest) { _ in Array(text.utf8) }
        let index = SearchIndex(corpus: corpus)
        let doc = try corpus.requireDocument("pdf")
        for (query, original) in [("final office", "ﬁnal oﬃce"), ("tokyo", "ＴＯＫＹＯ"), ("ijssel", "ĳssel")] {
            let hits = index.find(query)
            let hit = try #require(hits.first, "\(query)")
            #expect(hits.count == 1)
            #expect(doc.text.text(hit.start, hit.end) == original, "\(query)")
        }
        // Offsets are scalars: "The " is 4, "ﬁnal" is 4 scalars (one ligature + 3).
        #expect(index.find("final office").first?.start == 4)
        #expect(index.find("final office").first?.end == 4 + 4 + 1 + 4)
    }
}
