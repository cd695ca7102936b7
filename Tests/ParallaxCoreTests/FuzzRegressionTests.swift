import Foundation
import Testing
import ParallaxCore
import TestSupport

/// Inputs that once broke the core, found by the libFuzzer harnesses in `Fuzz/` or by the
/// property tests; each stays here so the bug cannot come back.
@Suite("Regressions found by fuzzing and property tests")
struct FuzzRegressionTests {
    /// Property test (canonical save): a stance or offset of `Int.min` was written but read
    /// back as "integer out of range", because the reader accumulated the magnitude before
    /// applying the sign.
    @Test("Int.min and Int.max survive a save and a load")
    func extremeIntegers() throws {
        var a = Fixtures.sampleAnnotation()
        a.stance = Int.min
        a.target.start = Int.max
        a.target.end = Int.min
        let line = AnnotationCodec.encode(a)
        #expect(String(decoding: line, as: UTF8.self).contains("\"stance\":-9223372036854775808"))
        #expect(try AnnotationCodec.decode(line) == a)
        // One past either end is still refused, with the member named.
        let over = String(decoding: line, as: UTF8.self).replacingOccurrences(of: "-9223372036854775808", with: "-9223372036854775809")
        #expect(throws: AnnotationCodec.LineError.self) { try AnnotationCodec.decode(Array(over.utf8)) }
    }
}

extension FuzzRegressionTests {
    /// An input the fuzzer kept, from `Fuzz/crashes/`.
    static func crash(_ name: String) throws -> [UInt8] {
        try #require(Fixtures.bytes(Fixtures.root + "/Fuzz/crashes/" + name), "Fuzz/crashes/\(name)")
    }

    /// FuzzQDPXImport, within its first 30 runs: a damaged copy of the baseline's qdpx
    /// export whose central directory starts past the end of the archive. ZIPFoundation's
    /// in-memory archive seeks there and traps ("Range requires lowerBound <= upperBound"),
    /// which took the whole session down on `import`. The archive is now read through a
    /// temporary file, where the same read is short and ZIPFoundation reports an error.
    @Test("a qdpx whose central directory lies past its end is refused, not a crash")
    func qdpxDirectoryPastEnd() throws {
        let bytes = try Self.crash("FuzzQDPXImport-directory-past-end.qdpx")
        #expect(throws: ImportFailure.self) {
            try ImportFormats.read(bytes, path: "damaged.qdpx", corpus: Fixtures.corpus, codebook: Fixtures.codebook)
        }
        do {
            _ = try ImportFormats.read(bytes, path: "damaged.qdpx", corpus: Fixtures.corpus, codebook: Fixtures.codebook)
        } catch {
            #expect(error.problems.count == 1)
            #expect(error.problems.first?.location?.hasPrefix("damaged.qdpx") == true, "\(error)")
        }
        // No temporary copy is left behind.
        let left = try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory())
            .filter { $0.hasPrefix("parallax-import-\(ProcessInfo.processInfo.processIdentifier)-") }
        #expect(left.isEmpty, "\(left)")
    }
}
