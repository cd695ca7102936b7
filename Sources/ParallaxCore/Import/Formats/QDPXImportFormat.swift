import Foundation

/// Reads a REFI-QDA project (`.qdpx`) as the `qdpx` export writes it (``QDPXExportFormat``,
/// mapping in ``QDPXLayout``).
///
/// The archive is checked before anything is read: an entry whose path is absolute or holds
/// `..` (or is a link) makes the whole archive refused. Then `project.qde` must be well-formed
/// XML whose root is `Project` in `urn:QDA-XML:project:1.0`. Each `PlainTextSelection` of each
/// `TextSource` becomes a coding:
/// - set: the `name` of the `User` its `creatingUser` names;
/// - id: its `name`; span: `startPosition`–`endPosition` in code points over the source's text
///   (`plainTextPath` `internal://…` in the archive, or `PlainTextContent`), which also gives
///   `exact`, `prefix`, `suffix` (unless the metadata overrides them) and the hash;
/// - question and stance: the one `Coding` whose `CodeRef` points at a code under a question
///   code (parent `name` = question id, own `name` the signed stance after a `QUESTION: `
///   prefix, or without one as files of the previous layout have it); a `Coding` of an
///   analyst's case code (a code whose GUID is a `Case`'s) is not a stance;
/// - created/modified: `creationDateTime`/`modifiedDateTime` as written;
/// - note: the `Note` its `NoteRef` points at (or the metadata's `note`);
/// - analyst, confidence, tags, unknown fields: the metadata in the data note the stance
///   coding's `NoteRef` points at, or, in files of the previous layout (no such note), in the
///   selection's `Description`.
///
/// Anything Parallax would have to drop (a second stance coding, a coding of a whole source)
/// is a problem, not a silent loss. Problems are located by element path and line:
/// `review.qdpx: project.qde:57 Sources/TextSource[1]/PlainTextSelection[3]`.
public struct QDPXImportFormat: ImportFormat {
    /// Creates the format.
    public init() {}

    public var name: String { "qdpx" }
    public var fileExtensions: [String] { ["qdpx"] }

    /// A zip archive (`PK\u{3}\u{4}`).
    public func recognizes(_ bytes: [UInt8]) -> Bool {
        bytes.starts(with: [0x50, 0x4B, 0x03, 0x04])
    }

    public func parse(_ bytes: [UInt8], context: ImportContext) -> ImportParse {
        var result = ImportParse()
        let files: [(path: String, bytes: [UInt8])]
        do { files = try ZipArchive.read(bytes) } catch {
            result.problem(error.message, at: context.path + (error.entry.map { ": " + $0 } ?? ""))
            return result
        }
        guard let qde = files.first(where: { $0.path == QDPXLayout.projectEntry }) else {
            result.problem("the archive has no \(QDPXLayout.projectEntry)", at: context.path)
            return result
        }
        let root: XMLTreeElement
        do { root = try XMLTree.parse(qde.bytes) } catch {
            result.problem(error.message, at: "\(context.path): \(QDPXLayout.projectEntry):\(error.line):\(error.column)")
            return result
        }
        var reader = Reader(context: context, files: files, result: result)
        reader.read(root)
        return reader.result
    }

    private struct Reader {
        let context: ImportContext
        let files: [(path: String, bytes: [UInt8])]
        var result: ImportParse

        mutating func problem(_ message: String, _ element: XMLTreeElement, _ path: String) {
            result.problem(message, at: "\(context.path): \(QDPXLayout.projectEntry):\(element.line) \(path)")
        }

        /// GUIDs compare without braces and case.
        static func key(_ guid: String?) -> String? {
            guard var g = guid?.trimmingCharacters(in: .whitespaces), !g.isEmpty else { return nil }
            if g.hasPrefix("{") && g.hasSuffix("}") { g = String(g.dropFirst().dropLast()) }
            return g.uppercased()
        }

