import Foundation
import Testing
@testable import ParallaxCore
@testable import ParallaxStore
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
            #expect(error.problems.first?.location?.description.hasPrefix("damaged.qdpx") == true, "\(error)")
        }
        // No temporary copy is left behind.
        let left = try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory())
            .filter { $0.hasPrefix("parallax-import-\(ProcessInfo.processInfo.processIdentifier)-") }
        #expect(left.isEmpty, "\(left)")
    }
}

extension FuzzRegressionTests {
    /// FuzzQDPXImport, after about 500 runs: an archive whose directory points an entry at
    /// bytes that are not its local header, so ZIPFoundation read its data from the wrong
    /// place, past the end, and asked for the missing bytes for ever: `import` hung. The
    /// layout is now checked before ZIPFoundation reads anything.
    @Test("a qdpx whose entry's data runs past its end is refused at once, not a hang")
    func qdpxEntryPastEnd() throws {
        let bytes = try Self.crash("FuzzQDPXImport-entry-past-end.qdpx")
        let started = ContinuousClock.now
        do {
            _ = try ImportFormats.read(bytes, path: "damaged.qdpx", corpus: Fixtures.corpus, codebook: Fixtures.codebook)
            Issue.record("a damaged archive was imported")
        } catch {
            // The fuzzer's mutations also broke the deflate stream of the entry before it in
            // the directory, which is now found first (see `qdpxDeflateNeverEnds`).
            let entry = "Sources/FB91BB1C-313D-5234-859A-1D4443F31460.txt"
            #expect(error.problems.map(\.description) == [
                "damaged.qdpx: \(entry): the archive is damaged: the compressed data of entry \"\(entry)\" is damaged",
            ])
        }
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    /// Both layout checks on a well-formed archive, cut and bent by hand: the directory
    /// moved past the end, an entry's size grown past the end.
    @Test("the zip layout check accepts a real export and refuses offsets past the end")
    func zipLayout() throws {
        let good = try Self.crash("../seeds/FuzzQDPXImport/baseline.qdpx")
        func message(_ bytes: [UInt8]) -> String? {
            do throws(ZipArchive.ReadError) { try ZipLayout.check(bytes); return nil } catch { return error.message }
        }
        #expect(message(good) == nil)
        var directoryMoved = good
        let eocd = try #require((0...(good.count - 22)).last { good[$0..<($0 + 4)].elementsEqual([0x50, 0x4B, 0x05, 0x06]) })
        directoryMoved[eocd + 16] = 0xFF; directoryMoved[eocd + 17] = 0xFF; directoryMoved[eocd + 18] = 0xFF
        #expect(message(directoryMoved) == "the archive is damaged: the central directory lies beyond the end of the archive")
        #expect(message(Array(good.prefix(10))) == "the archive is damaged: no end of central directory record")
    }

    /// FuzzSetFile, after about 80,000 runs: a damaged line that ended with CR lost that CR
    /// on every save (the reader takes a CR before the line feed as part of the line end).
    @Test("a damaged line ending with CR, or starting with a byte-order mark, survives save after save")
    func damagedLineBytesKept() throws {
        let input = try Self.crash("FuzzSetFile-damaged-line-ending-in-CR.jsonl")
        let first = SetFile.parse(input)
        #expect(first.damaged.first?.bytes.last == 0x0D)
        let saved = SetFile.encode(first.lines.map(\.annotation), damaged: first.damaged)
        let second = SetFile.parse(saved)
        #expect(second.damaged.map(\.bytes) == first.damaged.map(\.bytes))
        #expect(SetFile.encode(second.lines.map(\.annotation), damaged: second.damaged) == saved)
        // A file that starts with two byte-order marks: the reader drops one; the second
        // belongs to the damaged line and is kept.
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let doubled = SetFile.parse(bom + bom + Array("not json\r\r".utf8))
        #expect(doubled.damaged.map(\.bytes) == [bom + Array("not json\r".utf8)])
        let again = SetFile.parse(SetFile.encode([], damaged: doubled.damaged))
        #expect(again.damaged.map(\.bytes) == doubled.damaged.map(\.bytes))
    }
}

