/// What a memo is about: a question, a document, an analyst, or the project as a whole.
public enum MemoTarget: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// A question of the codebook.
    case question(String)
    /// A document of the corpus.
    case document(String)
    /// An analyst.
    case analyst(String)
    /// The whole project.
    case project

    /// `question:reset-wedge`, `doc:brookings`, `analyst:stent`, `project`: how it is typed
    /// and stored.
    public var description: String {
        switch self {
        case .question(let id): return "question:" + id
        case .document(let id): return "doc:" + id
        case .analyst(let id): return "analyst:" + id
        case .project: return "project"
        }
    }

    /// The kind word (`question`, `doc`, `analyst`, `project`).
    public var kind: String {
        switch self {
        case .question: return "question"
        case .document: return "doc"
        case .analyst: return "analyst"
        case .project: return "project"
        }
    }

    /// The id after the colon (empty for the project).
    public var id: String {
        switch self {
        case .question(let id), .document(let id), .analyst(let id): return id
        case .project: return ""
        }
    }

    /// Parses the stored or typed form, without checking the id exists.
    /// - Throws: ``ParallaxError`` saying which forms are accepted.
    public init(parsing text: String) throws {
        if text == "project" { self = .project; return }
        guard let colon = text.firstIndex(of: ":") else {
            throw ParallaxError(.usage, "\"\(text)\" is not a memo target",
                                hint: "write question:ID, doc:ID, analyst:ID or project")
        }
        let kind = String(text[..<colon]), id = String(text[text.index(after: colon)...])
        guard !id.isEmpty else {
            throw ParallaxError(.usage, "memo target \"\(text)\" names no id", hint: "write \(kind):ID")
        }
        switch kind {
        case "question", "q": self = .question(id)
        case "doc", "document": self = .document(id)
        case "analyst": self = .analyst(id)
        default:
            throw ParallaxError(.usage, "\"\(kind)\" is not a memo target kind",
                                hint: "write question:ID, doc:ID, analyst:ID or project")
        }
    }
}
