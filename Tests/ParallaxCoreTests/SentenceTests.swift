import Testing
import ParallaxCore
import ParallaxStore
import TestSupport

@Suite("Sentences")
struct SentenceTests {
    func split(_ s: String) -> [String] {
        let text = ScalarText(s)
        return SentenceSplitter.sentences(in: text, start: 0, end: text.scalarCount).map { text.text($0.start, $0.end) }
    }

    @Test("abbreviations, initials and footnote digits")
    func rules() {
        #expect(split("The U.S. and D.C. agree. Then Bonny L. Lin spoke. Done.")
                == ["The U.S. and D.C. agree.", "Then Bonny L. Lin spoke.", "Done."])
        #expect(split("It is a threat to the order1. Europe must act.") == ["It is a threat to the order1.", "Europe must act."])
        #expect(split("a war that it should win.12\u{A0}Ukraine’s ability is key.")
                == ["a war that it should win.12", "Ukraine’s ability is key."])
        #expect(split("He said “no.” Then left? Yes! e.g. this stays.")
                == ["He said “no.”", "Then left?", "Yes! e.g. this stays."])
        #expect(split("Mr. Putin met Dr. Xi.") == ["Mr. Putin met Dr. Xi."])
    }

    @Test("the sentence around a search hit in the transcript")
    func aroundHit() throws {
        let doc = try Fixtures.corpus.requireDocument("brookings")
        let hit = try #require(Fixtures.searchIndex.find("highly unlikely").first)
        let s = try #require(doc.sentence(containing: hit.start))
        let sentence = doc.text.text(s.start, s.end)
        #expect(sentence.contains("highly unlikely"))
        #expect(sentence.first!.isUppercase)
        #expect(sentence.hasSuffix(".") || sentence.hasSuffix("?"))
    }
}
