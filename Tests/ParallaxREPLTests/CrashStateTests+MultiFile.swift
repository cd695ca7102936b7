import Foundation
import Testing
import ParallaxCore
import ParallaxStore
import ParallaxREPL
import TestSupport

/// The crash states of the operations that change several files: `doc add` and `doc update`
/// (the corpus writer, whose commit is the manifest's rename, then the sets re-anchored and
/// saved), `question rename` and `question merge` (one ``FileTransaction`` over the codebook
/// and every set) and what `sync` writes itself (the journals it folds, `.gitattributes`).
/// `doc add`, `doc update` and `sync` run as commands in a session whose file system records.
extension CrashStateTests {
    static let memo = """
    Memo on the axis

    The “no limits” partnership is tactical; Aslı’s\u{A0}point stands.

    Beijing’s calculus changes only with sanctions enforcement on third countries.

    """
    static let memoUpdated = """
    Memo on the axis

    A new opening paragraph, added in the second draft 🙂.

    The “no limits” partnership is tactical; Aslı’s\u{A0}point stands.

    Beijing’s calculus changes only with sanctions enforcement on third countries.

    """

    /// A project folder: a copy of the bundled corpus in `Corpus/`, the codebook in
    /// `Annotations/`, and the memo's two drafts beside them.
    func project(_ dir: String) throws {
        try FileManager.default.copyItem(atPath: Fixtures.corpusDirectory, toPath: dir + "/Corpus")
        try FileManager.default.createDirectory(atPath: dir + "/Annotations", withIntermediateDirectories: true)
        try setWith([])(dir + "/Annotations")
        _ = FileManager.default.createFile(atPath: dir + "/memo.txt", contents: Data(Self.memo.utf8))
        _ = FileManager.default.createFile(atPath: dir + "/memo-2.txt", contents: Data(Self.memoUpdated.utf8))
        _ = FileManager.default.createFile(atPath: dir + "/other.txt", contents: Data("Another note\n\nNothing more.\n".utf8))
    }

    /// A session on the project in `dir`, writing set `s` through `fs`.
    func session(_ dir: String, fs: any FileSystem = PosixFileSystem()) throws -> Session {
        var options = SessionOptions(corpusDirectory: dir + "/Corpus", annotationsDirectory: dir + "/Annotations", set: "s",
                                     style: Style(colour: false, width: 100))
        options.fileSystem = fs
        return try Session(options: options, out: StringSink(), err: StringSink())
    }