        mutating func read(_ root: XMLTreeElement) {
            guard root.name == "Project", root.namespace == QDPXLayout.namespaceURI else {
                problem("the root element is not Project in \(QDPXLayout.namespaceURI)", root, root.name)
                return
            }
            // Users → set names.
            var users: [String: String] = [:]
            for (i, user) in (root.child(named: "Users")?.children(named: "User") ?? []).enumerated() {
                guard let guid = Reader.key(user.attributes["guid"]), let name = user.attributes["name"] else {
                    problem("a User needs a guid and a name (the set)", user, "Users/User[\(i + 1)]")
                    continue
                }
                users[guid] = name
            }
            // Cases: their GUIDs are also the analysts' case codes.
            let cases = Set((root.child(named: "Cases")?.children(named: "Case") ?? []).compactMap { Reader.key($0.attributes["guid"]) })
            // Codes → (question, stance) for every code under a question code.
            var stances: [String: (question: String, stance: Int?)] = [:]
            func walk(_ code: XMLTreeElement, parent: String?) {
                if let parent, let guid = Reader.key(code.attributes["guid"]), !cases.contains(guid) {
                    stances[guid] = (parent, QDPXLayout.stance(fromCodeName: code.attributes["name"] ?? "", question: parent))
                }
                for child in code.children(named: "Code") { walk(child, parent: code.attributes["name"] ?? "") }
            }
            for code in root.child(named: "CodeBook")?.child(named: "Codes")?.children(named: "Code") ?? [] {
                walk(code, parent: nil)
            }
            // Notes.
            var notes: [String: String] = [:]
            for note in root.child(named: "Notes")?.children(named: "Note") ?? [] {
                if let guid = Reader.key(note.attributes["guid"]) { notes[guid] = note.child(named: "PlainTextContent")?.text ?? "" }
            }
            // Sources → selections.
            for (i, source) in (root.child(named: "Sources")?.children(named: "TextSource") ?? []).enumerated() {
                let path = "Sources/TextSource[\(i + 1)]"
                guard let doc = source.attributes["name"] else {
                    problem("a TextSource needs a name (the document id)", source, path)
                    continue
                }
                let selections = source.children(named: "PlainTextSelection")
                if !source.children(named: "Coding").isEmpty {
                    problem("codings of a whole source have no place in Parallax", source, path + "/Coding")
                }
                guard !selections.isEmpty, let text = sourceText(source, path: path) else { continue }
                for (j, selection) in selections.enumerated() {
                    read(selection, doc: doc, text: text, path: "\(path)/PlainTextSelection[\(j + 1)]",
                         users: users, stances: stances, cases: cases, notes: notes)
                }
            }
        }

        /// The source's text and its hash.
        mutating func sourceText(_ source: XMLTreeElement, path: String) -> (text: ScalarText, hash: String)? {
            let bytes: [UInt8]
            if let p = source.attributes["plainTextPath"] {
                guard p.hasPrefix(QDPXLayout.internalScheme) else {
                    problem("plainTextPath \"\(p)\" is outside the archive (only internal:// is read)", source, path)
                    return nil
                }
                let entry = QDPXLayout.sourcesFolder + p.dropFirst(QDPXLayout.internalScheme.count)
                guard let file = files.first(where: { $0.path == entry }) else {
                    problem("the archive has no \(entry)", source, path)
                    return nil
                }
                bytes = file.bytes
            } else if let content = source.child(named: "PlainTextContent") {
                bytes = Array(content.text.utf8)
            } else {
                problem("a TextSource needs plainTextPath or PlainTextContent", source, path)
                return nil
            }
            do {
                return (try ScalarText(utf8: bytes, origin: path), Document.sha256(bytes))
            } catch {
                problem("the source text is not UTF-8", source, path)
                return nil
            }
        }

