/// The REFI-QDA codebook exchange file (`.qdc`): a codebook other QDA tools (QualCoder,
/// MAXQDA, ATLAS.ti, NVivo) read and write, in the namespace `urn:QDA-XML:codebook:1.0`,
/// valid against the standard's `Codebook.xsd`.
///
/// ## Mapping
/// - Each question is a top-level `Code`: `name` = the question id, `isCodable="false"`, the
///   same name-based GUID the `.qdpx` export gives it (``QDPXLayout``), `color` = the
///   question's colour when it has one.
/// - Its `Description` is the question's text, then, each after a blank line, the sections
///   `Definition: …`, `Include: …`, `Exclude: …`, `Examples: ID, ID` and `Retired: …` when the
///   question has them. A section runs to the next labelled paragraph; a paragraph of a value
///   that would read as a label is written `\Include: …` (``QDCDescription``).
/// - Each stance is a codable child `Code` named as in the `.qdpx` export:
///   `reset-wedge: -1 unlikely` (names unique across the codebook).
///
/// ## Reading files from other tools
/// A top-level code with child codes is a question; its name is the id when it is one
/// (lower-case letters, digits and `-`), otherwise an id is made from it (`Economic policy` →
/// `economic-policy`) and the name becomes the question's text when there is no description.
/// A child code's stance is the signed number its name starts with (after a `QUESTION: `
/// prefix); when no child of a code starts with a number, the children are numbered 1, 2, 3…
/// in file order. Problems (a code without children, codes nested deeper, two codes with the
/// same id, a stance twice, a colour that is not `#RRGGBB`) are all reported, each at its
/// `file:line:column` with what to do; nothing is read when there is one. Code sets (`Sets`)
/// are not read: Parallax has no grouping of questions to hold them (tags label codings, not
/// questions), so ``merge(_:path:into:)`` names them in ``QDCImport/codeSetsLeftOut`` and
/// `import qdc` warns that they were left out.
public enum QDCCodebook {
    /// The namespace of the codebook file.
    public static let namespaceURI = "urn:QDA-XML:codebook:1.0"

    static let sectionLabels = ["Definition", "Include", "Exclude", "Examples", "Retired"]
    static let retiredText = "kept for old codings, closed to new ones"

    /// The codebook as a `.qdc` document.
    /// - Throws: ``ParallaxError`` for an empty codebook (the standard requires one code).
    public static func export(_ codebook: Codebook) throws -> [UInt8] {
        guard !codebook.questions.isEmpty else {
            throw ParallaxError(.usage, "the codebook has no questions, and a REFI-QDA codebook needs at least one code",
                                hint: "add one with `question add`")
        }
        let A = XMLText.attribute
        var x = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        x += "<CodeBook xmlns=\"\(namespaceURI)\" origin=\"Parallax\">\n  <Codes>\n"
        for q in codebook.questions {
            x += "    <Code guid=\"\(QDPXLayout.questionGUID(q.id))\" name=\"\(A(q.id))\" isCodable=\"false\""
            if let colour = q.colour, isColour(colour) { x += " color=\"\(colour)\"" }
            x += ">\n      <Description>\(XMLText.content(description(of: q)))</Description>\n"
            for (i, p) in q.scale.enumerated() {
                x += "      <Code guid=\"\(QDPXLayout.stanceGUID(q.id, p.value))\" name=\"\(A(QDPXLayout.stanceCodeName(q.id, p.value, label: p.label)))\" isCodable=\"true\" color=\"\(QDPXLayout.stanceColor(index: i, count: q.scale.count))\"/>\n"
            }
            x += "    </Code>\n"
        }
        x += "  </Codes>\n</CodeBook>\n"
        return Array(x.utf8)
    }

