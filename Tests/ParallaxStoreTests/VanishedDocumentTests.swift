import Foundation
import Testing
@testable import ParallaxCore
@testable import ParallaxStore
import TestSupport

/// A document read on first use whose file is deleted, replaced by a folder, no longer UTF-8
/// or rewritten after start-up: ``Corpus/checkDocuments()`` and ``Document/readContents()``
/// report it (which document, which file, what to do) instead of stopping the process, and
/// a restored file is read again.
@Suite("Documents whose files change after start-up")
struct VanishedDocumentTests {
    /// A corpus whose documents are all read on first use (the second load of a copy), its
    /// folders watched (inotify) or not (every unread document `stat`ed at each check).
    static func lazyCorpus(watch: Bool, prepare: (String) throws -> Void = { _ in }) throws -> (dir: String, corpus: Corpus) {
        let dir = try CorpusCacheTests.copyOfCorpus()
        try prepare(dir)
        _ = try CorpusCacheTests.cache(dir).loadCorpus()
        let cache = CorpusCacheTests.cache(dir)
        cache.watchesDocuments = watch
        let corpus = try cache.loadCorpus()
        #expect(corpus.documents.allSatisfy { !$0.isLoaded })
        #if os(Linux)
        #expect((cache.report.watch == "inotify") == watch, "\(cache.report.watch ?? "-")")
        #endif
        return (dir, corpus)
    }

    static func path(_ dir: String, _ corpus: Corpus, _ id: String) -> String {
        dir + "/" + corpus.document(id)!.info.file
    }

    @Test("an unchanged corpus passes the check without reading a document", arguments: [true, false])
    func unchanged(watch: Bool) throws {
        let (dir, corpus) = try Self.lazyCorpus(watch: watch)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let checked = try corpus.checkDocuments()
        #expect(checked == (watch ? 0 : corpus.documents.count), "watched: no event, no stat")
        #expect(corpus.documents.allSatisfy { !$0.isLoaded }, "the check stats, it does not read")
    }

    @Test("a deleted file is reported with the document, the file and what to do; restored, it is read", arguments: [true, false])
    func deleted(watch: Bool) throws {
        let (dir, corpus) = try Self.lazyCorpus(watch: watch)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = Self.path(dir, corpus, "lin")
        let bytes = try #require(Fixtures.bytes(path))
        try FileManager.default.removeItem(atPath: path)
        let error = try #require(throws: ParallaxError.self) { try corpus.checkDocuments() }
        #expect(error.description == "\(path): document lin can no longer be read: open failed: No such file or directory — restore the file (e.g. `git restore` it), then run the command again; nothing was changed")
        #expect(throws: ParallaxError.self) { try corpus.document("lin")!.readContents() }
        #expect(!corpus.document("lin")!.isLoaded)
        #expect(!corpus.document("brookings")!.isLoaded, "other documents are not read by the check")
        // Restored (a new inode and times, the same bytes): read, verified against the hash.
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        try corpus.checkDocuments()
        #expect(corpus.document("lin")!.isLoaded)
        #expect(corpus.document("lin")!.text.utf8 == bytes)
        // Deleted again once read: the session keeps the text its annotations are anchored to.
        try FileManager.default.removeItem(atPath: path)
        try corpus.checkDocuments()
        #expect(corpus.document("lin")!.text.utf8 == bytes)
    }

    @Test("a file replaced by a folder is reported, not read", arguments: [true, false])
    func folder(watch: Bool) throws {
        let (dir, corpus) = try Self.lazyCorpus(watch: watch)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = Self.path(dir, corpus, "merics")
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        let error = try #require(throws: ParallaxError.self) { try corpus.checkDocuments() }
        #expect(error.message.hasPrefix("document merics can no longer be read: "), "\(error)")
        #expect(error.location?.description == path)
    }

    @Test("a file that is no longer UTF-8 is reported with the byte", arguments: [true, false])
    func notUTF8(watch: Bool) throws {
        let (dir, corpus) = try Self.lazyCorpus(watch: watch)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = Self.path(dir, corpus, "usip")
        _ = FileManager.default.createFile(atPath: path, contents: Data([0x41, 0x42, 0xE9, 0x0A]))
        let error = try #require(throws: ParallaxError.self) { try corpus.checkDocuments() }
        #expect(error.description == "\(path): document usip is no longer UTF-8 (invalid UTF-8 at byte 2): the file changed since the session started — restore the file (e.g. `git restore` it), then run the command again; nothing was changed")
    }

    @Test("a file whose bytes changed is refused, not taken under the old hash; touched with the same bytes it is read", arguments: [true, false])
    func changed(watch: Bool) throws {
        let (dir, corpus) = try Self.lazyCorpus(watch: watch)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = Self.path(dir, corpus, "brookings")
        let bytes = try #require(Fixtures.bytes(path))
        let hash = corpus.document("brookings")!.hash
        _ = FileManager.default.createFile(atPath: path, contents: Data(Array("Edited.\n".utf8) + bytes))
        let error = try #require(throws: ParallaxError.self) { try corpus.checkDocuments() }
        #expect(error.kind == .conflict)
        #expect(error.message.hasPrefix("document brookings changed on disk since the session started (its annotations are anchored to the text with hash \(hash.prefix(12))…"), "\(error)")
        #expect(error.hint?.contains("`doc update brookings FILE`") == true)
        #expect(corpus.document("brookings")!.hash == hash, "the hash the annotations are anchored to stands")
        #expect(!corpus.document("brookings")!.isLoaded)
        // The same bytes written again (a new identity): read and verified.
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        try corpus.checkDocuments()
        #expect(corpus.document("brookings")!.text.utf8 == bytes)
        #expect(corpus.document("brookings")!.hash == hash)
    }
}
