import Crypto

/// A loaded corpus document: its exact text, content hash, paragraphs and speaker turns.
public struct Document: Sendable {
    /// The manifest's metadata.
    public let info: DocumentInfo
    /// The exact text, addressed by scalar offsets.
    public let text: ScalarText
    /// Lowercase hex SHA-256 of the file's bytes.
    public let hash: String
    /// Non-empty paragraphs in order; `paragraphs[i].number == i + 1`.
    public let paragraphs: [Paragraph]
    /// Speaker turns in order (empty for single-voice documents).
    public let turns: [Turn]

    /// The document id.
    public var id: String { info.id }

    /// Builds a document from its bytes.
    /// - Parameters:
    ///   - info: The manifest entry.
    ///   - bytes: The file's exact bytes (UTF-8).
    ///   - speakers: Resolves a speaker label to an analyst id.
    /// - Throws: ``ParallaxError`` when the bytes are not UTF-8.
    public init(info: DocumentInfo, bytes: [UInt8], speakers: (String) -> String?) throws {
        self.info = info
        self.text = try ScalarText(utf8: bytes, origin: "document \(info.id) (\(info.file))")
        self.hash = Document.sha256(bytes)
        var paragraphs = Segmenter.paragraphs(of: text, mode: info.segmentation.paragraphs)
        if let rules = info.segmentation.turns {
            self.turns = Segmenter.turns(of: text, paragraphs: &paragraphs, rules: rules, speakers: speakers)
        } else {
            self.turns = []
        }
        self.paragraphs = paragraphs
    }

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
        var lo = 0, hi = paragraphs.count - 1, found: Int?
        while lo <= hi {
            let mid = (lo + hi) / 2
            if paragraphs[mid].start <= offset { found = mid; lo = mid + 1 } else { hi = mid - 1 }
        }
        return found.map { paragraphs[$0] }
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
