/// How Parallax maps codings onto a REFI-QDA project (`.qdpx`), shared by export and import.
///
/// ## Mapping
/// - `Users/User`: one per set (coder), `name` = the set name.
/// - `CodeBook/Codes/Code`: one per question (`name` = question id, `isCodable="false"`,
///   `Description` = the question, then its definition sections as in ``QDCCodebook``), each with one codable child per scale point, named
///   `QUESTION: SIGNED-VALUE LABEL` (`reset-wedge: -1 unlikely`): names are unique across the
///   codebook, as QualCoder requires. A coding's question and stance are the parent and the
///   number after the `QUESTION: ` prefix of the code its `CodeRef` points at (files written
///   before, with names like `-1 unlikely`, read the same).
/// - `Cases/Case`: one per analyst whose position is coded (`name` = display name,
///   `Description` = analyst id), with a `SelectionRef` to each of their selections; and a
///   codable top-level code with the case's GUID, `case: DISPLAY NAME`, that each of their
///   selections is also coded with: QualCoder (like NVivo) gives a case its text that way.
/// - `Sources/TextSource`: one per document with codings, `name` = document id,
///   `plainTextPath="internal://GUID.txt"`, the exact text in the archive at `Sources/GUID.txt`;
///   after its selections, a `NoteRef` to every note on it (QualCoder reads notes there).
/// - `PlainTextSelection`: one per coding, `name` = annotation id, `startPosition` /
///   `endPosition` in Unicode code points (the REFI-QDA unit for plain text and Parallax's own),
///   `creatingUser`/`modifyingUser` = the set's user, `creationDateTime`/`modifiedDateTime` =
///   the annotation's times as written; `Description` = the note (the coding memo QDA tools
///   show), absent when there is none; a `Coding` → `CodeRef` to the stance code, with a
///   `NoteRef` to the coding's data note; a second `Coding` → `CodeRef` to the analyst's case
///   code; a `NoteRef` to the note's `Notes/Note`.
/// - `Notes/Note`: per note, `PlainTextContent` = the note and a `PlainTextSelection` with the
///   span's positions (how QualCoder places a source-level note); per coding, a data note
///   (`Parallax data on ID`) whose `PlainTextContent` holds what REFI-QDA has no element for,
///   one line of JSON (see ``Metadata``). Files written before this layout kept that JSON in
///   the selection's `Description`; the import still reads them.
/// - Memos: one `Notes/Note` each (`name` = `Memo on question:ID` …, `PlainTextContent` = the
///   text, `creatingUser` = the set's user), referenced where REFI-QDA lets a note attach: a
///   memo on a question from its `Code`, on a document from its `TextSource` (the source is
///   exported for it even without codings), on an analyst from the analyst's case code (a
///   `Case` has no `NoteRef` in the standard), and a project memo (or one about something the
///   export lacks) from the `Project` itself. The import does not read memos back.
///
/// ## GUIDs
/// Name-based (UUID version 5) in the namespace `uuid5(NAMESPACE_URL, "urn:parallax:qdpx")`
/// from names such as `user:alice`, `code:reset-wedge`, `code:reset-wedge:-1`,
/// `source:brookings`, `selection:alice:01M8…`, `coding:alice:01M8…`, `note:alice:01M8…`,
/// `case:stent`, `case-coding:alice:01M8…`, `data:alice:01M8…`, `note-selection:alice:01M8…`,
/// `memo:alice:01M8…`:
/// the same sets export to the same GUIDs every time, and a GUID can be checked from Python
/// with `uuid.uuid5`.
enum QDPXLayout {
    static let namespaceURI = "urn:QDA-XML:project:1.0"
    static let projectEntry = "project.qde"
    static let internalScheme = "internal://"
    static let sourcesFolder = "Sources/"

    /// The GUID namespace: `uuid5(NAMESPACE_URL, "urn:parallax:qdpx")`.
    static let guidNamespace = NameBasedUUID.bytes(namespace: NameBasedUUID.urlNamespace, name: "urn:parallax:qdpx")

    static func guid(_ name: String) -> String {
        NameBasedUUID.text(NameBasedUUID.bytes(namespace: guidNamespace, name: name))
    }

