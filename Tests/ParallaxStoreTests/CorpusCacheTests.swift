import Foundation
import Testing
@testable import ParallaxCore
@testable import ParallaxStore
import TestSupport

/// The corpus cache (`<corpus>/.parallax/cache/`): a hit reads no document, a miss or a stale
/// or damaged file is detected and rebuilt, and every answer equals the uncached one.
@Suite("Corpus cache: document index and folded pack")
struct CorpusCacheTests {
    /// Queries that exercise folding: dotless ı, curly quotes and apostrophes, U+00A0, a ﬁ
    /// ligature and full-width letters in the query, dashes, and a phrase across a line break.
    static let phrases = ["asli", "Aslı", "AYDINTAŞBAŞ", "reverse nixon", "“reverse nixon”", "don’t", "don't",
                          "china\u{00A0}and russia", "China and Russia", "ﬁrst", "ｃｈｉｎａ", "co-operation", "—",
                          "limitless partnership", "the", "x", "united states"]

    /// A scratch copy of the bundled corpus (manifest and documents only).
    static func copyOfCorpus() throws -> String {
        let dir = Fixtures.temporaryDirectory("parallax-cache")
        let fm = FileManager.default
        for name in try fm.contentsOfDirectory(atPath: Fixtures.corpusDirectory) where !name.hasPrefix(".") {
            try fm.copyItem(atPath: Fixtures.corpusDirectory + "/" + name, toPath: dir + "/" + name)
        }
        return dir
    }

    static func cache(_ dir: String) -> CorpusCache {
        let cache = CorpusCache(corpus: dir)
        cache.racyWindowNanoseconds = 0  // files were just copied: trust them at once
        return cache
    }

    /// Hits and counts of every phrase, uncached (every document read and folded now).
    static func reference(_ dir: String) throws -> [String: (count: Int, hits: [SearchHit])] {
        let index = SearchIndex(corpus: try Corpus.loadUncached(from: dir))
        var out: [String: (Int, [SearchHit])] = [:]
        for p in phrases { out[p] = (index.count(p), index.find(p)) }
        return out
    }

    static func expectSameAnswers(_ index: SearchIndex, _ reference: [String: (count: Int, hits: [SearchHit])]) {
        for p in phrases {
            #expect(index.count(p) == reference[p]!.count, "count of \(p)")
            #expect(index.find(p) == reference[p]!.hits, "hits of \(p)")
        }
    }

    @Test("the second load trusts every unchanged document and reads none of them")
    func hit() throws {
        let dir = try Self.copyOfCorpus()
        let uncached = try Corpus.loadUncached(from: dir)
        let first = Self.cache(dir)
        _ = try first.loadCorpus()
        #expect(first.report.hashed == uncached.documents.count)
        #expect(first.report.trusted == 0)
        #expect(FileManager.default.fileExists(atPath: dir + "/.parallax/cache/documents.idx"))
        #expect(Fixtures.bytes(dir + "/.parallax/.gitignore") == Array("*\n".utf8))

        let second = Self.cache(dir)
        let corpus = try second.loadCorpus()
        #expect(second.report.trusted == uncached.documents.count)
        #expect(second.report.hashed == 0)
        #expect(corpus.documents.allSatisfy { !$0.isLoaded })
        for (d, u) in zip(corpus.documents, uncached.documents) {
            #expect(d.hash == u.hash)
            #expect(!d.isLoaded, "the hash comes from the index")
            #expect(d.text.utf8 == u.text.utf8)
            #expect(d.paragraphs == u.paragraphs)
            #expect(d.turns == u.turns)
            #expect(d.isLoaded)
        }
    }

    @Test("a changed document is read and hashed again; the others stay trusted")
    func stale() throws {
        let dir = try Self.copyOfCorpus()
        _ = try Self.cache(dir).loadCorpus()
        let victim = try Corpus.loadUncached(from: dir).documents[1]
        let path = dir + "/" + victim.info.file
        try (Fixtures.bytes(path)! + Array("\nAn added paragraph about Aslı’s “reverse Nixon”.\n".utf8)).write(to: path)
        let cache = Self.cache(dir)
        let corpus = try cache.loadCorpus()
        #expect(cache.report.hashed == 1)
        #expect(cache.report.trusted == corpus.documents.count - 1)
        #expect(corpus.documents[1].hash == Document.sha256(Fixtures.bytes(path)!))
        #expect(corpus.documents[1].hash != victim.hash)
    }

