import Foundation

/// Reads a `.qdc` document into questions, collecting every problem with its place
/// (the mapping is described in ``QDCCodebook``).
struct QDCReader {
    let bytes: [UInt8]
    let path: String
    private var problems: [ParallaxError] = []
    /// The file's code sets (`<Sets>`), which Parallax has nothing to map to: each as
    /// `NAME (N codes)`, in file order, so the import can say it left them out.
    private(set) var codeSets: [String] = []

    init(bytes: [UInt8], path: String) { self.bytes = bytes; self.path = path }

    /// The questions, in file order, with where each one's code starts.
    mutating func read() throws(ImportFailure) -> (codebook: Codebook, places: [ParallaxError.Location.Place]) {
        let whole = ParallaxError.Location.Place.file(path)
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            throw ImportFailure(problems: [ParallaxError(.invalidData, "this is a zip archive (a REFI-QDA project?), not a REFI-QDA codebook", at: whole,
                                                         hint: "`import FILE.qdpx` reads a project's codings; a codebook (.qdc) is one XML file")])
        }
        let root: XMLTreeElement
        do { root = try XMLTree.parse(bytes) } catch {
            throw ImportFailure(problems: [ParallaxError(.invalidData, error.message, at: .file(path, line: error.line, column: error.column),
                                                         hint: "a .qdc file is one XML document in UTF-8; fix it there and import again")])
        }
        guard root.name == "CodeBook", root.namespace == QDCCodebook.namespaceURI || root.namespace.isEmpty else {
            let hint = root.name == "Project"
                ? "this is a REFI-QDA project's XML; export the codebook alone (.qdc) from your QDA tool, or import the .qdpx"
                : "a REFI-QDA codebook's root is <CodeBook xmlns=\"\(QDCCodebook.namespaceURI)\">"
            throw ImportFailure(problems: [ParallaxError(.invalidData, "the root element is \(root.name)\(root.namespace.isEmpty ? "" : " in \(root.namespace)"), not CodeBook in \(QDCCodebook.namespaceURI)",
                                                         at: place(root), hint: hint)])
        }
        guard let codes = root.child(named: "Codes") else {
            throw ImportFailure(problems: [ParallaxError(.invalidData, "the CodeBook has no Codes element", at: place(root),
                                                         hint: "put the codes in <Codes>…</Codes>")])
        }
        var questions: [Question] = [], places: [ParallaxError.Location.Place] = []
        var seen: [String: Int] = [:]
        for code in codes.children(named: "Code") {
            guard let q = question(code) else { continue }
            if let first = seen[q.id] {
                problem("two codes give the question id \(q.id) (the other is on line \(first))", code,
                        hint: "names must be unique: rename one of them in your QDA tool")
                continue
            }
            seen[q.id] = code.line
            questions.append(q)
            places.append(place(code))
        }
        if codes.children(named: "Code").isEmpty {
            problem("the codebook has no codes", codes, hint: "a question is a code with one child code per stance")
        }
        guard problems.isEmpty else { throw ImportFailure(problems: problems) }
        for set in root.child(named: "Sets")?.children(named: "Set") ?? [] {
            let n = set.children(named: "MemberCode").count
            codeSets.append("\(set.attributes["name"] ?? "(unnamed)") (\(n) code\(n == 1 ? "" : "s"))")
        }
        return (Codebook(questions: questions), places)
    }

    private func place(_ element: XMLTreeElement) -> ParallaxError.Location.Place {
        let start = XMLTree.tagStart(bytes, line: element.line, column: element.column)
        return .file(path, line: start.line, column: start.column)
    }

    private mutating func problem(_ message: String, _ element: XMLTreeElement, hint: String) {
        problems.append(ParallaxError(.invalidData, message, at: place(element), hint: hint))
    }

    /// A top-level code as a question, or `nil` (with problems recorded).
    private mutating func question(_ code: XMLTreeElement) -> Question? {
        guard let name = code.attributes["name"], !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            problem("a Code has no name", code, hint: "give every code a name (the question id)")
            return nil
        }
        let isID = Codebook.isValidID(name)
        guard let id = isID ? name : QDCReader.identifier(from: name) else {
            problem("the code name \"\(name)\" gives no question id", code,
                    hint: "rename it with letters or digits, e.g. \"my-question\"")
            return nil
        }
        let children = code.children(named: "Code")
        guard !children.isEmpty else {
            problem("code \"\(name)\" has no child codes, and a question needs a scale of at least two stances", code,
                    hint: "add child codes such as \"-1 disagree\" and \"+1 agree\" under it, or leave the code out of the file")
            return nil
        }
        var failed = false
        for child in children {
            for deeper in child.children(named: "Code") {
                problem("code \"\(deeper.attributes["name"] ?? "")\" is nested two levels under \"\(name)\": a question's stances are one level deep", deeper,
                        hint: "move it up beside its parent, or out of the file")
                failed = true
            }
        }
        if let colour = code.attributes["color"], !QDCCodebook.isColour(colour) {
            problem("the colour \"\(colour)\" of code \"\(name)\" is not #RRGGBB", code, hint: "write it as #RRGGBB, e.g. #4F6D7A")
            failed = true
        }
        guard let scale = self.scale(code, children, question: name, id: id), !failed else { return nil }
        // Without a description, the name is all the file says about the question.
        var q = Question(id: id, text: name, scale: scale)
        q.colour = code.attributes["color"]
        if let description = code.child(named: "Description") { describe(&q, description.text) }
        return q
    }

    /// The stances of a question's child codes, in increasing order.
    private mutating func scale(_ code: XMLTreeElement, _ children: [XMLTreeElement], question: String, id: String) -> [Question.Point]? {
        let read = children.map { QDCReader.stance(fromName: $0.attributes["name"] ?? "", prefixes: [question + ": ", id + ": "]) }
        var points: [Question.Point] = []
        if read.allSatisfy({ $0.value == nil }) {
            // A codebook from a tool without numbered stances: the children in order.
            points = read.enumerated().map { Question.Point(value: $0.offset + 1, label: $0.element.label) }
        } else {
            var seen: [Int: String] = [:]
            var ok = true
            for (child, r) in zip(children, read) {
                guard let v = r.value else {
                    problem("child code \"\(child.attributes["name"] ?? "")\" of \"\(question)\" does not start with a stance value, while its siblings do", child,
                            hint: "start its name with a signed number, e.g. \"\(question): +1 \(r.label)\"")
                    ok = false
                    continue
                }
                if let other = seen[v] {
                    problem("stance \(Question.signed(v)) appears twice under \"\(question)\" (also \"\(other)\")", child,
                            hint: "give each child code of a question its own value")
                    ok = false
                    continue
                }
                seen[v] = child.attributes["name"] ?? ""
                points.append(Question.Point(value: v, label: r.label))
            }
            guard ok else { return nil }
            points.sort { $0.value < $1.value }
        }
        if points.count < 2 {
            problem("code \"\(question)\" has one child code, and a question needs a scale of at least two stances", code,
                    hint: "add another child code under it")
            return nil
        }
        return points
    }

    /// A child code's stance value (the signed number its name starts with, after the
    /// question's prefix) and label (the rest, or the whole name without a number).
    static func stance(fromName name: String, prefixes: [String]) -> (value: Int?, label: String) {
        var rest = Substring(name)
        if let p = prefixes.first(where: { rest.hasPrefix($0) }) { rest = rest.dropFirst(p.count) }
        let token = rest.prefix { $0 != " " }
        var digits = token.hasPrefix("+") ? token.dropFirst() : token
        if digits.hasPrefix("-") { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let v = Int(token.hasPrefix("+") ? token.dropFirst() : token) else {
            return (nil, String(rest))
        }
        let label = rest.dropFirst(token.count)
        return (v, String(label.hasPrefix(" ") ? label.dropFirst() : label))
    }

    /// An id made from a code name another tool gave: folded, letters and digits kept, every
    /// other run of characters one `-` (`Economic Policy` → `economic-policy`).
    static func identifier(from name: String) -> String? {
        var out = ""
        for s in Folding.fold(name).lowercased().unicodeScalars {
            if (s >= "a" && s <= "z") || (s >= "0" && s <= "9") { out.unicodeScalars.append(s) }
            else if !out.isEmpty, !out.hasSuffix("-") { out += "-" }
        }
        while out.hasSuffix("-") { out.removeLast() }
        guard !out.isEmpty else { return nil }
        if let f = out.unicodeScalars.first, !(f >= "a" && f <= "z") { out = "q-" + out }
        return out
    }

    /// The question text and the definition sections of a description (see ``QDCDescription``).
    private func describe(_ q: inout Question, _ description: String) {
        var text = ""
        var sections: [(label: String, value: String)] = []
        for (i, paragraph) in QDCDescription.paragraphs(description).enumerated() {
            if let (label, value) = QDCDescription.section(paragraph.text) {
                sections.append((label, QDCDescription.unescaped(value)))
            } else if sections.isEmpty {
                text += (i == 0 ? "" : paragraph.separator) + QDCDescription.unescaped(paragraph.text)
            } else {
                sections[sections.count - 1].value += paragraph.separator + QDCDescription.unescaped(paragraph.text)
            }
        }
        q.text = text
        for (label, value) in sections {
            switch label {
            case "Definition": q.definition = value
            case "Include": q.include = value
            case "Exclude": q.exclude = value
            case "Examples":
                let ids = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
                q.examples = ids.isEmpty ? nil : ids
            default: q.retired = true
            }
        }
    }
}
