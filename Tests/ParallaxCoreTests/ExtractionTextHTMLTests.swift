import Testing
@testable import ParallaxCore

@Suite("Extraction: text and HTML")
struct ExtractionTextHTMLTests {
    @Test("UTF-8 with a BOM and CR LF: BOM dropped, LF line ends, characters kept")
    func utf8BOM() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("“Aslı’s\u{A0}view”\r\nﬁnal line\r\n".utf8)
        let doc = try Extractor.extract(bytes, format: .text, name: "a.txt")
        #expect(doc.text == "“Aslı’s\u{A0}view”\nﬁnal line\n")
        #expect(doc.encoding == nil)
        #expect(doc.paragraphs == .lines)
    }

    @Test("UTF-16 with a BOM is decoded and named")
    func utf16() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for u in "Aslı “quoted”\n".utf16 { bytes += [UInt8(u & 0xFF), UInt8(u >> 8)] }
        let doc = try Extractor.extract(bytes, format: .text, name: "a.txt")
        #expect(doc.text == "Aslı “quoted”\n")
        #expect(doc.encoding == "UTF-16LE")
        #expect(doc.notes.contains("decoded from UTF-16LE"))
    }

    @Test("Windows-1252 is decoded and named; another code page is refused, never mojibake")
    func eightBit() throws {
        let cp1252: [UInt8] = Array("The ".utf8) + [0x93] + Array("caf".utf8) + [0xE9, 0x94] + Array(" is open.\n".utf8)
        let doc = try Extractor.extract(cp1252, format: .text, name: "w.txt")
        #expect(doc.text == "The “café” is open.\n")
        #expect(doc.encoding == "Windows-1252")
        // ISO-8859-2 "łódź": 0xB3 is ł there, ³ in Windows-1252.
        let latin2: [UInt8] = [0xB3, 0xF3, 0x64, 0xBC, 0x0A]
        #expect(throws: ParallaxError.self) { try Extractor.extract(latin2, format: .text, name: "pl.txt") }
        do { _ = try Extractor.extract(latin2, format: .text, name: "pl.txt") } catch let e as ParallaxError {
            #expect(e.description.contains("is not UTF-8"))
            #expect(e.description.contains("iconv"))
        }
    }

    @Test("wrapped text is segmented by blank lines, one-line paragraphs by lines")
    func paragraphModes() throws {
        let wrapped = "First paragraph runs\nover two lines.\n\nSecond one\nalso wraps.\n"
        #expect(try Extractor.extract(Array(wrapped.utf8), format: .text, name: "a.txt").paragraphs == .blankLines)
        let lines = "One.\nTwo.\nThree.\n"
        #expect(try Extractor.extract(Array(lines.utf8), format: .text, name: "a.txt").paragraphs == .lines)
    }

    static let page = """
    <!DOCTYPE html><html><head><meta charset="utf-8">
    <title>Russia’s turn east | Example Institute</title>
    <meta name="citation_title" content="Russia’s Turn East">
    <meta name="citation_author" content="Holloway, Jane">
    <meta name="citation_author" content="Aslı Aydıntaşbaş">
    <meta name="citation_publication_date" content="2024/07/23">
    <meta property="og:site_name" content="Example Institute">
    <script>var x = "<p>not text</p>";</script><style>p { color: red }</style>
    </head><body>
    <header><nav><a href="/">Home</a> <a href="/about">About</a></nav></header>
    <div class="cookie-banner">We use cookies. <button>Accept</button></div>
    <main>
    <h1>Russia’s turn east</h1>
    <p>The “no limits” partnership,&nbsp;as Aslı wrote,
       is &amp; was   tactical.</p>
    <p>Second<br>line after a break.</p>
    <ul><li>First item</li><li>Second item</li></ul>
    <table><tr><th>Year</th><th>Trade</th></tr><tr><td>2023</td><td>$240bn</td></tr></table>
    <aside>Related: other reports</aside>
    </main>
    <footer>© Example Institute</footer>
    </body></html>
    """

    @Test("HTML: main content only, paragraphs, entities, metadata by precedence")
    func html() throws {
        let doc = try Extractor.extract(Array(Self.page.utf8), format: .html, name: "p.html")
        #expect(doc.text == """
        Russia’s turn east

        The “no limits” partnership,\u{A0}as Aslı wrote, is & was tactical.

        Second

        line after a break.

        First item

        Second item

        Year\tTrade

        2023\t$240bn

        """)
        #expect(doc.metadata.title == "Russia’s Turn East")
        #expect(doc.metadata.origins["title"] == "citation_title")
        #expect(doc.metadata.authors == ["Jane Holloway", "Aslı Aydıntaşbaş"])
        #expect(doc.metadata.date == "2024-07-23")
        #expect(doc.metadata.publisher == "Example Institute")
        #expect(doc.metadata.origins["publisher"] == "og:site_name")
    }

    @Test("HTML: <title> without the site name; og and author tags; Windows-1252 page named")
    func htmlFallbacks() throws {
        let page = "<html><head><title>Memo on sanctions | Think Tank</title><meta name=\"author\" content=\"Ali Wyne\">"
            + "<meta property=\"article:published_time\" content=\"2023-09-01T08:00:00+00:00\"></head>"
            + "<body><article><p>Sanctions \u{93}bite\u{94}.</p></article></body></html>"
        var bytes: [UInt8] = []
        for s in page.unicodeScalars { bytes.append(UInt8(s.value)) }
        let doc = try Extractor.extract(bytes, format: .html, name: "m.htm")
        #expect(doc.text == "Sanctions “bite”.\n")
        #expect(doc.encoding == "Windows-1252")
        #expect(doc.metadata.title == "Memo on sanctions")
        #expect(doc.metadata.publisher == "Think Tank")
        #expect(doc.metadata.authors == ["Ali Wyne"])
        #expect(doc.metadata.date == "2023-09-01")
        #expect(doc.metadata.origins["date"] == "article:published_time")
    }

    @Test("HTML with nothing but navigation is refused")
    func htmlEmpty() {
        #expect(throws: ParallaxError.self) {
            try Extractor.extract(Array("<html><body><nav>Home</nav><script>x()</script></body></html>".utf8), format: .html, name: "e.html")
        }
    }

    @Test("dates are normalised to ISO 8601", arguments: [
        ("2024-07-23", "2024-07-23"), ("2024-07-23T10:00:00Z", "2024-07-23"), ("2024/7/3", "2024-07-03"),
        ("D:20240723101500+02'00'", "2024-07-23"), ("July 23, 2024", "2024-07-23"), ("23 July 2024", "2024-07-23"),
        ("Sept. 2023", "2023-09"), ("2019", "2019"), ("2019-06", "2019-06"),
    ])
    func dates(raw: String, expected: String) {
        #expect(DocumentDate.normalise(raw) == expected)
    }

    @Test("not dates", arguments: ["2024-02-30", "2024-13-01", "yesterday", "24/07/2024x", "", "12345"])
    func notDates(raw: String) {
        #expect(DocumentDate.normalise(raw) == nil)
        #expect(!DocumentDate.isValid(raw))
    }
}
