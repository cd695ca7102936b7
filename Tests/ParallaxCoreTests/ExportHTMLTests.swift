import Foundation
import Testing
@testable import ParallaxCore
@testable import ParallaxStore
import TestSupport

@Suite("Export: HTML review report")
struct ExportHTMLTests {
    let format = HTMLExportFormat()

    /// A tag as written: its name and attributes.
    struct Tag: Equatable {
        var name: String
        var closing: Bool
        var attributes: [(name: String, value: String)]
        static func == (a: Tag, b: Tag) -> Bool { a.name == b.name && a.closing == b.closing }
    }

    /// Reads every tag of a page strictly: each `<` must open a well-formed tag (or the
    /// doctype) whose attributes are all `name="value"` with no `<` or `"` in the value; the
    /// style sheet is skipped. Returns `nil` (and records why) when the page is not so.
    static func tags(_ html: String) -> [Tag]? {
        let s = Array(html.unicodeScalars)
        var tags: [Tag] = []
        var i = 0
        func fail(_ why: String) -> [Tag]? {
            let context = String(String.UnicodeScalarView(s[max(0, i - 40)..<min(s.count, i + 40)]))
            Issue.record("\(why) near: \(context)")
            return nil
        }
        func isNameChar(_ c: Unicode.Scalar) -> Bool {
            (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "-"
        }
        while i < s.count {
            guard s[i] == "<" else {
                if s[i] == ">" { return fail("a stray >") }
                i += 1; continue
            }
            if html.unicodeScalars.count > i + 9, String(String.UnicodeScalarView(s[i..<(i + 9)])) == "<!doctype" {
                while i < s.count, s[i] != ">" { i += 1 }
                i += 1; continue
            }
            i += 1
            let closing = i < s.count && s[i] == "/"
            if closing { i += 1 }
            var name = ""
            while i < s.count, isNameChar(s[i]) { name.unicodeScalars.append(s[i]); i += 1 }
            if name.isEmpty { return fail("a < that opens no tag") }
            var attributes: [(String, String)] = []
            while true {
                while i < s.count, s[i] == " " || s[i] == "\n" { i += 1 }
                guard i < s.count else { return fail("an unfinished tag") }
                if s[i] == ">" { i += 1; break }
                if s[i] == "/", i + 1 < s.count, s[i + 1] == ">" { i += 2; break }
                var attr = ""
                while i < s.count, isNameChar(s[i]) { attr.unicodeScalars.append(s[i]); i += 1 }
                guard !attr.isEmpty, i + 1 < s.count, s[i] == "=", s[i + 1] == "\"" else { return fail("a malformed attribute") }
                i += 2
                var value = ""
                while i < s.count, s[i] != "\"" {
                    if s[i] == "<" { return fail("a < in an attribute value") }
                    value.unicodeScalars.append(s[i]); i += 1
                }
                i += 1
                attributes.append((attr, value))
            }
            tags.append(Tag(name: name.lowercased(), closing: closing, attributes: attributes))
            if name == "style" && !closing {
                // Raw text: skip to its end tag.
                guard let end = html.range(of: "</style>") else { return fail("no </style>") }
                i = html.unicodeScalars.distance(from: html.unicodeScalars.startIndex, to: end.lowerBound)
            }
        }
        return tags
    }

    /// Elements the report may use, and nothing that loads, runs or links out.
    static let allowed: Set<String> = [
        "html", "head", "meta", "title", "style", "body", "header", "main", "footer", "section", "div", "p", "h1", "h2",
        "h3", "h4", "dl", "dt", "dd", "ul", "li", "b", "span", "time", "table", "thead", "tbody", "tr", "th", "td", "a",
        "figure", "figcaption", "blockquote", "mark", "svg", "rect", "line", "text", "path", "g", "circle",
    ]

    /// Text content without tags, entities decoded (for checks on what a reader sees).
    static func visibleText(_ html: String) -> String {
        var out = "", inTag = false
        for ch in html {
            if ch == "<" { inTag = true } else if ch == ">" { inTag = false } else if !inTag { out.append(ch) }
        }
        return out.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// The HTML of a question's section.
    static func section(_ html: String, number: Int) -> String {
        guard let start = html.range(of: "<section class=\"question\" id=\"q\(number)\"") else { return "" }
        let end = html.range(of: "</section>", range: start.upperBound..<html.endIndex)?.upperBound ?? html.endIndex
        return String(html[start.lowerBound..<end])
    }

    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test("a valid HTML5 page: doctype, lang, charset, viewport, title, inline style, no script")
    func page() throws {
        let html = try Hostile.text(format, Baseline.input)
        #expect(html.hasPrefix("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"))
        #expect(html.contains("<title>Parallax review: baseline</title>"))
        #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
        #expect(Self.count("<style>", in: html) == 1 && html.contains("@media print"))
        #expect(html.hasSuffix("</body>\n</html>\n"))
        let tags = try #require(Self.tags(html))
        #expect(Set(tags.map(\.name)).isSubset(of: Self.allowed), "\(Set(tags.map(\.name)).subtracting(Self.allowed))")
        // Every element opened is closed, in order (void elements aside).
        let void: Set<String> = ["meta", "rect", "line", "circle"]
        var open: [String] = []
        for tag in tags where !void.contains(tag.name) {
            if tag.closing {
                #expect(open.last == tag.name, "</\(tag.name)> closes <\(open.last ?? "nothing")>")
                open.removeLast()
            } else {
                open.append(tag.name)
            }
        }
        #expect(open.isEmpty)
        // A figure's caption is its first or last child: nothing follows a figcaption but the
        // figure's end (the validator refuses a <p> there).
        for (i, tag) in tags.enumerated() where tag.name == "figcaption" && tag.closing {
            #expect(i + 1 < tags.count && tags[i + 1].name == "figure" && tags[i + 1].closing,
                    "</figcaption> followed by <\(i + 1 < tags.count ? tags[i + 1].name : "nothing")>")
        }
        #expect(Self.count("<p class=\"note\">", in: html) > 0)
        // Ids are unique, and every link points at one of them.
        let ids = tags.flatMap { $0.attributes.filter { $0.name == "id" }.map(\.value) }
        #expect(Set(ids).count == ids.count)
        let hrefs = tags.flatMap { $0.attributes.filter { $0.name == "href" }.map(\.value) }
        #expect(!hrefs.isEmpty && hrefs.allSatisfy { $0.hasPrefix("#") && ids.contains(String($0.dropFirst())) })
    }

    @Test("no network: no URL, no src, no external style, font or script")
    func selfContained() throws {
        let html = try Hostile.text(format, Baseline.input)
        for needle in ["http://", "https://", "src=", "<script", "<link", "@import", "url(", "@font-face", "//"] {
            #expect(!html.contains(needle), "the page contains \(needle)")
        }
    }

    @Test("baseline: every coded question has its section, chart, table rows, summary and quotes")
    func baselineStructure() throws {
        let html = try Hostile.text(format, Baseline.input)
        let questions = Fixtures.codebook.questions
        #expect(Self.count("<svg class=\"chart\" ", in: html) == questions.count)
        #expect(Self.count("<svg class=\"chart timeline\" ", in: html) == questions.count)  // every document is dated
        #expect(Self.count("<mark>", in: html) == Fixtures.baselineCodings.count)
        #expect(html.contains("<time datetime=\"2026-11-24T09:30:00Z\">2026-11-24 09:30 UTC</time>"))
        for (i, q) in questions.enumerated() {
            let section = Self.section(html, number: i + 1)
            let c = try Baseline.comparer.compare(question: q.id)
            #expect(section.contains("<p class=\"qid\">\(q.id)</p>"))
            #expect(section.contains("<svg class=\"chart\"") && section.contains("role=\"img\"") && section.contains(" aria-label=\"Positions on \(q.id)"))
            #expect(Self.count("<circle ", in: section) == c.summary.positions)
            #expect(Self.count("<tr>", in: section) + Self.count("<tr class=\"silent\">", in: section) == c.rows.count + 1)
            for row in c.rows {
                let name = HTMLText.escaped(row.name)
                if let stance = row.stance {
                    #expect(section.contains("\">\(name)</a></th><td class=\"num\"><span class=\"stance "), "\(q.id): \(row.name)")
                    #expect(section.contains(">\(Aggregation.signed(stance))</span></td><td>\(HTMLText.escaped(row.label ?? ""))</td>"))
                    #expect(section.contains("<h4>\(name) "))
                } else {
                    #expect(section.contains("<tr class=\"silent\"><th scope=\"row\">\(name)</th><td></td><td colspan=\"3\">no position</td></tr>"))
                }
            }
            for coding in Fixtures.baselineCodings where coding.annotation.question == q.id {
                #expect(section.contains("<span class=\"id\">\(coding.annotation.id)</span>"))
                #expect(section.contains("<mark>\(HTMLText.escaped(ReportText.flattened(coding.annotation.target.exact)))</mark>"))
            }
        }
    }

    @Test("baseline reset-wedge: summary, pattern, the chart's words, a passage in its context")
    func resetWedge() throws {
        let html = try Hostile.text(format, Baseline.input)
        let section = Self.section(html, number: 1)
        #expect(section.contains("<p class=\"summary\">4 of 6 analysts take a position · median -1 unlikely · spread -2 to -1 (range 1)</p>"))
        #expect(section.contains("<p class=\"pattern\">Consensus on the negative side: all 4 positions between -2 no and -1 unlikely.</p>"))
        #expect(section.contains("aria-label=\"Positions on reset-wedge, on a scale from -2 no to +2 likely: Angela Stent -2 no; "
                                 + "Ali Wyne -1 unlikely; Bonny Lin -1 unlikely; MERICS -1 unlikely. No position: Tara Varma and "
                                 + "Aslı Aydıntaşbaş. Median -1 unlikely.\""))
        #expect(section.contains("<mark>As we have said in the paper that we all wrote, it is highly unlikely that Russia has any desire to separate itself from China.</mark><span class=\"ctx\"> Of course, it likes to have…</span>"))
        #expect(section.contains("Stent rejects the reverse-Nixon premise"))
    }

    @Test("hostile text is escaped everywhere: content, attributes, titles, the chart")
    func hostile() throws {
        let html = try Hostile.text(format, Hostile.input)
        let tags = try #require(Self.tags(html))
        #expect(Set(tags.map(\.name)).isSubset(of: Self.allowed), "\(Set(tags.map(\.name)).subtracting(Self.allowed))")
        for tag in tags {
            for attr in tag.attributes {
                #expect(!attr.name.lowercased().hasPrefix("on"), "event handler \(attr.name) on <\(tag.name)>")
                #expect(!attr.value.contains("http"), "a URL in \(attr.name) of <\(tag.name)>")
                if attr.name == "href" { #expect(attr.value.hasPrefix("#")) }
            }
        }
        for raw in [Hostile.script, Hostile.breakout, "<img", "\"<b>\"", "<i>", "<u>", "<!--", "O'Neil", "'quoted'"] {
            #expect(!html.contains(raw), "raw \(raw)")
        }
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
        #expect(html.contains("&amp;amp;") && html.contains("&amp;lt;b&amp;gt;"))
        #expect(html.contains("Zoë &quot;&lt;b&gt;&quot; | O&#39;Neil *x*"))
        #expect(html.contains("<title>Parallax review: b|set, o&#39;hara &lt;team&gt;</title>"))
        // The URL in notes, tags and quotes is text a reader sees, never a link.
        #expect(Self.visibleText(html).contains(Hostile.url))
        #expect(!tags.contains { $0.name == "a" && $0.attributes.contains { $0.value.contains("evil") } })
        // Unicode is kept; control characters and non-characters are not.
        for kept in ["ı", "ş", "İ", "\u{00A0}", "👩‍👩‍👧", "🇹🇷"] { #expect(html.contains(kept)) }
        #expect(!html.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n" && $0 != "\r") || $0.value == 0xFFFE })
        // A note keeps its lines (shown with white-space: pre-line).
        #expect(html.contains("<p class=\"note\">Note &lt;script&gt;alert(1)&lt;/script&gt;\n# heading?\n- list?\n1. list?\n\n&quot;&gt;"))
        // Questions nobody coded and codings on unknown questions come last.
        #expect(html.contains("<li><span class=\"qid\">nobody</span> Nobody &lt;u&gt;coded&lt;/u&gt; this | one</li>"))
        #expect(html.contains("<li><span class=\"qid\">not-in-&lt;codebook&gt;</span> 1 coding</li>"))
        #expect(Self.count("<svg class=\"chart\" ", in: html) == 1)
    }

    @Test("no codings: a valid page that lists every question as not coded, with no chart")
    func empty() throws {
        let html = try Hostile.text(format, ExportInput(codings: [], corpus: Fixtures.corpus, codebook: Fixtures.codebook))
        #expect(Self.tags(html) != nil)
        #expect(html.contains("<p class=\"lede\">No codings to report.</p>"))
        #expect(!html.contains("<svg") && !html.contains("<time"))
        #expect(Self.count("<li><span class=\"qid\">", in: html) == Fixtures.codebook.questions.count)
    }

    @Test("chart: dots sharing a value stack in lanes, names never overlap in a lane, half-points sit between ticks")
    func chartLayout() throws {
        let comparer = Small.comparer([
            Small.coding("s", "a", "q1", -1), Small.coding("s", "b", "q1", -1), Small.coding("s", "c", "q1", -1),
            Small.coding("s", "d", "q1", -2), Small.coding("s", "d", "q1", -1, line: 2),
            Small.coding("s", "mod", "q1", 2),
        ])
        let chart = StanceChart(try comparer.compare(question: "q1"))
        #expect(chart.dots.count == 5)
        let atMinusOne = chart.dots.filter { $0.value == -1 }
        #expect(Set(atMinusOne.map(\.lane)).count == 3)
        // Di D at -1.5: halfway between the -2 and -1 ticks, and off every lane of the -1 stack
        // whose names would run into it.
        let half = try #require(chart.dots.first { $0.value == -1.5 })
        #expect(abs(half.x - (chart.x(-2) + chart.x(-1)) / 2) < 0.001)
        // Label boxes (dot and name) of dots in the same lane do not overlap.
        func box(_ d: StanceChart.Dot) -> ClosedRange<Double> {
            let w = Double(d.shown.count) * StanceChart.charWidth + StanceChart.radius + 5
            return d.nameOnLeft ? (d.x - w)...(d.x + StanceChart.radius) : (d.x - StanceChart.radius)...(d.x + w)
        }
        for a in chart.dots { for b in chart.dots where a.name < b.name && a.lane == b.lane {
            #expect(!box(a).overlaps(box(b)), "\(a.name) and \(b.name) collide in lane \(a.lane)")
        } }
        // A name that would run past the right edge goes to the left of its dot.
        let right = try #require(chart.dots.first { $0.value == 2 })
        #expect(right.nameOnLeft && right.name == "Mo Derator")
        let words: String = "Positions on q1, on a scale from -2 no to +2 likely: Ann A -1 unlikely; Bob B -1 unlikely; "
            + "Cy C -1 unlikely; Di D -1.5 no – unlikely; Mo Derator +2 likely. Median -1 unlikely."
        #expect(chart.description == words)
        let svg = chart.svg()
        #expect(svg.hasPrefix("<svg class=\"chart\" viewBox=\"0 0 880 ") && svg.contains(" role=\"img\" aria-label=\"Positions on q1"))
        #expect(svg.contains("<title>Positions on q1") && !svg.contains("xmlns"))
        for (value, label) in [("-2", "no"), ("-1", "unlikely"), ("0", "uncertain"), ("+1", "plausible"), ("+2", "likely")] {
            #expect(svg.contains("text-anchor=\"middle\">\(value)</text>") && svg.contains("text-anchor=\"middle\">\(label)</text>"))
        }
        #expect(StanceChart.wrap("acceptable or inevitable", columns: 16) == ["acceptable or", "inevitable"])
        let cut: [String] = ["a b", "c d e …"]
        #expect(StanceChart.wrap("a b c d e f g h", columns: 3) == cut)
    }

    @Test("HTMLText escapes the five characters and replaces controls", arguments: [
        ("plain", "plain"), ("a & b", "a &amp; b"), ("<x>", "&lt;x&gt;"), ("\"q\" 'a'", "&quot;q&quot; &#39;a&#39;"),
        ("&amp;", "&amp;amp;"), ("ı ş\u{00A0}👩‍👩‍👧", "ı ş\u{00A0}👩‍👩‍👧"), ("a\u{0}b\u{1B}c\u{85}d" + ExportMarkdownTests.nonCharacters, "a\u{FFFD}b\u{FFFD}c\u{85}d\u{FFFD}\u{FFFD}"),
        ("line\nbreak", "line\nbreak"),
    ])
    func escaping(input: String, expected: String) {
        #expect(HTMLText.escaped(input) == expected)
    }

    @Test("the same input gives the same bytes")
    func deterministic() throws {
        #expect(try Hostile.text(format, Baseline.input) == (try Hostile.text(format, Baseline.input)))
    }
}
