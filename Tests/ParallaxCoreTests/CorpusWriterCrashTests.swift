import Foundation
import Testing
import ParallaxCore
import ParallaxStore
import TestSupport

/// `doc add` and `doc update` through ``CorpusWriter`` cut short at every file-system call
/// (``DyingFileSystem``): a fresh load finds the document absent or whole, every file the
/// manifest names present, and the next writer leaves nothing behind.
@Suite("CorpusWriter cut short at every step")
struct CorpusWriterCrashTests {
    static let now = "2026-12-04T23:00:00Z"
    static let v1 = Array("Intro.\n\nThe wedge strategy is tactical at best.\n".utf8)
    static let v2 = Array("A new first paragraph.\n\nIntro.\n\nThe wedge strategy is tactical at best.\n".utf8)

    /// A scratch copy of the bundled corpus with `memo` (v1) added.
    static func corpusWithMemo() throws -> String {
        let dir = NSTemporaryDirectory() + "parallax-corpus-crash-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: Fixtures.corpusDirectory, toPath: dir)
        let corpus = try Corpus.load(from: dir)
        let extracted = try Extractor.extract(v1, format: .text, name: "memo.txt")
        let plan = try DocumentPlanner.add(extracted, options: DocumentOptions(id: "memo", date: "2024"), fileName: "memo.txt",
                                           sourceHash: Document.sha256(v1), corpus: corpus, now: now)
        let writer = CorpusWriter(directory: dir)
        try writer.commit(plan, source: v1)
        writer.release()
        return dir
    }

    /// Files under a folder, relative, without the lock folder.
    static func files(_ dir: String) -> Set<String> {
        Set((FileManager.default.enumerator(atPath: dir)?.allObjects as? [String] ?? []).filter { !$0.hasPrefix(".parallax") })
    }

    @Test("doc update: the old text or the new one, never a manifest naming a missing file (the crash campaign's find)")
    func update() throws {
        var sawOld = 0, sawNew = 0, budget = 0
        let oldHash = Document.sha256(Self.v1), newHash = Document.sha256(Self.v2)
        while budget < 200 {
            let dir = try Self.corpusWithMemo()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let before = try Corpus.load(from: dir)
            let extracted = try Extractor.extract(Self.v2, format: .text, name: "memo-v2.txt")
            let plan = try DocumentPlanner.update("memo", with: extracted, fileName: "memo-v2.txt", sourceHash: Document.sha256(Self.v2),
                                                  corpus: before, now: Self.now, anchors: [VersionAnchor(id: "01M9TEST", start: 8, end: 20)])
            let dying = DyingFileSystem(budget: budget)
            let writer = CorpusWriter(directory: dir, fs: dying)
            do { try writer.commit(plan, source: Self.v2, previous: try before.requireDocument("memo")) } catch {}
            writer.release()
            let finished = !dying.died
            let after = try Corpus.load(from: dir)  // throws if the manifest names a missing file
            let memo = try after.requireDocument("memo")
            if memo.hash == newHash {
                sawNew += 1
                let version = try #require(memo.info.versions?.last)
                #expect(version.sha256 == oldHash && version.anchors == [VersionAnchor(id: "01M9TEST", start: 8, end: 20)], "budget \(budget)")
                #expect(try Corpus.versionText(version, in: dir).text(0, 6) == "Intro.", "budget \(budget)")
            } else {
                #expect(memo.hash == oldHash, "budget \(budget)")
                sawOld += 1
            }
            // The next writer removes what this one left, and nothing the manifest names.
            let next = CorpusWriter(directory: dir)
            let extra = try Extractor.extract(Array("Another.\n".utf8), format: .text, name: "other.txt")
            try next.commit(try DocumentPlanner.add(extra, options: DocumentOptions(id: "other", date: "2024"), fileName: "other.txt",
                                                    sourceHash: Document.sha256(Array("Another.\n".utf8)), corpus: after, now: Self.now),
                            source: Array("Another.\n".utf8))
            next.release()
            let final = try Corpus.load(from: dir)
            var named: Set<String> = ["manifest.json"]
            for d in final.manifest.documents {
                named.insert(d.file)
                if let s = d.source { named.insert(s.file) }
                for v in d.versions ?? [] { named.insert(v.file); if let s = v.source { named.insert(s.file) } }
            }
            let left = Self.files(dir).filter { !named.contains($0) && $0 != "sources" && $0 != "versions" }
            #expect(left.isEmpty, "budget \(budget): left \(left)")
            if finished { break }
            budget += 1
        }
        #expect(sawOld > 3 && sawNew > 0, "old \(sawOld), new \(sawNew)")
    }
}
