import Foundation
import ParallaxCore
import ParallaxStore

/// A tiny hand-made world for comparison tests: one document of ten one-line paragraphs,
/// four analysts compared by default (a, b, c, d), one who is not (mod), and two questions.
enum Small {
    static let lines = (1...10).map { "Line \($0) says something worth quoting here." }

    static let corpus: Corpus = {
        let info = DocumentInfo(id: "doc", file: "doc.txt", title: "Doc", publisher: "P", date: "2026-01-01",
                                authors: [], voice: nil, segmentation: Segmentation(paragraphs: .lines))
        let analysts = [
            AnalystInfo(id: "a", name: "Ann A", affiliation: ""),
            AnalystInfo(id: "b", name: "Bob B", affiliation: ""),
            AnalystInfo(id: "c", name: "Cy C", affiliation: ""),
            AnalystInfo(id: "d", name: "Di D", affiliation: ""),
            AnalystInfo(id: "mod", name: "Mo Derator", affiliation: "", compared: false),
        ]
        let text = lines.joined(separator: "\n") + "\n"
        return try! Corpus(manifest: CorpusManifest(documents: [info], analysts: analysts),
                           contents: { _ in Array(text.utf8) })
    }()

    static func question(_ id: String) -> Question {
        Question(id: id, text: "Question \(id)?", scale: [
            .init(value: -2, label: "no"), .init(value: -1, label: "unlikely"), .init(value: 0, label: "uncertain"),
            .init(value: 1, label: "plausible"), .init(value: 2, label: "likely"),
        ])
    }

    static let codebook = Codebook(questions: [question("q1"), question("q2"), question("q3")])

    /// A coding of `analyst` on `question` at paragraph `line` (1-based) of the document.
    static func coding(_ set: String, _ analyst: String, _ question: String, _ stance: Int,
                       confidence: Double? = nil, line: Int = 1, id: String? = nil) -> Coding {
        let doc = corpus.document("doc")!
        let p = doc.paragraphs[line - 1]
        let target = TextTarget(doc: "doc", start: p.start, end: p.end, text: doc.text, hash: doc.hash)
        let ident = id ?? "\(analyst)-\(question)-\(set)-\(stance)-\(line)-\(confidence ?? -1)"
        return Coding(set: set, annotation: Annotation(id: ident, target: target, question: question, analyst: analyst,
                                                       stance: stance, confidence: confidence,
                                                       created: "2026-01-01T00:00:00Z"))
    }

    static func comparer(_ codings: [Coding]) -> Comparer {
        Comparer(corpus: corpus, codebook: codebook, codings: codings)
    }

    /// Encodes a value with sorted keys, decodes it back, and returns the JSON text.
    static func roundTrip<T: Codable & Equatable>(_ value: T) throws -> (json: String, back: T) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(value)
        return (String(decoding: data, as: UTF8.self), try JSONDecoder().decode(T.self, from: data))
    }
}
