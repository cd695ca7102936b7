import Foundation
import Testing
import ParallaxCore
import ParallaxStore
import TestSupport

@Suite("Import: format detection and registries")
struct ImportDetectionTests {
    func bytes(_ format: any ExportFormat) throws -> [UInt8] {
        try Interchange.exportFile(format, Array(Fixtures.nastyCodings.prefix(3)))
    }

    @Test("by extension, and by content when the name does not say")
    func detection() throws {
        let jsonl = try bytes(JSONLinesExportFormat()), csv = try bytes(CSVExportFormat())
        let w3c = try bytes(W3CExportFormat()), qdpx = try bytes(QDPXExportFormat())
        #expect(ImportFormats.detect(path: "a.jsonl", bytes: jsonl)?.name == "jsonl")
        #expect(ImportFormats.detect(path: "a.csv", bytes: csv)?.name == "csv")
        #expect(ImportFormats.detect(path: "a.jsonld", bytes: w3c)?.name == "w3c")
        #expect(ImportFormats.detect(path: "a.qdpx", bytes: qdpx)?.name == "qdpx")
        for (data, name) in [(jsonl, "jsonl"), (csv, "csv"), (w3c, "w3c"), (qdpx, "qdpx")] {
            #expect(ImportFormats.detect(path: "export", bytes: data)?.name == name)
            #expect(ImportFormats.detect(path: "dir.d/export.txt", bytes: data)?.name == name)
        }
        #expect(ImportFormats.detect(path: "a.json", bytes: w3c)?.name == "w3c")
        #expect(ImportFormats.detect(path: "a.json", bytes: jsonl)?.name == "jsonl")
        #expect(ImportFormats.detect(path: "a.zip", bytes: qdpx)?.name == "qdpx")
        #expect(ImportFormats.detect(path: "notes.txt", bytes: Array("hello\n".utf8)) == nil)
    }

    @Test("an undetectable file or an unknown format name fails with a hint, nothing imported")
    func unknown() throws {
        let problems = Interchange.problems(Array("hello\n".utf8), path: "notes.txt")
        #expect(problems.first?.kind == .unsupported)
        #expect(problems.first?.location == "notes.txt")
        let named = Interchange.problems(Array("hello\n".utf8), path: "notes.txt", format: "cvs")
        #expect(named.first?.hint == "did you mean csv?")
    }

    @Test("registries name the formats for completion; lookups ignore case and suggest")
    func registries() throws {
        #expect(ExportFormats.names == ["jsonl", "w3c", "csv", "csv-excel", "md", "html", "brat", "qdpx", "qdc", "graphml", "statements"])
        #expect(ImportFormats.names == ["jsonl", "csv", "w3c", "qdpx"])
        #expect(ExportFormats.named("W3C")?.name == "w3c")
        #expect(ExportFormats.all.allSatisfy { !$0.summary.isEmpty })
        #expect(throws: ParallaxError.self) { try ExportFormats.require("qdp") }
        do { _ = try ExportFormats.require("qdp") } catch let e as ParallaxError { #expect(e.hint == "did you mean qdpx?") }
    }
}
