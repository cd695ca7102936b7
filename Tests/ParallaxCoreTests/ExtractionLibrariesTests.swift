import Testing
@testable import ParallaxCore

/// poppler and libxml2 are opened on first use: where one is missing, reading a PDF or a web
/// page fails with one error naming the Debian package to install.
@Suite("Extraction: the PDF and HTML libraries, opened on first use")
struct ExtractionLibrariesTests {
    static let missing = ["libparallax-no-such-library.so.0"]

    @Test("a missing poppler-glib is one clear error naming its package")
    func missingPoppler() throws {
        guard case .failure(let error) = PopplerLibrary.open(Self.missing) else {
            Issue.record("a library that does not exist was opened"); return
        }
        #expect(error.kind == .unsupported)
        #expect(error.message.contains("reading PDFs needs poppler's GLib library (libparallax-no-such-library.so.0)"))
        #expect(error.hint?.contains("libpoppler-glib8") == true)
    }

    @Test("a missing libxml2 is one clear error naming its package")
    func missingLibxml2() throws {
        guard case .failure(let error) = Libxml2Library.open(Self.missing) else {
            Issue.record("a library that does not exist was opened"); return
        }
        #expect(error.kind == .unsupported)
        #expect(error.message.contains("reading web pages needs libxml2"))
        #expect(error.hint?.contains("apt-get install libxml2") == true)
    }

    @Test("the installed libraries open and resolve every function, the versioned name first")
    func installed() throws {
        guard case .success(let poppler) = PopplerLibrary.open(["libpoppler-glib.so.8", "libpoppler-glib.so"]) else {
            Issue.record("poppler-glib did not open"); return
        }
        #expect(poppler.api.poppler_get_version().map { String(cString: $0) }?.isEmpty == false)
        guard case .success = Libxml2Library.open(Self.missing + ["libxml2.so.2", "libxml2.so"]) else {
            Issue.record("libxml2 did not open after a missing name"); return
        }
        #expect(PDFReader.version.hasPrefix("parallax-pdf 1, poppler "))
        #expect(!PDFReader.version.contains("not installed"))
    }
}
