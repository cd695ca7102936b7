import Foundation
import Testing
@testable import ParallaxCore
@testable import ParallaxStore
import TestSupport

@Suite("Export: Markdown review report")
struct ExportMarkdownTests {
    let format = MarkdownExportFormat()

    /// The cells of a table row, split at unescaped pipes (the outer ones dropped).
    static func cells(_ row: String) -> [String] {
        var cells: [String] = [], cell = "", escaped = false
        for ch in row {
            if escaped { cell.append(ch); escaped = false; continue }
            if ch == "\\" { escaped = true; cell.append(ch); continue }
            if ch == "|" { cells.append(cell); cell = ""; continue }
            cell.append(ch)
        }
        cells.append(cell)
        return Array(cells.dropFirst().dropLast()).map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// The tables of a Markdown text: runs of lines starting with `|`.
    static func tables(_ text: String) -> [[String]] {
        var tables: [[String]] = [], current: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("|") { current.append(line) } else if !current.isEmpty { tables.append(current); current = [] }
        }
        if !current.isEmpty { tables.append(current) }
        return tables
    }

    /// The lines of the section of a question (from its heading to the next `## `).
    static func section(_ text: String, _ id: String) -> [String] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(of: "## " + id) else { return [] }
        let end = lines[(start + 1)...].firstIndex { $0.hasPrefix("## ") } ?? lines.count
        return Array(lines[start..<end])
    }

    @Test("the baseline report matches its reviewed snapshot")
    func snapshot() throws {
        let text = try Hostile.text(format, Baseline.input)
        CompareBaselineTests.assertSnapshot(text, "report-baseline.md")
    }

    @Test("baseline: title, coverage, and every coded question with its table rows, in codebook order")
    func baselineStructure() throws {
        let text = try Hostile.text(format, Baseline.input)
        #expect(text.hasPrefix("# Parallax review: baseline\n\n- **Sets:** baseline (63 codings)\n"))
        #expect(text.contains("- **Coverage:** 63 codings on 10 of 10 questions, 6 analysts with a position, 3 documents\n"))
        #expect(text.contains("- **Exported:** 2026-11-24 09:30 UTC\n"))
        #expect(text.contains("- **Latest change to a coding:** 2026-11-23 15:40 UTC\n"))
        #expect(!text.contains("Questions nobody coded"))

        var last = text.startIndex
        for q in Fixtures.codebook.questions {
            let heading = try #require(text.range(of: "\n## " + q.id + "\n"), "\(q.id) has no section")
            #expect(heading.lowerBound > last, "\(q.id) is out of codebook order")
            last = heading.lowerBound
            let lines = Self.section(text, q.id)
            let table = try #require(Self.tables(lines.joined(separator: "\n")).first)
            #expect(table[0] == "| Analyst | Stance | Label | Where | Coders |")
            let c = try Baseline.comparer.compare(question: q.id)
            #expect(table.count == 2 + c.rows.count)
            for (row, line) in zip(c.rows, table.dropFirst(2)) {
                let cells = Self.cells(line)
                #expect(cells.count == 5)
                #expect(cells[0] == row.name)
                #expect(cells[1] == (row.stance.map(Aggregation.signed) ?? ""))
                #expect(cells[2] == (row.stance == nil ? "no position" : row.label ?? ""))
                #expect(cells[3] == (row.evidence?.location ?? ""))
            }
            // Every coding of the question is quoted, with its note.
            let section = lines.joined(separator: "\n")
            for coding in Fixtures.baselineCodings where coding.annotation.question == q.id {
                #expect(section.contains(" · " + coding.annotation.id + " · "), "\(coding.annotation.id) not quoted")
            }
        }
    }

    @Test("baseline reset-wedge: the rows, the summary line and the pattern as compare words them")
    func resetWedge() throws {
        let text = try Hostile.text(format, Baseline.input)
        let lines = Self.section(text, "reset-wedge")
        #expect(lines.contains("Scale: -2 no · -1 unlikely · 0 uncertain / conditional · +1 plausible · +2 likely"))
        #expect(lines.contains("| Angela Stent | -2 | no | brookings ¶36 | 2 codings by baseline: -2 -2 |"))
        #expect(lines.contains("| Tara Varma |  | no position |  |  |"))
        #expect(lines.contains("| MERICS | -1 | unlikely | merics ¶12 | 2 codings by baseline: -1 -1 |"))
        #expect(lines.contains("4 of 6 analysts take a position · median -1 unlikely · spread -2 to -1 (range 1)"))
        #expect(lines.contains("**Consensus on the negative side: all 4 positions between -2 no and -1 unlikely.**"))
        #expect(lines.contains("**Angela Stent**: -2 no"))
        #expect(lines.contains("> As we have said in the paper that we all wrote, it is highly unlikely that Russia has any desire to separate itself from China."))
        #expect(lines.contains { $0.hasPrefix("> — brookings ¶36 · baseline · ") && $0.hasSuffix(" · -2 no · confidence 0.85 · tags: evidence, explicit") })
        #expect(lines.contains { $0.hasPrefix("*Stent rejects the reverse") && $0.hasSuffix("*") })
    }

    @Test("questions nobody coded are listed at the end; without a time the export date is left out")
    func uncoded() throws {
        let some = Fixtures.baselineCodings.filter { $0.annotation.question == "reset-wedge" }
        let text = try Hostile.text(format, ExportInput(codings: some, corpus: Fixtures.corpus, codebook: Fixtures.codebook))
        #expect(!text.contains("Exported"))
        let tail = try #require(text.range(of: "## Questions nobody coded\n\n"))
        let listed = text[tail.upperBound...].split(separator: "\n").map(String.init)
        #expect(listed == Fixtures.codebook.questions.dropFirst().map { "- **\($0.id)**: " + MarkdownText.inline($0.text) })
        #expect(Self.section(text, "alignment-endures").isEmpty)

        let empty = try Hostile.text(format, ExportInput(codings: [], corpus: Fixtures.corpus, codebook: Fixtures.codebook))
        #expect(empty.hasPrefix("# Parallax review\n\nNo codings to report.\n"))
        #expect(empty.contains("## Questions nobody coded"))
        #expect(!empty.contains("At a glance"))
    }

    @Test("hostile text: tables keep their columns, no raw HTML, markup and entities stay literal")
    func hostile() throws {
        let text = try Hostile.text(format, Hostile.input)
        // Every table row has as many cells as its header.
        let tables = Self.tables(text)
        #expect(tables.count == 2)
        for table in tables {
            let width = Self.cells(table[0]).count
            for row in table { #expect(Self.cells(row).count == width, "broken row: \(row)") }
        }
        // No raw HTML: every < is escaped; > only opens blockquote lines or is escaped.
        for line in text.split(separator: "\n").map(String.init) {
            let chars = Array(line)
            for (i, ch) in chars.enumerated() where ch == "<" || ch == ">" {
                let quoteMarker = ch == ">" && i == 0
                #expect(quoteMarker || (i > 0 && chars[i - 1] == "\\"), "unescaped \(ch) in: \(line)")
            }
        }
        #expect(!text.contains(Hostile.script))
        #expect(text.contains(#"\<script\>alert(1)\</script\>"#))
        #expect(text.contains(#"\&amp;"#))
        #expect(!text.contains(" &amp;") && !text.contains(" &lt;b"))
        #expect(text.contains(#"\*\*bold\*\*"#) && text.contains(#"\_under\_"#) && text.contains(#"\`code\`"#))
        #expect(text.contains(#"\[link\](https://evil.example/x.js)"#))
        #expect(text.contains(#"\~\~strike\~\~ and \$x\$"#))
        #expect(text.contains("R&D"))
        // Line breaks in a note never start a heading or a list; its blank line still parts
        // two paragraphs, each in italics.
        #expect(text.contains("*Note \\<script\\>alert(1)\\</script\\>\\\n\\# heading?\\\n\\- list?\\\n1\\. list?*\n\n*\"\\>\\<img src=x onerror=alert(1)\\> \\&amp; \\*\\*bold\\*\\* \\| pipe\\\nı ş\u{00A0}👩‍👩‍👧 \u{FFFD}ctl \u{FFFD} https://evil.example/x.js*"))
        // Quotes line by line: the heading and list look-alikes of the document are escaped.
        #expect(text.contains("> \\# not a heading\n"))
        #expect(text.contains("> \\- not a list\n"))
        #expect(text.contains("> 1\\. not a list either\n"))
        // Unicode is kept as is; control characters and non-characters are not.
        for kept in ["ı", "ş", "İ", "\u{00A0}", "👩‍👩‍👧", "🇹🇷", "Zoë"] { #expect(text.contains(kept)) }
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" } && !text.contains("\u{FFFE}"))
        // Names, sets and ids are escaped in headings, tables and quotes.
        #expect(text.contains(#"| Zoë "\<b\>" \| O'Neil \*x\* |"#))
        #expect(text.contains(#"# Parallax review: b\|set, o'hara \<team\>"#))
        #expect(text.contains(#"ID\<0\>&"'"#))
        #expect(text.contains("## Questions nobody coded\n\n- **nobody**: Nobody \\<u\\>coded\\</u\\> this \\| one\n"))
        #expect(text.contains("## Codings on questions not in the codebook\n\nThese cannot be compared: the codebook gives them no scale.\n\n- **not-in-\\<codebook\\>**: 1 coding\n"))
    }

    /// U+FDD0 and U+FFFF, which a string literal may not hold.
    static let nonCharacters = String(String.UnicodeScalarView([Unicode.Scalar(0xFDD0)!, Unicode.Scalar(0xFFFF)!]))

    @Test("MarkdownText escapes markup anywhere, block starts at a line start, entities only where they would be read", arguments: [
        ("plain text, ı ş", "plain text, ı ş", false),
        ("a|b", #"a\|b"#, false),
        ("**b** _i_ `c` ~s~ $m$", #"\*\*b\*\* \_i\_ \`c\` \~s\~ \$m\$"#, false),
        ("[x](y) <z> \\", #"\[x\](y) \<z\> \\"#, false),
        ("# h", "\\# h", false),
        ("- a", "- a", false), ("- a", #"\- a"#, true), ("+ a", #"\+ a"#, true), ("= a", #"\= a"#, true),
        ("12. a", "12. a", false), ("12. a", #"12\. a"#, true), ("3) a", #"3\) a"#, true), ("1234567890. a", "1234567890. a", true),
        ("2026 a.", "2026 a.", true),
        ("&amp; &#39; &#x1F; R&D &x", ##"\&amp; \&\#39; \&\#x1F; R&D &x"##, false),
        ("  padded  ", "padded", false),
        ("one\ntwo\r\nthree\u{2028}four", "one two three four", false),
        ("tab\there", "tab here", false),
        ("ctl\u{01}\u{7F}\u{9F} " + ExportMarkdownTests.nonCharacters, "ctl\u{FFFD}\u{FFFD}\u{FFFD} \u{FFFD}\u{FFFD}", false),
    ])
    func escaping(input: String, expected: String, atLineStart: Bool) {
        #expect(MarkdownText.inline(input, atLineStart: atLineStart) == expected)
    }

    @Test("a note's lines are joined by hard breaks, each escaped as a line start; blank lines dropped")
    func hardBreaks() {
        #expect(MarkdownText.inline("a\n\n- b\n# c", lineBreak: "\\\n") == "a\\\n\\- b\\\n\\# c")
        #expect(MarkdownText.inline("\n\n", lineBreak: "\\\n") == "")
    }

    @Test("the same input gives the same bytes")
    func deterministic() throws {
        #expect(try Hostile.text(format, Baseline.input) == (try Hostile.text(format, Baseline.input)))
        #expect(try Hostile.text(format, Hostile.input) == (try Hostile.text(format, Hostile.input)))
    }
}