        mutating func read(_ s: XMLTreeElement, doc: String, text: (text: ScalarText, hash: String), path: String,
                           users: [String: String], stances: [String: (question: String, stance: Int?)],
                           cases: Set<String>, notes: [String: String]) {
            let before = result.problems.count
            let a = s.attributes
            let id = a["name"] ?? ""
            if id.isEmpty { problem("the selection has no name (the annotation id)", s, path) }
            var set = ""
            if let user = Reader.key(a["creatingUser"]) {
                if let name = users[user] { set = name } else { problem("creatingUser \(user) is not a User", s, path) }
            } else {
                problem("the selection has no creatingUser (the set)", s, path)
            }
            let start = a["startPosition"].flatMap { Int($0) }
            let end = a["endPosition"].flatMap { Int($0) }
            if start == nil || end == nil {
                problem("startPosition and endPosition must be integers", s, path)
            } else if start! < 0 || end! < start! || end! > text.text.scalarCount {
                problem("span \(start!)-\(end!) lies outside the source text (0-\(text.text.scalarCount))", s, path)
            }
            let created = a["creationDateTime"] ?? ""
            if created.isEmpty { problem("the selection has no creationDateTime", s, path) }
            let modified = a["modifiedDateTime"] ?? created

            var stance: (question: String, stance: Int)?
            var data: (text: String, element: XMLTreeElement, path: String)?
            for (k, coding) in s.children(named: "Coding").enumerated() {
                let cp = "\(path)/Coding[\(k + 1)]"
                guard let ref = Reader.key(coding.child(named: "CodeRef")?.attributes["targetGUID"]) else {
                    problem("a Coding needs a CodeRef with a targetGUID", coding, cp)
                    continue
                }
                if cases.contains(ref) { continue }
                guard let code = stances[ref] else { problem("CodeRef \(ref) is not a stance code under a question", coding, cp); continue }
                guard let value = code.stance else {
                    problem("code \(ref) under \(code.question) does not start with a stance number", coding, cp)
                    continue
                }
                if stance != nil { problem("a second stance coding (Parallax keeps one per span)", coding, cp); continue }
                stance = (code.question, value)
                if let ref = coding.child(named: "NoteRef") {
                    guard let guid = Reader.key(ref.attributes["targetGUID"]), let text = notes[guid] else {
                        problem("NoteRef does not point at a Note", ref, cp + "/NoteRef[1]")
                        continue
                    }
                    data = (text, ref, cp + "/NoteRef[1]")
                }
            }
            if stance == nil && s.children(named: "Coding").isEmpty { problem("the selection has no Coding (question and stance)", s, path) }

            // Parallax's data: the stance coding's data note, or (previous layout) the Description.
            // A Coding with a NoteRef marks this layout, even when that Coding was refused above.
            let dataLayout = s.children(named: "Coding").contains { $0.child(named: "NoteRef") != nil }
            var metadata: QDPXLayout.Metadata?
            if let data {
                do { metadata = try QDPXLayout.Metadata.decode(data.text) } catch {
                    problem(error.message, data.element, data.path)
                }
            } else if dataLayout {
                // The refused Coding already says what is wrong.
            } else if let description = s.child(named: "Description") {
                do { metadata = try QDPXLayout.Metadata.decode(description.text) } catch {
                    problem(error.message, description, path + "/Description")
                }
            } else if stance != nil {
                problem("the selection has no data note on its Coding, nor a Description (Parallax's metadata)", s, path)
            }

            var note = ""
            let refs = s.children(named: "NoteRef")
            if refs.count > 1 { problem("more than one NoteRef (Parallax keeps one note)", refs[1], path + "/NoteRef[2]") }
            if let ref = refs.first {
                if let guid = Reader.key(ref.attributes["targetGUID"]), let text = notes[guid] { note = text } else {
                    problem("NoteRef does not point at a Note", ref, path + "/NoteRef[1]")
                }
            }

            guard result.problems.count == before, let metadata, let stance, let start, let end else { return }
            var target = TextTarget(doc: doc, start: start, end: end, text: text.text, hash: text.hash)
            if let p = metadata.prefix { target.prefix = p }
            if let p = metadata.suffix { target.suffix = p }
            let annotation = Annotation(id: id, target: target, question: stance.question, analyst: metadata.analyst,
                                        stance: stance.stance, confidence: metadata.confidence, tags: metadata.tags,
                                        note: metadata.note ?? note, created: created, modified: modified,
                                        extra: metadata.extra)
            result.candidates.append(ImportCandidate(
                coding: Coding(set: set, annotation: annotation),
                location: "\(context.path): \(QDPXLayout.projectEntry):\(s.line) \(path)"))
        }
    }
}
