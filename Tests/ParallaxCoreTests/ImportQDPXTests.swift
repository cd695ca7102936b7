import Foundation
import Testing
@testable import ParallaxCore
@testable import ParallaxStore
import TestSupport

@Suite("Import: REFI-QDA (.qdpx)")
struct ImportQDPXTests {
    func exported(_ codings: [Coding] = Array(Fixtures.nastyCodings.prefix(4))) throws -> [(path: String, bytes: [UInt8])] {
        try ZipArchive.read(try Interchange.exportFile(QDPXExportFormat(), codings))
    }

    /// The export with its project.qde edited.
    func edited(_ change: (String) -> String) throws -> [UInt8] {
        var files = try exported()
        let i = try #require(files.firstIndex { $0.path == "project.qde" })
        files[i].bytes = Array(change(String(decoding: files[i].bytes, as: UTF8.self)).utf8)
        return try ZipArchive.write(files, modified: Date(timeIntervalSince1970: 1_000_000_000))
    }

    @Test("an archive with a ../ entry or an absolute path is refused whole", arguments: ["../evil", "Sources/../../evil", "/etc/evil", "..\\evil", "C:/evil"])
    func unsafeEntries(entry: String) throws {
        var files = try exported()
        files.append((entry, Array("pwned".utf8)))
        let bytes = try ZipArchive.write(files, modified: Date(timeIntervalSince1970: 1_000_000_000))
        let problems = Interchange.problems(bytes, path: "r.qdpx")
        #expect(problems.count == 1)
        #expect(problems.first?.location == "r.qdpx: " + entry)
        #expect(problems.first?.message.contains("outside the archive") == true)
    }

    @Test("entry paths: which are safe")
    func safePaths() {
        #expect(ZipArchive.isSafe("project.qde"))
        #expect(ZipArchive.isSafe("Sources/ABC.txt"))
        #expect(ZipArchive.isSafe("Sources/a..b.txt"))
        for bad in ["", "/x", "\\x", "../x", "a/../../x", "a\\..\\x", "C:x", "a/.."] { #expect(!ZipArchive.isSafe(bad), "\(bad)") }
    }

    @Test("a bad selection is reported by element path and line; nothing is imported")
    func badSelection() throws {
        let bytes = try edited { xml in
            var lines = xml.components(separatedBy: "\n")
            // The second selection of the first source gets a position outside the text, the third
            // a CodeRef to nothing.
            var seen = 0
            for (i, line) in lines.enumerated() where line.contains("<PlainTextSelection ") {
                seen += 1
                if seen == 2 {
                    lines[i] = line.replacingOccurrences(of: #"endPosition="\d+""#, with: "endPosition=\"99999999\"", options: .regularExpression)
                }
                if seen == 3, let ref = lines[(i + 1)...].firstIndex(where: { $0.contains("<CodeRef ") }) {
                    lines[ref] = "          <CodeRef targetGUID=\"00000000-0000-0000-0000-000000000000\"/>"
                }
            }
            return lines.joined(separator: "\n")
        }
        let problems = Interchange.problems(bytes, path: "r.qdpx")
        #expect(problems.count == 2)
        #expect(problems[0].location?.description.hasPrefix("r.qdpx: project.qde:") == true)
        #expect(problems[0].location?.description.hasSuffix(" Sources/TextSource[1]/PlainTextSelection[2]") == true)
        #expect(problems[0].message.contains("outside the source text"))
        #expect(problems[1].location?.description.hasSuffix(" Sources/TextSource[1]/PlainTextSelection[3]/Coding[1]") == true)
    }

    @Test("XML that is not well-formed is reported with its line")
    func malformed() throws {
        let bytes = try edited { $0.replacingOccurrences(of: "</Users>", with: "</Usrs>") }
        let problems = Interchange.problems(bytes, path: "r.qdpx")
        #expect(problems.count == 1)
        #expect(problems.first?.location?.description.hasPrefix("r.qdpx: project.qde:") == true)
        #expect(problems.first?.message == "not well-formed XML: an end tag does not match its start tag")
    }

    @Test("a project in another namespace, or an archive without project.qde, is refused")
    func notAProject() throws {
        let other = try edited { $0.replacingOccurrences(of: "urn:QDA-XML:project:1.0", with: "urn:other") }
        #expect(Interchange.problems(other, path: "r.qdpx").first?.message.contains("not Project in urn:QDA-XML:project:1.0") == true)
        let empty = try ZipArchive.write([("readme.txt", [0x61])], modified: Date(timeIntervalSince1970: 0))
        #expect(Interchange.problems(empty, path: "r.qdpx").map(\.message) == ["the archive has no project.qde"])
        #expect(Interchange.problems(Array("PK\u{3}\u{4}garbage".utf8), path: "r.qdpx").count == 1)
    }

    @Test("a second stance coding is refused rather than dropped")
    func secondStance() throws {
        let bytes = try edited { xml in
            guard let range = xml.range(of: "        </Coding>\n") else { return xml }
            let extra = "        <Coding guid=\"11111111-1111-1111-1111-111111111111\"><CodeRef targetGUID=\"\(QDPXLayout.stanceGUID("reset-wedge", 2))\"/></Coding>\n"
            return xml.replacingCharacters(in: range, with: "        </Coding>\n" + extra)
        }
        let problems = Interchange.problems(bytes, path: "r.qdpx")
        #expect(problems.map(\.message) == ["a second stance coding (Parallax keeps one per span)"])
    }
}

@Suite("Import: XML reading")
struct XMLTreeTests {
    @Test("a document over 10 MB parses (libxml2 refuses one given as a single chunk)")
    func large() throws {
        let xml = "<r>" + String(repeating: "<!-- padding padding padding padding padding padding -->\n", count: 200_000) + "<a x=\"&#13;&#10;&#9;\">&amp;&#13;</a></r>"
        #expect(xml.utf8.count > 11_000_000)
        let root = try XMLTree.parse(Array(xml.utf8))
        #expect(root.children.map(\.name) == ["a"])
        #expect(root.children.first?.attributes["x"] == "\r\n\t")
        #expect(root.children.first?.text == "&\r")
    }

    @Test("external entities are never loaded")
    func externalEntity() throws {
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><a>&e;</a>"
        let root = try? XMLTree.parse(Array(xml.utf8))
        #expect(root?.text.contains("root:") != true)
    }
}
