#if canImport(Glibc)
import Glibc
#endif
import Foundation
import BenchSupport
import ParallaxCore
import ParallaxStore

/// Writes annotation sets that look like real ones: spans that are sentences or runs of
/// words inside one paragraph of a corpus document (widened to whole characters, with the
/// quote selector and hash the store checks), the speaker's or author's analyst, a question
/// and a stance on its scale, a confidence most of the time, tags, a note (sometimes with
/// quotes, a line break or a backslash to escape), ULIDs in time order, a modification time
/// on some, and now and then a field from another tool (kept verbatim by the store).
/// Lines average about 550 bytes.
struct SetGenerator {
    let corpus: Corpus
    let codebook: Codebook
    private let cumulative: [Int]
    private let vocabulary: [String]
    private let compared: [String]

    init(corpus: Corpus, codebook: Codebook) {
        self.corpus = corpus
        self.codebook = codebook
        var sum = 0
        cumulative = corpus.documents.map { sum += $0.text.scalarCount; return sum }
        // Note words come from the first documents only: enough variety, little cost.
        var words: [String] = []
        for doc in corpus.documents.prefix(8) {
            words += doc.text.string.split(whereSeparator: { $0 == " " || $0 == "\n" }).prefix(20_000).map(String.init)
        }
        vocabulary = words
        compared = corpus.analysts.all.filter(\.compared).map(\.id)
    }

    /// Writes `count` annotations, one a line, to `path`.
    /// - Returns: The file's size in bytes.
    @discardableResult
    func write(count: Int, to path: String, seed: UInt64, documents: [String]? = nil) throws -> Int {
        var random = SplitMix64(seed: seed)
        var ids = AnnotationID()
        var clock: UInt64 = 1_798_000_000_000 // 2026-12
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw BenchError("cannot write \(path)") }
        defer { close(fd) }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20)
        var total = 0
        let pool = documents.map { ids in corpus.documents.filter { ids.contains($0.id) } }
        for _ in 0..<count {
            clock += UInt64(random.within(200...90_000))
            let a = try annotation(id: ids.next(milliseconds: clock), at: clock, in: pool, &random)
            AnnotationCodec.append(a, to: &buffer)
            if buffer.count > (1 << 20) - 4096 {
                total += buffer.count
                try flush(&buffer, fd)
            }
        }
        total += buffer.count
        try flush(&buffer, fd)
        return total
    }

    private func flush(_ buffer: inout [UInt8], _ fd: Int32) throws {
        let ok = buffer.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) == $0.count }
        guard ok else { throw BenchError("short write") }
        buffer.removeAll(keepingCapacity: true)
    }

    private func pickDocument(_ pool: [Document]?, _ random: inout SplitMix64) -> Document {
        if let pool { return random.pick(pool) }
        let r = random.below(cumulative.last!)
        var lo = 0, hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] > r { hi = mid } else { lo = mid + 1 }
        }
        return corpus.documents[lo]
    }

    private func annotation(id: String, at clock: UInt64, in pool: [Document]?, _ random: inout SplitMix64) throws -> Annotation {
        let doc = pickDocument(pool, &random)
        var start = 0, end = 0
        while end <= start {
            let p = doc.paragraphs[random.below(doc.paragraphs.count)]
            if random.chance(0.3), let s = doc.sentence(containing: random.within(p.start...(p.end - 1))), s.end - s.start <= 300 {
                (start, end) = (s.start, s.end)
            } else {
                // A run of whole words, as a reader selects them.
                let length = min(p.end - p.start, random.within(12...120))
                start = p.start + random.below(p.end - p.start - length + 1)
                end = start + length
                func isSpace(_ k: Int) -> Bool { doc.text.scalar(at: k).properties.isWhitespace }
                while start > p.start && !isSpace(start - 1) { start -= 1 }
                while end < p.end && !isSpace(end) { end += 1 }
                while end > start && isSpace(end - 1) { end -= 1 }
            }
        }
        let target = try TextTarget(document: doc, start: start, end: end)
        let analyst = (try? doc.analyst(start: target.start, end: target.end)) ?? random.pick(compared)
        let question = random.pick(codebook.questions)
        var note = ""
        if random.chance(0.7) {
            var words: [String] = []
            for _ in 0..<random.within(6...22) { words.append(random.pick(vocabulary)) }
            if random.chance(0.1) { words.insert("\"as quoted\"", at: words.count / 2) }
            if random.chance(0.02) { words.append("\nsee also C:\\notes") }
            note = words.joined(separator: " ")
        }
        let tags = ["evidence", "explicit", "implicit", "hedged", "quote", "context"].filter { _ in random.chance(0.22) }
        let created = Clock.iso8601(milliseconds: clock)
        var a = Annotation(id: id, target: target, question: question.id, analyst: analyst,
                           stance: random.pick(question.values),
                           confidence: random.chance(0.7) ? random.pick([0.5, 0.6, 0.7, 0.75, 0.8, 0.9, 1.0]) : nil,
                           tags: tags, note: note, created: created,
                           modified: random.chance(0.2) ? Clock.iso8601(milliseconds: clock + 3_600_000) : created)
        if random.chance(0.03) { a.extra.set("reviewed_by", raw: Array("\"alice\"".utf8)) }
        if random.chance(0.01) { a.extra.set("x-atlas", raw: Array(#"{"quotation":"1:\#(random.below(999))","memo":null}"#.utf8)) }
        return a
    }
}
