import ParallaxCore
import ParallaxStore
import TestSupport

/// Annotations for set diff and merge tests: valid on the bundled corpus and codebook.
enum TeamFixtures {
    /// An annotation on `[start, end)` of a document (widened to whole characters).
    static func annotation(_ id: String, doc: String = "brookings", _ start: Int, _ end: Int,
                           question: String = "reset-wedge", analyst: String = "stent", stance: Int = -1,
                           confidence: Double? = nil, tags: [String] = [], note: String = "",
                           modified: String = "2026-11-23T16:00:00Z") -> Annotation {
        let d = try! Fixtures.corpus.requireDocument(doc)
        let target = try! TextTarget(document: d, start: start, end: end)
        return Annotation(id: id, target: target, question: question, analyst: analyst, stance: stance,
                          confidence: confidence, tags: tags, note: note, created: "2026-11-23T16:00:00Z", modified: modified)
    }

    /// The same annotation edited: `modified` moved on, then `change` applied.
    static func edited(_ a: Annotation, at modified: String = "2026-11-24T09:00:00Z", _ change: (inout Annotation) -> Void) -> Annotation {
        var b = a
        b.modified = modified
        change(&b)
        return b
    }

    /// A base of three annotations.
    static let a1 = annotation("01AAAAAAAAAAAAAAAAAAAAAAA1", 3000, 3040, stance: -1, tags: ["evidence"], note: "first reading")
    static let a2 = annotation("01AAAAAAAAAAAAAAAAAAAAAAA2", 5000, 5060, question: "war-ends-soon", stance: -2, note: "second")
    static let a3 = annotation("01AAAAAAAAAAAAAAAAAAAAAAA3", 7000, 7030, question: "us-russia-reset", stance: 1)

    static func set(_ annotations: Annotation..., damaged: [DamagedLine] = []) -> SetContents {
        SetContents(annotations: annotations, damaged: damaged)
    }

    static func damaged(_ text: String, line: Int = 1) -> DamagedLine {
        DamagedLine(line: line, bytes: Array(text.utf8), reason: "test")
    }
}
