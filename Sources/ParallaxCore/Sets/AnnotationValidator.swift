/// Checks an annotation against the corpus and the codebook.
public struct AnnotationValidator: Sendable {
    /// The corpus spans refer to.
    public let corpus: Corpus
    /// The codebook questions and stances refer to.
    public let codebook: Codebook

    /// Creates a validator.
    public init(corpus: Corpus, codebook: Codebook) {
        self.corpus = corpus; self.codebook = codebook
    }

    /// What a check found.
    public enum Verdict: Equatable, Sendable {
        /// Valid as it stands.
        case valid
        /// The document changed since the annotation was made: the span must be re-anchored.
        case documentChanged
        /// Cannot be loaded, for this reason.
        case invalid(String)
    }

    /// Checks the body (question, analyst, stance, confidence, times, id) and the span.
    public func check(_ a: Annotation) -> Verdict {
        if !AnnotationID.isValid(a.id) { return .invalid("id \"\(a.id)\" must be 1-64 letters, digits, '_' or '-'") }
        guard let question = codebook.question(a.question) else {
            return .invalid("unknown question \"\(a.question)\"" + (Suggest.closest(to: a.question, among: codebook.questions.map(\.id)).map { " (did you mean \($0)?)" } ?? ""))
        }
        if !corpus.analysts.contains(id: a.analyst) {
            return .invalid("unknown analyst \"\(a.analyst)\"")
        }
        if question.label(of: a.stance) == nil {
            return .invalid("stance \(a.stance) is off the scale of \(a.question) (\(question.values.map(Question.signed).joined(separator: " ")))")
        }
        if let c = a.confidence, !(0...1).contains(c) { return .invalid("confidence \(c) is outside 0…1") }
        if !Clock.isISO8601(a.created) { return .invalid("created \"\(a.created)\" is not a UTC ISO 8601 time like 2026-11-23T16:00:00Z") }
        if !Clock.isISO8601(a.modified) { return .invalid("modified \"\(a.modified)\" is not a UTC ISO 8601 time") }
        // The document is read in place (`documents[k]`), not copied.
        guard let k = corpus.position(of: a.target.doc) else { return .invalid("unknown document \"\(a.target.doc)\"") }
        let t = a.target
        if t.start > t.end { return .invalid("reversed span \(t.start)-\(t.end)") }
        if t.start == t.end { return .invalid("empty span at \(t.start)") }
        if t.start < 0 { return .invalid("span \(t.start)-\(t.end) starts before the document") }
        if t.hash != corpus.documents[k].hash { return .documentChanged }
        if t.end > corpus.documents[k].text.scalarCount {
            return .invalid("span \(t.start)-\(t.end) lies outside document \(t.doc) (\(corpus.documents[k].text.scalarCount) scalars)")
        }
        if !corpus.documents[k].text.text(t.start, t.end, equals: t.exact) {
            return .invalid("\"exact\" does not match document \(t.doc) at \(t.start)-\(t.end)")
        }
        return .valid
    }
}
