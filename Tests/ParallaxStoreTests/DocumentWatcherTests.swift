import Foundation
import Testing
@testable import ParallaxCore
@testable import ParallaxStore
import TestSupport

/// The watcher of a corpus's folders (inotify): the check before each command `stat`s only
/// the documents an event named, and everything when it cannot tell.
@Suite("Watching the documents' folders")
struct DocumentWatcherTests {
    static func write(_ path: String, _ bytes: [UInt8]) {
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
    }

    #if os(Linux)
    @Test("a change to an unrelated file in a document's folder stats no document; a change to one stats that one")
    func unrelated() throws {
        let (dir, corpus) = try VanishedDocumentTests.lazyCorpus(watch: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        Self.write(dir + "/notes.txt", Array("scratch\n".utf8))
        try FileManager.default.moveItem(atPath: dir + "/notes.txt", toPath: dir + "/notes2.txt")
        #expect(try corpus.checkDocuments() == 0)
        let path = VanishedDocumentTests.path(dir, corpus, "lin")
        let bytes = try #require(Fixtures.bytes(path))
        Self.write(path, bytes)  // the same bytes: a new identity, read and verified
        #expect(try corpus.checkDocuments() == 1)
        #expect(corpus.document("lin")!.isLoaded)
        #expect(!corpus.document("usip")!.isLoaded)
        #expect(try corpus.checkDocuments() == 0)
    }

    @Test("an editor's save (a temporary file renamed onto the document) is caught")
    func renameOver() throws {
        let (dir, corpus) = try VanishedDocumentTests.lazyCorpus(watch: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = VanishedDocumentTests.path(dir, corpus, "brookings")
        let bytes = try #require(Fixtures.bytes(path))
        Self.write(dir + "/.brookings.swp", Array("Edited.\n".utf8) + bytes)
        #expect(rename(dir + "/.brookings.swp", path) == 0)
        let error = try #require(throws: ParallaxError.self) { try corpus.checkDocuments() }
        #expect(error.kind == .conflict)
        // Still refused at the next check (the failed check leaves it suspect), then restored.
        #expect(throws: ParallaxError.self) { try corpus.checkDocuments() }
        Self.write(path, bytes)
        try corpus.checkDocuments()
        #expect(corpus.document("brookings")!.isLoaded)
    }

    /// A copy whose usip document lives in a subfolder.
    static func subfolderCorpus() throws -> (dir: String, corpus: Corpus, path: String) {
        let (dir, corpus) = try VanishedDocumentTests.lazyCorpus(watch: true) { dir in
            let fm = FileManager.default
            try fm.createDirectory(atPath: dir + "/sub", withIntermediateDirectories: false)
            try fm.moveItem(atPath: dir + "/usip-2019-06.txt", toPath: dir + "/sub/usip-2019-06.txt")
            let manifest = try String(contentsOfFile: dir + "/manifest.json", encoding: .utf8)
            let moved = manifest.replacingOccurrences(of: "\"usip-2019-06.txt\"", with: "\"sub/usip-2019-06.txt\"")
            #expect(moved != manifest)
            try moved.write(toFile: dir + "/manifest.json", atomically: true, encoding: .utf8)
        }
        return (dir, corpus, dir + "/sub/usip-2019-06.txt")
    }

    @Test("a document in a subfolder is caught; renaming the subfolder makes every document suspect")
    func subfolder() throws {
        let (dir, corpus, path) = try Self.subfolderCorpus()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try corpus.checkDocuments() == 0)
        Self.write(dir + "/sub/other.txt", [0x41])
        #expect(try corpus.checkDocuments() == 0)
        Self.write(path, [0x41, 0xE9])
        let error = try #require(throws: ParallaxError.self) { try corpus.checkDocuments() }
        #expect(error.message.hasPrefix("document usip is no longer UTF-8"), "\(error)")
        let usip = try #require(Fixtures.bytes(Fixtures.corpusDirectory + "/usip-2019-06.txt"))
        Self.write(path, usip)
        #expect(try corpus.checkDocuments() == 1)
        try FileManager.default.moveItem(atPath: dir + "/sub", toPath: dir + "/sub-old")
        #expect(try corpus.checkDocuments() == corpus.documents.count)
    }

    @Test("a folder above the corpus folder renamed (no watch sees it): the next check stats every document")
    func parentRenamed() throws {
        let parent = Fixtures.temporaryDirectory("parallax-parent")
        defer { try? FileManager.default.removeItem(atPath: parent); try? FileManager.default.removeItem(atPath: parent + "-moved") }
        let copy = try CorpusCacheTests.copyOfCorpus()
        try FileManager.default.moveItem(atPath: copy, toPath: parent + "/c")
        _ = try CorpusCacheTests.cache(parent + "/c").loadCorpus()
        let corpus = try CorpusCacheTests.cache(parent + "/c").loadCorpus()
        #expect(try corpus.checkDocuments() == 0)
        try FileManager.default.moveItem(atPath: parent, toPath: parent + "-moved")
        let error = try #require(throws: ParallaxError.self) { try corpus.checkDocuments() }
        #expect(error.message.contains("can no longer be read"), "\(error)")
        try FileManager.default.moveItem(atPath: parent + "-moved", toPath: parent)
        #expect(try corpus.checkDocuments() == corpus.documents.count, "every document checked again")
    }

    @Test("a full event queue (overflow) makes the next check stat every document")
    func overflow() throws {
        let (dir, corpus) = try VanishedDocumentTests.lazyCorpus(watch: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let limit = Int((try? String(contentsOfFile: "/proc/sys/fs/inotify/max_queued_events", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? 16384
        try #require(limit <= 1_000_000, "max_queued_events is \(limit): too many events to overflow in a test")
        Self.write(dir + "/a", []); Self.write(dir + "/b", [])
        // Alternate names so that the kernel cannot merge consecutive identical events.
        for k in 0...(limit / 2 + 8) {
            let mode: mode_t = k % 2 == 0 ? 0o600 : 0o644
            _ = chmod(dir + "/a", mode); _ = chmod(dir + "/b", mode)
        }
        let checked = try corpus.checkDocuments()
        #expect(checked == corpus.documents.count, "limit \(limit)")
        #expect(try corpus.checkDocuments() == 0)
    }

    @Test("a symbolic-link document is stat'ed at every check, and a change to its target is caught")
    func symlink() throws {
        let target = Fixtures.temporaryDirectory("parallax-target")
        defer { try? FileManager.default.removeItem(atPath: target) }
        let (dir, corpus) = try VanishedDocumentTests.lazyCorpus(watch: true) { dir in
            try FileManager.default.moveItem(atPath: dir + "/lin-foreign-policy-2023.txt", toPath: target + "/lin.txt")
            try FileManager.default.createSymbolicLink(atPath: dir + "/lin-foreign-policy-2023.txt", withDestinationPath: target + "/lin.txt")
        }
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try corpus.checkDocuments() == 1)
        Self.write(target + "/lin.txt", [0x41, 0xE9])
        #expect(throws: ParallaxError.self) { try corpus.checkDocuments() }
    }

    @Test("the watcher's descriptor is closed when the corpus goes away")
    func closes() throws {
        let dir = try CorpusCacheTests.copyOfCorpus()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try CorpusCacheTests.cache(dir).loadCorpus()
        func inotifyDescriptors() -> Int {
            let fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
            return fds.filter { (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + $0)) == "anon_inode:inotify" }.count
        }
        let before = inotifyDescriptors()
        weak var watcher: DocumentWatcher?
        for _ in 0..<64 {
            let corpus = try CorpusCacheTests.cache(dir).loadCorpus()
            let feed = try #require(corpus.changeFeed as? DocumentWatcher)
            watcher = feed
            try corpus.checkDocuments()
        }
        #expect(watcher == nil, "the last corpus's watcher is freed with it")
        // Other tests running at once may hold a few; 64 loads must not leave 64.
        #expect(inotifyDescriptors() - before < 16)
    }
    #endif
}
