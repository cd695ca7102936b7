import Foundation
import Testing
import ParallaxCore
import ParallaxStore
import TestSupport

@Suite("Annotation store")
struct StoreTests {
    let corpus = Fixtures.corpus

    func line(_ a: Annotation) -> [UInt8] { AnnotationCodec.encode(a) + [0x0A] }

    @Test("an added annotation is on disk before add returns, and survives a new session")
    func durableAdd() throws {
        let dir = Fixtures.annotationsDirectory()
        let store = try AnnotationStore(directory: dir, corpus: corpus)
        let a = Fixtures.sampleAnnotation()
        try store.add(a, to: "alice")
        // No compaction yet: the journal holds it, in the runtime folder git ignores.
        #expect(Fixtures.bytes(dir + "/.parallax/alice.journal") != nil)
        #expect(Fixtures.bytes(dir + "/.parallax/.gitignore") == Array("*\n".utf8))
        #expect(Fixtures.bytes(dir + "/alice.journal") == nil)
        let other = try AnnotationStore(directory: dir, corpus: corpus)
        #expect(try other.set("alice").byID[a.id] == a)
        try store.close()
        #expect(Fixtures.bytes(dir + "/.parallax/alice.journal") == nil)
        #expect(Fixtures.bytes(dir + "/alice.jsonl") == line(a))
        let left = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        #expect(left == [".parallax", "alice.jsonl", "codebook.json"], "nothing but sets beside the sets: \(left)")
        #expect(try AnnotationStore(directory: dir, corpus: corpus).set("alice").byID[a.id] == a)
    }

