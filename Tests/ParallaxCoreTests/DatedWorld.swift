import Foundation
import ParallaxCore

/// A hand-made dated corpus for timeline, date-filter and network tests: five documents of
/// four one-line paragraphs each —
///
/// | doc   | date         | note                                   |
/// |-------|--------------|----------------------------------------|
/// | a2019 | `2019-06`    | month only                             |
/// | b2023 | `2023-03-15` |                                        |
/// | c2023 | `2023-03-15` | same date as b2023                     |
/// | d2024 | `2024-07-23` |                                        |
/// | u     | (none)       | undated                                |
///
/// Analysts `ann`, `bob`, `cy` (compared) and `dee` (compared, never coded); one question
/// scale -2…+2 (`q1`, `q2`).
enum DatedWorld {
    static let dates: [(id: String, date: String)] = [
        ("a2019", "2019-06"), ("b2023", "2023-03-15"), ("c2023", "2023-03-15"), ("d2024", "2024-07-23"), ("u", ""),
    ]

    static let corpus: Corpus = {
        let infos = dates.map { d in
            DocumentInfo(id: d.id, file: d.id + ".txt", title: "Title of \(d.id)", publisher: "Pub \(d.id)", date: d.date,
                         authors: [], voice: nil, segmentation: Segmentation(paragraphs: .lines))
        }
        let analysts = [
            AnalystInfo(id: "ann", name: "Ann A", affiliation: "Institute A"),
            AnalystInfo(id: "bob", name: "Bob B", affiliation: "Institute B"),
            AnalystInfo(id: "cy", name: "Cy C", affiliation: "=HYPERLINK(\"x\")"),
            AnalystInfo(id: "dee", name: "Dee D", affiliation: ""),
        ]
        return try! Corpus(manifest: CorpusManifest(documents: infos, analysts: analysts), contents: { info in
            Array((1...4).map { "\(info.id) line \($0) says something quotable." }.joined(separator: "\n").utf8) + [0x0A]
        })
    }()

    static func question(_ id: String) -> Question {
        Question(id: id, text: "Question \(id)?", scale: [
            .init(value: -2, label: "no"), .init(value: -1, label: "unlikely"), .init(value: 0, label: "uncertain"),
            .init(value: 1, label: "plausible"), .init(value: 2, label: "likely"),
        ])
    }

    static let codebook = Codebook(questions: [question("q1"), question("q2")])

    /// A coding of `analyst` on `question` at paragraph `line` of `doc`.
    static func coding(_ analyst: String, _ question: String, _ stance: Int, doc: String, line: Int = 1,
                       set: String = "alice", confidence: Double? = nil, tags: [String] = []) -> Coding {
        let d = corpus.document(doc)!
        let p = d.paragraphs[line - 1]
        let target = TextTarget(doc: doc, start: p.start, end: p.end, text: d.text, hash: d.hash)
        return Coding(set: set, annotation: Annotation(id: "\(analyst)-\(question)-\(doc)-\(line)-\(set)", target: target,
                                                       question: question, analyst: analyst, stance: stance,
                                                       confidence: confidence, tags: tags, created: "2026-01-01T00:00:00Z"))
    }

    /// The timeline codings:
    /// - ann on q1: a2019 ¶1 -1, ¶2 -2 (position -1.5); b2023 +1; d2024 ¶1 -1, ¶2 +2 (position
    ///   +0.5, a contradiction within one document); u +2 (undated).
    /// - bob on q1: b2023 +1, c2023 -1 (same date: a contradiction across two documents, no
    ///   shift); d2024 -1.
    /// - ann on q2: b2023 +1, d2024 +1 (no shift).
    static let codings: [Coding] = [
        coding("ann", "q1", -1, doc: "a2019", line: 1),
        coding("ann", "q1", -2, doc: "a2019", line: 2),
        coding("ann", "q1", 1, doc: "b2023"),
        coding("ann", "q1", -1, doc: "d2024", line: 1),
        coding("ann", "q1", 2, doc: "d2024", line: 2, set: "bea"),
        coding("ann", "q1", 2, doc: "u"),
        coding("bob", "q1", 1, doc: "b2023"),
        coding("bob", "q1", -1, doc: "c2023"),
        coding("bob", "q1", -1, doc: "d2024"),
        coding("ann", "q2", 1, doc: "b2023"),
        coding("ann", "q2", 1, doc: "d2024"),
    ]
}
