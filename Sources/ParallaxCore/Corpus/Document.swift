import Crypto

/// A loaded corpus document: its exact text, content hash, paragraphs and speaker turns.
///
/// A document is either built from its bytes at once, or made *lazily* from a content hash
/// the store has already verified (its cache of file identities): then the text is read,
/// indexed and segmented on first use, so a session over thousands of documents starts
/// without reading them.
public struct Document: Sendable {
    /// The text, hash and segmentation, now or on first use.
    private let contents: DocumentContents

    /// The manifest's metadata.
    public var info: DocumentInfo { contents.info }

    /// The exact text, addressed by scalar offsets.
    public var text: ScalarText { contents.loaded.text }
    /// Lowercase hex SHA-256 of the file's bytes.
    public var hash: String { contents.hash }
    /// Non-empty paragraphs in order; `paragraphs[i].number == i + 1`.
    public var paragraphs: [Paragraph] { contents.loaded.paragraphs }
    /// Speaker turns in order (empty for single-voice documents).
    public var turns: [Turn] { contents.loaded.turns }
    /// Whether the text has been read (always, for a document built from its bytes).
    public var isLoaded: Bool { contents.isLoaded }

    /// The document id.
    public let id: String

    /// Builds a document from its bytes.
    /// - Parameters:
    ///   - info: The manifest entry.
    ///   - bytes: The file's exact bytes (UTF-8).
    ///   - speakers: Resolves a speaker label to an analyst id.
    /// - Throws: ``ParallaxError`` when the bytes are not UTF-8.
    public init(info: DocumentInfo, bytes: [UInt8], speakers: (String) -> String?) throws {
        self.id = info.id
        self.contents = DocumentContents(info: info, eager: try DocumentContents.build(info: info, bytes: bytes, hash: nil, speakers: speakers))
    }

    /// A document whose bytes are read on first use.
    /// - Parameters:
    ///   - info: The manifest entry.
    ///   - hash: The content hash of the bytes `load` will return, already verified by the caller.
    ///   - speakers: Resolves a speaker label to an analyst id.
    ///   - load: Reads the bytes; `verified` is `true` when they are known to still be the ones
    ///     `hash` was computed from (same file identity), otherwise they are hashed again.
    ///     A document whose file vanished, stopped being UTF-8 or changed since the session
    ///     started is reported by ``readContents()`` and ``Corpus/checkDocuments()``.
    ///   - file: The file `load` reads and a check that it is unchanged, so that a change is
    ///     found before a command needs the text (see ``Corpus/checkDocuments()``).
    public init(info: DocumentInfo, hash: String, speakers: @escaping @Sendable (String) -> String?,
                file: DocumentFile? = nil,
                load: @escaping @Sendable () throws -> (bytes: [UInt8], verified: Bool)) {
        self.id = info.id
        self.contents = DocumentContents(info: .known(info), hash: hash, speakers: speakers, file: file, load: load)
    }

    /// A document whose manifest entry and bytes are both read on first use.
    package init(id: String, entry: Int, of manifest: ManifestSource, hash: String,
                 speakers: @escaping @Sendable (String) -> String?, file: DocumentFile? = nil,
                 load: @escaping @Sendable () throws -> (bytes: [UInt8], verified: Bool)) {
        self.id = id
        self.contents = DocumentContents(info: .entry(entry, manifest), hash: hash, speakers: speakers, file: file, load: load)
    }

    /// Reads the text now if it is not read yet.
    /// - Throws: ``ParallaxError`` naming the document and its file when the file can no longer
    ///   be read, is no longer UTF-8, or changed since its hash was verified.
    public func readContents() throws { _ = try contents.contents() }

    /// Whether reading the text now could fail: it is not read yet and its file's identity
    /// changed since the hash was verified (a `stat`).
    var mayFailToRead: Bool { contents.mayFail }

    /// Lowercase hex SHA-256 of some bytes.
    public static func sha256(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in SHA256.hash(data: bytes) {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The paragraph containing scalar `offset` (or the nearest one before it).
    public func paragraph(containing offset: Int) -> Paragraph? {
        // Read once: each read of a lazily loaded document's paragraphs takes its lock.
        Paragraph.containing(offset, in: paragraphs)
    }

    /// The turn containing scalar `offset`, if any.
    /// - Complexity: O(log t): turns are in text order and do not overlap.
    public func turn(containing offset: Int) -> Turn? {
        var lo = 0, hi = turns.count - 1, found: Int?
        while lo <= hi {
            let mid = (lo + hi) / 2
            if turns[mid].start <= offset { found = mid; lo = mid + 1 } else { hi = mid - 1 }
        }
        guard let k = found, offset < turns[k].end else { return nil }
        return turns[k]
    }

    /// The voice that owns scalar `offset`: the speaker of its turn, the document's author for
    /// single-voice documents, `nil` in a transcript's editorial parts.
    public func voice(at offset: Int) -> String? {
        if info.segmentation.turns == nil { return info.voice }
        if let turn = turn(containing: offset) { return turn.speaker }
        return nil
    }

    /// The analyst who owns the whole span `[start, end)`.
    /// - Throws: ``ParallaxError`` when the span crosses two speakers' turns or lies in an
    ///   editorial part of a transcript.
    public func analyst(start: Int, end: Int) throws -> String {
        let location = "\(id)@\(start)-\(end)"
        if info.segmentation.turns == nil {
            guard let voice = info.voice else {
                throw ParallaxError(.notFound, "document \(id) names no author", at: location,
                                    hint: "give the analyst explicitly with analyst:ID")
            }
            return voice
        }
        let last = max(start, end - 1)
        let first = turn(containing: start)
        let second = turn(containing: last)
        if first != second {
            let a = first?.speaker ?? "editorial text"
            let b = second?.speaker ?? "editorial text"
            throw ParallaxError(.conflict, "the span crosses from \(a) to \(b)", at: location,
                                hint: "select text inside one speaker's turn")
        }
        guard let turn = first else {
            throw ParallaxError(.notFound, "the span lies in editorial text, outside any speaker's turn",
                                at: location, hint: "give the analyst explicitly with analyst:ID")
        }
        guard let speaker = turn.speaker else {
            throw ParallaxError(.notFound, "speaker label \"\(turn.label)\" is not in the corpus manifest",
                                at: location, hint: "add it to an analyst's labels in Corpus/manifest.json")
        }
        return speaker
    }
}
