import Foundation
import Testing
import ParallaxCore
import ParallaxStore
import ParallaxREPL
import TestSupport

/// Every crash state the file system allows (``CrashStates``, ALICE's model) after each
/// durable operation of the store: a fresh store on the disk image must load without a
/// damaged line, hold every change acknowledged before the crash, show no unacknowledged
/// change half-done, and accept a new change. The number of states checked per operation is
/// printed (and recorded in docs/reliability.md); `CRASH_STATES_PER_PREFIX` raises the
/// sample taken where a crash point allows many combinations (Scripts/crash-states runs all).
@Suite("Crash states", .serialized)
struct CrashStateTests {
    static let seed: UInt64 = ProcessInfo.processInfo.environment["CRASH_STATES_SEED"].flatMap { UInt64($0) } ?? 20261204
    static let verbose = ProcessInfo.processInfo.environment["CRASH_STATES_VERBOSE"] != nil
    static let perPrefixAsked = ProcessInfo.processInfo.environment["CRASH_STATES_PER_PREFIX"].flatMap { Int($0) }
    static let perPrefix = perPrefixAsked ?? 60

    static func annotation(_ n: Int, stance: Int = -1, note: String = "") -> Annotation {
        var a = Fixtures.sampleAnnotation(id: "01CRASH" + String(repeating: "0", count: 17) + String(format: "%02d", n), stance: stance)
        if !note.isEmpty { a.note = note }
        return a
    }

    /// Runs `act` on a folder prepared by `setUp`, recording its calls, then checks every crash
    /// state with `check` (given the materialised folder and the state).
    /// `perPrefix` lowers the suite's sample for an operation whose states are slow to check
    /// (`CRASH_STATES_PER_PREFIX` overrides it).
    @discardableResult
    func explore(_ name: String, perPrefix: Int? = nil, setUp: (String) throws -> Void, act: (RecordingFileSystem, String) throws -> Void,
                 check: (String, CrashStates.State) throws -> Void) throws -> CrashStates.Count {
        let perPrefix = Self.perPrefixAsked ?? perPrefix ?? Self.perPrefix
        let dir = Fixtures.temporaryDirectory("parallax-crash-run")
        // Each state is opened and written to: in memory (tmpfs) when there is one, as the
        // states' own fsyncs prove nothing and only cost time.
        let scratch = FileManager.default.fileExists(atPath: "/dev/shm")
            ? "/dev/shm/parallax-crash-state-\(UUID().uuidString)" : Fixtures.temporaryDirectory("parallax-crash-state")
        defer {
            try? FileManager.default.removeItem(atPath: dir)
            try? FileManager.default.removeItem(atPath: scratch)
        }
        try setUp(dir)
        let initial = CrashStates.snapshot(dir)
        let fs = RecordingFileSystem(root: dir)
        try act(fs, dir)
        let states = CrashStates(initial: initial, operations: fs.operations)
        let count = try states.enumerate(perPrefix: perPrefix, seed: Self.seed) { state in
            try? FileManager.default.removeItem(atPath: scratch)
            try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
            try state.materialise(in: scratch)
            if Self.verbose {
                print("state at crash point \(state.prefix) (acknowledged: \(state.acknowledged)): \(state.choices)")
                for (path, bytes) in state.files.sorted(by: { $0.key < $1.key }) where !path.hasSuffix(".lock") && path != "codebook.json" {
                    print("  \(path): \(bytes.count) bytes \(String(decoding: bytes.prefix(60), as: UTF8.self).debugDescription)")
                }
            }
            try check(scratch, state)
        }
        print("crash states: \(name): \(count) after \(fs.operations.filter { if case .mark = $0 { false } else { true } }.count) calls; seed \(Self.seed), \(perPrefix) per crash point")
        #expect(count.states > 0)
        return count
    }

