import Foundation
import Testing
@testable import ParallaxCore
@testable import ParallaxStore
import TestSupport

/// Edits of a real corpus document, and what re-anchoring must make of each.
@Suite("Re-anchoring targets in changed text")
struct AnchoringTests {
    let doc = try! Fixtures.corpus.requireDocument("brookings")

    // MARK: Unchanged text

    @Test("unchanged text: every target stays at its position with full score")
    func unchanged() throws {
        let anchor = Reanchorer(text: doc.text, hash: doc.hash)
        let t = try target("a fundamental recalibration", in: doc)
        let placed = try #require(anchor.reanchor(t).placement)
        #expect(placed == AnchorPlacement(start: t.start, end: t.end, method: .position, score: 1, confidence: .high, edits: 0))
        // Whole paragraphs, in one batch.
        let targets = try doc.paragraphs.map { try TextTarget(document: doc, start: $0.start, end: $0.end) }
        for (t, r) in zip(targets, anchor.reanchor(targets)) {
            #expect(r.placement?.method == .position && r.placement?.start == t.start && r.placement?.end == t.end)
        }
    }

    @Test("text changed far from the span: position, context intact")
    func changedElsewhere() throws {
        let t = try target("Kaja Kallas, a former Estonian prime minister", in: doc)
        let new = doc.text.string + "A paragraph appended at the end.\n"
        let placed = try #require(reanchor(t, in: new).placement)
        #expect(placed.method == .position && placed.start == t.start && placed.end == t.end && placed.score == 1)
    }

    // MARK: Text inserted before the span