    @Test("unknown fields survive load and save")
    func unknownFields() throws {
        var a = Fixtures.sampleAnnotation()
        a.extra.set("reviewer", raw: Array(#""Zoë""#.utf8))
        let dir = Fixtures.annotationsDirectory(sets: ["alice": line(a)])
        let store = try AnnotationStore(directory: dir, corpus: corpus)
        var b = Fixtures.sampleAnnotation(id: "01TESTBBBBBBBBBBBBBBBBBBBB")
        b.note = ""
        try store.add(b, to: "alice")
        try store.close()
        let saved = String(decoding: Fixtures.bytes(dir + "/alice.jsonl")!, as: UTF8.self)
        #expect(saved.contains(#","reviewer":"Zoë"}"#))
        #expect(saved.split(separator: "\n").count == 2)
    }

    @Test("damaged lines are reported with file:line, the rest loads, and a save keeps them")
    func damaged() throws {
        let good = Fixtures.sampleAnnotation()
        func variant(_ id: String, _ change: (inout Annotation) -> Void) -> [UInt8] {
            var a = Fixtures.sampleAnnotation(id: id); change(&a); return line(a)
        }
        var file: [UInt8] = line(good)
        file += Array("{not json\n".utf8)                                                            // 2
        file += Array(#"{"id":"W","stance":"x"}"#.utf8) + [0x0A]                                      // 3
        file += variant("01OUTSIDE") { $0.target.start = 60_000; $0.target.end = 60_010 }            // 4
        file += variant("01REVERSED") { swap(&$0.target.start, &$0.target.end) }                     // 5
        file += variant("01QUESTION") { $0.question = "reset-wedg" }                                 // 6
        file += variant("01ANALYST") { $0.analyst = "nobody" }                                       // 7
        file += variant("01STANCE") { $0.stance = 3 }                                                // 8
        file += line(good)                                                                           // 9 duplicate
        file += [0x61, 0xFF, 0x0A]                                                                   // 10 invalid UTF-8
        let dir = Fixtures.annotationsDirectory(sets: ["alice": file])
        let store = try AnnotationStore(directory: dir, corpus: corpus)
        let set = try store.set("alice")
        #expect(set.byID.keys.sorted() == [good.id])
        let problems = try store.problems(of: "alice").map(\.description)
        let path = dir + "/alice.jsonl"
        let expected: [(Int, String)] = [
            (2, "column 2: expected a string"),
            (3, "\"stance\": expected a number"),
            (4, "lies outside document brookings"),
            (5, "reversed span"),
            (6, "unknown question \"reset-wedg\" (did you mean reset-wedge?)"),
            (7, "unknown analyst \"nobody\""),
            (8, "stance 3 is off the scale of reset-wedge"),
            (9, "duplicate id \(good.id) (first on line 1)"),
            (10, "invalid UTF-8"),
        ]
        #expect(problems.count == expected.count, "\(problems)")
        for (n, text) in expected {
            #expect(problems.contains { $0.hasPrefix("\(path):\(n): ") && $0.contains(text) }, "line \(n): \(text) in \(problems)")
        }
        // A change and a save keep every damaged line, verbatim.
        try store.delete(good.id, from: "alice")
        try store.close()
        let saved = Fixtures.bytes(path)!
        let kept = saved.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        #expect(kept.contains(Array("{not json".utf8)))
        #expect(kept.contains([0x61, 0xFF]))
        #expect(kept.filter { !$0.isEmpty }.count == 9)
    }

    @Test("a byte-order mark, CRLF line ends, no final newline and an empty file are handled")
    func fileShapes() throws {
        let a = Fixtures.sampleAnnotation()
        let b = Fixtures.sampleAnnotation(id: "01TESTBBBBBBBBBBBBBBBBBBBB")
        let crlf = [0xEF, 0xBB, 0xBF] + AnnotationCodec.encode(a) + [0x0D, 0x0A] + AnnotationCodec.encode(b)
        let dir = Fixtures.annotationsDirectory(sets: ["crlf": crlf, "empty": []])
        let store = try AnnotationStore(directory: dir, corpus: corpus)
        #expect(try store.set("crlf").count == 2)
        #expect(try store.problems(of: "crlf").isEmpty)
        #expect(try store.set("empty").count == 0)
        #expect(try store.set("missing").count == 0)
        #expect(try store.setNames() == ["crlf", "empty"])
    }

    @Test("set names are validated", arguments: ["../x", "a/b", ".hidden", "", "-x", "codebook", String(repeating: "a", count: 65)])
    func names(name: String) throws {
        let store = try AnnotationStore(directory: Fixtures.annotationsDirectory(), corpus: corpus)
        #expect(throws: ParallaxError.self) { try store.set(name) }
    }

    @Test("a second writer is told who holds the set and cannot write")
    func lock() throws {
        let dir = Fixtures.annotationsDirectory()
        let first = try AnnotationStore(directory: dir, corpus: corpus)
        let second = try AnnotationStore(directory: dir, corpus: corpus)
        try first.add(Fixtures.sampleAnnotation(), to: "alice")
        let error = try #require(throws: ParallaxError.self) {
            try second.add(Fixtures.sampleAnnotation(id: "01TESTBBBBBBBBBBBBBBBBBBBB"), to: "alice")
        }
        #expect(error.kind == .locked)
        #expect(error.message.contains("pid \(ProcessInfo.processInfo.processIdentifier) on "))
        // Reading still works, and once the first closes, the second can write.
        #expect(try second.set("alice").count == 1)
        try first.close()
        try second.add(Fixtures.sampleAnnotation(id: "01TESTBBBBBBBBBBBBBBBBBBBB"), to: "alice")
        #expect(try second.set("alice").count == 2, "the second writer reloads what the first wrote")
    }

    @Test("undo and redo of add, edit and delete")
    func undoRedo() throws {
        let dir = Fixtures.annotationsDirectory()
        let store = try AnnotationStore(directory: dir, corpus: corpus)
        var a = Fixtures.sampleAnnotation()
        try store.add(a, to: "alice")
        a.stance = -2
        try store.update(a, in: "alice")
        try store.delete(a.id, from: "alice")
        #expect(try store.set("alice").count == 0)
        #expect(try store.undo() == "undid delete of \(a.id) in alice")
        #expect(try store.set("alice").byID[a.id]?.stance == -2)
        #expect(try store.undo() != nil)
        #expect(try store.set("alice").byID[a.id]?.stance == -1)
        #expect(try store.redo() != nil)
        #expect(try store.set("alice").byID[a.id]?.stance == -2)
        #expect(try store.undo() != nil)
        #expect(try store.undo() != nil)
        #expect(try store.set("alice").count == 0)
        #expect(try store.undo() == nil)
        // Undo is durable too.
        #expect(try AnnotationStore(directory: dir, corpus: corpus).set("alice").count == 0)
    }

    @Test("invalid annotations are refused before anything is written")
    func refuseInvalid() throws {
        let dir = Fixtures.annotationsDirectory()
        let store = try AnnotationStore(directory: dir, corpus: corpus)
        var a = Fixtures.sampleAnnotation()
        a.stance = 7
        #expect(throws: ParallaxError.self) { try store.add(a, to: "alice") }
        #expect(try store.set("alice").count == 0)
        #expect(Fixtures.bytes(dir + "/.parallax/alice.journal") == nil)
    }

    /// Found by the crash campaign: every writer killed during a compaction left its
    /// `NAME.jsonl.tmp-PID` behind, and nothing ever removed them.
    @Test("the next writer removes temporary files a killed compaction left; other sets' are not touched")
    func staleTemporaries() throws {
        let dir = Fixtures.annotationsDirectory(sets: ["alice": line(Fixtures.sampleAnnotation())])
        // Beside the sets (an older version's) and in the runtime folder.
        try FileManager.default.createDirectory(atPath: dir + "/.parallax", withIntermediateDirectories: true)
        for name in ["alice.jsonl.tmp-99998", "alice.jsonl.tmp-99999", "bob.jsonl.tmp-99999", ".parallax/alice.jsonl.tmp-99997"] {
            _ = FileManager.default.createFile(atPath: dir + "/" + name, contents: Data("{\"torn".utf8))
        }
        let store = try AnnotationStore(directory: dir, corpus: corpus)
        #expect(try store.set("alice").count == 1, "reading leaves them alone")
        #expect(FileManager.default.fileExists(atPath: dir + "/alice.jsonl.tmp-99999"))
        try store.add(Fixtures.sampleAnnotation(id: "01TESTBBBBBBBBBBBBBBBBBBBB"), to: "alice")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        #expect(!files.contains { $0.hasPrefix("alice.jsonl.tmp-") }, "\(files)")
        #expect(files.contains("bob.jsonl.tmp-99999"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/.parallax/alice.jsonl.tmp-99997"))
        try store.close()
        #expect(try AnnotationStore(directory: dir, corpus: corpus).set("alice").count == 2)
    }

    @Test("a torn journal tail is ignored and the rest replays")
    func tornJournal() throws {
        let a = Fixtures.sampleAnnotation()
        let dir = Fixtures.annotationsDirectory()
        let journal = Array("put ".utf8) + line(a) + Array("put {\"id\":\"01TORN".utf8)
        _ = FileManager.default.createFile(atPath: dir + "/alice.journal", contents: Data(journal))
        let store = try AnnotationStore(directory: dir, corpus: corpus)
        #expect(try store.set("alice").byID.keys.sorted() == [a.id])
        #expect(try store.problems(of: "alice").isEmpty)
    }

    @Test("a batch cut short by a crash is left out whole (found by the crash-state enumeration)")
    func tornBatch() throws {
        let a = Fixtures.sampleAnnotation(), b = Fixtures.sampleAnnotation(id: "01TESTBBBBBBBBBBBBBBBBBBBB")
        let c = Fixtures.sampleAnnotation(id: "01TESTCCCCCCCCCCCCCCCCCCCC")
        let dir = Fixtures.annotationsDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // One acknowledged entry, then an import of three torn after two complete lines.
        let journal = Array("put ".utf8) + line(a) + Array("batch 3\nput ".utf8) + line(b) + Array("put ".utf8) + line(c)
        _ = FileManager.default.createFile(atPath: dir + "/alice.journal", contents: Data(journal))
        let store = try AnnotationStore(directory: dir, corpus: corpus)
        #expect(try store.set("alice").byID.keys.sorted() == [a.id])
        #expect(try store.problems(of: "alice").isEmpty)
        // A complete batch replays whole.
        let whole = journal + Array("put ".utf8) + line(Fixtures.sampleAnnotation(id: "01TESTDDDDDDDDDDDDDDDDDDDD"))
        #expect(Journal.parse(whole).entries.count == 4 && !Journal.parse(whole).torn)
    }

    @Test("a change after a torn journal tail is not glued onto it (found by the crash-state enumeration)")
    func appendAfterTornTail() throws {
        let a = Fixtures.sampleAnnotation(), b = Fixtures.sampleAnnotation(id: "01TESTBBBBBBBBBBBBBBBBBBBB")
        for tail in ["put {\"id\":\"01TORN", "batch 2\nput {\"id\":\"01TORN\"}\n", "\0\0\0"] {
            let dir = Fixtures.annotationsDirectory()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            _ = FileManager.default.createFile(atPath: dir + "/alice.journal", contents: Data(Array("put ".utf8) + line(a) + Array(tail.utf8)))
            let writer = try AnnotationStore(directory: dir, corpus: corpus)
            try writer.add(b, to: "alice")
            // The writer is killed here, before any compaction of its own.
            let reader = try AnnotationStore(directory: dir, corpus: corpus)
            #expect(try reader.set("alice").byID.keys.sorted() == [a.id, b.id], "tail \(tail.debugDescription)")
            #expect(try reader.problems(of: "alice").isEmpty, "tail \(tail.debugDescription)")
        }
    }

    @Test("questions added to the codebook persist")
    func addQuestion() throws {
        let dir = Fixtures.annotationsDirectory()
        let store = try AnnotationStore(directory: dir, corpus: corpus)
        let q = Question(id: "sanctions-work", text: "Do sanctions on Russia work?",
                         scale: [.init(value: -1, label: "no"), .init(value: 0, label: "partly"), .init(value: 1, label: "yes")])
        try store.addQuestion(q)
        #expect(throws: ParallaxError.self) { try store.addQuestion(q) }
        let again = try AnnotationStore(directory: dir, corpus: corpus)
        #expect(again.codebook.question("sanctions-work") == q)
        #expect(again.codebook.questions.count == 11)
    }

    @Test("the shipped codebook holds the ten shared questions with their scales")
    func shippedCodebook() throws {
        let store = try AnnotationStore(directory: Fixtures.annotationsDirectory, corpus: corpus)
        #expect(store.codebook.questions.map(\.id) == [
            "reset-wedge", "alignment-endures", "us-russia-reset", "war-ends-soon", "china-peacemaker",
            "china-reconstruction", "axis-coherence", "transatlantic-china", "china-security-threat", "global-south"])
        #expect(store.codebook.questions.allSatisfy { $0.values == [-2, -1, 0, 1, 2] })
        let q = try store.codebook.require("reset-wedge")
        #expect(q.scale.map(\.label) == ["no", "unlikely", "uncertain / conditional", "plausible", "likely"])
        #expect(try q.stance("unlikely") == -1)
        #expect(try q.stance("+2") == 2)
        #expect(try q.stance("plaus") == 1)
        #expect(throws: ParallaxError.self) { try q.stance("5") }
        #expect(Fixtures.bytes(Fixtures.annotationsDirectory + "/codebook.json") == store.codebook.encoded(),
                "the codebook file is in canonical form")
    }
}