    static func userGUID(_ set: String) -> String { guid("user:" + set) }
    static func questionGUID(_ question: String) -> String { guid("code:" + question) }
    static func stanceGUID(_ question: String, _ value: Int) -> String { guid("code:\(question):\(value)") }
    static func sourceGUID(_ doc: String) -> String { guid("source:" + doc) }
    static func selectionGUID(_ set: String, _ id: String) -> String { guid("selection:\(set):\(id)") }
    static func codingGUID(_ set: String, _ id: String) -> String { guid("coding:\(set):\(id)") }
    static func noteGUID(_ set: String, _ id: String) -> String { guid("note:\(set):\(id)") }
    static func caseGUID(_ analyst: String) -> String { guid("case:" + analyst) }
    static func caseCodingGUID(_ set: String, _ id: String) -> String { guid("case-coding:\(set):\(id)") }
    static func dataGUID(_ set: String, _ id: String) -> String { guid("data:\(set):\(id)") }
    static func noteSelectionGUID(_ set: String, _ id: String) -> String { guid("note-selection:\(set):\(id)") }
    static func memoGUID(_ set: String, _ id: String) -> String { guid("memo:\(set):\(id)") }

    /// The name of a stance code, unique across the codebook: `reset-wedge: -1 unlikely`.
    static func stanceCodeName(_ question: String, _ value: Int, label: String?) -> String {
        question + ": " + Question.signed(value) + (label.map { " " + $0 } ?? "")
    }

    /// The name of an analyst's case code: `case: Angela Stent`.
    static func caseCodeName(_ name: String) -> String { "case: " + name }

    /// The stance a stance code's name gives, after the `QUESTION: ` prefix when it has one
    /// (`reset-wedge: -1 unlikely` → -1; the previous layout's `-1 unlikely` → -1, `+2` → 2).
    static func stance(fromCodeName name: String, question: String) -> Int? {
        let prefix = question + ": "
        return stance(fromCodeName: name.hasPrefix(prefix) ? String(name.dropFirst(prefix.count)) : name)
    }

    /// The stance a code name starts with (`-1 unlikely` → -1, `+2` → 2).
    static func stance(fromCodeName name: String) -> Int? {
        let token = name.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        let digits = token.hasPrefix("+") ? String(token.dropFirst()) : token
        guard !digits.isEmpty, digits.first != "+" else { return nil }
        return Int(digits)
    }

    /// Code colours by position on the scale, from red (lowest) to green (highest).
    static func stanceColor(index: Int, count: Int) -> String {
        let palette = ["#D7301F", "#FC8D59", "#BDBDBD", "#91CF60", "#1A9850"]
        guard count > 1 else { return palette[2] }
        return palette[Int((Double(index) * 4 / Double(count - 1)).rounded())]
    }

    static let questionColor = "#4F6D7A"
    static let caseColor = "#8C6BB1"

    /// What a coding's data note carries (in files of the previous layout, the selection's
    /// `Description`): the parts of a coding REFI-QDA has no place for, as one line of JSON.
    ///
    /// ```
    /// {"parallax":1,"analyst":"stent","confidence":0.8,"tags":["evidence"],"extra":{"reviewer":"\"Zoë\""}}
    /// ```
    /// - `parallax`: the layout version, 1; marks the description as Parallax's.
    /// - `analyst`, and `confidence` and `tags` when present.
    /// - `note`: only when XML 1.0 cannot hold the note (control characters, U+FFFE, U+FFFF);
    ///   otherwise the note is the `Note` (and the selection's `Description`).
    /// - `prefix`, `suffix`: only when they differ from the 32 code points around the span,
    ///   which the import takes from the text otherwise.
    /// - `extra`: unknown fields, each value's exact JSON bytes as a string (a string survives
    ///   any XML tool unchanged, where re-serialised JSON might not).
    ///
    /// Characters XML cannot hold are written as `\uXXXX` escapes, so the line is always valid
    /// XML content and still the same JSON.
    struct Metadata: Equatable {
        var analyst: String
        var confidence: Double?
        var tags: [String]
        var note: String?
        var prefix: String?
        var suffix: String?
        var extra: ExtraFields