extension FuzzRegressionTests {
    /// FuzzQDPXImport, after about 340 runs (input taken as `project.qde`): an attribute name
    /// with a byte that is not UTF-8 (`co\xD1lor="…"`). libxml2 hands the name on and
    /// Foundation's XMLParser traps converting it, which took the session down on `import`.
    /// The project is now checked to be UTF-8 first and refused with where the byte is.
    @Test("a REFI-QDA project with an attribute name that is not UTF-8 is refused with its line and column")
    func qdeAttributeNameNotUTF8() throws {
        let bytes = try Self.crash("FuzzQDPXImport-attribute-name-not-utf8.qde")
        do {
            _ = try XMLTree.parse(bytes)
            Issue.record("the project was read")
        } catch {
            #expect(error.message.contains("invalid UTF-8 (byte 0xD1)"), "\(error.message)")
            // `co\xD1lor` on line 20 of the project: column counts characters, not bytes.
            let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
            let k = try #require(lines.firstIndex { $0.contains(0xD1) })
            #expect(error.line == k + 1)
            let head = Array(lines[k].prefix { $0 != 0xD1 })
            #expect(error.column == String(decoding: head, as: UTF8.self).unicodeScalars.count + 1)
        }
        // Without the stray bytes the parser gets the document and reports its other damage
        // (`guid"…"` lost its `=`) as XML, with no trap.
        let mended = bytes.filter { $0 != 0xD1 && $0 != 0xBD }
        do {
            _ = try XMLTree.parse(mended)
            Issue.record("the damaged project was read")
        } catch {
            #expect(!error.message.contains("UTF-8") && error.message.contains("XML"), "\(error.message)")
        }
    }
}

extension FuzzRegressionTests {
    /// FuzzQDPXImport, after about 8,000 runs: an archive whose layout is sound but one of
    /// whose deflate streams never reaches its end. ZIPFoundation's inflater then asks the
    /// file for more, gets nothing, and asks again for ever: `import` hung. Every deflated
    /// entry is now inflated once (output discarded) before ZIPFoundation reads the archive.
    @Test("a qdpx with a deflate stream that never ends is refused at once, naming the entry")
    func qdpxDeflateNeverEnds() throws {
        let bytes = try Self.crash("FuzzQDPXImport-deflate-never-ends.qdpx")
        let started = Date()
        do {
            _ = try ImportFormats.read(bytes, path: "damaged.qdpx", corpus: Fixtures.corpus, codebook: Fixtures.codebook)
            Issue.record("the damaged archive was read")
        } catch {
            #expect(error.problems.count == 1)
            let p = try #require(error.problems.first)
            #expect(p.message.contains("compressed data of entry") && p.message.contains("is damaged"), "\(p)")
            #expect(p.location?.description.hasPrefix("damaged.qdpx") == true, "\(p)")
        }
        #expect(Date().timeIntervalSince(started) < 5)
        // A sound archive still reads: the baseline's own export.
        let sound = try #require(Fixtures.bytes(Fixtures.root + "/Fuzz/seeds/FuzzQDPXImport/baseline.qdpx"))
        #expect(try ImportFormats.read(sound, path: "baseline.qdpx", corpus: Fixtures.corpus, codebook: Fixtures.codebook).count == 63)
    }
}

extension FuzzRegressionTests {
    /// FuzzDOCXReader, run 64,759: a `word/document.xml` starting with a processing
    /// instruction that has no data (`<?xm?>`). libxml2 reports its data as a null pointer
    /// and Foundation's XMLParser takes its length: a segmentation fault, in every reader of
    /// XML (Word, REFI-QDA, XMP). Each such instruction is now given empty data first.
    @Test("a processing instruction without data is no crash, in a Word file or any XML read")
    func instructionWithoutData() throws {
        let input = try Self.crash("FuzzDOCXReader-instruction-without-data.xml")
        // The harness's first byte chose the part (0: word/document.xml); the rest is the part.
        let docx = DOCXFixture.storedZip([("word/document.xml", Array(input.dropFirst()))])
        #expect(throws: ParallaxError.self) { try Extractor.extract(docx, format: .docx, name: "fuzz.docx") }
        let fine = DOCXFixture.make(body: "<?mso-application progid?><?xm?><w:p><w:r><w:t>Kept.</w:t></w:r></w:p><?aé?>")
        #expect(try Extractor.extract(fine, format: .docx, name: "pi.docx").text == "Kept.\n")
        let root = try XMLTree.parse(Array("<?xm?><a>x<!-- <?b?> --><![CDATA[<?c?>]]></a>".utf8))
        #expect(root.name == "a" && root.text == "x<?c?>")
        // UTF-16 with its byte-order mark, both byte orders; lines and columns unchanged.
        for bigEndian in [false, true] {
            let units = Array("<?xm?><a>y</a>".utf16)
            var bytes: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
            for u in units {
                let high = UInt8(u >> 8), low = UInt8(u & 0xFF)
                bytes += bigEndian ? [high, low] : [low, high]
            }
            #expect(try XMLTree.parse(bytes).text == "y")
        }
        #expect(XMLTree.withDataInEveryInstruction(Array("<?xm?>\n<?ab cd?>".utf8)) == Array("<?x ?>\n<?ab cd?>".utf8))
    }
}
