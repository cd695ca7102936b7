import Foundation
import Testing
import ParallaxCore
import ParallaxStore
import TestSupport

/// `find --count` from a cold process (through the corpus cache) against folding every
/// document in memory; `find` showing a screenful and the total.
@Suite("find --count and the first screenful of hits")
struct FindCountTests {
    /// Folding that ripgrep does not do: dotless ı and ş, curly quotes and apostrophes, a
    /// no-break space in the query, ligatures and full-width letters, dashes.
    static let phrases = ["asli", "AYDINTAŞBAŞ", "“reverse nixon”", "reverse nixon", "don’t", "china\u{00A0}and russia",
                          "ﬁrst", "ｃｈｉｎａ", "—", "the", "united states"]

    @Test("counts equal the uncached search, cold and with the cache warm")
    func counts() throws {
        let reference = SearchIndex(corpus: try Corpus.loadUncached(from: Fixtures.corpusDirectory))
        for round in 0..<2 {
            for p in Self.phrases {
                let r = try ParallaxBinary.run(["-c", "find \"\(p)\" --count"])
                #expect(r.status == 0, "\(r.stderr)")
                #expect(r.stdout == "\(reference.count(p))\n", "round \(round): \(p)")
            }
        }
        #expect(reference.count("asli") == 12)
        let json = try ParallaxBinary.run(["find", "asli", "--count", "--json"])
        #expect(json.stdout.contains("\"count\"") && json.stdout.contains("12"))
        let one = try ParallaxBinary.run(["-c", "find asli --count doc:brookings"])
        #expect(one.stdout == "\(reference.find("asli", in: "brookings").count)\n")
    }

    @Test("find shows the first screenful with the total; --all shows every hit")
    func screenful() throws {
        let total = SearchIndex(corpus: try Corpus.loadUncached(from: Fixtures.corpusDirectory)).count("the")
        #expect(total > 20)
        let r = try ParallaxBinary.run(["-c", "find the"])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 2 * 20 + 1)
        #expect(lines.last == "20 of \(total) hits shown; `find … --all` shows every one, `mark N` selects one")
        let all = try ParallaxBinary.run(["-c", "find the --all", "-c", "mark \(total)"])
        #expect(all.status == 0, "\(all.stderr)")
        #expect(all.stdout.contains("\(total) hits — `mark N` selects one"))
        let few = try ParallaxBinary.run(["-c", "find reverse nixon", "-c", "mark 4"])
        #expect(few.stdout.contains("4 hits — "), "\(few.stdout)")
    }
}
