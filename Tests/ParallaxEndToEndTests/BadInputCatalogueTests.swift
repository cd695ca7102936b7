import Foundation
import Testing
import TestSupport

/// Every row of `docs/bad-inputs.md` is run through the built binary, and what the user sees
/// must be the catalogue's text exactly, so the document cannot drift from the behaviour.
///
/// A row is `| # | bad input | tried as | input | exit | message |`. The input and message are
/// code spans; in the input `\n`, `\r`, `\t`, `\\`, `\xHH` (one byte), `\u{H…}` (a scalar),
/// `«TEXT×N»` (TEXT N times) and `$NAME{OLD→NEW}…` (a shipped file with edits: `$LINE`, the
/// first line of the baseline; `$ID`, its id; `$BASELINE`, `$MANIFEST`, `$CODEBOOK`; `$W3C`,
/// the baseline exported as W3C Web Annotations) are
/// expanded; in both, `\|` is a `|` (as in any Markdown table). A message of several
/// lines is written with ` ⏎ ` between them. "Tried as" says how the input is used, in a
/// scratch copy of the corpus and the annotations (with the baseline), the current set
/// being `alice`:
///
/// - `command`, `terminal`: piped on standard input to `parallax --set alice`; the message is
///   standard error, or standard output when standard error is empty.
/// - `arguments`: the words of the command line of `parallax` (split at spaces); standard error.
/// - `set file`, `journal`, `codebook`, `manifest`: the bytes of `Annotations/alice.jsonl`,
///   `Annotations/alice.journal`, `Annotations/codebook.json`, `Corpus/manifest.json`; then
///   `parallax --set alice -c check`, whose standard output and error are the message.
/// - `missing corpus file`: that file is removed from `Corpus/`; then `check`.
/// - `import NAME`: the bytes are written to NAME (for a `.qdpx`, the input is a zip archive's
///   entries, `PATH=CONTENT` separated by ` ; `, stored uncompressed); then `import NAME`;
///   standard error.
@Suite("Bad-input catalogue (docs/bad-inputs.md)")
struct BadInputCatalogueTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var number: String
        var what: String
        var triedAs: String
        var input: String
        var exit: Int32
        var message: String
        var testDescription: String { "#\(number) \(what)" }
    }

    static let path = Fixtures.root + "/docs/bad-inputs.md"

    /// The catalogue's rows.
    static let rows: [Row] = {
        guard let text = FileManager.default.contents(atPath: path).map({ String(decoding: $0, as: UTF8.self) }) else { return [] }
        var rows: [Row] = []
        var inTable = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("| # |") { inTable = true; continue }
            guard inTable, line.hasPrefix("|") else { inTable = false; continue }
            if line.hasPrefix("|---") || line.hasPrefix("| ---") { continue }
            let cells = cells(of: line)
            guard cells.count == 6 else {
                rows.append(Row(number: "?", what: "a row that does not have six cells: \(line)", triedAs: "", input: "", exit: -1, message: ""))
                continue
            }
            rows.append(Row(number: cells[0], what: cells[1], triedAs: code(cells[2]), input: code(cells[3]),
                            exit: Int32(cells[4]) ?? -1, message: code(cells[5])))
        }
        return rows
    }()

    /// The cells of a table row: split at `|` not preceded by a backslash, `\|` unescaped.
    static func cells(of line: String) -> [String] {
        var cells: [String] = []
        var current = ""
        var previous: Character = " "
        for ch in line.dropFirst() {
            if ch == "|" && previous != "\\" {
                cells.append(current.trimmingCharacters(in: .whitespaces)); current = ""
            } else if ch == "|" {
                current.removeLast(); current.append(ch)
            } else {
                current.append(ch)
            }
            previous = ch
        }
        return cells
    }

    /// The text of a code span (`` `x` `` or ``` `` x `` ```), or the cell as it is.
    static func code(_ cell: String) -> String {
        if cell.hasPrefix("`` ") && cell.hasSuffix(" ``") { return String(cell.dropFirst(3).dropLast(3)) }
        if cell.hasPrefix("`") && cell.hasSuffix("`") && cell.count >= 2 { return String(cell.dropFirst().dropLast()) }
        return cell
    }

    /// The shipped files an input may start from, by placeholder name.
    static let placeholders: [String: [UInt8]] = {
        let baseline = Fixtures.bytes(Fixtures.annotationsDirectory + "/baseline.jsonl") ?? []
        let line = Array(baseline.prefix { $0 != 0x0A })
        let text = String(decoding: line, as: UTF8.self)
        let id = text.range(of: #"(?<="id":")[^"]+"#, options: .regularExpression).map { String(text[$0]) } ?? ""
        return ["LINE": line, "ID": Array(id.utf8), "BASELINE": baseline,
                "MANIFEST": Fixtures.bytes(Fixtures.corpusDirectory + "/manifest.json") ?? [],
                "CODEBOOK": Fixtures.bytes(Fixtures.annotationsDirectory + "/codebook.json") ?? [],
                "W3C": w3cExport,
                "LIN": Fixtures.bytes(Fixtures.corpusDirectory + "/lin-foreign-policy-2023.txt") ?? [],
                "PDF_ENCRYPTED": PDFFixture.make(pages: [[PDFFixture.Line("secret", y: 700)]], encrypted: true),
                "PDF_SCANNED": PDFFixture.make(pages: [[], []], drawing: true),
                "PDF_CUT": Array(PDFFixture.make(pages: [[PDFFixture.Line("cut short", y: 700)]]).prefix(400)),
                "DOCX_BOMB": docxBomb,
                "DOCX_NOTES_CUT": DOCXFixture.make(body: "<w:p><w:r><w:t>Sanctions bite.</w:t></w:r><w:r><w:footnoteReference w:id=\"1\"/></w:r></w:p>",
                                                   parts: [("word/footnotes.xml", "<w:footnote w:id=\"1\"><w:p><w:r><w:t>Source")])]
    }()

    /// The baseline exported as W3C Web Annotations by the binary.
    static var w3cExport: [UInt8] {
        let project = ParallaxBinary.scratchProject()
        _ = try? ParallaxBinary.run(["--set", "baseline", "-c", "export w3c baseline.jsonld"], directory: project)
        return Fixtures.bytes(project + "/baseline.jsonld") ?? []
    }

    /// Expands the input notation into bytes: escapes, `«TEXT×N»`, and `$NAME` (a shipped
    /// file, see ``placeholders``) followed by any number of edits `{OLD→NEW}`, each
    /// replacing the first OLD.
    static func bytes(_ input: String) -> [UInt8] {
        var out: [UInt8] = []
        var s = Substring(input)
        while let ch = s.first {
            if ch == "$", let name = placeholders.keys.sorted(by: { $0.count > $1.count }).first(where: { s.dropFirst().hasPrefix($0) }) {
                s = s.dropFirst(1 + name.count)
                // Unedited, a placeholder's bytes go in as they are (a zip's CRCs need not be UTF-8).
                if s.first != "{" { out += placeholders[name]!; continue }
                var text = String(decoding: placeholders[name]!, as: UTF8.self)
                while s.first == "{", let arrow = s.firstIndex(of: "→"), let close = s[arrow...].firstIndex(of: "}") {
                    let old = String(s[s.index(after: s.startIndex)..<arrow])
                    // Escapes in the new text are expanded (a raw byte that is not UTF-8 cannot be).
                    let new = String(decoding: bytes(String(s[s.index(after: arrow)..<close])), as: UTF8.self)
                    if let r = text.range(of: old) { text.replaceSubrange(r, with: new) } else { text += "<no \(old) to replace>" }
                    s = s[s.index(after: close)...]
                }
                out += Array(text.utf8)
                continue
            }
            if ch == "«", let times = s.firstIndex(of: "×"), let close = s.firstIndex(of: "»"), times < close,
               let n = Int(s[s.index(after: times)..<close]) {
                let unit = bytes(String(s[s.index(after: s.startIndex)..<times]))
                for _ in 0..<n { out += unit }
                s = s[s.index(after: close)...]
                continue
            }
            if ch == "\\", s.count >= 2 {
                let next = s[s.index(after: s.startIndex)]
                switch next {
                case "n": out.append(0x0A); s = s.dropFirst(2); continue
                case "r": out.append(0x0D); s = s.dropFirst(2); continue
                case "t": out.append(0x09); s = s.dropFirst(2); continue
                case "\\": out.append(0x5C); s = s.dropFirst(2); continue
                case "x":
                    if let b = UInt8(String(s.dropFirst(2).prefix(2)), radix: 16) { out.append(b); s = s.dropFirst(4); continue }
                case "u":
                    if s.dropFirst(2).hasPrefix("{"), let close = s.firstIndex(of: "}"),
                       let v = UInt32(s[s.index(s.startIndex, offsetBy: 3)..<close], radix: 16), let scalar = Unicode.Scalar(v) {
                        out += Array(String(scalar).utf8); s = s[s.index(after: close)...]; continue
                    }
                default: break
                }
            }
            out += Array(String(ch).utf8)
            s = s.dropFirst()
        }
        return out
    }

    /// A Word document whose `word/document.xml` claims to inflate to 100 MB, as a zip bomb's
    /// directory does (its deflate stream is empty: it is refused before any inflating).
    static var docxBomb: [UInt8] {
        func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
        func le32(_ v: UInt32) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24 & 0xFF)] }
        let name = Array("word/document.xml".utf8), data: [UInt8] = [0x03, 0x00]
        let common = le16(20) + le16(0) + le16(8) + le16(0) + le16(0x21) + le32(0) + le32(UInt32(data.count)) + le32(100 << 20)
            + le16(name.count) + le16(0)
        let local = [0x50, 0x4B, 0x03, 0x04] + common + name + data
        let central = [0x50, 0x4B, 0x01, 0x02] + le16(20) + common + le16(0) + le16(0) + le16(0) + le32(0) + le32(0) + name
        let end: [UInt8] = [0x50, 0x4B, 0x05, 0x06] + le16(0) + le16(0) + le16(1) + le16(1)
            + le32(UInt32(central.count)) + le32(UInt32(local.count)) + le16(0)
        return local + central + end
    }

    /// Every file under a folder with its bytes (a folder as nil), to see that a refused
    /// command changed nothing.
    static func snapshot(_ folder: String) -> [String: [UInt8]?] {
        var out: [String: [UInt8]?] = [:]
        let fm = FileManager.default
        for case let relative as String in fm.enumerator(atPath: folder)?.allObjects ?? [] {
            // The corpus cache (`.parallax/`, ignored by git) is derived data a session may
            // write on start; the corpus itself is what must not change.
            if relative == ".parallax" || relative.hasPrefix(".parallax/") { continue }
            var isDir: ObjCBool = false
            _ = fm.fileExists(atPath: folder + "/" + relative, isDirectory: &isDir)
            out[relative] = isDir.boolValue ? nil : (Fixtures.bytes(folder + "/" + relative) ?? [])
        }
        return out
    }

    /// Runs one row and returns the exit status and the message as the catalogue writes it.
    static func run(_ row: Row) throws -> (status: Int32, message: String) {
        let project = ParallaxBinary.scratchProject()
        let input = bytes(row.input)
        func write(_ relative: String, _ data: [UInt8]) {
            _ = FileManager.default.createFile(atPath: project + "/" + relative, contents: Data(data))
        }
        func check() throws -> ParallaxBinary.Result {
            try ParallaxBinary.run(["--set", "alice", "-c", "check"], directory: project)
        }
        let result: ParallaxBinary.Result
        var both = false
        switch row.triedAs {
        case "command", "terminal":
            result = try ParallaxBinary.run(["--set", "alice"], input: Data(input), directory: project)
        case "arguments":
            result = try ParallaxBinary.run(row.input.split(separator: " ").map(String.init), directory: project)
        case "set file": write("Annotations/alice.jsonl", input); result = try check(); both = true
        case "journal": write("Annotations/alice.journal", input); result = try check(); both = true
        case "codebook": write("Annotations/codebook.json", input); result = try check(); both = true
        case "manifest": write("Corpus/manifest.json", input); result = try check(); both = true
        case "missing corpus file":
            try FileManager.default.removeItem(atPath: project + "/Corpus/" + row.input)
            result = try check(); both = true
        case let kind where kind.hasPrefix("import "):
            let name = String(kind.dropFirst(7))
            if name.hasSuffix(".qdpx") {
                let entries = row.input.components(separatedBy: " ; ").map { entry -> (String, [UInt8]) in
                    let eq = entry.firstIndex(of: "=") ?? entry.endIndex
                    return (String(entry[..<eq]), eq < entry.endIndex ? bytes(String(entry[entry.index(after: eq)...])) : [])
                }
                write(name, DOCXFixture.storedZip(entries))
            } else {
                write(name, input)
            }
            result = try ParallaxBinary.run(["--set", "alice", "-c", "import \(name)"], directory: project)
        case let kind where kind.hasPrefix("doc add "):
            // `doc add NAME [OPTIONS]`: the input is written to NAME beside the corpus; a
            // refusal must leave the corpus folder exactly as it was.
            let words = kind.dropFirst(8).split(separator: " ", maxSplits: 1).map(String.init)
            write(words[0], input)
            let before = snapshot(project + "/Corpus")
            result = try ParallaxBinary.run(["--set", "alice", "-c", String(kind)], directory: project)
            if result.status != 0, snapshot(project + "/Corpus") != before {
                Issue.record("#\(row.number): the refused doc add changed the corpus folder")
            }
        case let kind where kind.hasPrefix("mid-session: "):
            // `mid-session: delete NAME` or `mid-session: NAME := CONTENT`: a session whose
            // corpus reads documents on first use starts, answers a first command, the corpus
            // file NAME is deleted or rewritten, then the input is piped in; nothing under
            // Annotations/ may change.
            try? FileManager.default.removeItem(atPath: project)
            let settled = try MidSessionDocumentTests.settledProject()
            defer { try? FileManager.default.removeItem(atPath: settled) }
            let session = try MidSessionDocumentTests.startSession(settled, keepGoing: false)
            let before = snapshot(settled + "/Annotations")
            let change = kind.dropFirst(13)
            if change.hasPrefix("delete ") {
                try FileManager.default.removeItem(atPath: settled + "/Corpus/" + change.dropFirst(7))
            } else if let arrow = change.range(of: " := ") {
                _ = FileManager.default.createFile(atPath: settled + "/Corpus/" + change[..<arrow.lowerBound],
                                                   contents: Data(bytes(String(change[arrow.upperBound...]))))
            }
            session.send(String(decoding: input, as: UTF8.self))
            let status = session.finish()
            if snapshot(settled + "/Annotations") != before { Issue.record("#\(row.number): the session wrote under Annotations/") }
            result = ParallaxBinary.Result(stdout: session.stdout, stderr: session.stderr, status: status)
        default:
            Issue.record("#\(row.number): unknown way to try an input: \(row.triedAs)")
            return (-1, "")
        }
        let text = both ? result.stdout + result.stderr : result.stderr.isEmpty ? result.stdout : result.stderr
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return (result.status, lines.filter { !$0.isEmpty }.joined(separator: " ⏎ "))
    }

    @Test("the catalogue lists at least thirty bad inputs, numbered in order")
    func size() {
        #expect(Self.rows.count >= 30)
        #expect(Self.rows.map(\.number) == (1...Self.rows.count).map(String.init))
    }

    /// With `PARALLAX_RECORD_SNAPSHOTS=1`, writes each row's actual exit status and message
    /// into the document (and fails, so the new text is reviewed before it is committed).
    @Test("recording the catalogue (a tool: runs only with PARALLAX_RECORD_SNAPSHOTS=1)",
          .enabled(if: ProcessInfo.processInfo.environment["PARALLAX_RECORD_SNAPSHOTS"] == "1"))
    func record() throws {
        let text = String(decoding: FileManager.default.contents(atPath: Self.path)!, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var inTable = false
        for (i, line) in lines.enumerated() {
            if line.hasPrefix("| # |") { inTable = true; continue }
            guard inTable, line.hasPrefix("|"), !line.hasPrefix("|---"), !line.hasPrefix("| ---") else { inTable = line.hasPrefix("|"); continue }
            var cells = Self.cells(of: line)
            guard cells.count == 6 else { continue }
            let row = Row(number: cells[0], what: cells[1], triedAs: Self.code(cells[2]), input: Self.code(cells[3]), exit: 0, message: "")
            let (status, message) = try Self.run(row)
            cells[4] = "\(status)"
            cells[5] = message.contains("`") ? "`` \(message) ``" : "`\(message)`"
            lines[i] = "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |"
        }
        _ = FileManager.default.createFile(atPath: Self.path, contents: Data(lines.joined(separator: "\n").utf8))
        Issue.record("recorded docs/bad-inputs.md; review it and run again")
    }

    @Test("each bad input gets exactly the catalogued message and exit status", arguments: rows)
    func row(_ row: Row) throws {
        let (status, message) = try Self.run(row)
        #expect(message == row.message, "#\(row.number) \(row.what)")
        #expect(status == row.exit, "#\(row.number) \(row.what): exit status")
    }
}