    /// A question's text and its definition sections, as one description.
    static func description(of q: Question) -> String {
        // A paragraph of a value that would read as a section is escaped (``QDCDescription``).
        var parts = [QDCDescription.escaped(q.text)]
        if let d = q.definition { parts.append("Definition: " + QDCDescription.escaped(d)) }
        if let d = q.include { parts.append("Include: " + QDCDescription.escaped(d)) }
        if let d = q.exclude { parts.append("Exclude: " + QDCDescription.escaped(d)) }
        if let e = q.examples, !e.isEmpty { parts.append("Examples: " + e.joined(separator: ", ")) }
        if q.isRetired { parts.append("Retired: " + retiredText) }
        return parts.joined(separator: "\n\n")
    }

    /// Whether a colour is `#RRGGBB` or `#RGB` (what the standard's `RGBType` allows).
    static func isColour(_ text: String) -> Bool {
        let b = Array(text.utf8)
        guard b.first == 0x23, b.count == 7 || b.count == 4 else { return false }
        return b.dropFirst().allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66) }
    }

    /// Reads a `.qdc` file into the questions it holds: the pure entry point of `import qdc`.
    /// - Parameters:
    ///   - bytes: The file's bytes.
    ///   - path: The file's name, for the problems' locations.
    /// - Returns: A codebook of the file's questions, in file order (it may break no rule of
    ///   ``Codebook/problems()``).
    /// - Throws: ``ImportFailure`` with every problem, each at `path:line:column`.
    public static func read(_ bytes: [UInt8], path: String) throws(ImportFailure) -> Codebook {
        var reader = QDCReader(bytes: bytes, path: path)
        return try reader.read().codebook
    }

    /// Adds a `.qdc` file's questions to a codebook, all or none.
    ///
    /// A question the codebook already has, identical, is left as it is; one whose id the
    /// codebook already uses (as a question or as an old id) for something different is a
    /// problem.
    /// - Parameters:
    ///   - bytes: The file's bytes.
    ///   - path: The file's name, for the problems' locations.
    ///   - codebook: The codebook to add to.
    /// - Returns: The new codebook, which ids were added and which were already there, and
    ///   the file's code sets, which are not imported.
    /// - Throws: ``ImportFailure`` with every problem; the codebook is then unchanged.
    public static func merge(_ bytes: [UInt8], path: String, into codebook: Codebook) throws(ImportFailure) -> QDCImport {
        var reader = QDCReader(bytes: bytes, path: path)
        let read = try reader.read()
        var book = codebook
        var added: [String] = [], unchanged: [String] = []
        var problems: [ParallaxError] = []
        for (q, place) in zip(read.codebook.questions, read.places) {
            if let mine = codebook.question(q.id) {
                if same(mine, q) { unchanged.append(q.id); continue }
                problems.append(ParallaxError(.conflict, "question \(q.id) already exists, different (\(difference(mine, q) ?? ""))", at: place,
                                              hint: "rename the code in the file, or yours with `question rename \(q.id) NEW`, then import again"))
            } else if let r = codebook.rename(of: q.id) {
                problems.append(ParallaxError(.conflict, "\(q.id) is an old id of question \(r.to): codings made under it read as \(r.to)", at: place,
                                              hint: "rename the code in the file"))
            } else {
                book.questions.append(q)
                added.append(q.id)
            }
        }
        guard problems.isEmpty else { throw ImportFailure(problems: problems) }
        return QDCImport(codebook: book, added: added, unchanged: unchanged, codeSetsLeftOut: reader.codeSets)
    }

    /// Whether an imported question says what ours says (history and colour aside when the
    /// file has none).
    static func same(_ mine: Question, _ theirs: Question) -> Bool {
        difference(mine, theirs) == nil
    }

    static func difference(_ mine: Question, _ theirs: Question) -> String? {
        if mine.scale != theirs.scale { return "its scale is \(mine.scaleText); the file's is \(theirs.scaleText)" }
        if mine.text != theirs.text { return "its text differs" }
        if mine.definition != theirs.definition || mine.include != theirs.include || mine.exclude != theirs.exclude
            || (mine.examples ?? []) != (theirs.examples ?? []) { return "its definition differs" }
        if theirs.colour != nil && mine.colour != theirs.colour { return "its colour differs" }
        if mine.isRetired != theirs.isRetired { return mine.isRetired ? "it is retired here" : "it is retired in the file" }
        return nil
    }
}
