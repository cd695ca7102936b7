import Foundation
import Testing
import TestSupport

/// `history ID`: an annotation followed through the versions `doc update` kept.
@Suite("Annotation history across document versions")
struct DocumentHistoryTests {
    static let v1 = "Intro line.\n\nThe wedge strategy is tactical at best, and Aslı\u{A0}agrees.\n\nA second claim that will vanish entirely.\n"
    static let v2 = "A new opening paragraph pushes everything down.\n\nIntro line.\n\nThe wedge strategy is tactical at best, and Aslı\u{A0}agrees.\n\nSanctions bite slowly.\n"
    static let v3 = "A new opening paragraph pushes everything down.\n\nIntro line.\n\nThe wedge strategy is tactical, at best, and Aslı\u{A0}agrees.\n\nSanctions bite slowly.\n"

    /// Scalar offset of a quote in a text.
    static func offset(_ quote: String, in text: String) -> Int {
        let r = text.range(of: quote)!
        return text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: r.lowerBound)
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("an annotation carried through two updates shows its quote in each version; an orphan, a later one and a new one say what they are")
    func history() throws {
        let dir = ParallaxBinary.scratchProject()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (name, text) in [("v1.txt", Self.v1), ("v2.txt", Self.v2), ("v3.txt", Self.v3)] {
            _ = FileManager.default.createFile(atPath: dir + "/" + name, contents: Data(text.utf8))
        }
        func run(_ script: String) throws -> ParallaxBinary.Result {
            let r = try ParallaxBinary.run(["--set", "alice", "--no-color"], stdin: script + "\n", directory: dir)
            #expect(r.status == 0, "\(r.stderr)")
            return r
        }
        _ = try run("""
        doc add v1.txt id:memo authors:"Ali Wyne" date:2024
        mark memo "The wedge strategy is tactical at best, and Aslı\u{A0}agrees."
        code reset-wedge -1
        mark memo "will vanish entirely"
        code reset-wedge 1
        doc update memo v2.txt
        mark memo "bite slowly"
        code reset-wedge 0
        doc update memo v3.txt
        mark memo "Intro line."
        code reset-wedge 2
        """)
        let list = try #require(try JSONSerialization.jsonObject(with: Data(try run("list --json").stdout.utf8)) as? [[String: Any]])
        func id(_ quote: String) throws -> String {
            try #require(list.first { ($0["exact"] as? String ?? "").contains(quote) }?["id"] as? String)
        }
        let carried = try id("tactical"), orphan = try id("vanish"), later = try id("bite"), fresh = try id("Intro")
        let shown = try Self.json(try run("doc show memo --json").stdout)
        let files = try #require((shown["versions"] as? [[String: Any]])?.compactMap { $0["file"] as? String })
        #expect(files.count == 2)
        let current = try #require(shown["file"] as? String)

        // Carried through both updates: its quote in v1 and v2, then placed by fuzzy matching in v3.
        let h = try Self.json(try run("history \(carried) --json").stdout)
        let earlier = try #require(h["earlier"] as? [[String: Any]])
        let quote = "The wedge strategy is tactical at best, and Aslı\u{A0}agrees."
        #expect(earlier.count == 2)
        #expect(earlier.map { $0["version"] as? Int } == [1, 2])
        #expect(earlier.map { $0["quote"] as? String } == [quote, quote])
        #expect(earlier.map { $0["start"] as? Int } == [Self.offset(quote, in: Self.v1), Self.offset(quote, in: Self.v2)])
        #expect(earlier.map { $0["file"] as? String } == files)
        let now = try #require(h["now"] as? [String: Any])
        #expect(now["version"] as? Int == 3)
        #expect(now["status"] as? String == "placed")
        #expect((now["quote"] as? String)?.contains("tactical, at best") == true)
        #expect(now["start"] as? Int == Self.offset("The wedge strategy is tactical, at best", in: Self.v3))
        let text = try run("history \(carried)").stdout
        #expect(text.contains("version 1   Corpus/\(files[0]), replaced "))
        #expect(text.contains("[\(Self.offset(quote, in: Self.v1))-\(Self.offset(quote, in: Self.v1) + quote.unicodeScalars.count)] “The wedge strategy is tactical at best, and Aslı agrees.”"))
        #expect(text.contains("now         version 3: Corpus/\(current), its quote changed (placed by fuzzy matching)"))

        // Orphaned by the first update: still points at version 1.
        let o = try Self.json(try run("history \(orphan) --json").stdout)
        #expect((o["earlier"] as? [[String: Any]])?.map { $0["quote"] as? String } == ["will vanish entirely"])
        #expect((o["now"] as? [String: Any])?["status"] as? String == "orphaned")
        #expect(try run("history \(orphan)").stdout.contains("orphaned: it still points at version 1; mark the passage again"))

        // Made on version 2, moved by the second update.
        let l = try Self.json(try run("history \(later) --json").stdout)
        #expect((l["earlier"] as? [[String: Any]])?.map { $0["version"] as? Int } == [2])
        #expect(try run("history \(later)").stdout.contains("version 3: Corpus/\(current), moved"))

        // Made on the current text.
        #expect(try run("history \(fresh)").stdout.contains("made on the current text (the document has 2 earlier versions)"))
        // Each kept text lists where the annotations on it pointed: v1 the carried one and the
        // orphan, v2 the carried one and the later one.
        let anchors = (shown["versions"] as? [[String: Any]])?.map { ($0["anchors"] as? [[Any]])?.compactMap { $0.first as? String } ?? [] }
        #expect(anchors == [[carried, orphan].sorted(), [carried, later].sorted()])
        #expect(try run("doc show memo").stdout.contains("annotations on it (`history"))
        let check = try ParallaxBinary.run(["--set", "alice", "--no-color", "-c", "check"], directory: dir)
        #expect(check.stdout.contains("orphan") && check.stdout.contains(orphan), "\(check.stdout)")
    }

    @Test("history of an unknown id, and of an annotation whose earlier text was deleted, say what to do")
    func refusals() throws {
        let dir = ParallaxBinary.scratchProject()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = FileManager.default.createFile(atPath: dir + "/v1.txt", contents: Data(Self.v1.utf8))
        _ = FileManager.default.createFile(atPath: dir + "/v2.txt", contents: Data(Self.v2.utf8))
        let setup = try ParallaxBinary.run(["--set", "alice", "--no-color"], stdin: """
        doc add v1.txt id:memo authors:"Ali Wyne" date:2024
        mark memo "tactical at best"
        code reset-wedge -1
        doc update memo v2.txt

        """, directory: dir)
        #expect(setup.status == 0, "\(setup.stderr)")
        let unknown = try ParallaxBinary.run(["--set", "alice", "--no-color", "-c", "history 0000ZZZZ"], directory: dir)
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("history"), "\(unknown.stderr)")
        for name in try FileManager.default.contentsOfDirectory(atPath: dir + "/Corpus/versions") {
            try FileManager.default.removeItem(atPath: dir + "/Corpus/versions/" + name)
        }
        let list = try ParallaxBinary.run(["--set", "alice", "--no-color", "-c", "list --json"], directory: dir)
        let id = try #require((try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])?.first?["id"] as? String)
        let gone = try ParallaxBinary.run(["--set", "alice", "--no-color", "-c", "history \(id)"], directory: dir)
        #expect(gone.status == 0, "the current position is still shown: \(gone.stderr)")
        #expect(gone.stdout.contains("(the earlier text cannot be read)"))
        #expect(gone.stderr.contains("the earlier text is missing — restore it from git"), "\(gone.stderr)")
    }
}
