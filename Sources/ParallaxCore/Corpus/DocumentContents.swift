import Foundation

/// What a ``Document`` holds beyond its manifest entry — text, hash, paragraphs, turns —
/// either built at once or on first use (thread-safe: the first reader builds, the others wait).
final class DocumentContents: @unchecked Sendable {
    /// The built contents.
    struct Loaded: Sendable {
        var text: ScalarText
        var hash: String
        var paragraphs: [Paragraph]
        var turns: [Turn]
    }

    /// Where the manifest entry is.
    enum Info: Sendable {
        case known(DocumentInfo)
        /// Entry `i` of a manifest decoded on first use.
        case entry(Int, ManifestSource)
    }

    private let eager: Loaded?
    private let infoSource: Info
    private let seedHash: String
    private let speakers: (@Sendable (String) -> String?)?
    private let load: (@Sendable () throws -> (bytes: [UInt8], verified: Bool))?
    /// The file the bytes come from (for messages) and whether reading it now would still
    /// give the bytes the hash was verified from (its identity is unchanged).
    private let file: DocumentFile?
    private let lock = NSLock()
    private var built: Loaded?

    init(info: DocumentInfo, eager: Loaded) {
        self.eager = eager
        self.infoSource = .known(info)
        self.seedHash = eager.hash
        self.speakers = nil
        self.load = nil
        self.file = nil
    }

    init(info: Info, hash: String, speakers: @escaping @Sendable (String) -> String?, file: DocumentFile?,
         load: @escaping @Sendable () throws -> (bytes: [UInt8], verified: Bool)) {
        self.eager = nil
        self.infoSource = info
        self.seedHash = hash
        self.speakers = speakers
        self.load = load
        self.file = file
    }

    /// The manifest entry.
    var info: DocumentInfo {
        switch infoSource {
        case .known(let info): return info
        case .entry(let i, let manifest): return manifest.value.documents[i]
        }
    }

    /// The hash: known without reading the text.
    var hash: String {
        if let eager { return eager.hash }
        lock.lock(); defer { lock.unlock() }
        return built?.hash ?? seedHash
    }

    var isLoaded: Bool {
        if eager != nil { return true }
        lock.lock(); defer { lock.unlock() }
        return built != nil
    }

    /// The contents, read and built on first use. Callers that can fail cleanly use
    /// ``contents()``; the session checks every unread document before each command
    /// (``Corpus/checkDocuments()``), so a document whose file vanished or changed is reported
    /// there and this accessor only reads files that were just found unchanged.
    var loaded: Loaded {
        do {
            return try contents()
        } catch {
            // Only reachable when the file changes between the session's check before the
            // command and the read during it (microseconds apart).
            fatalError("\(error)")
        }
    }

    /// The contents, read and built now if need be. A failure is not remembered: once the
    /// file is restored, the next call reads it.
    /// - Throws: ``ParallaxError`` naming the document and its file when the file can no
    ///   longer be read, is no longer UTF-8, or holds other bytes than the ones the hash was
    ///   verified from (the annotations are anchored to that text, so another one is refused).
    func contents() throws -> Loaded {
        if let eager { return eager }
        lock.lock(); defer { lock.unlock() }
        if let built { return built }
        guard let load, let speakers else { preconditionFailure("a lazy document without a loader") }
        let info = self.info
        let place = file?.path ?? info.file
        let what = "document \(info.id)"
        let restore = "restore the file (e.g. `git restore` it), then run the command again; nothing was changed"
        let bytes: [UInt8], verified: Bool
        do {
            (bytes, verified) = try load()
        } catch let error as ParallaxError {
            throw ParallaxError(.notFound, "\(what) can no longer be read: \(error.message)", at: .file(place), hint: restore)
        }
        if let bad = ScalarText.firstInvalidUTF8(bytes) {
            throw ParallaxError(.invalidData, "\(what) is no longer UTF-8 (invalid UTF-8 at byte \(bad)): the file changed since the session started",
                                at: .file(place), hint: restore)
        }
        let value = try DocumentContents.build(info: info, bytes: bytes, hash: verified ? seedHash : nil, speakers: speakers)
        guard value.hash == seedHash else {
            throw ParallaxError(.conflict, "\(what) changed on disk since the session started (its annotations are anchored to the text with hash \(seedHash.prefix(12))…, the file now has \(value.hash.prefix(12))…)",
                                at: .file(place),
                                hint: "restore the file and run the command again; to work on the new text, quit and start again (its annotations are then re-anchored), or restore the file and bring the new text in with `doc update \(info.id) FILE`; nothing was changed")
        }
        built = value
        return value
    }

    /// Whether reading the contents now could fail: they are not read yet and the file's
    /// identity no longer matches the one their hash was verified from.
    var mayFail: Bool {
        guard eager == nil, let file else { return false }
        lock.lock()
        let done = built != nil
        lock.unlock()
        return !done && !file.unchanged()
    }

    /// Indexes, hashes (unless the hash is known) and segments a document's bytes.
    static func build(info: DocumentInfo, bytes: [UInt8], hash: String?, speakers: (String) -> String?) throws -> Loaded {
        let text = try ScalarText(utf8: bytes, origin: "document \(info.id) (\(info.file))")
        var paragraphs = Segmenter.paragraphs(of: text, mode: info.segmentation.paragraphs)
        var turns: [Turn] = []
        if let rules = info.segmentation.turns {
            turns = Segmenter.turns(of: text, paragraphs: &paragraphs, rules: rules, speakers: speakers)
        }
        return Loaded(text: text, hash: hash ?? Document.sha256(bytes), paragraphs: paragraphs, turns: turns)
    }
}
