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
    private let lock = NSLock()
    private var built: Loaded?

    init(info: DocumentInfo, eager: Loaded) {
        self.eager = eager
        self.infoSource = .known(info)
        self.seedHash = eager.hash
        self.speakers = nil
        self.load = nil
    }

    init(info: Info, hash: String, speakers: @escaping @Sendable (String) -> String?,
         load: @escaping @Sendable () throws -> (bytes: [UInt8], verified: Bool)) {
        self.eager = nil
        self.infoSource = info
        self.seedHash = hash
        self.speakers = speakers
        self.load = load
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

    /// The contents, read and built on first use.
    var loaded: Loaded {
        if let eager { return eager }
        lock.lock(); defer { lock.unlock() }
        if let built { return built }
        guard let load, let speakers else { preconditionFailure("a lazy document without a loader") }
        let info = self.info
        do {
            let (bytes, verified) = try load()
            let value = try DocumentContents.build(info: info, bytes: bytes, hash: verified ? seedHash : nil, speakers: speakers)
            built = value
            return value
        } catch {
            fatalError("document \(info.id) (\(info.file)) can no longer be read: \(error). Restore the file and start again.")
        }
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
