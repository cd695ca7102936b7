import Foundation
import BenchSupport
import ParallaxCore
import ParallaxStore

/// Builds a synthetic corpus of any size from the bundled one: documents of the same kinds
/// (a panel transcript with `NAME:` speaker turns and a `-` end marker, single-author
/// articles), made of the bundled paragraphs recombined and lightly mutated (words swapped for
/// other corpus words, an occasional U+00A0), so the text keeps the corpus's curly quotes,
/// dashes, dotless ı and ş without whole documents repeating.
struct CorpusGenerator {
    /// One bundled document cut into reusable pieces.
    private struct Source {
        var info: DocumentInfo
        /// Paragraphs before the first speaker turn (transcripts), or all paragraphs.
        var paragraphs: [String]
        /// Turn bodies (without their `LABEL: `), transcripts only.
        var turnBodies: [String] = []
        /// Paragraphs after the end marker, transcripts only.
        var outro: [String] = []
        var endMarker: String?
        var isTranscript: Bool { info.segmentation.turns != nil }
    }

    private let sources: [Source]
    private let manifest: CorpusManifest
    private let vocabulary: [String]
    private let labels: [String]
    private let moderatorLabels: [String]

    /// Reads the bundled corpus.
    init(bundled directory: String) throws {
        let corpus = try Corpus.load(from: directory)
        manifest = corpus.manifest
        var sources: [Source] = []
        var words: [String] = []
        for doc in corpus.documents {
            let texts = doc.paragraphs.map { doc.text.text($0.start, $0.end) }
            for t in texts { words += t.split(separator: " ").map(String.init) }
            var source = Source(info: doc.info, paragraphs: texts)
            if doc.info.segmentation.turns != nil, let first = doc.turns.first {
                let markers = doc.info.segmentation.turns?.endMarkers ?? []
                source.paragraphs = doc.paragraphs.filter { $0.end <= first.start }.map { doc.text.text($0.start, $0.end) }
                for turn in doc.turns {
                    for p in doc.paragraphs where p.start >= turn.start && p.end <= turn.end {
                        var body = doc.text.text(p.start, p.end)
                        if p.start == turn.start, let colon = body.firstIndex(of: ":") {
                            body = String(body[body.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
                        }
                        if !body.isEmpty { source.turnBodies.append(body) }
                    }
                }
                if let markerIndex = texts.lastIndex(where: { markers.contains($0) }) {
                    source.endMarker = texts[markerIndex]
                    source.outro = Array(texts[(markerIndex + 1)...])
                }
            }
            sources.append(source)
        }
        self.sources = sources
        vocabulary = words.filter { !$0.isEmpty && !$0.hasSuffix(":") }
        labels = corpus.manifest.analysts.filter(\.compared).flatMap(\.labels)
        moderatorLabels = corpus.manifest.analysts.filter { !$0.compared }.flatMap(\.labels)
    }

    /// Writes `manifest.json` and the documents into `directory` until their total reaches
    /// `megabytes` (MiB).
    /// - Returns: The number of documents and bytes written.
    func write(to directory: String, megabytes: Int, seed: UInt64) throws -> (documents: Int, bytes: Int) {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var random = SplitMix64(seed: seed)
        var infos: [DocumentInfo] = []
        var total = 0
        let budget = megabytes << 20
        var n = 0
        while total < budget {
            let source = sources[n % sources.count]
            n += 1
            let size = min(budget - total, random.within(40_000...160_000))
            let id = "\(source.info.id)-\(String(format: "%05d", n))"
            let text = document(from: source, bytes: max(size, 2_000), random: &random)
            let file = id + ".txt"
            try Data(text.utf8).write(to: URL(fileURLWithPath: directory + "/" + file))
            total += text.utf8.count
            var info = source.info
            info.id = id
            info.file = file
            info.title = "\(source.info.title) (synthetic \(n))"
            infos.append(info)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(CorpusManifest(documents: infos, analysts: manifest.analysts))
        try data.write(to: URL(fileURLWithPath: directory + "/" + Corpus.manifestName))
        return (infos.count, total)
    }

    /// Writes `manifest.json` and `documents` documents of about `averageBytes` each (sizes
    /// spread from a fifth to 1.8× the average), for a corpus of many small documents.
    /// - Returns: The number of documents and bytes written.
    func write(to directory: String, documents: Int, averageBytes: Int, seed: UInt64) throws -> (documents: Int, bytes: Int) {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var random = SplitMix64(seed: seed)
        var infos: [DocumentInfo] = []
        var total = 0
        for n in 1...documents {
            let source = sources[(n - 1) % sources.count]
            let size = random.within((averageBytes / 5)...(averageBytes * 9 / 5))
            let id = "\(source.info.id)-\(String(format: "%05d", n))"
            let text = document(from: source, bytes: size, random: &random)
            let file = id + ".txt"
            try Data(text.utf8).write(to: URL(fileURLWithPath: directory + "/" + file))
            total += text.utf8.count
            var info = source.info
            info.id = id
            info.file = file
            info.title = "\(source.info.title) (synthetic \(n))"
            infos.append(info)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(CorpusManifest(documents: infos, analysts: manifest.analysts))
        try data.write(to: URL(fileURLWithPath: directory + "/" + Corpus.manifestName))
        return (infos.count, total)
    }

    /// Writes a corpus of one document of about `megabytes` MiB, of a given kind (by bundled id).
    func writeSingle(to directory: String, id: String, kind: String, megabytes: Int, seed: UInt64) throws -> String {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var random = SplitMix64(seed: seed)
        guard let source = sources.first(where: { $0.info.id == kind }) else { throw BenchError("no bundled document \(kind)") }
        let text = document(from: source, bytes: megabytes << 20, random: &random)
        var info = source.info
        info.id = id
        info.file = id + ".txt"
        try Data(text.utf8).write(to: URL(fileURLWithPath: directory + "/" + info.file))
        let data = try JSONEncoder().encode(CorpusManifest(documents: [info], analysts: manifest.analysts))
        try data.write(to: URL(fileURLWithPath: directory + "/" + Corpus.manifestName))
        return text
    }

    private func document(from source: Source, bytes: Int, random: inout SplitMix64) -> String {
        var lines: [String] = []
        var size = 0
        func add(_ line: String) { lines.append(line); size += line.utf8.count + 1 }
        if source.isTranscript {
            for p in source.paragraphs { add(mutate(p, &random)) }
            var turn = 0
            let reserve = source.outro.reduce(0) { $0 + $1.utf8.count + 1 } + 2
            while size + reserve < bytes {
                let moderator = turn % 2 == 0 && !moderatorLabels.isEmpty
                let label = moderator ? random.pick(moderatorLabels) : random.pick(labels)
                let count = moderator ? 1 : random.within(1...3)
                for k in 0..<count {
                    let body = mutate(random.pick(source.turnBodies), &random)
                    add(k == 0 ? label + ": " + body : body)
                }
                turn += 1
            }
            if let marker = source.endMarker { add(marker) }
            for p in source.outro { add(mutate(p, &random)) }
        } else {
            add(mutate(source.paragraphs[0], &random))
            while size < bytes {
                add(mutate(source.paragraphs[random.within(1...(source.paragraphs.count - 1))], &random))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Swaps about one word in sixteen for another corpus word; now and then a word is joined
    /// to the previous by a no-break space (U+00A0), as in the MERICS text.
    private func mutate(_ paragraph: String, _ random: inout SplitMix64) -> String {
        var out = ""
        out.reserveCapacity(paragraph.utf8.count + 16)
        var first = true
        for word in paragraph.split(separator: " ", omittingEmptySubsequences: false) {
            if !first { out += random.chance(0.004) ? "\u{00A0}" : " " }
            first = false
            if random.chance(0.06) { out += random.pick(vocabulary) } else { out += word }
        }
        return out
    }
}