    @Test("an unchanged manifest is not decoded at start-up; a changed one is, and its changes show")
    func manifest() throws {
        let dir = try Self.copyOfCorpus()
        let first = Self.cache(dir)
        _ = try first.loadCorpus()
        #expect(!first.report.manifestTrusted)
        let second = Self.cache(dir)
        let trusted = try second.loadCorpus()
        #expect(second.report.manifestTrusted)
        let uncached = try Corpus.loadUncached(from: dir)
        #expect(trusted.documents.map(\.id) == uncached.documents.map(\.id))
        #expect(trusted.documents.map(\.info) == uncached.documents.map(\.info))
        #expect(trusted.manifest == uncached.manifest)
        #expect(trusted.analysts.all == uncached.analysts.all)

        var changed = uncached.manifest
        changed.documents[0].title = "A new title for Aslı’s “reverse Nixon”"
        changed.documents.swapAt(1, 2)
        try changed.encoded().write(to: dir + "/manifest.json")
        let third = Self.cache(dir)
        let reloaded = try third.loadCorpus()
        #expect(!third.report.manifestTrusted)
        #expect(third.report.hashed == 0, "the documents themselves did not change")
        #expect(reloaded.documents[0].info.title == "A new title for Aslı’s “reverse Nixon”")
        #expect(reloaded.documents.map(\.id) == changed.documents.map(\.id))
        let fourth = Self.cache(dir)
        #expect(try fourth.loadCorpus().manifest == changed)
        #expect(fourth.report.manifestTrusted)
    }

    @Test("a damaged or cut index is detected, ignored and rewritten")
    func damagedIndex() throws {
        let dir = try Self.copyOfCorpus()
        _ = try Self.cache(dir).loadCorpus()
        let path = dir + "/.parallax/cache/documents.idx"
        let good = Fixtures.bytes(path)!
        let n = try Corpus.loadUncached(from: dir).documents.count
        var flipped = good
        flipped[good.count / 2] ^= 0x01  // a digit of a size or time, or of a hash
        for damaged in [flipped, Array(good.prefix(good.count / 2)), Array("garbage\n".utf8), []] {
            try damaged.write(to: path)
            let cache = Self.cache(dir)
            let corpus = try cache.loadCorpus()
            #expect(cache.report.indexProblem != nil)
            #expect(cache.report.hashed == n)
            #expect(corpus.documents.map(\.hash) == (try Corpus.loadUncached(from: dir)).documents.map(\.hash))
            let again = Self.cache(dir)
            _ = try again.loadCorpus()
            #expect(again.report.indexProblem == nil && again.report.trusted == n, "rewritten")
        }
    }

    @Test("a missing document file is still reported at start-up, naming it")
    func missing() throws {
        let dir = try Self.copyOfCorpus()
        _ = try Self.cache(dir).loadCorpus()
        let doc = try Corpus.loadUncached(from: dir).documents[0]
        try FileManager.default.removeItem(atPath: dir + "/" + doc.info.file)
        let error = #expect(throws: ParallaxError.self) { try Self.cache(dir).loadCorpus() }
        #expect(error?.message == "cannot read document \(doc.id)")
    }

