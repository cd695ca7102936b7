import Foundation
import Testing
import ParallaxCore
import ParallaxStore
import TestSupport

/// `jsonl`, `csv` and `csv-excel` export through bytes encoded on every core
/// (`export(_:to:)`); their text path (`write(_:to:)`) is the reference they must equal.
@Suite("Export: the byte path equals the text path")
struct ExportFastPathTests {
    /// Baseline and nasty codings, plus enough copies under other ids and sets to fill several
    /// batches of the encoder (1,024 records each), with unknown fields around `"set"`.
    static let codings: [Coding] = {
        var out = Fixtures.baselineCodings + Fixtures.nastyCodings
        let base = out
        for copy in 0..<40 {
            for (k, c) in base.enumerated() {
                var a = c.annotation
                a.id = String(format: "01COPY%04d%016d", copy, k)
                if k % 3 == 0 { a.extra.set("aardvark", raw: Array("1".utf8)) }
                if k % 5 == 0 { a.extra.set("zebra", raw: Array(#"{"x":[1,"set"]}"#.utf8)) }
                if k % 7 == 0 { a.extra.set("set", raw: Array(#""old""#.utf8)) }
                out.append(Coding(set: copy % 2 == 0 ? "b-copy" : "a=copy, \"quoted\"", annotation: a))
            }
        }
        return out
    }()

    @Test("each record format writes the same bytes either way, in id order or not", arguments: ["jsonl", "csv", "csv-excel"])
    func sameBytes(_ name: String) throws {
        let format = try #require(ExportFormats.all.first { $0.name == name } as? any TextExportFormat)
        #expect(Self.codings.count > 3 * 1024)
        for codings in [Self.codings, Self.codings.reversed(), Self.codings.sorted { $0.annotation.id < $1.annotation.id }] {
            let input = ExportInput(codings: codings, corpus: Fixtures.corpus, codebook: Fixtures.codebook)
            var text = ""
            try format.write(input, to: &text)
            var sink = MemoryExportSink()
            try format.export(input, to: &sink)
            #expect(sink.paths == [""])
            #expect(sink[""] == Array(text.utf8))
        }
    }

    @Test("codings already in export order are not sorted again, and are returned as they are")
    func orderedFastPath() {
        let input = ExportInput(codings: Self.codings.reversed(), corpus: Fixtures.corpus, codebook: Fixtures.codebook)
        let once = input.ordered
        let again = ExportInput(codings: once, corpus: Fixtures.corpus, codebook: Fixtures.codebook).ordered
        #expect(again == once)
        #expect(zip(once, once.dropFirst()).allSatisfy { a, b in
            a.set != b.set ? a.set.utf8.lexicographicallyPrecedes(b.set.utf8) : a.annotation.id.utf8.lexicographicallyPrecedes(b.annotation.id.utf8)
        })
    }
}
