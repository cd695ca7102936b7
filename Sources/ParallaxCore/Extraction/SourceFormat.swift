/// The kinds of file `doc add` reads, told by the file name's extension.
public enum SourceFormat: String, Codable, Sendable, CaseIterable {
    /// Plain text (`.txt`).
    case text = "txt"
    /// Markdown (`.md`), stored as the text it is.
    case markdown = "md"
    /// A web page (`.html`, `.htm`).
    case html
    /// A PDF's text layer (`.pdf`).
    case pdf
    /// A Word document (`.docx`).
    case docx

    /// The format of a file name, or `nil` for an extension Parallax does not read.
    public init?(fileName: String) {
        guard let dot = fileName.lastIndex(of: "."), !fileName[fileName.index(after: dot)...].contains("/") else { return nil }
        switch fileName[fileName.index(after: dot)...].lowercased() {
        case "txt", "text": self = .text
        case "md", "markdown": self = .markdown
        case "html", "htm", "xhtml": self = .html
        case "pdf": self = .pdf
        case "docx": self = .docx
        default: return nil
        }
    }

    /// The extensions `doc add` accepts, for error messages.
    public static let extensions = ".txt, .md, .html, .htm, .pdf, .docx"
}
