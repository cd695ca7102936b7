import Foundation
import Testing
import ParallaxCore
import ParallaxStore
import TestSupport

/// The per-set snapshot in `.parallax/`: used when current, rebuilt when the set file, its
/// codebook or the snapshot itself changed, and never changing what a load answers.
@Suite("Set snapshots")
struct SetSnapshotTests {
    let corpus = Fixtures.corpus

    /// A set file with every kind of line: the bundled baseline's annotations, a memo, an
    /// unknown field, damaged JSON, an annotation the validator refuses, a duplicate id, one
    /// whose document changed (re-anchored), invalid UTF-8, blank and CR LF lines.
    func mixedSet() -> [UInt8] {
        var file = Fixtures.bytes(Fixtures.annotationsDirectory + "/baseline.jsonl")!
        var extra = Fixtures.sampleAnnotation(id: "01SNAPEXTRA0000000000000000")
        extra.extra.set("reviewer", raw: Array(#""Zoë""#.utf8))
        extra.modified = "2026-11-24T10:00:00Z"
        extra.confidence = nil
        file += AnnotationCodec.encode(extra) + [0x0A]
        var refused = Fixtures.sampleAnnotation(id: "01SNAPREFUSED00000000000000")
        refused.stance = 7
        file += AnnotationCodec.encode(refused) + [0x0A]
        var moved = Fixtures.sampleAnnotation(id: "01SNAPMOVED0000000000000000")
        moved.target.hash = String(repeating: "0", count: 64)
        file += AnnotationCodec.encode(moved) + [0x0D, 0x0A]
        file += Array("{not json\n\n".utf8)
        file += AnnotationCodec.encode(extra) + [0x0A]
        file += [0x61, 0xFF, 0x0A]
        file += RecordCodec.encode(.memo(Memo(id: "01SNAPMEMO00000000000000000", target: .question("reset-wedge"),
                                              text: "a memo, “quoted”", created: "2026-11-24T10:00:00Z"))) + [0x0A]
        return file
    }

    /// Everything a load answers, as comparable values.
    struct Answers: Equatable {
        var byID: [String: Annotation]
        var damaged: [DamagedLine]
        var orphans: Set<String>
        var reanchored: Set<String>
        var memos: [String: Memo]
        var renames: [QuestionRename]
        var problems: [String]

        init(_ store: AnnotationStore, _ name: String) throws {
            let s = try store.set(name)
            byID = s.byID; damaged = s.damaged; orphans = s.orphans; reanchored = s.reanchored
            memos = s.memos; renames = s.renames
            problems = try store.problems(of: name).map(\.description)
        }
    }

    /// Loads `name` with snapshots on (every size) and returns the answers and how the file was read.
    func load(_ dir: String, _ name: String = "alice") throws -> (Answers, SetSnapshotCache.Outcome) {
        let store = try AnnotationStore(directory: dir, corpus: corpus)
        store.snapshotMinimumBytes = 0
        let answers = try Answers(store, name)
        return (answers, store.lastSnapshotOutcome)
    }

    /// The answers without any snapshot: the set file parsed as before snapshots existed.
    func parsed(_ dir: String, _ name: String = "alice") throws -> Answers {
        let store = try AnnotationStore(directory: dir, corpus: corpus)
        store.snapshotMinimumBytes = .max
        let answers = try Answers(store, name)
        #expect(store.lastSnapshotOutcome == .parsed)
        return answers
    }

    func snapshotPath(_ dir: String, _ name: String = "alice") -> String { dir + "/.parallax/\(name).snapshot" }

    @Test("a snapshot is written on the first load and read on the next, with the same answers")
    func hit() throws {
        let dir = Fixtures.annotationsDirectory(sets: ["alice": mixedSet()])
        let expected = try parsed(dir)
        #expect(expected.damaged.count == 4 && expected.reanchored.count == 1 && expected.memos.count == 1)
        let (first, firstOutcome) = try load(dir)
        #expect(firstOutcome == .rebuilt("no snapshot"))
        #expect(first == expected)
        #expect(Fixtures.bytes(snapshotPath(dir)) != nil)
        #expect(Fixtures.bytes(dir + "/.parallax/.gitignore") == Array("*\n".utf8))
        let (second, secondOutcome) = try load(dir)
        #expect(secondOutcome == .hit)
        #expect(second == expected)
    }

    @Test("small sets are parsed and get no snapshot")
    func smallSetsParse() throws {
        let dir = Fixtures.annotationsDirectory(sets: ["alice": mixedSet()])
        let store = try AnnotationStore(directory: dir, corpus: corpus)
        _ = try store.set("alice")
        #expect(store.lastSnapshotOutcome == .parsed)
        #expect(Fixtures.bytes(snapshotPath(dir)) == nil)
    }

    @Test("a set file changed by another process (same size, same modification time) is read again")
    func setFileEdited() throws {
        let dir = Fixtures.annotationsDirectory(sets: ["alice": mixedSet()])
        _ = try load(dir)
        let path = dir + "/alice.jsonl"
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        // One stance changed in place: -1 becomes -2, the file keeps its size and inode.
        var bytes = Fixtures.bytes(path)!
        let needle = Array(#""stance":-1"#.utf8)
        let at = (0...(bytes.count - needle.count)).first { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }!
        bytes[at + needle.count - 1] = UInt8(ascii: "2")
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.write(contentsOf: Data(bytes))
        try handle.close()
        try FileManager.default.setAttributes([.modificationDate: attributes[.modificationDate]!], ofItemAtPath: path)
        let (answers, outcome) = try load(dir)
        #expect(outcome == .rebuilt("the set file changed"))
        #expect(answers == (try parsed(dir)))
        #expect(answers.byID.values.contains { $0.stance == -2 })
        #expect(try load(dir).1 == .hit)
    }

    @Test("a set saved by a session (compacted) is read again")
    func setFileSaved() throws {
        let dir = Fixtures.annotationsDirectory(sets: ["alice": mixedSet()])
        _ = try load(dir)
        let store = try AnnotationStore(directory: dir, corpus: corpus)
        store.snapshotMinimumBytes = 0
        try store.add(Fixtures.sampleAnnotation(id: "01SNAPADDED0000000000000000"), to: "alice")
        try store.close()
        let (answers, outcome) = try load(dir)
        #expect(outcome == .rebuilt("the set file changed"))
        #expect(answers == (try parsed(dir)))
        #expect(answers.byID["01SNAPADDED0000000000000000"] != nil)
    }

    /// A set file with no damaged line: the baseline, a memo, an unknown field, one whose
    /// document changed (re-anchored) and one that cannot be placed any more (an orphan).
    func cleanSet() -> [UInt8] {
        var file = Fixtures.bytes(Fixtures.annotationsDirectory + "/baseline.jsonl")!
        var extra = Fixtures.sampleAnnotation(id: "01SNAPEXTRA0000000000000000")
        extra.extra.set("reviewer", raw: Array(#""Zoë""#.utf8))
        file += AnnotationCodec.encode(extra) + [0x0A]
        var moved = Fixtures.sampleAnnotation(id: "01SNAPMOVED0000000000000000")
        moved.target.hash = String(repeating: "0", count: 64)
        file += AnnotationCodec.encode(moved) + [0x0A]
        var lost = Fixtures.sampleAnnotation(id: "01SNAPLOST00000000000000000")
        lost.target.hash = String(repeating: "0", count: 64)
        lost.target.exact = "words that are in no document of the corpus at all"
        lost.target.prefix = "qqqq xxxx zzzz"
        lost.target.suffix = "jjjj kkkk wwww"
        file += AnnotationCodec.encode(lost) + [0x0A]
        file += RecordCodec.encode(.memo(Memo(id: "01SNAPMEMO00000000000000000", target: .question("reset-wedge"),
                                              text: "a memo, “quoted”", created: "2026-11-24T10:00:00Z"))) + [0x0A]
        return file
    }

    @Test("a save leaves the snapshot of the file it wrote: the next process reads it without parsing, with the answers of a parse")
    func writtenBySave() throws {
        let dir = Fixtures.annotationsDirectory(sets: ["alice": cleanSet()])
        let store = try AnnotationStore(directory: dir, corpus: corpus)
        store.snapshotMinimumBytes = 0
        #expect(try store.set("alice").orphans.count == 1)
        try store.add(Fixtures.sampleAnnotation(id: "01SNAPADDED0000000000000000"), to: "alice")
        try store.close()
        #expect(store.lastSaveSnapshotWritten)
        let expected = try parsed(dir)
        #expect(expected.byID["01SNAPADDED0000000000000000"] != nil && expected.orphans.count == 1 && expected.memos.count == 1)
        let (answers, outcome) = try load(dir)
        #expect(outcome == .hit)
        #expect(answers == expected)

        // The file changed in place after the save (same size, same modification time): read again.
        let path = dir + "/alice.jsonl"
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        var bytes = Fixtures.bytes(path)!
        let needle = Array(#""stance":-1"#.utf8)
        let at = (0...(bytes.count - needle.count)).first { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }!
        bytes[at + needle.count - 1] = UInt8(ascii: "2")
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.write(contentsOf: Data(bytes))
        try handle.close()
        try FileManager.default.setAttributes([.modificationDate: attributes[.modificationDate]!], ofItemAtPath: path)
        let (edited, editedOutcome) = try load(dir)
        #expect(editedOutcome == .rebuilt("the set file changed"))
        #expect(edited == (try parsed(dir)))
    }

    @Test("a set with damaged lines gets no snapshot from its save: the next load parses it")
    func notWrittenWithDamagedLines() throws {
        let dir = Fixtures.annotationsDirectory(sets: ["alice": mixedSet()])
        let store = try AnnotationStore(directory: dir, corpus: corpus)
        store.snapshotMinimumBytes = 0
        try store.add(Fixtures.sampleAnnotation(id: "01SNAPADDED0000000000000000"), to: "alice")
        try store.close()
        #expect(!store.lastSaveSnapshotWritten)
        // The snapshot its load left is stale now.
        let (answers, outcome) = try load(dir)
        #expect(outcome == .rebuilt("the set file changed"))
        #expect(answers == (try parsed(dir)))
    }

    @Test("the slices made from a set in memory are those parsing its saved file gives, field by field")
    func savedSlices() throws {
        let dir = Fixtures.annotationsDirectory(sets: ["alice": cleanSet()])
        let store = try AnnotationStore(directory: dir, corpus: corpus)
        var set = try store.set("alice")
        for k in 0..<3000 {
            let digits = String(k)
            var a = Fixtures.sampleAnnotation(id: "01SNAPMANY" + String(repeating: "0", count: 16 - digits.count) + digits, stance: k % 3 - 1)
            a.tags = k % 2 == 0 ? ["b", "a"] : []
            a.note = "note \(k) “ş”"
            set.byID[a.id] = a
        }
        let validator = AnnotationValidator(corpus: corpus, codebook: store.codebook)
        let order = SetFile.sortedByID(set.byID)
        let check: @Sendable (Annotation) -> AnnotationValidator.Verdict = { validator.check($0) }
        let saved = SetFile.savedSlices(of: set, order: order, check: check)
        let made = try #require(saved)
        let path = dir + "/many.jsonl"
        let checksum = try SetFile.save(set, order: order, to: path, fs: PosixFileSystem())
        let file = try #require(Fixtures.bytes(path))
        #expect(checksum == ContentChecksum.of(file))
        let parsedSlices = SetFile.parseSlices(file, check: { validator.check($0) })
        func flat<T>(_ slices: [SetFile.Slice], _ f: (SetFile.Slice) -> [T]) -> [T] { slices.flatMap(f) }
        #expect(flat(made) { $0.lines.map(\.number) } == flat(parsedSlices) { $0.lines.map(\.number) })
        #expect(flat(made) { $0.lines.map(\.annotation) } == flat(parsedSlices) { $0.lines.map(\.annotation) })
        #expect(flat(made, \.verdicts) == flat(parsedSlices, \.verdicts))
        #expect(flat(made) { $0.records.map(\.number) } == flat(parsedSlices) { $0.records.map(\.number) })
        #expect(flat(made) { $0.records.map(\.record) } == flat(parsedSlices) { $0.records.map(\.record) })
        #expect(flat(parsedSlices, \.damaged).isEmpty)
        #expect(made.reduce(0) { $0 + $1.count } == parsedSlices.reduce(0) { $0 + $1.count })
        #expect(flat(made, \.verdicts).contains(.documentChanged))
    }

    @Test("the running checksum of bytes in pieces equals the checksum of them all, however they are cut")
    func runningChecksum() {
        var generator = SystemRandomNumberGenerator()
        for length in [0, 1, 7, 8, 31, 32, 33, 64, 100, 1000] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            for _ in 0..<20 {
                var running = ContentChecksum.Running()
                var at = 0
                while at < length {
                    let piece = Int.random(in: 1...40, using: &generator)
                    let end = min(length, at + piece)
                    bytes[at..<end].withUnsafeBytes { running.add($0) }
                    at = end
                }
                #expect(running.value == ContentChecksum.of(bytes), "length \(length)")
            }
        }
    }

    @Test("a journal appended after the snapshot is replayed over it")
    func journalAppended() throws {
        let dir = Fixtures.annotationsDirectory(sets: ["alice": mixedSet()])
        _ = try load(dir)
        let writer = try AnnotationStore(directory: dir, corpus: corpus)
        writer.snapshotMinimumBytes = 0
        let added = Fixtures.sampleAnnotation(id: "01SNAPJOURNAL00000000000000")
        try writer.add(added, to: "alice")
        let gone = try writer.set("alice").byID.keys.sorted()[0]
        try writer.delete(gone, from: "alice")
        // The writer still holds the set: its changes are in the journal, the file is as it was.
        let (answers, outcome) = try load(dir)
        #expect(outcome == .hit)
        #expect(answers.byID[added.id] == added)
        #expect(answers.byID[gone] == nil)
        #expect(answers == (try parsed(dir)))
        try writer.close()
    }

    @Test("a changed codebook makes the snapshot stale")
    func codebookChanged() throws {
        let dir = Fixtures.annotationsDirectory(sets: ["alice": mixedSet()])
        _ = try load(dir)
        let store = try AnnotationStore(directory: dir, corpus: corpus)
        try store.addQuestion(Question(id: "snapshot-q", text: "A new question?",
                                       scale: [Question.Point(value: 0, label: "no"), Question.Point(value: 1, label: "yes")]))
        let (answers, outcome) = try load(dir)
        #expect(outcome == .rebuilt("the codebook changed"))
        #expect(answers == (try parsed(dir)))
        #expect(try load(dir).1 == .hit)
    }

    @Test("a truncated or damaged snapshot is detected, the set is read again with the same answers, and the snapshot is rewritten")
    func corrupt() throws {
        let dir = Fixtures.annotationsDirectory(sets: ["alice": mixedSet()])
        let expected = try parsed(dir)
        _ = try load(dir)
        let good = Fixtures.bytes(snapshotPath(dir))!
        var damaged: [(String, [UInt8])] = [
            ("empty", []),
            ("truncated to half", Array(good.prefix(good.count / 2))),
            ("last byte cut", Array(good.dropLast())),
            ("one byte more", good + [0]),
        ]
        // A flipped bit at every 97th byte (header, key, tables, every group).
        for at in stride(from: 0, to: good.count, by: 97) + [good.count - 1] {
            var b = good
            b[at] ^= 0x10
            damaged.append(("bit flipped at \(at)", b))
        }
        for (what, bytes) in damaged {
            _ = FileManager.default.createFile(atPath: snapshotPath(dir), contents: Data(bytes))
            let (answers, outcome) = try load(dir)
            let accepted = outcome == .hit
            // A flip inside the key's identity or checksum fields may also read as stale: either
            // way it is rebuilt, never used.
            #expect(!accepted, "\(what): a damaged snapshot was used")
            #expect(answers == expected, "\(what)")
            #expect(try load(dir).1 == .hit, "\(what): the snapshot was not rewritten")
        }
    }

    @Test("the snapshot encodes and decodes the parsed slices field for field")
    func roundTrip() throws {
        let codebook = try AnnotationStore(directory: Fixtures.annotationsDirectory(), corpus: corpus).codebook
        let validator = AnnotationValidator(corpus: corpus, codebook: codebook)
        let slices = SetFile.parseSlices(mixedSet(), check: { validator.check($0) })
        let key = SetSnapshot.Key(identity: [1, 2, 3, 4, 5, 6, 7], contentChecksum: 8, racy: true, corpus: 9, codebook: 10)
        let bytes = try #require(SetSnapshot.encode(slices, key: key)).flatMap { $0 }
        let decoded = try #require(bytes.withUnsafeBytes { SetSnapshot.decode($0) })
        #expect(bytes.withUnsafeBytes { SetSnapshot.key(of: $0) } == key)
        #expect(decoded.count == slices.count)
        for (d, s) in zip(decoded, slices) {
            #expect(d.count == s.count)
            #expect(d.lines.map(\.number) == s.lines.map(\.number))
            #expect(d.lines.map(\.annotation) == s.lines.map(\.annotation))
            #expect(d.verdicts == s.verdicts)
            #expect(d.damaged == s.damaged)
            #expect(d.records.map(\.number) == s.records.map(\.number))
            #expect(d.records.map(\.record) == s.records.map(\.record))
        }
    }

    @Test("the content checksum changes with any one byte and with the length")
    func checksum() {
        let base = Array((0..<200).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        let h = ContentChecksum.of(base)
        for at in base.indices {
            var b = base
            b[at] ^= 1
            #expect(ContentChecksum.of(b) != h, "byte \(at)")
        }
        #expect(ContentChecksum.of(Array(base.dropLast())) != h)
        #expect(ContentChecksum.of(base + [0]) != h)
    }
}