    /// A fresh store on the image: loads, no damaged line in `sets`, and takes a new change
    /// (which runs recovery under the lock and folds the journal), then loads clean again.
    /// `probe` is the question of that new change (one the codebook still has).
    func openClean(_ dir: String, sets: [String], _ state: CrashStates.State, probe: String = "reset-wedge") throws -> AnnotationStore {
        let store = try AnnotationStore(directory: dir, corpus: Fixtures.corpus)
        for s in sets {
            let problems = try store.problems(of: s).filter { $0.kind != .conflict }
            #expect(problems.isEmpty, "\(problems) at crash point \(state.prefix): \(state.choices)")
        }
        let writer = try AnnotationStore(directory: dir, corpus: Fixtures.corpus)
        var added = Self.annotation(99)
        added.question = probe
        try writer.add(added, to: sets[0])
        // As a reader would find it if the writer were killed now, before compacting.
        let meanwhile = try AnnotationStore(directory: dir, corpus: Fixtures.corpus)
        #expect(try meanwhile.set(sets[0]).byID[added.id] == added,
                "a change after recovery lost at crash point \(state.prefix): \(state.choices)")
        #expect(try meanwhile.problems(of: sets[0]).filter { $0.kind != .conflict }.isEmpty)
        try writer.close()
        let again = try AnnotationStore(directory: dir, corpus: Fixtures.corpus)
        #expect(try again.problems(of: sets[0]).filter { $0.kind != .conflict }.isEmpty)
        return store
    }

    func setWith(_ annotations: [Annotation]) -> (String) throws -> Void {
        { dir in
            let codebook = Fixtures.bytes(Fixtures.annotationsDirectory + "/codebook.json")!
            _ = FileManager.default.createFile(atPath: dir + "/codebook.json", contents: Data(codebook))
            if !annotations.isEmpty {
                _ = FileManager.default.createFile(atPath: dir + "/s.jsonl", contents: Data(SetFile.encode(annotations, damaged: [])))
            }
        }
    }

    /// Each acknowledged annotation is in the set as written; an unacknowledged one is whole
    /// or absent.
    func expectAnnotations(_ set: AnnotationSet, base: [Annotation], changes: [Annotation], _ state: CrashStates.State) {
        for a in base { #expect(set.byID[a.id] == a, "base annotation \(a.id) lost at crash point \(state.prefix): \(state.choices)") }
        for a in changes {
            if state.acknowledged.contains(a.id) {
                #expect(set.byID[a.id] == a, "acknowledged \(a.id) lost at crash point \(state.prefix): \(state.choices)")
            } else if let found = set.byID[a.id] {
                #expect(found == a, "half-done \(a.id) at crash point \(state.prefix)")
            }
        }
    }

    @Test("journal appends: each acknowledged change survives every crash state")
    func journalAppend() throws {
        let base = [Self.annotation(1)]
        let changes = [Self.annotation(2), Self.annotation(3, stance: 1), Self.annotation(4, note: "“quoted” — ı")]
        try explore("journal append", setUp: setWith(base), act: { fs, dir in
            let store = try AnnotationStore(directory: dir, corpus: Fixtures.corpus, fs: fs)
            for a in changes { try store.add(a, to: "s"); fs.mark(a.id) }
        }, check: { dir, state in
            let store = try openClean(dir, sets: ["s"], state)
            expectAnnotations(try store.set("s"), base: base, changes: changes, state)
        })
    }

    @Test("compaction: the set file and journal in every crash state keep what was acknowledged")
    func compaction() throws {
        let base = [Self.annotation(1), Self.annotation(2)]
        let changes = [Self.annotation(3), Self.annotation(4), Self.annotation(5), Self.annotation(6)]
        try explore("compaction", setUp: setWith(base), act: { fs, dir in
            let store = try AnnotationStore(directory: dir, corpus: Fixtures.corpus, fs: fs)
            store.compactionThreshold = 2
            for a in changes { try store.add(a, to: "s"); fs.mark(a.id) }
            try store.delete(base[1].id, from: "s")
            fs.mark("delete")
            try store.close()
        }, check: { dir, state in
            let store = try openClean(dir, sets: ["s"], state)
            let set = try store.set("s")
            expectAnnotations(set, base: [base[0]], changes: changes, state)
            if state.acknowledged.contains("delete") { #expect(set.byID[base[1].id] == nil) }
            else { #expect(set.byID[base[1].id] == nil || set.byID[base[1].id] == base[1]) }
        })
    }

    @Test("codebook save (question add): the codebook is old or new, never torn")
    func codebookSave() throws {
        var added: Codebook?
        try explore("codebook save", setUp: setWith([]), act: { fs, dir in
            let store = try AnnotationStore(directory: dir, corpus: Fixtures.corpus, fs: fs)
            var q = store.codebook.questions[0]
            q.id = "crash-question"
            try store.addQuestion(q)
            added = store.codebook
            fs.mark("question")
        }, check: { dir, state in
            let store = try AnnotationStore(directory: dir, corpus: Fixtures.corpus)
            if state.acknowledged.contains("question") { #expect(store.codebook == added) }
            #expect(store.codebook.questions.count == added!.questions.count || store.codebook.questions.count == added!.questions.count - 1)
        })
    }

    @Test("merge driver: the set is ours or merged, and merged only with its conflicts recorded")
    func mergeDriver() throws {
        let base = SetFile.encode([Self.annotation(1)], damaged: [])
        let ours = SetFile.encode([Self.annotation(1, stance: -2)], damaged: [])
        let theirs = SetFile.encode([Self.annotation(1, stance: 1), Self.annotation(2)], damaged: [])
        let merged = SetMerge.merge(base: SetContents(parsing: base), ours: SetContents(parsing: ours), theirs: SetContents(parsing: theirs))
        let conflicts = ConflictFile.encode(merged.conflicts)
        try explore("merge driver", setUp: { dir in
            try setWith([])(dir)
            for (name, bytes) in [("base", base), ("theirs", theirs)] {
                _ = FileManager.default.createFile(atPath: dir + "/" + name, contents: Data(bytes))
            }
            _ = FileManager.default.createFile(atPath: dir + "/s.jsonl", contents: Data(ours))
        }, act: { fs, dir in
            let status = MergeDriver.run([dir + "/base", dir + "/s.jsonl", dir + "/theirs", dir + "/s.jsonl"], fs: fs, err: StringSink())
            #expect(status == 1)
            fs.mark("merged")
        }, check: { dir, state in
            let set = Fixtures.bytes(dir + "/s.jsonl")
            let recorded = Fixtures.bytes(RuntimeDirectory.path(of: "s.conflicts.jsonl", in: dir))
            #expect(set == ours || set == merged.bytes, "torn set at crash point \(state.prefix): \(state.choices)")
            #expect(recorded == nil || recorded == conflicts, "torn conflicts file at crash point \(state.prefix): \(state.choices)")
            if set == merged.bytes { #expect(recorded == conflicts, "merged without its conflicts at crash point \(state.prefix)") }
            if state.acknowledged.contains("merged") { #expect(set == merged.bytes) }
            _ = try openClean(dir, sets: ["s"], state)
        })
    }

    @Test("import into one set: all of the batch or none")
    func importOneSet() throws {
        let batch = [Self.annotation(2), Self.annotation(3), Self.annotation(4)]
        try explore("import (one set)", setUp: setWith([Self.annotation(1)]), act: { fs, dir in
            let store = try AnnotationStore(directory: dir, corpus: Fixtures.corpus, fs: fs)
            try store.addAll(["s": batch])
            fs.mark("import")
        }, check: { dir, state in
            let set = try openClean(dir, sets: ["s"], state).set("s")
            let present = batch.filter { set.byID[$0.id] == $0 }.count
            #expect(present == 0 || present == 3, "\(present) of 3 imported at crash point \(state.prefix): \(state.choices)")
            if state.acknowledged.contains("import") { #expect(present == 3) }
        })
    }

    @Test("import into two sets: both or neither")
    func importTwoSets() throws {
        let intoS = [Self.annotation(2), Self.annotation(3)], intoT = [Self.annotation(4)]
        try explore("import (two sets)", setUp: setWith([Self.annotation(1)]), act: { fs, dir in
            let store = try AnnotationStore(directory: dir, corpus: Fixtures.corpus, fs: fs)
            try store.add(Self.annotation(5), to: "s")
            fs.mark(Self.annotation(5).id)
            try store.addAll(["s": intoS, "t": intoT])
            fs.mark("import")
        }, check: { dir, state in
            let store = try openClean(dir, sets: ["s", "t"], state)
            let s = try store.set("s"), t = try store.set("t")
            expectAnnotations(s, base: [Self.annotation(1)], changes: [Self.annotation(5)], state)
            let present = intoS.filter { s.byID[$0.id] == $0 }.count + intoT.filter { t.byID[$0.id] == $0 }.count
            #expect(present == 0 || present == 3, "\(present) of 3 imported at crash point \(state.prefix): \(state.choices)")
            if state.acknowledged.contains("import") { #expect(present == 3) }
        })
    }

    @Test("resolve: the conflict open with the set unchanged, or resolved with the set changed")
    func resolve() throws {
        let base = SetContents(parsing: SetFile.encode([Self.annotation(1)], damaged: []))
        let ours = SetContents(parsing: SetFile.encode([Self.annotation(1, stance: -2)], damaged: []))
        let theirs = SetContents(parsing: SetFile.encode([Self.annotation(1, stance: 1)], damaged: []))
        let merged = SetMerge.merge(base: base, ours: ours, theirs: theirs)
        try explore("resolve", setUp: { dir in
            try setWith([])(dir)
            _ = FileManager.default.createFile(atPath: dir + "/s.jsonl", contents: Data(merged.bytes))
            let runtime = try RuntimeDirectory.ensure(in: dir, fs: PosixFileSystem())
            _ = FileManager.default.createFile(atPath: runtime + "/s.conflicts.jsonl", contents: Data(ConflictFile.encode(merged.conflicts)))
        }, act: { fs, dir in
            let store = try AnnotationStore(directory: dir, corpus: Fixtures.corpus, fs: fs)
            try store.resolve(Self.annotation(1).id, in: "s", with: .theirs)
            fs.mark("resolved")
        }, check: { dir, state in
            let store = try AnnotationStore(directory: dir, corpus: Fixtures.corpus)
            let stance = try store.set("s").byID[Self.annotation(1).id]?.stance
            let open = try store.conflicts(of: "s").count
            #expect((stance == -2 && open == 1) || (stance == 1 && open == 0), "stance \(String(describing: stance)), \(open) open at crash point \(state.prefix): \(state.choices)")
            if state.acknowledged.contains("resolved") { #expect(stance == 1) }
            _ = try openClean(dir, sets: ["s"], state)
        })
    }

    @Test("FileTransaction: all old or all new after recovery, in every crash state")
    func transaction() throws {
        let old: [String: [UInt8]] = ["a": Array("old a\n".utf8), "b": Array("old b\nsecond line\n".utf8), "c": Array("old c\n".utf8)]
        let new: [String: [UInt8]] = ["a": Array("new a, longer\nwith two lines\n".utf8), "b": [], "d": Array("new d\n".utf8)]
        try explore("FileTransaction", setUp: { dir in
            for (name, bytes) in old { _ = FileManager.default.createFile(atPath: dir + "/" + name, contents: Data(bytes)) }
        }, act: { fs, dir in
            try FileTransaction(directory: dir, fs: fs).commit(files: Dictionary(uniqueKeysWithValues: new.map { (dir + "/" + $0.key, $0.value) }),
                                                               removing: [dir + "/c"])
            fs.mark("commit")
        }, check: { dir, state in
            try FileTransaction.recover(in: dir, fs: PosixFileSystem())
            var files: [String: [UInt8]] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: dir) where name != RuntimeDirectory.name {
                files[name] = Fixtures.bytes(dir + "/" + name)
            }
            #expect(files == old || files == new, "\(files.mapValues { String(decoding: $0, as: UTF8.self) }) at crash point \(state.prefix): \(state.choices)")
            if state.acknowledged.contains("commit") { #expect(files == new) }
            // No claim, record or temporary file left (the `.gitignore` stays, maybe torn).
            let left = ((try? FileManager.default.contentsOfDirectory(atPath: RuntimeDirectory.path(in: dir))) ?? []).filter { $0 != ".gitignore" }
            #expect(left.isEmpty, "left behind at crash point \(state.prefix): \(left); \(state.choices)")
        })
    }
}
