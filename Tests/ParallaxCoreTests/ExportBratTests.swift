import Foundation
import Testing
import ParallaxCore
import ParallaxStore
import TestSupport

@Suite("Export: brat standoff")
struct ExportBratTests {
    func files(_ codings: [Coding], corpus: Corpus = Fixtures.corpus) throws -> MemoryExportSink {
        var sink = MemoryExportSink()
        try BratExportFormat().export(ExportInput(codings: codings, corpus: corpus, codebook: Fixtures.codebook), to: &sink)
        return sink
    }

    /// The T lines of an .ann file: type, fragments, text.
    func entities(_ ann: [UInt8]) -> [(id: String, type: String, fragments: [(Int, Int)], text: String)] {
        String(decoding: ann, as: UTF8.self).split(separator: "\n").filter { $0.hasPrefix("T") }.map { line in
            let parts = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            let head = parts[1].split(separator: " ", maxSplits: 1).map(String.init)
            let fragments = head[1].split(separator: ";").map { f -> (Int, Int) in
                let n = f.split(separator: " ").map { Int($0)! }
                return (n[0], n[1])
            }
            return (parts[0], head[0], fragments, parts[2])
        }
    }

    @Test("a .txt (exact bytes) and an .ann per coded document, then annotation.conf")
    func layout() throws {
        let sink = try files(Fixtures.nastyCorpusCodings, corpus: Fixtures.nastyCorpus)
        #expect(sink.paths == ["nasty.txt", "nasty.ann", "weird%20id%2F%CE%B2.txt", "weird%20id%2F%CE%B2.ann", "annotation.conf"])
        #expect(sink["nasty.txt"] == Fixtures.nastyCorpus.document("nasty")?.text.utf8)
        let conf = String(decoding: sink["annotation.conf"] ?? [], as: UTF8.self)
        #expect(conf.contains("[entities]\nreset-wedge\n"))
        #expect(conf.contains("Stance\tArg:<ENTITY>, Value:-2|-1|0|1|2\n"))
        #expect(conf.contains("Coder\tArg:<ENTITY>, Value:alice|bob\n"))
        #expect(conf.contains("<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>"))
    }

    @Test("offsets index the text by code points; spans across lines become fragments without the breaks")
    func offsets() throws {
        for (codings, corpus) in [(Fixtures.nastyCorpusCodings, Fixtures.nastyCorpus), (Fixtures.nastyCodings + Fixtures.baselineCodings, Fixtures.corpus)] {
            let sink = try files(codings, corpus: corpus)
            for doc in corpus.documents {
                guard let ann = sink[doc.id.replacingOccurrences(of: " ", with: "%20").replacingOccurrences(of: "/", with: "%2F").replacingOccurrences(of: "β", with: "%CE%B2") + ".ann"] else { continue }
                let mine = codings.filter { $0.annotation.target.doc == doc.id }
                let found = entities(ann)
                #expect(found.count == mine.count)
                for e in found {
                    #expect(e.text == e.fragments.map { doc.text.text($0.0, $0.1) }.joined(separator: " "))
                    for (s, t) in e.fragments {
                        #expect(!doc.text.text(s, t).unicodeScalars.contains { "\n\r\u{2028}".unicodeScalars.contains($0) })
                    }
                    let span = (e.fragments.first!.0, e.fragments.last!.1)
                    #expect(mine.contains { $0.annotation.target.start == span.0 && $0.annotation.target.end == span.1 && $0.annotation.question == e.type })
                }
            }
        }
        let crossing = Fixtures.nastyCodings[2].annotation.target
        let ann = try #require(try files([Fixtures.nastyCodings[2]])["brookings.ann"])
        let e = try #require(entities(ann).first)
        let newline = crossing.start + crossing.exact.unicodeScalars.firstIndex(of: "\n").map { crossing.exact.unicodeScalars.distance(from: crossing.exact.unicodeScalars.startIndex, to: $0) }!
        #expect(e.fragments.map { [$0.0, $0.1] } == [[crossing.start, newline], [newline + 1, crossing.end]])
    }

    @Test("stance, analyst, coder and confidence are attributes; the note and the tags are one AnnotatorNotes line")
    func attributesAndNotes() throws {
        let c = Fixtures.nastyCodings[0]
        let ann = String(decoding: try files([c])["brookings.ann"] ?? [], as: UTF8.self)
        let lines = ann.split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        #expect(lines[1] == "A1\tStance T1 0")
        #expect(lines[2] == "A2\tAnalyst T1 kim")
        #expect(lines[3] == "A3\tCoder T1 nasty")
        #expect(lines[4] == "#1\tAnnotatorNotes T1\t“Aslı” said ‘no’ — ş\u{00A0}é (e\u{301}) 👩‍👩‍👧 🇹🇷, \"quoted\"; a,b line 2 line 3 end !"
                + " [tags: evidence, a,b, semi;colon, back\\slash, =formula, -neg, ş ı 👍, \\e, ;, \\, “quoted”]")
        // A coding with a confidence and tags but no note.
        var d = Fixtures.nastyCodings[0]
        d.annotation.note = ""
        d.annotation.tags = ["evidence", "explicit"]
        d.annotation.confidence = 0.8
        let files = try files([d])
        let other = String(decoding: files["brookings.ann"] ?? [], as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(other.suffix(2) == ["A4\tConfidence T1 0.8", "#1\tAnnotatorNotes T1\t[tags: evidence, explicit]"])
        let conf = String(decoding: files["annotation.conf"] ?? [], as: UTF8.self)
        #expect(conf.contains("Confidence\tArg:<ENTITY>, Value:0.8\n"))
    }

    @Test("re-exporting gives the same files")
    func stable() throws {
        let codings = Fixtures.nastyCodings + Fixtures.baselineCodings
        let a = try files(codings), b = try files(codings.reversed())
        #expect(a.paths == b.paths)
        #expect(a.files.map(\.bytes) == b.files.map(\.bytes))
    }
}
