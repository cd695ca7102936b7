import Foundation

/// The documents and voices Parallax works on.
public struct Corpus: Sendable {
    /// The manifest the corpus was built from (decoded on first use when the store's cache
    /// knew every document already).
    public var manifest: CorpusManifest { manifestSource.value }
    private let manifestSource: ManifestSource
    /// Documents in manifest order.
    public let documents: [Document]
    /// Lookup of analysts by id and by folded name, alias or label.
    public let analysts: AnalystDirectory
    /// Position of each document in `documents`, by id.
    private let positions: [String: Int]
    /// Which documents' files may have changed (set by the store that loaded the corpus);
    /// `nil`: ``checkDocuments()`` `stat`s every document not read yet.
    package var changeFeed: (any DocumentChangeFeed)?

    /// Builds a corpus from a manifest and each document's bytes.
    /// - Parameters:
    ///   - manifest: The manifest.
    ///   - contents: Returns the exact bytes of a document's file.
    /// - Throws: ``ParallaxError`` for a duplicate document id, an unknown voice, a file that
    ///   cannot be read or is not UTF-8.
    public init(manifest: CorpusManifest, contents: (DocumentInfo) throws -> [UInt8]) throws {
        try self.init(manifest: manifest, documents: { info, speakers in
            try Document(info: info, bytes: contents(info), speakers: speakers)
        })
    }

    /// Builds a corpus from a manifest and a maker of each document (which may read its text
    /// at once, or make it lazily: see ``Document/init(info:hash:speakers:load:)``).
    /// - Parameters:
    ///   - manifest: The manifest.
    ///   - documents: Makes the document of a manifest entry, given the resolver of speaker labels.
    /// - Throws: ``ParallaxError`` for a duplicate document id, an unknown voice, or what
    ///   `documents` throws.
    public init(manifest: CorpusManifest,
                documents make: (DocumentInfo, @escaping @Sendable (String) -> String?) throws -> Document) throws {
        try self.init(analysts: manifest.analysts, entries: manifest.documents.map { (id: $0.id, voice: $0.voice) },
                      manifest: ManifestSource(manifest)) { i, speakers in try make(manifest.documents[i], speakers) }
    }

    /// Builds a corpus from its analysts and each document's id and voice, the manifest
    /// itself given decoded or to decode on first use; `make` makes document `i`.
    package init(analysts: [AnalystInfo], entries: [(id: String, voice: String?)], manifest: ManifestSource,
                 documents make: (Int, @escaping @Sendable (String) -> String?) throws -> Document) throws {
        self.manifestSource = manifest
        let directory = try AnalystDirectory(analysts)
        self.analysts = directory
        var seen = Set<String>()
        var documents: [Document] = []
        documents.reserveCapacity(entries.count)
        for (i, (id, voice)) in entries.enumerated() {
            guard seen.insert(id).inserted else {
                throw ParallaxError(.invalidData, "document id \"\(id)\" appears twice", at: "manifest",
                                    hint: "give every document its own id")
            }
            if let voice, directory.analyst(id: voice) == nil {
                throw ParallaxError(.invalidData, "document \(id) names voice \"\(voice)\", which is not an analyst",
                                    at: "manifest", hint: "add it to \"analysts\" or fix the id")
            }
            documents.append(try make(i, { directory.speaker(label: $0) }))
        }
        self.documents = documents
        self.positions = Dictionary(documents.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The document with this id.
    /// - Complexity: O(1).
    public func document(_ id: String) -> Document? {
        positions[id].map { documents[$0] }
    }

    /// Makes sure every document a command may read can be read: a document not read yet
    /// whose file changed since start-up (deleted, made unreadable, rewritten) is read now.
    /// Called before each command, so that a command never meets a document it cannot read
    /// halfway through (when nothing could stop it cleanly) and nothing is saved from one.
    /// - Complexity: with a ``DocumentChangeFeed`` (the store's folder watcher), one `stat`
    ///   per document whose file may have changed; without one, one `stat` per document not
    ///   read yet, in four stripes for a large corpus (5,000 unread documents: about 5 ms in
    ///   a debug build). A read only for changed files.
    /// - Returns: How many documents' files were checked (`stat`ed), for tests and reports.
    /// - Throws: ``ParallaxError`` naming the first document that cannot be read as it was
    ///   (which file, and what to do); a restored file is read by the next call.
    @discardableResult
    public func checkDocuments() throws -> Int {
        let documents = self.documents
        let candidates = changeFeed?.mayHaveChanged() ?? Array(documents.indices)
        var changed: [Int] = []
        if candidates.count >= 256 {
            let stripes = 4, chunk = (candidates.count + stripes - 1) / stripes
            let found = ChangedDocuments()
            DispatchQueue.concurrentPerform(iterations: stripes) { k in
                let range = (k * chunk)..<min(candidates.count, (k + 1) * chunk)
                found.add(candidates[range].filter { documents[$0].mayFailToRead })
            }
            changed = found.indexes.sorted()
        } else {
            changed = candidates.filter { documents.indices.contains($0) && documents[$0].mayFailToRead }
        }
        for i in changed { try documents[i].readContents() }
        changeFeed?.checked()
        return candidates.count
    }

    /// Indexes found by the stripes of ``checkDocuments()``.
    private final class ChangedDocuments: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var indexes: [Int] = []
        func add(_ found: [Int]) {
            guard !found.isEmpty else { return }
            lock.lock(); indexes += found; lock.unlock()
        }
    }

    /// The position in ``documents`` of the document with this id.
    func position(of id: String) -> Int? { positions[id] }

    /// The document with this id, or an error that lists the known ids.
    public func requireDocument(_ id: String) throws -> Document {
        if let doc = document(id) { return doc }
        let folded = Folding.fold(id)
        if let doc = documents.first(where: { Folding.fold($0.id) == folded }) { return doc }
        throw ParallaxError(.notFound, "no document \"\(id)\"",
                            hint: "known documents: " + documents.map(\.id).joined(separator: ", "))
    }
}
