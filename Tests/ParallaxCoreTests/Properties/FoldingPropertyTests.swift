import Testing
import PropertyBased
import ParallaxCore
import ParallaxStore
import TestSupport

/// Folded search: whatever substring of a text is searched for, every hit maps back to a span
/// of the original whose folded text holds the folded query.
@Suite("Properties: folding")
struct FoldingPropertyTests {
    /// The hits `SearchIndex.find` reports, on one text: folded occurrences widened to whole
    /// grapheme clusters.
    func hits(of query: String, in text: ScalarText) -> [(start: Int, end: Int)] {
        let needle = Array(Folding.fold(query).utf8)
        return FoldedText(text).occurrences(of: needle, scalarCount: text.scalarCount).map {
            text.widenedToGraphemes($0.start, $0.end)
        }
    }

    @Test("every hit of a substring of random text holds the folded query; there is at least one")
    func randomText() async {
        await propertyCheck(count: 400, input: TextGen.text(0...120), Gen.int(in: 0...100_000), Gen.int(in: 0...100_000)) { string, x, y in
            let text = ScalarText(string)
            let n = text.scalarCount
            let a = min(x, y) % (n + 1), b = max(a, max(x, y) % (n + 1))
            let query = text.text(a, b)
            let folded = Folding.fold(query)
            let found = hits(of: query, in: text)
            if folded.isEmpty {
                #expect(found.isEmpty)
                return
            }
            #expect(!found.isEmpty, "\(query.debugDescription) (folded \(folded.debugDescription)) not found in its own text")
            for (s, e) in found {
                #expect(s < e && e <= n)
                #expect(text.isGraphemeBoundary(s) && text.isGraphemeBoundary(e))
                let hit = Folding.fold(text.text(s, e))
                // Compared as UTF-8 bytes: a query ending on a conjoining jamo matches the start of a
                // cluster the hit is widened to, and String.contains compares whole Characters.
                #expect(hit.utf8.contains(Array(folded.utf8)), "hit \(s)-\(e) folds to \(hit.debugDescription), not holding \(folded.debugDescription)")
            }
        }
    }

    @Test("folding is idempotent and case, diacritics, quotes, dashes and spaces fold away")
    func idempotent() async {
        await propertyCheck(count: 300, input: TextGen.text()) { string in
            let once = Folding.fold(string)
            #expect(Folding.fold(once) == once)
            #expect(Folding.fold(string.uppercased()) == Folding.fold(string.lowercased()) || string.contains(where: { !$0.isASCII }))
            #expect(!once.hasPrefix(" ") && !once.hasSuffix(" ") && !once.contains("  "))
        }
    }

    @Test("on the bundled corpus, every hit of a random phrase of a document holds the folded phrase")
    func corpus() async {
        let documents = Fixtures.corpus.documents
        await propertyCheck(count: 200, input: Gen.int(in: 0...(documents.count - 1)), Gen.int(in: 0...1_000_000), Gen.int(in: 1...40)) { d, at, length in
            let document = documents[d]
            let n = document.text.scalarCount
            let a = at % n, b = min(n, a + length)
            let phrase = document.text.text(a, b)
            let folded = Folding.fold(phrase)
            let found = Fixtures.searchIndex.find(phrase)
            guard !folded.isEmpty else { #expect(found.isEmpty); return }
            #expect(found.contains { $0.doc == document.id }, "\(phrase.debugDescription) not found in \(document.id)")
            for hit in found {
                #expect(Folding.fold(hit.text).contains(folded), "\(hit.doc)@\(hit.start): \(hit.text.debugDescription)")
                let source = try #require(documents.first { $0.id == hit.doc })
                #expect(source.text.text(hit.start, hit.end) == hit.text)
            }
        }
    }
}
