import Foundation
import Testing
import ParallaxCore
import ParallaxStore
import TestSupport

/// Helpers shared by the export and import tests.
enum Interchange {
    /// The single file a format exports.
    static func exportFile(_ format: any ExportFormat, _ codings: [Coding], corpus: Corpus = Fixtures.corpus) throws -> [UInt8] {
        var sink = MemoryExportSink()
        try format.export(ExportInput(codings: codings, corpus: corpus, codebook: Fixtures.codebook), to: &sink)
        #expect(sink.paths == [""])
        return sink[""] ?? []
    }

    /// A text format's output as a string, written through a stream.
    static func exportText(_ format: any TextExportFormat, _ codings: [Coding], corpus: Corpus = Fixtures.corpus) throws -> String {
        var text = ""
        try format.write(ExportInput(codings: codings, corpus: corpus, codebook: Fixtures.codebook), to: &text)
        return text
    }

    /// Exports then imports with the format of the same name.
    static func roundTrip(_ format: any ExportFormat, _ codings: [Coding], corpus: Corpus = Fixtures.corpus,
                          path: String? = nil) throws -> [Coding] {
        let bytes = try exportFile(format, codings, corpus: corpus)
        return try ImportFormats.read(bytes, path: path ?? "review.\(format.fileExtension ?? "out")", format: format.name,
                                      corpus: corpus, codebook: Fixtures.codebook)
    }

    /// Reads bytes expecting failure; returns the problems.
    static func problems(_ bytes: [UInt8], path: String, format: String? = nil, corpus: Corpus = Fixtures.corpus) -> [ParallaxError] {
        do {
            let codings = try ImportFormats.read(bytes, path: path, format: format, corpus: corpus, codebook: Fixtures.codebook)
            Issue.record("expected the import to fail, it gave \(codings.count) codings")
            return []
        } catch {
            return error.problems
        }
    }
}
