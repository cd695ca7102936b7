import Testing
import PropertyBased
import ParallaxREPL
import TestSupport

/// The command-line tokenizer: quoting any words and reading them back gives the same words.
@Suite("Properties: tokenizer")
struct TokenizerPropertyTests {
    @Test("tokenize ∘ quote is the identity on any list of words")
    func quoteThenTokenize() async {
        await propertyCheck(count: 500, input: TextGen.text(0...6).array(of: 0...6)) { words in
            let line = words.map(Tokenizer.quote).joined(separator: " ")
            let read = try Tokenizer.words(line)
            #expect(read.map(\.text) == words, "\(line.debugDescription)")
        }
    }

    @Test("a word that needs no quoting is left as it is")
    func plainWords() async {
        await propertyCheck(count: 200, input: Gen<Character>.letterOrNumber.string(of: 1...12)) { word in
            #expect(Tokenizer.quote(word) == word)
            let read = try Tokenizer.words(word)
            #expect(read.map(\.text) == [word])
        }
    }

    /// Found by `quoteThenTokenize`: a space followed by a zero-width joiner or a combining
    /// mark is one `Character`, and a tokenizer that read Characters took the mark for part
    /// of the separating space and dropped it.
    @Test("a word that starts with a joiner or a combining mark keeps it")
    func markAfterSpace() throws {
        #expect(try Tokenizer.words("\"\" \u{200D}").map(\.text) == ["", "\u{200D}"])
        #expect(try Tokenizer.words("note \u{301}e").map(\.text) == ["note", "\u{301}e"])
        #expect(try Tokenizer.words("\"\u{301}x\"").map(\.text) == ["\u{301}x"])
        // Columns still count Characters: "é" written e + U+0301 is one column.
        #expect(try Tokenizer.words("e\u{301} x").map(\.column) == [1, 3])
    }
}
