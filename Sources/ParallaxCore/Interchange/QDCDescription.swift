/// A `.qdc` code's `Description` as paragraphs: the question's text, then labelled sections
/// (`Definition: …`, `Include: …`). Paragraphs are separated by blank lines (empty, or only
/// spaces and tabs, as other tools write them); each separator is kept, so a description reads
/// back to the same text.
///
/// A paragraph inside a value that would read as a section of its own (a definition whose
/// second paragraph starts with `Include:`) is written with a backslash before it
/// (`\Include: …`), and one backslash is taken off such a paragraph on reading, so
/// Parallax's own files round-trip exactly; a file from another tool reads as written.
enum QDCDescription {
    /// A paragraph and the blank-line separator before it (empty for the first).
    struct Paragraph: Equatable {
        var separator: String
        var text: String
    }

    /// The paragraphs of a description, each with the separator before it.
    static func paragraphs(_ text: String) -> [Paragraph] {
        var out: [Paragraph] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var current: [Substring] = [], separator = "", blanks: [Substring] = []
        func isBlank(_ line: Substring) -> Bool { line.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" } }
        for line in lines {
            if isBlank(line), !current.isEmpty {
                blanks.append(line)
                continue
            }
            if !blanks.isEmpty {
                // The paragraph ended at the first blank line; this line starts the next one.
                out.append(Paragraph(separator: separator, text: current.joined(separator: "\n")))
                separator = "\n" + blanks.joined(separator: "\n") + "\n"
                current = []
                blanks = []
            }
            current.append(line)
        }
        // Blank lines at the end belong to the last paragraph.
        current += blanks
        out.append(Paragraph(separator: separator, text: current.joined(separator: "\n")))
        return out
    }

    /// The section label a paragraph starts with (`Include:` followed by a space, a line end
    /// or nothing), and the rest of it.
    static func section(_ paragraph: String) -> (label: String, value: String)? {
        for label in QDCCodebook.sectionLabels where paragraph.hasPrefix(label + ":") {
            let rest = paragraph.dropFirst(label.count + 1)
            guard let first = rest.first else { return (label, "") }
            if first == " " || first == "\n" { return (label, String(rest.dropFirst())) }
            if rest.hasPrefix("\r\n") { return (label, String(rest.dropFirst(2))) }
        }
        return nil
    }

    /// Whether a paragraph, after any backslashes it starts with, reads as a section.
    private static func looksLikeSection(_ paragraph: String) -> Bool {
        section(String(paragraph.drop { $0 == "\\" })) != nil
    }

    /// A value (text or a section's value) with each paragraph that would read as a section
    /// escaped by one backslash.
    static func escaped(_ value: String) -> String {
        paragraphs(value).map { $0.separator + (looksLikeSection($0.text) ? "\\" + $0.text : $0.text) }.joined()
    }

    /// A paragraph as written in a value: an escaped one loses its backslash.
    static func unescaped(_ paragraph: String) -> String {
        paragraph.hasPrefix("\\") && looksLikeSection(paragraph) ? String(paragraph.dropFirst()) : paragraph
    }
}