    /// Files in the corpus folder (not `.parallax/`) that its manifest does not name.
    func strays(_ corpusDirectory: String, _ corpus: Corpus) -> [String] {
        var named: Set<String> = [Corpus.manifestName]
        for d in corpus.manifest.documents {
            named.insert(d.file)
            if let s = d.source { named.insert(s.file) }
            for v in d.versions ?? [] { named.insert(v.file); if let s = v.source { named.insert(s.file) } }
        }
        var out: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: corpusDirectory)
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: corpusDirectory + "/" + path, isDirectory: &isDirectory)
            if path.hasPrefix(RuntimeDirectory.name) || isDirectory.boolValue { continue }
            if !named.contains(path) { out.append(path) }
        }
        return out.sorted()
    }

    /// The corpus of a crash state loads; a next `doc add` succeeds there and leaves no file
    /// the manifest does not name (what a killed writer left is removed).
    func expectCorpusRecovers(_ dir: String, _ state: CrashStates.State) throws -> Corpus {
        let corpus = try Corpus.load(from: dir + "/Corpus")
        let next = try session(dir)
        try next.registry.run("doc add \(dir)/other.txt id:other", in: next)
        try next.store.close()
        let after = try Corpus.load(from: dir + "/Corpus")
        #expect(after.document("other") != nil)
        #expect(strays(dir + "/Corpus", after).isEmpty, "files left behind at crash point \(state.prefix): \(strays(dir + "/Corpus", after)); \(state.choices)")
        return corpus
    }

    @Test("doc add: the document is absent or whole, present once acknowledged, and nothing is left behind")
    func documentAdd() throws {
        var added: Document?
        try explore("doc add", perPrefix: 12, setUp: project, act: { fs, dir in
            let s = try session(dir, fs: fs)
            try s.registry.run("doc add \(dir)/memo.txt id:memo", in: s)
            fs.mark("added")
            try s.store.close()
            added = try Corpus.load(from: dir + "/Corpus").document("memo")
        }, check: { dir, state in
            let corpus = try expectCorpusRecovers(dir, state)
            let doc = corpus.document("memo")
            if state.acknowledged.contains("added") { #expect(doc != nil, "acknowledged doc add lost at crash point \(state.prefix): \(state.choices)") }
            if let doc {
                #expect(doc.hash == added?.hash && doc.text.string == added?.text.string, "half-added document at crash point \(state.prefix)")
                #expect(doc.info.source.flatMap { Fixtures.bytes(dir + "/Corpus/" + $0.file) } == Array(Self.memo.utf8),
                        "its original is missing at crash point \(state.prefix): \(state.choices)")
            }
            #expect(corpus.documents.count == Fixtures.corpus.documents.count + (doc == nil ? 0 : 1))
        })
    }

    @Test("doc remove: the document is whole or gone, gone once acknowledged, and its files go with it")
    func documentRemove() throws {
        var added: Document?
        try explore("doc remove", perPrefix: 12, setUp: { dir in
            try project(dir)
            let s = try session(dir)
            try s.registry.run("doc add \(dir)/memo.txt id:memo", in: s)
            try s.store.close()
            added = try Corpus.load(from: dir + "/Corpus").document("memo")
        }, act: { fs, dir in
            let s = try session(dir, fs: fs)
            try s.registry.run("doc remove memo", in: s)
            fs.mark("removed")
            try s.store.close()
        }, check: { dir, state in
            // The corpus loads, and a next `doc add` leaves no file the manifest does not
            // name (a removed document's text and original a crash left are cleaned up).
            let corpus = try expectCorpusRecovers(dir, state)
            let doc = corpus.document("memo")
            if state.acknowledged.contains("removed") { #expect(doc == nil, "acknowledged doc remove undone at crash point \(state.prefix): \(state.choices)") }
            if let doc {
                #expect(doc.hash == added?.hash && doc.text.string == added?.text.string, "half-removed document at crash point \(state.prefix): \(state.choices)")
                #expect(doc.info.source.flatMap { Fixtures.bytes(dir + "/Corpus/" + $0.file) } == Array(Self.memo.utf8),
                        "its original is missing at crash point \(state.prefix): \(state.choices)")
            }
            #expect(corpus.documents.count == Fixtures.corpus.documents.count + (doc == nil ? 0 : 1))
        })
    }

    @Test("doc update: old text with its annotations, or new text with them re-anchored; saved re-anchored once acknowledged")
    func documentUpdate() throws {
        var oldHash = "", newHash = ""
        var coded: [Annotation] = []
        try explore("doc update", perPrefix: 12, setUp: { dir in
            try project(dir)
            let s = try session(dir)
            try s.registry.run("doc add \(dir)/memo.txt id:memo", in: s)
            let doc = try s.corpus.requireDocument("memo")
            oldHash = doc.hash
            for quote in ["“no limits” partnership", "sanctions enforcement"] {
                let r = doc.text.string.range(of: quote)!
                let start = doc.text.scalarOffset(of: r.lowerBound)
                try s.registry.run("mark memo \(start) \(start + quote.unicodeScalars.count)", in: s)
                try s.registry.run("code reset-wedge -1 analyst:stent", in: s)
            }
            coded = try s.store.set("s").annotations
            try s.store.close()
        }, act: { fs, dir in
            let s = try session(dir, fs: fs)
            try s.registry.run("doc update memo \(dir)/memo-2.txt", in: s)
            fs.mark("updated")
            try s.store.close()
            newHash = try Corpus.load(from: dir + "/Corpus").requireDocument("memo").hash
        }, check: { dir, state in
            #expect(coded.count == 2 && oldHash != newHash)
            let corpus = try Corpus.load(from: dir + "/Corpus")
            let doc = try corpus.requireDocument("memo")
            #expect(doc.hash == oldHash || doc.hash == newHash)
            let acknowledged = state.acknowledged.contains("updated")
            if acknowledged { #expect(doc.hash == newHash, "acknowledged doc update lost at crash point \(state.prefix): \(state.choices)") }
            if doc.hash == newHash {
                // The old text is kept as a version, as a committed manifest says.
                let version = try #require(doc.info.versions?.last, "no version at crash point \(state.prefix)")
                #expect(Fixtures.bytes(dir + "/Corpus/" + version.file).map { Document.sha256($0) } == oldHash,
                        "the old text is missing at crash point \(state.prefix): \(state.choices)")
            }
            // Every annotation is there, on the text in force, at its passage (re-anchored on
            // load when its set was not yet saved).
            let store = try AnnotationStore(directory: dir + "/Annotations", corpus: corpus)
            let set = try store.set("s")
            // No damaged line; notices of re-anchoring (kind `.conflict`) only while the set
            // is not yet saved with the new hash, so never once the update was acknowledged.
            let problems = try store.problems(of: "s")
            #expect(problems.filter { $0.kind != .conflict }.isEmpty, "\(problems.map(\.description)) at crash point \(state.prefix): \(state.choices)")
            if acknowledged { #expect(problems.isEmpty, "\(problems.map(\.description)) at crash point \(state.prefix)") }
            for a in coded {
                let found = try #require(set.byID[a.id], "annotation \(a.id) lost at crash point \(state.prefix): \(state.choices)")
                #expect(found.target.hash == doc.hash && found.target.exact == a.target.exact,
                        "\(a.id) not on the text in force at crash point \(state.prefix): \(found.target)")
            }
            if acknowledged {
                // Saved with the new hash before the command answered.
                let saved = SetContents(parsing: Fixtures.bytes(dir + "/Annotations/s.jsonl") ?? [])
                #expect(saved.annotations.count == 2 && saved.annotations.allSatisfy { $0.target.hash == newHash },
                        "re-anchored annotations not saved at crash point \(state.prefix): \(state.choices)")
            }
            _ = try expectCorpusRecovers(dir, state)
        })
    }

    @Test("doc update killed at any call (SIGKILL) leaves a corpus that loads, with the old text or the new")
    func documentUpdateKilled() throws {
        // Regression: the writer removed the old text (no longer named by the planned
        // manifest) before committing that manifest, so a kill there left a corpus whose
        // manifest named a file that was gone.
        var step = 0
        var outcomes: Set<Bool> = []
        while true {
            let dir = Fixtures.temporaryDirectory("parallax-doc-update-kill")
            defer { try? FileManager.default.removeItem(atPath: dir) }
            try project(dir)
            let setUp = try session(dir)
            try setUp.registry.run("doc add \(dir)/memo.txt id:memo", in: setUp)
            try setUp.store.close()
            let fs = RecordingFileSystem(root: dir)
            fs.stopAt = step
            let s = try session(dir, fs: fs)
            let finished = (try? s.registry.run("doc update memo \(dir)/memo-2.txt", in: s)) != nil
            if finished && !fs.tripped { break }
            let corpus = try Corpus.load(from: dir + "/Corpus")
            let text = try corpus.requireDocument("memo").text.string
            #expect(text == Self.memo || text == Self.memoUpdated, "step \(step)")
            outcomes.insert(text == Self.memoUpdated)
            step += 1
        }
        #expect(outcomes == [false, true], "kills landed before and after the commit")
    }

    /// Sets `s` and `t` holding codings of `reset-wedge` and `war-ends-soon`, and a memo
    /// about `reset-wedge` in `s`.
    func codedSets(_ dir: String) throws {
        try setWith([])(dir)
        var a = [Self.annotation(1), Self.annotation(2, stance: 1), Self.annotation(3, stance: 2)]
        a[1].question = "war-ends-soon"
        _ = FileManager.default.createFile(atPath: dir + "/s.jsonl", contents: Data(SetFile.encode([a[0], a[1]], damaged: [])))
        _ = FileManager.default.createFile(atPath: dir + "/t.jsonl", contents: Data(SetFile.encode([a[2]], damaged: [])))
        let store = try AnnotationStore(directory: dir, corpus: Fixtures.corpus)
        try store.addMemo(Memo(id: "01CRASHMEMO000000000000001", target: .question("reset-wedge"),
                               text: "Wedge means “reverse Nixon” here.", created: "2026-12-04T22:00:00Z"), to: "s")
        try store.close()
    }

    /// Codings of each question in the sets `s` and `t` of a store.
    func codings(_ store: AnnotationStore) throws -> [String: Int] {
        var out: [String: Int] = [:]
        for name in ["s", "t"] { for a in try store.set(name).annotations { out[a.question, default: 0] += 1 } }
        return out
    }

    @Test("question rename: the codebook and every set renamed together, or none")
    func questionRename() throws {
        try explore("question rename", setUp: codedSets, act: { fs, dir in
            let store = try AnnotationStore(directory: dir, corpus: Fixtures.corpus, fs: fs)
            try store.renameQuestion("reset-wedge", to: "reverse-nixon")
            fs.mark("renamed")
        }, check: { dir, state in
            let store = try openClean(dir, sets: ["s", "t"], state, probe: "war-ends-soon")
            let ids = Set(store.codebook.questions.map(\.id))
            let renamed = ids.contains("reverse-nixon")
            #expect(renamed != ids.contains("reset-wedge"), "both or neither question at crash point \(state.prefix)")
            if state.acknowledged.contains("renamed") { #expect(renamed, "acknowledged rename lost at crash point \(state.prefix)") }
            let expected = renamed ? ["reverse-nixon": 2, "war-ends-soon": 1] : ["reset-wedge": 2, "war-ends-soon": 1]
            #expect(try codings(store) == expected, "half-renamed sets at crash point \(state.prefix): \(state.choices)")
            let memo = try store.set("s").memos["01CRASHMEMO000000000000001"]
            #expect(memo?.target == .question(renamed ? "reverse-nixon" : "reset-wedge"), "memo at crash point \(state.prefix)")
        })
    }

    @Test("question merge: the codebook and every set merged together, or none")
    func questionMerge() throws {
        try explore("question merge", setUp: codedSets, act: { fs, dir in
            let store = try AnnotationStore(directory: dir, corpus: Fixtures.corpus, fs: fs)
            try store.mergeQuestion("war-ends-soon", into: "reset-wedge")
            fs.mark("merged")
        }, check: { dir, state in
            let store = try openClean(dir, sets: ["s", "t"], state)
            let merged = !store.codebook.questions.contains { $0.id == "war-ends-soon" }
            if state.acknowledged.contains("merged") { #expect(merged, "acknowledged merge lost at crash point \(state.prefix)") }
            let expected = merged ? ["reset-wedge": 3] : ["reset-wedge": 2, "war-ends-soon": 1]
            #expect(try codings(store) == expected, "half-merged sets at crash point \(state.prefix): \(state.choices)")
        })
    }
}
