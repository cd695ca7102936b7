import Testing
@testable import ParallaxREPL

@Suite("Applying a completion to the text before the cursor")
struct CompletionEditTests {
    @Test("one candidate replaces the word and adds a space")
    func unique() {
        let edit = CompletionEdit(Completion(replacing: 3, candidates: ["aydintasbas"]), beforeCursor: "diff ayd")
        #expect(edit == CompletionEdit(deleteCount: 0, insertion: "intasbas ", listing: []))
        #expect(edit.applied(to: "diff ayd") == "diff aydintasbas ")
    }

    @Test("a folded match replaces the typed word with the name as written")
    func foldedUnique() {
        let before = "diff stent ayd"
        let edit = CompletionEdit(Completion(replacing: 3, candidates: ["Aydıntaşbaş"]), beforeCursor: before)
        #expect(edit.deleteCount == 3)
        #expect(edit.insertion == "Aydıntaşbaş ")
        #expect(edit.applied(to: before) == "diff stent Aydıntaşbaş ")
    }

    @Test("deletions count Unicode scalars, with ı and ş before the cursor")
    func scalarCounts() {
        // "Aydıntaş" is 8 scalars and 10 UTF-8 bytes; the provider replaces the last word.
        let before = "code Aydıntaşbaş Aydıntaş"
        let edit = CompletionEdit(Completion(replacing: 8, candidates: ["Aydıntaşbaş"]), beforeCursor: before)
        #expect(edit.deleteCount == 0)
        #expect(edit.insertion == "baş ")
        #expect(edit.applied(to: before) == "code Aydıntaşbaş Aydıntaşbaş ")

        // A folded word typed without diacritics is replaced whole from its first difference.
        let typed = "code Aydıntaşbaş aydintas"
        let refold = CompletionEdit(Completion(replacing: 8, candidates: ["Aydıntaşbaş"]), beforeCursor: typed)
        #expect(refold.deleteCount == 8)
        #expect(refold.applied(to: typed) == "code Aydıntaşbaş Aydıntaşbaş ")
    }

    @Test("e + combining acute counts two scalars")
    func combining() {
        let before = "find cafe\u{301}"
        let edit = CompletionEdit(Completion(replacing: 5, candidates: ["cafe\u{301}s"]), beforeCursor: before)
        #expect(edit.deleteCount == 0)
        #expect(edit.insertion == "s ")
    }

    @Test("several candidates: the longest common prefix, and a listing")
    func commonPrefix() {
        let edit = CompletionEdit(Completion(replacing: 2, candidates: ["analysts", "analysis", "analyse"]),
                                  beforeCursor: "an")
        #expect(edit.insertion == "alys")
        #expect(edit.deleteCount == 0)
        #expect(edit.listing == ["analysts", "analysis", "analyse"])
        #expect(edit.applied(to: "an") == "analys")
    }

    @Test("a common prefix shorter than the word leaves the word as typed")
    func prefixShorterThanWord() {
        let edit = CompletionEdit(Completion(replacing: 3, candidates: ["Aydıntaşbaş", "aydemir"]), beforeCursor: "ayd")
        #expect(!edit.changesLine)
        #expect(edit.listing == ["Aydıntaşbaş", "aydemir"])
    }

    @Test("a common prefix as long as the word takes the candidates' case")
    func prefixFixesCase() {
        let edit = CompletionEdit(Completion(replacing: 3, candidates: ["Aydıntaşbaş", "Aydemir"]), beforeCursor: "ayd")
        #expect(edit.applied(to: "ayd") == "Ayd")
        #expect(edit.listing.count == 2)
    }

    @Test("no candidate changes nothing")
    func none() {
        let edit = CompletionEdit(Completion(replacing: 3, candidates: []), beforeCursor: "xyz")
        #expect(edit.isEmpty)
        #expect(!edit.changesLine)
        #expect(edit.listing.isEmpty)
    }

    @Test("repeated candidates count once")
    func duplicates() {
        let edit = CompletionEdit(Completion(replacing: 2, candidates: ["stent", "stent"]), beforeCursor: "st")
        #expect(edit.applied(to: "st") == "stent ")
        #expect(edit.listing.isEmpty)
    }

    @Test("a directory is completed without a space, so completion can go on inside it")
    func directory() {
        let edit = CompletionEdit(Completion(replacing: 3, candidates: ["Corpus/"]), beforeCursor: "load Cor")
        #expect(edit.applied(to: "load Cor") == "load Corpus/")
    }

    @Test("no second space before a space that follows the cursor")
    func spaceAfterCursor() {
        let completion = Completion(replacing: 2, candidates: ["stent"])
        #expect(CompletionEdit(completion, beforeCursor: "diff st", afterCursor: " wyne").insertion == "ent")
        #expect(CompletionEdit(completion, beforeCursor: "diff st", afterCursor: "wyne").insertion == "ent ")
    }

    @Test("an out-of-range replacing count is clamped")
    func clamped() {
        #expect(CompletionEdit(Completion(replacing: 99, candidates: ["help "]), beforeCursor: "he")
            .applied(to: "he") == "help  ")
        #expect(CompletionEdit(Completion(replacing: -1, candidates: ["x"]), beforeCursor: "ab")
            .applied(to: "ab") == "abx ")
    }

    @Test("the common prefix never splits a grapheme cluster")
    func graphemes() {
        #expect(CompletionEdit.longestCommonPrefix(["cafe\u{301}", "cafe"]) == "caf")
        #expect(CompletionEdit.longestCommonPrefix(["Aydıntaşbaş", "Aydın"]) == "Aydın")
        #expect(CompletionEdit.longestCommonPrefix(["🇹🇷x", "🇹🇷y"]) == "🇹🇷")
        #expect(CompletionEdit.longestCommonPrefix([]) == "")
    }
}

@Suite("Listing completion candidates in columns")
struct CompletionListingTests {
    @Test("candidates run down the columns, padded to the widest")
    func columns() {
        let listing = CompletionListing(["aydintasbas", "analysts", "stent", "wyne", "varma"], width: 40)
        // cells of 11 + 2 columns: 3 fit in 40, so 2 rows.
        #expect(listing.lines == [
            "aydintasbas  stent        varma",
            "analysts     wyne",
        ])
    }

    @Test("non-ASCII names take one column per character")
    func nonASCII() {
        let listing = CompletionListing(["Aydıntaşbaş", "Stent"], width: 80)
        #expect(listing.lines == ["Aydıntaşbaş  Stent"])
    }

    @Test("a narrow terminal gets one column")
    func narrow() {
        #expect(CompletionListing(["aydintasbas", "stent"], width: 5).lines == ["aydintasbas", "stent"])
    }

    @Test("long lists are cut with a count of the rest")
    func limit() {
        let listing = CompletionListing((1...10).map { "w\($0)" }, width: 80, limit: 4)
        #expect(listing.lines == ["w1  w2  w3  w4", "… and 6 more"])
        #expect(CompletionListing([], width: 80).lines.isEmpty)
    }
}