    @Test("text inserted paragraphs before the span: found by quote at the shifted offsets")
    func insertedBefore() throws {
        let t = try target("Kaja Kallas, a former Estonian prime minister", in: doc)
        let inserted = "An editor’s note, added after publication: this conversation was lightly edited.\n"
        let at = doc.paragraphs[4].start
        let new = insert(inserted, at: at, in: doc.text)
        let shift = inserted.unicodeScalars.count
        let placed = try #require(reanchor(t, in: new).placement)
        #expect(placed.method == .quote)
        #expect(placed.start == t.start + shift && placed.end == t.end + shift)
        #expect(placed.confidence == .high && placed.score == 1)
        #expect(ScalarText(new).text(placed.start, placed.end) == t.exact)
        // The updated target carries the new offsets, the same quote and context, the new hash.
        let hash = Document.sha256(Array(new.utf8))
        let moved = Reanchorer(text: ScalarText(new), hash: hash).target(t, placedAt: placed)
        #expect(moved == TextTarget(doc: t.doc, start: t.start + shift, end: t.end + shift, exact: t.exact,
                                    prefix: t.prefix, suffix: t.suffix, hash: hash))
    }

    @Test("text inserted right against the span: the suffix still supports the quote")
    func insertedAdjacent() throws {
        let t = try target("Kaja Kallas", in: doc)
        let inserted = "The EU’s foreign policy chief, "
        let new = insert(inserted, at: t.start, in: doc.text)
        let placed = try #require(reanchor(t, in: new).placement)
        #expect(placed.method == .quote)
        #expect(placed.start == t.start + inserted.unicodeScalars.count)
        #expect(placed.score < 1)
    }

    // MARK: A word changed inside the span

    @Test("a word changed inside the span: fuzzy, and the span covers the changed text")
    func wordChanged() throws {
        let t = try target("Kaja Kallas, a former Estonian prime minister and the head of EU diplomacy now", in: doc)
        let newExact = t.exact.replacingOccurrences(of: "former", with: "one-time")
        let new = replace(t.exact, with: newExact, in: doc.text)
        let result = reanchor(t, in: new)
        let placed = try #require(result.placement, "\(result)")
        #expect(placed.method == .fuzzy)
        #expect(placed.start == t.start)
        #expect(placed.end == t.end + newExact.unicodeScalars.count - t.exact.unicodeScalars.count)
        #expect(ScalarText(new).text(placed.start, placed.end) == newExact)
        #expect(placed.edits == EditDistance.levenshtein(scalars(t.exact), scalars(newExact)))
        #expect(placed.confidence == .high)
    }

    @Test("a word changed and text inserted before: fuzzy at the shifted place")
    func wordChangedAndShifted() throws {
        let t = try target("So what we’ve seen now is a meeting of European leaders in London Sunday", in: doc)
        let newExact = t.exact.replacingOccurrences(of: "Sunday", with: "on Sunday")
        var new = replace(t.exact, with: newExact, in: doc.text)
        let inserted = "Editor’s note: transcript corrected on March 7.\n"
        new = inserted + new
        let placed = try #require(reanchor(t, in: new).placement)
        #expect(placed.method == .fuzzy)
        #expect(ScalarText(new).text(placed.start, placed.end) == newExact)
        #expect(placed.start == t.start + inserted.unicodeScalars.count)
    }

    // MARK: The span's paragraph deleted

    @Test("the span's paragraph deleted: orphaned, not moved")
    func paragraphDeleted() throws {
        let t = try target("Kaja Kallas, a former Estonian prime minister", in: doc)
        let paragraph = try #require(doc.paragraph(containing: t.start))
        let new = delete(paragraph.start, paragraph.end + 1, in: doc.text)
        let orphan = try #require(reanchor(t, in: new).orphan)
        #expect(orphan.reason == .notFound || orphan.reason == .weakMatch || orphan.reason == .weakContext)
        // A sentence-long quote, too.
        let long = try target("She was supposed to meet with Marco Rubio, who canceled on her last minute", in: doc)
        #expect(reanchor(long, in: new).orphan != nil)
    }

    // MARK: A quote that occurs twice

    /// A phrase that occurs exactly twice in the document, in different paragraphs.
    let twice = "a fundamental recalibration"

    @Test("a quote that occurs twice: the context picks the right occurrence")
    func twiceContextPicks() throws {
        #expect(occurrences(twice, in: doc.text).count == 2)
        let first = try target(twice, occurrence: 0, in: doc)
        let second = try target(twice, occurrence: 1, in: doc)
        let inserted = "Editor’s note: lightly edited for clarity.\n"
        let new = inserted + doc.text.string
        let shift = inserted.unicodeScalars.count
        for t in [first, second] {
            let placed = try #require(reanchor(t, in: new).placement)
            #expect(placed.method == .quote && placed.confidence == .high)
            #expect(placed.start == t.start + shift)
        }
    }

    @Test("a quote that occurs twice: context beats distance when the wrong one sits at the old offsets")
    func twiceContextBeatsDistance() throws {
        let first = try target(twice, occurrence: 0, in: doc)
        let second = try target(twice, occurrence: 1, in: doc)
        // Insert exactly enough before the first occurrence to move it onto the second's old offsets.
        let gap = second.start - first.start
        let filler = String(repeating: "Filler text. ", count: gap / 13 + 1)
        let inserted = String(filler.unicodeScalars.prefix(gap - 1)) + "\n"
        let at = try #require(doc.paragraph(containing: first.start)).start
        let new = insert(inserted, at: at, in: doc.text)
        #expect(ScalarText(new).text(second.start, second.end) == twice)  // the wrong one is at the old place
        let placed = try #require(reanchor(second, in: new).placement)
        #expect(placed.method == .quote && placed.confidence == .high)
        #expect(placed.start == second.start + gap)
    }

    @Test("""
        a quote that occurs twice, its own occurrence deleted: the other is not taken, because a \
        short quote needs its context and the other occurrence's context is different
        """)
    func twiceRightOneDeleted() throws {
        let first = try target(twice, occurrence: 0, in: doc)
        let second = try target(twice, occurrence: 1, in: doc)
        let paragraph = try #require(doc.paragraph(containing: second.start))
        let new = delete(paragraph.start, paragraph.end + 1, in: doc.text)
        let orphan = try #require(reanchor(second, in: new).orphan)
        #expect(orphan.reason == .weakContext)
        #expect(orphan.closest?.start == first.start && orphan.closest?.edits == 0)
    }

    @Test("a duplicated sentence removed: the remaining copy is taken, because its context agrees")
    func duplicateRemoved() throws {
        // The old version had a sentence pasted twice; the target is in the second copy.
        let sentence = "She was supposed to meet with Marco Rubio, who canceled on her last minute"
        let at = try #require(occurrences(sentence, in: doc.text).first)
        let old = insert(sentence + " (sic). ", at: at, in: doc.text)
        let oldText = ScalarText(old)
        let phrase = "Marco Rubio"
        let starts = occurrences(phrase, in: oldText)
        let t = TextTarget(doc: doc.id, start: starts[1], end: starts[1] + phrase.unicodeScalars.count, text: oldText, hash: "old")
        let placed = try #require(reanchor(t, in: doc.text.string).placement)
        #expect(placed.method == .quote)
        #expect(placed.start == occurrences(phrase, in: doc.text).first)
    }

    @Test("two occurrences with the same context: the nearer one, with low confidence")
    func tieBrokenByDistance() throws {
        // The old version had a paragraph pasted twice; the target is in the second copy.
        let paragraph = try #require(doc.paragraph(containing: occurrences("Kaja Kallas", in: doc.text)[0]))
        let copy = doc.text.text(paragraph.start, paragraph.end) + "\n"
        let oldText = ScalarText(insert(copy, at: paragraph.start, in: doc.text))
        let starts = occurrences("Marco Rubio", in: oldText)
        let t = TextTarget(doc: doc.id, start: starts[1], end: starts[1] + 11, text: oldText, hash: "old")
        let inserted = "Editor’s note.\n"
        let new = inserted + oldText.string
        let placed = try #require(reanchor(t, in: new).placement)
        #expect(placed.method == .quote && placed.score == 1)
        #expect(placed.start == starts[1] + inserted.unicodeScalars.count)
        #expect(placed.confidence == .low)
    }

    @Test("a target without a quote is orphaned")
    func emptyQuote() {
        let t = TextTarget(doc: doc.id, start: 10, end: 10, exact: "", prefix: "", suffix: "", hash: "old")
        #expect(Reanchorer(text: doc.text, hash: "new").reanchor(t).orphan?.reason == .emptyQuote)
    }

    // MARK: Unicode

    /// A paragraph with curly quotes, dotless ı, ş, no-break spaces, emoji (flag, ZWJ sequence,
    /// skin tone) and combining marks, inserted into the real document.
    let unicodeParagraph = "As “Aslı Aydıntaşbaş” put it,\u{A0}Türkiye 🇹🇷 watches; 👩🏽‍💻 analysts and the cafe\u{301} crowd agree.\n"

    @Test("quotes with curly quotes, ı, ş, U+00A0, emoji and combining marks: found by quote after an insertion",
          arguments: ["“Aslı Aydıntaşbaş”", "it,\u{A0}Türkiye 🇹🇷", "👩🏽‍💻 analysts", "cafe\u{301}", "Aydıntaşbaş"])
    func unicodeQuotes(quote: String) throws {
        let oldText = ScalarText(insert(unicodeParagraph, at: doc.paragraphs[10].start, in: doc.text))
        let start = try #require(occurrences(quote, in: oldText).last)
        let t = TextTarget(doc: doc.id, start: start, end: start + quote.unicodeScalars.count, text: oldText, hash: "old")
        let inserted = "Nota bene — “edited”: 🇺🇦 e\u{301}\n"
        let new = inserted + oldText.string
        let placed = try #require(reanchor(t, in: new).placement)
        #expect(placed.method == .quote)
        #expect(placed.start == t.start + inserted.unicodeScalars.count)
        #expect(ScalarText(new).text(placed.start, placed.end) == quote)
    }

    @Test("a quote with emoji and combining marks, a word changed: fuzzy, on whole grapheme clusters")
    func unicodeFuzzy() throws {
        let oldText = ScalarText(insert(unicodeParagraph, at: doc.paragraphs[10].start, in: doc.text))
        let quote = "Türkiye 🇹🇷 watches; 👩🏽‍💻 analysts and the cafe\u{301}"
        let start = try #require(occurrences(quote, in: oldText).first)
        let t = TextTarget(doc: doc.id, start: start, end: start + quote.unicodeScalars.count, text: oldText, hash: "old")
        // A word changed, and a second accent added to the last letter: the raw match ends
        // between é and the new U+0302, which would split a cluster.
        let changed = "Türkiye 🇹🇷 observes; 👩🏽‍💻 analysts and the cafe\u{301}\u{302}"
        let new = ScalarText(replace(quote, with: changed, in: oldText))
        let placed = try #require(Reanchorer(text: new, hash: "new").reanchor(t).placement)
        #expect(placed.method == .fuzzy)
        #expect(new.isGraphemeBoundary(placed.start) && new.isGraphemeBoundary(placed.end))
        #expect(new.text(placed.start, placed.end) == changed)
    }

    @Test("an exact match that would split a grapheme cluster is not an occurrence")
    func exactInsideCluster() throws {
        let oldText = ScalarText("Quote the cafe here, with context on both sides of it.")
        let new = ScalarText("Quote the cafe\u{301} here, with context on both sides of it.")
        let anchor = Reanchorer(text: new, hash: "new")
        // "cafe" is not in "cafe\u{301}", and a 4-scalar quote gets no edit budget.
        let s = occurrences("cafe", in: oldText)[0]
        let short = TextTarget(doc: "x", start: s, end: s + 4, text: oldText, hash: "old")
        #expect(anchor.reanchor(short).orphan?.reason == .notFound)
        // "the cafe" has a budget of one edit: fuzzy, covering the whole "é".
        let longer = TextTarget(doc: "x", start: s - 4, end: s + 4, text: oldText, hash: "old")
        let placed = try #require(anchor.reanchor(longer).placement)
        #expect(placed.method == .fuzzy && new.text(placed.start, placed.end) == "the cafe\u{301}")
    }

    // MARK: Short quotes with weak context (Hypothesis' "Linus" → "chines")

    @Test("a short quote whose text was deleted is orphaned, not placed on a look-alike such as “chines”")
    func linus() throws {
        // The old version had a sentence naming Linus; the new one dropped it and talks about
        // machines (and Linux) elsewhere.
        let sentence = "As Linus once put it, talk is cheap. "
        let at = try #require(occurrences("Kaja Kallas", in: doc.text).first)
        let oldText = ScalarText(insert(sentence, at: at, in: doc.text))
        let s = try #require(occurrences("Linus", in: oldText).first)
        let t = TextTarget(doc: doc.id, start: s, end: s + 5, text: oldText, hash: "old")
        let elsewhere = try #require(doc.paragraph(containing: occurrences("Ursula von der Leyen", in: doc.text)[0]))
        let new = insert("Chinese machines run Linux and Linas runs them. ", at: elsewhere.start, in: doc.text)
        let result = reanchor(t, in: new)
        let orphan = try #require(result.orphan, "placed on \(result)")
        #expect(orphan.reason == .notFound || orphan.reason == .weakContext)
    }

    @Test("a short quote that occurs once, elsewhere, with unrelated context is orphaned")
    func shortQuoteElsewhere() throws {
        let sentence = "As Linus once put it, talk is cheap. "
        let at = try #require(occurrences("Kaja Kallas", in: doc.text).first)
        let oldText = ScalarText(insert(sentence, at: at, in: doc.text))
        let s = try #require(occurrences("Linus", in: oldText).first)
        let t = TextTarget(doc: doc.id, start: s, end: s + 5, text: oldText, hash: "old")
        let elsewhere = try #require(doc.paragraph(containing: occurrences("Ursula von der Leyen", in: doc.text)[0]))
        let new = insert("Linus Pauling won two Nobel prizes. ", at: elsewhere.start, in: doc.text)
        let orphan = try #require(reanchor(t, in: new).orphan)
        #expect(orphan.reason == .weakContext)
        #expect(orphan.closest?.edits == 0)
    }

    @Test("a short quote still at its old offsets, its surroundings rewritten, is not kept blindly")
    func shortQuoteSameOffsets() throws {
        let before = "Long ago and far away, in a land of code, "
        let oldText = ScalarText(before + "Linus wrote a kernel for fun and for glory, then went on.")
        let t = TextTarget(doc: "x", start: 42, end: 47, text: oldText, hash: "old")
        let new = ScalarText("Completely different words fill this row, Linus sat still; nothing else is alike here.")
        #expect(new.text(42, 47) == "Linus")
        let orphan = try #require(Reanchorer(text: new, hash: "new").reanchor(t).orphan)
        #expect(orphan.reason == .weakContext && orphan.closest?.start == 42)
        // A long quote at its old offsets stands on its own.
        let long = TextTarget(doc: "x", start: 0, end: 42, text: oldText, hash: "old")
        let newLong = ScalarText(before + "something else entirely follows it now.")
        #expect(Reanchorer(text: newLong, hash: "new").reanchor(long).placement?.method == .position)
    }

    @Test("the same short quote is found when its context survived")
    func shortQuoteWithContext() throws {
        let sentence = "As Linus once put it, talk is cheap. "
        let at = try #require(occurrences("Kaja Kallas", in: doc.text).first)
        let oldText = ScalarText(insert(sentence, at: at, in: doc.text))
        let s = try #require(occurrences("Linus", in: oldText).first)
        let t = TextTarget(doc: doc.id, start: s, end: s + 5, text: oldText, hash: "old")
        let new = "Preface.\n" + oldText.string
        let placed = try #require(reanchor(t, in: new).placement)
        #expect(placed.method == .quote && placed.start == s + 9)
        // With "Linus" misspelt "Linux", the intact context carries the one-edit match.
        let misspelt = replace("As Linus once", with: "As Linux once", in: oldText)
        let fuzzy = try #require(reanchor(t, in: misspelt).placement)
        #expect(fuzzy.method == .fuzzy && fuzzy.start == s && fuzzy.end == s + 5)
    }

    // MARK: Batch

    /// Four thousand random spans of 3 to 122 scalars with at least one letter.
    func syntheticTargets() throws -> [TextTarget] {
        var random = SplitMix64(seed: 42)
        let n = doc.text.scalarCount
        var targets: [TextTarget] = []
        while targets.count < 4000 {
            let length = 3 + Int(random.next() % 120)
            let start = Int(random.next() % UInt64(n - length))
            let t = try TextTarget(document: doc, start: start, end: start + length)
            if t.exact.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) { targets.append(t) }
        }
        return targets
    }

    @Test("batch: thousands of targets after an insertion at the start all move by its length")
    func batchInsertion() throws {
        let targets = try syntheticTargets()
        let inserted = "Editor’s note: this transcript was corrected after publication.\n"
        let new = ScalarText(inserted + doc.text.string)
        let shift = inserted.unicodeScalars.count
        let results = Reanchorer(text: new, hash: "new").reanchor(targets)
        for (t, r) in zip(targets, results) {
            let p = try #require(r.placement, "\(t.exact) → \(r)")
            #expect(p.start == t.start + shift && p.end == t.end + shift && p.method == .quote, "\(t.exact) → \(p)")
        }
    }

    @Test("batch: thousands of targets after an insertion at the start, a paragraph deleted and a word changed")
    func batch() throws {
        let targets = try syntheticTargets()
        let inserted = "Editor’s note: this transcript was corrected after publication.\n"
        let deleted = doc.paragraphs[40]
        let changedWord = try target("Kaja Kallas", in: doc)
        // Build the new text: insertion at 0, the word "Kallas" changed, paragraph 41 deleted.
        var scalars = Array(doc.text.string.unicodeScalars)
        scalars.removeSubrange(deleted.start..<(deleted.end + 1))
        let kallas = changedWord.start + 5
        precondition(kallas < deleted.start)
        scalars.replaceSubrange(kallas..<(kallas + 6), with: "Callas".unicodeScalars)
        scalars.insert(contentsOf: inserted.unicodeScalars, at: 0)
        let new = ScalarText(String(String.UnicodeScalarView(scalars)))
        let shift = inserted.unicodeScalars.count
        let removed = deleted.end + 1 - deleted.start

        let clock = ContinuousClock()
        let anchor = Reanchorer(text: new, hash: "new")
        var results: [AnchorResult] = []
        let elapsed = clock.measure { results = anchor.reanchor(targets) }
        print("re-anchored \(targets.count) targets in \(elapsed)")

        var placedShifted = 0, orphansInside = 0, inside = 0
        for (t, r) in zip(targets, results) {
            let touchesWord = t.start < kallas + 6 && t.end > kallas
            let insideDeleted = t.start >= deleted.start && t.end <= deleted.end + 1
            let overlapsDeleted = t.start < deleted.end + 1 && t.end > deleted.start
            if let p = r.placement, p.edits == 0 {
                #expect(new.text(p.start, p.end) == t.exact)
            }
            if insideDeleted {
                inside += 1
                #expect(r.orphan != nil, "\(t.exact) was in the deleted paragraph but → \(r)")
                if r.orphan != nil { orphansInside += 1 }
            } else if !touchesWord && !overlapsDeleted {
                let expected = t.start < deleted.start ? t.start + shift : t.start + shift - removed
                let p = try #require(r.placement, "\(t.exact) → \(r)")
                #expect(p.start == expected && p.method == .quote, "\(t.exact) → \(p)")
                if p.start == expected { placedShifted += 1 }
            }
        }
        #expect(inside > 0 && orphansInside == inside)
        #expect(placedShifted > 3500)
        // The batch agrees with one-at-a-time re-anchoring.
        for i in stride(from: 0, to: targets.count, by: 97) {
            #expect(anchor.reanchor(targets[i]).placement?.start == results[i].placement?.start)
        }
    }

    // MARK: Helpers

    func reanchor(_ t: TextTarget, in new: String) -> AnchorResult {
        Reanchorer(text: ScalarText(new), hash: Document.sha256(Array(new.utf8))).reanchor(t)
    }

    func target(_ quote: String, occurrence: Int = 0, in doc: Document) throws -> TextTarget {
        let starts = occurrences(quote, in: doc.text)
        let start = try #require(starts.count > occurrence ? starts[occurrence] : nil, "\"\(quote)\" not in \(doc.id)")
        return try TextTarget(document: doc, start: start, end: start + quote.unicodeScalars.count)
    }
}

/// Scalar offsets of every occurrence of `needle` (byte for byte) in `text`.
func occurrences(_ needle: String, in text: ScalarText) -> [Int] {
    ByteSearch.occurrences(of: Array(needle.utf8), in: text.utf8).map { text.scalarOffset(ofUTF8: $0) }
}

func scalars(_ s: String) -> [UInt32] { s.unicodeScalars.map(\.value) }

func insert(_ piece: String, at offset: Int, in text: ScalarText) -> String {
    text.text(0, offset) + piece + text.text(offset, text.scalarCount)
}

func delete(_ start: Int, _ end: Int, in text: ScalarText) -> String {
    text.text(0, start) + text.text(end, text.scalarCount)
}

/// The text with the first byte-for-byte occurrence of `old` replaced.
func replace(_ old: String, with new: String, in text: ScalarText) -> String {
    let start = occurrences(old, in: text)[0]
    return text.text(0, start) + new + text.text(start + old.unicodeScalars.count, text.scalarCount)
}

/// A small deterministic generator for synthetic targets.
typealias SplitMix64 = SeededRandom