        func encoded() -> String {
            var w = JSONWriter(capacity: 256)
            w.raw("{"); w.key("parallax", first: true); w.integer(1)
            w.key("analyst"); w.string(analyst)
            if let c = confidence { w.key("confidence"); w.double(c) }
            if !tags.isEmpty {
                w.key("tags"); w.raw("[")
                for (i, t) in tags.enumerated() { if i > 0 { w.raw(",") }; w.string(t) }
                w.raw("]")
            }
            if let note { w.key("note"); w.string(note) }
            if let prefix { w.key("prefix"); w.string(prefix) }
            if let suffix { w.key("suffix"); w.string(suffix) }
            if !extra.isEmpty {
                w.key("extra"); w.raw("{")
                for (i, f) in extra.fields.enumerated() {
                    if i > 0 { w.raw(",") }
                    w.string(f.key); w.raw(":"); w.string(String(decoding: f.raw, as: UTF8.self))
                }
                w.raw("}")
            }
            w.raw("}")
            var out = ""
            for s in String(decoding: w.bytes, as: UTF8.self).unicodeScalars {
                if XMLText.isAllowed(s) { out.unicodeScalars.append(s) } else { out += Metadata.escape(s) }
            }
            return out
        }

        /// `\uXXXX` for a character XML cannot hold (all of them are in the BMP).
        private static func escape(_ s: Unicode.Scalar) -> String {
            let hex = Array("0123456789abcdef")
            let v = Int(s.value)
            return "\\u" + String([hex[(v >> 12) & 15], hex[(v >> 8) & 15], hex[(v >> 4) & 15], hex[v & 15]])
        }

        /// Reads a description written by ``encoded()``.
        /// - Throws: A message naming what is wrong.
        static func decode(_ text: String) throws(MetadataError) -> Metadata {
            let root: JSONNode
            do { root = try JSONTree.parse(Array(text.utf8)) } catch {
                throw MetadataError(message: "Parallax's data is not JSON: \(error.message) at column \(error.column)")
            }
            guard root.members != nil else { throw MetadataError(message: "Parallax's data is not a JSON object") }
            guard root["parallax"]?.integer == 1 else {
                throw MetadataError(message: "Parallax's data lacks \"parallax\": 1 (not a selection Parallax exported)")
            }
            guard let analyst = root["analyst"]?.string else { throw MetadataError(message: "Parallax's data lacks \"analyst\"") }
            var m = Metadata(analyst: analyst, confidence: nil, tags: [], note: nil, prefix: nil, suffix: nil, extra: ExtraFields())
            if let c = root["confidence"], !c.isNull {
                guard let d = c.double else { throw MetadataError(message: "\"confidence\" must be a number") }
                m.confidence = d
            }
            if let tags = root["tags"] {
                guard let items = tags.array, items.allSatisfy({ $0.string != nil }) else {
                    throw MetadataError(message: "\"tags\" must be an array of strings")
                }
                m.tags = items.map { $0.string! }
            }
            for (key, path) in [("note", \Metadata.note), ("prefix", \Metadata.prefix), ("suffix", \Metadata.suffix)] {
                if let node = root[key] {
                    guard let s = node.string else { throw MetadataError(message: "\"\(key)\" must be a string") }
                    m[keyPath: path] = s
                }
            }
            if let extra = root["extra"] {
                guard let members = extra.members else { throw MetadataError(message: "\"extra\" must be an object") }
                for (key, value) in members {
                    guard let raw = value.string else {
                        throw MetadataError(message: "\"extra\".\"\(key)\" must be a string holding JSON")
                    }
                    do { _ = try JSONTree.parse(Array(raw.utf8)) } catch {
                        throw MetadataError(message: "\"extra\".\"\(key)\" is not valid JSON: \(error.message)")
                    }
                    m.extra.set(key, raw: JSONTree.singleLine(Array(raw.utf8)))
                }
            }
            return m
        }
    }

    /// Why a selection's description could not be read.
    struct MetadataError: Error {
        var message: String
    }
}
