import Foundation
import Testing
import ParallaxCore
import ParallaxStore
import TestSupport

@Suite("Store re-anchoring on edited documents")
struct StoreReanchoringTests {
    /// The bundled corpus with the transcript edited by `edit`.
    func corpus(editing edit: (String) -> String) throws -> Corpus {
        try Corpus(manifest: Fixtures.corpus.manifest) { info in
            let original = Fixtures.corpus.document(info.id)!.text.string
            return Array((info.id == "brookings" ? edit(original) : original).utf8)
        }
    }

    @Test("text inserted before spans, a paragraph deleted: spans move, orphans are kept and reported")
    func editedTranscript() throws {
        let baseline = Fixtures.bytes(Fixtures.annotationsDirectory + "/baseline.jsonl")!
        let original = SetFile.parse(baseline).lines.map(\.annotation)
        let brookings = original.filter { $0.target.doc == "brookings" }
        // Delete the paragraph holding one annotation; insert a paragraph at the start.
        let victim = try #require(brookings.first)
        let doc = try Fixtures.corpus.requireDocument("brookings")
        let paragraph = try #require(doc.paragraph(containing: victim.target.start))
        let deleted = doc.text.text(paragraph.start, paragraph.end)
        let edited = try corpus { text in
            "A new first paragraph, added by an editor.\n" + text.replacingOccurrences(of: deleted + "\n", with: "")
        }
        let dir = Fixtures.annotationsDirectory(sets: ["baseline": baseline])
        let store = try AnnotationStore(directory: dir, corpus: edited)
        let set = try store.set("baseline")
        let problems = try store.problems(of: "baseline")
        let inDeleted = brookings.filter { $0.target.start >= paragraph.start && $0.target.end <= paragraph.end }
        #expect(set.orphans == Set(inDeleted.map(\.id)))
        #expect(problems.filter { $0.message.hasPrefix("orphaned annotation") }.count == inDeleted.count)
        #expect(problems.allSatisfy { $0.location?.description.hasPrefix(dir + "/baseline.jsonl:") == true })
        let newDoc = try #require(edited.document("brookings"))
        for a in brookings where !set.orphans.contains(a.id) {
            let placed = try #require(set.byID[a.id])
            #expect(placed.target.exact == a.target.exact)
            #expect(newDoc.text.text(placed.target.start, placed.target.end) == a.target.exact)
            #expect(placed.target.hash == newDoc.hash)
            #expect(set.reanchored.contains(a.id))
        }
        // Other documents are untouched.
        for a in original where a.target.doc != "brookings" { #expect(set.byID[a.id] == a) }
        // The next save records the new positions and hash; orphans are written back unchanged.
        try store.delete(original.first { $0.target.doc == "lin" }!.id, from: "baseline")
        try store.close()
        let saved = SetFile.parse(Fixtures.bytes(dir + "/baseline.jsonl")!).lines.map(\.annotation)
        #expect(saved.count == original.count - 1)
        for a in saved where a.target.doc == "brookings" {
            if inDeleted.contains(where: { $0.id == a.id }) { #expect(a == inDeleted.first { $0.id == a.id }) }
            else { #expect(a.target.hash == newDoc.hash) }
        }
        // Loading the saved set again: nothing left to re-anchor except the orphans.
        let again = try AnnotationStore(directory: dir, corpus: edited)
        #expect(try again.set("baseline").orphans == Set(inDeleted.map(\.id)))
        #expect(try again.set("baseline").reanchored.isEmpty)
    }

    @Test("a word changed inside a span is found by fuzzy matching")
    func changedWord() throws {
        let a = Fixtures.sampleAnnotation()  // "highly unlikely" in Stent's turn
        let doc = try Fixtures.corpus.requireDocument("brookings")
        let sentence = try #require(doc.sentence(containing: a.target.start))
        var wide = a
        wide.target = TextTarget(doc: doc.id, start: sentence.start, end: sentence.end, text: doc.text, hash: doc.hash)
        let edited = try corpus { $0.replacingOccurrences(of: "highly unlikely", with: "very unlikely") }
        let dir = Fixtures.annotationsDirectory(sets: ["alice": AnnotationCodec.encode(wide) + [0x0A]])
        let store = try AnnotationStore(directory: dir, corpus: edited)
        let placed = try #require(try store.set("alice").byID[a.id])
        #expect(try store.set("alice").orphans.isEmpty)
        #expect(placed.target.exact.contains("very unlikely"))
        #expect(placed.target.exact == wide.target.exact.replacingOccurrences(of: "highly unlikely", with: "very unlikely"))
    }
}
