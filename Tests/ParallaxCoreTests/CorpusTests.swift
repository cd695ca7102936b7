import Foundation
import Testing
import ParallaxCore
import ParallaxStore
import TestSupport

@Suite("Corpus")
struct CorpusTests {
    let corpus = Fixtures.corpus

    @Test("documents are byte for byte the corpus as received (SHA-256 pinned in Snapshots/corpus.sha256)")
    func integrity() throws {
        // The pins were taken with `sha256sum` from the corpus as received; CI also checks
        // them against ../shared/corpus when it is there (see .ci/run).
        let pins = try String(contentsOfFile: Fixtures.root + "/Tests/ParallaxCoreTests/Snapshots/corpus.sha256", encoding: .utf8)
        var pinned: [String: String] = [:]
        for line in pins.split(separator: "\n") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            try #require(parts.count == 2, "corpus.sha256: \(line)")
            pinned[String(parts[1])] = String(parts[0])
        }
        #expect(pinned.count == 4)
        for doc in corpus.documents where pinned[doc.info.file] != nil {
            let bytes = try #require(FileManager.default.contents(atPath: Fixtures.corpusDirectory + "/" + doc.info.file))
            #expect(Document.sha256([UInt8](bytes)) == pinned[doc.info.file], "\(doc.info.file) changed: offsets will not match")
            #expect(doc.hash == pinned[doc.info.file])
            #expect(doc.text.utf8 == [UInt8](bytes))
        }
        #expect(Set(pinned.keys).isSubset(of: Set(corpus.documents.map(\.info.file))))
    }

    @Test("known SHA-256 of one document (computed independently with sha256sum)")
    func knownHash() throws {
        // sha256sum Corpus/usip-2019-06.txt
        #expect(try corpus.requireDocument("usip").hash == "62c91e24b8b9ff5d9d06f5d17778d8566c680d90114dc0d961254dcdcfcfc2f4")
    }

    @Test("document ids and paragraph counts", arguments: [
        ("brookings", 98), ("lin", 27), ("usip", 25), ("merics", 52),
    ])
    func paragraphs(id: String, count: Int) throws {
        let doc = try corpus.requireDocument(id)
        #expect(doc.paragraphs.count == count)
        #expect(doc.paragraphs.map(\.number) == Array(1...count))
        for p in doc.paragraphs {
            let text = doc.text.text(p.start, p.end)
            #expect(!text.isEmpty && !text.contains("\n"))
            #expect(!(text.unicodeScalars.first!.properties.isWhitespace) && !(text.unicodeScalars.last!.properties.isWhitespace))
        }
    }

    @Test("transcript turns belong to their speakers")
    func turns() throws {
        let doc = try corpus.requireDocument("brookings")
        let counts = Dictionary(grouping: doc.turns, by: { $0.speaker ?? "?" }).mapValues(\.count)
        #expect(counts == ["kim": 15, "stent": 3, "wyne": 4, "varma": 4, "aydintasbas": 3])
        // Paragraphs before the first label are editorial.
        #expect(doc.paragraphs.prefix(3).allSatisfy { $0.turn == nil })
        #expect(doc.voice(at: doc.paragraphs[0].start) == nil)
        // Stent's first turn: the labelled paragraph and the unlabelled ones after it.
        let stent = try #require(doc.turns.first { $0.speaker == "stent" })
        #expect(doc.text.text(stent.start, stent.start + 13) == "ANGELA STENT:")
        let next = try #require(doc.turns.first { $0.start > stent.start })
        #expect(stent.paragraphs.count >= 2, "Stent's first answer runs over several paragraphs")
        for number in stent.paragraphs {
            let p = doc.paragraphs[number - 1]
            #expect(doc.voice(at: p.start) == "stent")
            #expect(p.start < next.start)
        }
        // The acknowledgements and dateline after "-" are editorial.
        let dash = try #require(doc.paragraphs.first { doc.text.text($0.start, $0.end) == "-" })
        for p in doc.paragraphs where p.number >= dash.number { #expect(p.turn == nil) }
        #expect(doc.voice(at: doc.paragraphs.last!.start) == nil)
    }

    @Test("single-voice documents belong to their author")
    func voices() throws {
        #expect(try corpus.requireDocument("lin").voice(at: 100) == "lin")
        #expect(try corpus.requireDocument("merics").voice(at: 100) == "merics")
        #expect(try corpus.requireDocument("usip").voice(at: 100) == "usip")
    }

    @Test("a span crossing two speakers is refused")
    func crossingSpan() throws {
        let doc = try corpus.requireDocument("brookings")
        let stent = try #require(doc.turns.first { $0.speaker == "stent" })
        #expect(throws: ParallaxError.self) { try doc.analyst(start: stent.end - 5, end: stent.end + 30) }
        #expect(try doc.analyst(start: stent.start + 20, end: stent.start + 40) == "stent")
        #expect(throws: ParallaxError.self) { try doc.analyst(start: 0, end: 10) }
    }

    @Test("analyst names resolve in any folded form")
    func analystLookup() throws {
        for typed in ["aydintasbas", "Aydıntaşbaş", "Asli", "ASLI AYDINTAŞBAŞ", "aslı", "ayd"] {
            #expect(try corpus.analysts.resolve(typed).id == "aydintasbas", "\(typed)")
        }
        #expect(try corpus.analysts.resolve("Angela Stent").id == "stent")
        #expect(corpus.analysts.completions(for: "ayd") == ["aydintasbas"])
        let error = try #require(throws: ParallaxError.self) { try corpus.analysts.resolve("stnet") }
        #expect(error.hint == "did you mean stent?")
    }

    @Test("a broken manifest is reported with its file and path")
    func brokenManifest() throws {
        let dir = Fixtures.temporaryDirectory()
        try #"{"documents": [{"id": "x"}], "analysts": []}"#.write(toFile: dir + "/manifest.json", atomically: true, encoding: .utf8)
        let error = try #require(throws: ParallaxError.self) { try Corpus.load(from: dir) }
        #expect(error.location == dir + "/manifest.json")
        #expect(error.message.contains("documents[0]"))
    }

    @Test("a document that is not UTF-8 is refused with its byte offset")
    func invalidUTF8() throws {
        let info = DocumentInfo(id: "x", file: "x.txt", title: "", publisher: "", date: "", authors: [],
                                voice: nil, segmentation: .init(paragraphs: .lines))
        let error = try #require(throws: ParallaxError.self) {
            _ = try Document(info: info, bytes: [0x61, 0x62, 0xFF, 0x63], speakers: { _ in nil })
        }
        #expect(error.message == "invalid UTF-8 at byte 2")
    }
}