    @Test("the folded pack: built once, then mapped; same hits and counts as folding in memory")
    func packHit() throws {
        let dir = try Self.copyOfCorpus()
        let reference = try Self.reference(dir)
        let first = Self.cache(dir)
        let corpus = try first.loadCorpus()
        Self.expectSameAnswers(first.searchIndex(for: corpus), reference)
        #expect(first.report.pack == "built: none")
        #expect(first.report.folded == corpus.documents.count)

        let second = Self.cache(dir)
        let again = try second.loadCorpus()
        let index = second.searchIndex(for: again)
        #expect(second.report.pack == "hit")
        #expect(second.report.folded == 0)
        for p in Self.phrases { #expect(index.count(p) == reference[p]!.count, "count of \(p)") }
        #expect(again.documents.allSatisfy { !$0.isLoaded }, "counting reads no document")
        Self.expectSameAnswers(index, reference)
        #expect(reference["asli"]!.count > 0 && reference["reverse nixon"]!.count > 0 && reference["ﬁrst"]!.count > 0)
        #expect(reference["asli"]!.count == reference["Aslı"]!.count)
    }

    @Test("a stale pack folds only the changed document again")
    func packStale() throws {
        let dir = try Self.copyOfCorpus()
        let first = Self.cache(dir)
        let corpus = try first.loadCorpus()
        _ = first.searchIndex(for: corpus)
        let path = dir + "/" + corpus.documents[0].info.file
        try (Fixtures.bytes(path)! + Array("\nAslı\u{00A0}Aydıntaşbaş on the ﬁnal “reverse Nixon”.\n".utf8)).write(to: path)
        let reference = try Self.reference(dir)
        let second = Self.cache(dir)
        let changed = try second.loadCorpus()
        let index = second.searchIndex(for: changed)
        #expect(second.report.pack == "built: stale")
        #expect(second.report.folded == 1)
        Self.expectSameAnswers(index, reference)
        let third = Self.cache(dir)
        _ = third.searchIndex(for: try third.loadCorpus())
        #expect(third.report.pack == "hit")
    }

    @Test("a damaged, cut or other-version pack is detected and rebuilt with the same answers")
    func packDamaged() throws {
        let dir = try Self.copyOfCorpus()
        let reference = try Self.reference(dir)
        let first = Self.cache(dir)
        _ = first.searchIndex(for: try first.loadCorpus())
        let path = dir + "/.parallax/cache/folded.pack"
        let good = Fixtures.bytes(path)!
        var flipped = good
        flipped[good.count / 3] ^= 0x20  // a letter's case in the folded text
        var otherVersion = good
        let t = good.count - FoldedPack.trailerSize
        otherVersion[t + 8] ^= 0xFF
        let sum = otherVersion.withUnsafeBytes { ContentChecksum.of(UnsafeRawBufferPointer(rebasing: $0[t..<(t + 56)])) }
        withUnsafeBytes(of: sum.littleEndian) { for k in 0..<8 { otherVersion[t + 56 + k] = $0[k] } }
        let cases: [(String, [UInt8], String)] = [
            ("flipped", flipped, "checksum"), ("cut", Array(good.prefix(good.count - 10)), "not a pack"),
            ("empty", [], "too short"), ("other version", otherVersion, "another version"),
        ]
        for (label, bytes, reason) in cases {
            try bytes.write(to: path)
            let cache = Self.cache(dir)
            let corpus = try cache.loadCorpus()
            let index = cache.searchIndex(for: corpus)
            #expect(cache.report.pack?.hasPrefix("built: ") == true && cache.report.pack?.contains(reason) == true,
                    "\(label): \(cache.report.pack ?? "nil")")
            #expect(cache.report.folded == corpus.documents.count, "\(label)")
            Self.expectSameAnswers(index, reference)
            #expect(Fixtures.bytes(path) == good, "\(label): rebuilt as it was")
        }
    }
}

extension CorpusCacheTests {
    @Test("a pack verified once is trusted by its identity; damaged in place afterwards, it is checked and rebuilt")
    func packTrustedByIdentity() throws {
        let dir = try Self.copyOfCorpus()
        let reference = try Self.reference(dir)
        let path = dir + "/.parallax/cache/folded.pack"
        func open() throws -> (CorpusCache, SearchIndex) {
            let cache = Self.cache(dir)
            let index = cache.searchIndex(for: try cache.loadCorpus())
            return (cache, index)
        }
        let (built, _) = try open()
        #expect(built.report.pack == "built: none" && built.report.packCheck == nil)
        let (checked, _) = try open()
        #expect(checked.report.pack == "hit" && checked.report.packCheck == "checksum")
        let (trusted, index) = try open()
        #expect(trusted.report.pack == "hit" && trusted.report.packCheck == "identity")
        Self.expectSameAnswers(index, reference)

        // Damaged in place (same inode, same size): the identity changes, so the checksum runs.
        let good = Fixtures.bytes(path)!
        var flipped = good
        flipped[good.count / 3] ^= 0x20
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.write(contentsOf: flipped)
        try handle.close()
        let (damaged, rebuilt) = try open()
        #expect(damaged.report.packCheck == "checksum")
        #expect(damaged.report.pack?.contains("checksum") == true, "\(damaged.report.pack ?? "nil")")
        Self.expectSameAnswers(rebuilt, reference)

        // A damaged record of the check is ignored: the pack is verified again.
        try Array("parallax pack checked 1 x\n".utf8).write(to: dir + "/.parallax/cache/folded.pack.checked")
        let (again, _) = try open()
        #expect(again.report.pack == "hit" && again.report.packCheck == "checksum")
    }
}

extension [UInt8] {
    func write(to path: String) throws { try Data(self).write(to: URL(fileURLWithPath: path)) }
}
