import Testing
@testable import ParallaxCore
@testable import ParallaxStore
import TestSupport

/// The building blocks of re-anchoring against plain reference implementations.
@Suite("Re-anchoring internals")
struct AnchoringInternalsTests {
    /// Sellers' dynamic programme: row 0 is free (free start) or 0, 1, 2… (anchored).
    func reference(_ p: [UInt32], _ t: [UInt32], freeStart: Bool) -> [Int] {
        var row = Array(0...p.count)
        var out = [p.count]
        for (j, c) in t.enumerated() {
            var diagonal = row[0]
            row[0] = freeStart ? 0 : j + 1
            for i in 1...p.count {
                let above = row[i]
                row[i] = min(diagonal + (p[i - 1] == c ? 0 : 1), above + 1, row[i - 1] + 1)
                diagonal = above
            }
            out.append(row[p.count])
        }
        return out
    }

    @Test("bit-parallel distances equal the dynamic programme, across block boundaries",
          arguments: [1, 5, 63, 64, 65, 130, 200])
    func bitParallel(length: Int) {
        var random = SplitMix64(seed: UInt64(length))
        // A small alphabet with non-ASCII letters, so matches and near-matches are frequent.
        let alphabet: [UInt32] = [0x61, 0x62, 0x63, 0x131, 0x15F, 0x1F1F9]
        for _ in 0..<20 {
            let p = (0..<length).map { _ in alphabet[Int(random.next() % 6)] }
            var t = (0..<(length * 2 + 10)).map { _ in alphabet[Int(random.next() % 6)] }
            t.insert(contentsOf: p, at: Int(random.next() % UInt64(t.count)))
            let matcher = BitParallelMatcher(pattern: p)
            #expect(matcher.distances(t, freeStart: true) == reference(p, t, freeStart: true))
            #expect(matcher.distances(t, freeStart: false) == reference(p, t, freeStart: false))
        }
    }

    @Test("small Levenshtein distances")
    func levenshtein() {
        #expect(EditDistance.levenshtein(scalars("kitten"), scalars("sitting")) == 3)
        #expect(EditDistance.levenshtein(scalars("Linus"), scalars("chines")) == 3)
        #expect(EditDistance.levenshtein([], scalars("abc")) == 3)
        #expect(EditDistance.levenshtein(scalars("Aslı"), scalars("Asli")) == 1)
    }

    @Test("byte search finds every occurrence, overlapping ones included")
    func byteSearch() {
        let hay = Array("abababa “ab” xab".utf8)
        #expect(ByteSearch.occurrences(of: Array("aba".utf8), in: hay) == [0, 2, 4])
        #expect(ByteSearch.occurrences(of: Array("“ab”".utf8), in: hay) == [8])
        #expect(ByteSearch.occurrences(of: Array("ab".utf8), in: hay, from: 1, to: 6) == [2, 4])
        #expect(ByteSearch.occurrences(of: Array("zz".utf8), in: hay).isEmpty)
    }

    @Test("fuzzy occurrences: start, end and edits of an approximate match")
    func fuzzyOccurrences() throws {
        let q = AnchorQuery(TextTarget(doc: "x", start: 0, end: 0, exact: "strategic partnership",
                                       prefix: "", suffix: "", hash: ""))
        let matcher = FuzzyMatcher(q, budget: 4)
        let window = scalars("the China–Russia strategic partnershp deepened")
        let found = matcher.occurrences(in: window)
        let best = try #require(found.min { $0.edits < $1.edits })
        #expect(best.edits == 1)
        #expect(String(String.UnicodeScalarView(window[best.start..<best.end].map { Unicode.Scalar($0)! })) == "strategic partnershp")
    }

    @Test("one pass for many quotes finds what one search per quote finds")
    func quoteScanner() throws {
        let doc = try Fixtures.corpus.requireDocument("brookings")
        var random = SplitMix64(seed: 9)
        var quotes: [[UInt8]] = [Array("Aydıntaşbaş".utf8), Array("zzzz not there".utf8), Array("the".utf8)]
        for _ in 0..<300 {
            // Many short quotes too, so every key width from 1 to 8 bytes gets a pass of its own.
            let length = 1 + Int(random.next() % (random.next() % 2 == 0 ? 8 : 40))
            let start = Int(random.next() % UInt64(doc.text.scalarCount - length))
            quotes.append(Array(doc.text.text(start, start + length).utf8))
        }
        let together = QuoteScanner.occurrences(of: quotes, in: doc.text.utf8)
        for (quote, found) in zip(quotes, together) {
            #expect(found == ByteSearch.occurrences(of: quote, in: doc.text.utf8))
        }
    }

    @Test("seed scan: hits point at where the quote starts")
    func seeds() {
        let text = ScalarText("xxxx The reverse Nixon strategy is back. yyyy The reverse Nixon idea.")
        let q = AnchorQuery(TextTarget(doc: "x", start: 0, end: 0, exact: "reverse Nixon strategy",
                                       prefix: "The ", suffix: " is back.", hash: ""))
        var scanner = SeedScanner()
        scanner.add(q, owner: 0)
        let hits = scanner.scan(text.utf8, maximumHits: 10, owners: 1)[0]
        let at = occurrences("reverse Nixon strategy", in: text)[0]
        #expect(hits.contains { $0.diagonal == at })
        #expect(Set(hits.filter { $0.diagonal == at }.map(\.seed)).count >= 3)
    }
}
