/// Reads W3C Web Annotation JSON-LD as the `w3c` export writes it (``W3CExportFormat``).
///
/// The file may be an `AnnotationCollection` with its pages embedded (`first`, then any
/// embedded `next`), one `AnnotationPage`, one `Annotation`, or an array of annotations. Each
/// annotation must carry what the export writes:
/// - `id` `urn:parallax:annotation:SET:ID` (the set and the annotation id); a `creator` whose
///   `id` is a Parallax coder must name the same set;
/// - `created`, `modified`;
/// - exactly one `classifying` body with `px:question`, `px:stance` (an integer),
///   `px:analyst` and optionally `px:confidence`; the `value` text is not read;
/// - `tagging` bodies (the tags, in order) and at most one `commenting` body (the note);
///   a body with another purpose is refused rather than dropped;
/// - a `target` whose `source` is `urn:parallax:doc:DOC`, a `TextPositionSelector` and a
///   `TextQuoteSelector`; `px:sha256`, when absent, is taken to be the corpus document's;
/// - `px:extra`: unknown fields, each value's bytes exactly as they stand in the file (line
///   breaks between tokens removed, so a pretty-printed value still fits on one line).
///
/// Memos the export writes (`urn:parallax:memo:…`, motivation `commenting`) are skipped: an
/// import adds codings only.
///
/// Problems are located by JSON path: `review.jsonld: first.items[3].body[0].px:stance`.
public struct W3CImportFormat: ImportFormat {
    /// Creates the format.
    public init() {}

    public var name: String { "w3c" }
    public var fileExtensions: [String] { ["jsonld", "json"] }

    /// A JSON document (not JSON Lines) that mentions the Web Annotation context or types.
    public func recognizes(_ bytes: [UInt8]) -> Bool {
        let head = String(decoding: bytes.prefix(4096), as: UTF8.self)
        guard head.drop(while: { $0.isWhitespace || $0 == "\u{FEFF}" }).first.map({ $0 == "{" || $0 == "[" }) == true else {
            return false
        }
        return head.contains(W3CVocabulary.annoContext) || head.contains("\"AnnotationCollection\"")
            || head.contains("\"Annotation\"")
    }

    public func parse(_ bytes: [UInt8], context: ImportContext) -> ImportParse {
        var result = ImportParse()
        let root: JSONNode
        do { root = try JSONTree.parse(bytes) } catch {
            result.problem(error.message, at: "\(context.path):\(error.line):\(error.column)")
            return result
        }
        var reader = Reader(bytes: bytes, context: context, result: result)
        for (node, path) in reader.annotations(in: root) {
            // A memo the export wrote beside the codings: not a coding, and memos are not
            // imported (they stay in the set that wrote them).
            if node["id"]?.string?.hasPrefix(W3CVocabulary.memoPrefix) == true, node["motivation"]?.string == "commenting" { continue }
            reader.annotation(node, path: path)
        }
        return reader.result
    }

    private struct Reader {
        let bytes: [UInt8]
        let context: ImportContext
        var result: ImportParse

        mutating func problem(_ message: String, _ path: String) {
            result.problem(message, at: "\(context.path): \(path)")
        }

        static func types(_ node: JSONNode) -> [String] {
            (node["type"] ?? node["@type"]).map { $0.items.compactMap(\.string) } ?? []
        }

        /// The annotations a document holds, with their paths.
        mutating func annotations(in root: JSONNode) -> [(JSONNode, String)] {
            if let items = root.array {
                return items.enumerated().map { ($1, "[\($0)]") }
            }
            let types = Reader.types(root)
            if types.contains("Annotation") { return [(root, "$")] }
            if types.contains("AnnotationPage") { return page(root, path: "$") }
            if types.contains("AnnotationCollection") {
                guard let first = root["first"] else {
                    // Some tools put the items in the collection itself.
                    if root["items"] != nil { return page(root, path: "$") }
                    if root["total"]?.integer == 0 { return [] }  // an empty export
                    problem("the collection has no first page and no items", "first")
                    return []
                }
                guard first.members != nil else {
                    problem("the first page is not embedded (only a link); export it with its items", "first")
                    return []
                }
                return page(first, path: "first")
            }
            problem("not an Annotation, AnnotationPage or AnnotationCollection", "type")
            return []
        }

        mutating func page(_ node: JSONNode, path: String) -> [(JSONNode, String)] {
            var out: [(JSONNode, String)] = []
            var node = node, path = path
            while true {
                if let items = node["items"] {
                    guard let array = items.array else { problem("\"items\" must be an array", path + ".items"); break }
                    out += array.enumerated().map { ($1, "\(path).items[\($0)]") }
                }
                guard let next = node["next"] else { break }
                guard next.members != nil else {
                    problem("the next page is not embedded (only a link)", path + ".next")
                    break
                }
                node = next; path += ".next"
            }
            return out
        }

        mutating func annotation(_ node: JSONNode, path: String) {
            let before = result.problems.count
            guard node.members != nil else { problem("an annotation must be an object, not \(node.kind)", path); return }
            func string(_ n: JSONNode?, _ name: String, in p: String) -> String? {
                guard let n else { problem("missing \"\(name)\"", p); return nil }
                guard let s = n.string else { problem("\"\(name)\" must be a string, not \(n.kind)", "\(p).\(name)"); return nil }
                return s
            }
            func integer(_ n: JSONNode?, _ name: String, in p: String) -> Int? {
                guard let n else { problem("missing \"\(name)\"", p); return nil }
                guard let v = n.integer else { problem("\"\(name)\" must be an integer, not \(n.kind)", "\(p).\(name)"); return nil }
                return v
            }

            var set = "", id = ""
            if let iri = string(node["id"], "id", in: path) {
                if let parsed = W3CVocabulary.parseAnnotationIRI(iri) { (set, id) = parsed } else {
                    problem("id \"\(iri)\" is not a Parallax annotation IRI (\(W3CVocabulary.annotationPrefix)SET:ID)", path + ".id")
                }
            }
            if let creator = node["creator"] {
                let creatorID = creator.string ?? creator["id"]?.string
                if let creatorID, creatorID.hasPrefix(W3CVocabulary.coderPrefix),
                   creatorID != W3CVocabulary.coderIRI(set), !set.isEmpty {
                    problem("creator \"\(creatorID)\" is not the coder of set \(set) named by the id", path + ".creator")
                }
            }
            let created = string(node["created"], "created", in: path) ?? ""
            let modified = string(node["modified"], "modified", in: path) ?? ""

            // Bodies.
            var question = "", analyst = "", stance = 0
            var confidence: Double?
            var tags: [String] = []
            var note = ""
            var classified = false, commented = false
            let bodies = node["body"]?.items ?? []
            if node["body"] == nil { problem("missing \"body\"", path) }
            for (i, body) in bodies.enumerated() {
                let p = node["body"]?.array == nil ? "\(path).body" : "\(path).body[\(i)]"
                guard body.members != nil else { problem("a body must be an object, not \(body.kind)", p); continue }
                let purpose = body["purpose"]?.string ?? ""
                switch purpose {
                case "classifying":
                    if classified { problem("a second classifying body", p); continue }
                    classified = true
                    question = string(body[W3CVocabulary.question], W3CVocabulary.question, in: p) ?? ""
                    stance = integer(body[W3CVocabulary.stance], W3CVocabulary.stance, in: p) ?? 0
                    analyst = string(body[W3CVocabulary.analyst], W3CVocabulary.analyst, in: p) ?? ""
                    if let c = body[W3CVocabulary.confidence], !c.isNull {
                        if let d = c.double { confidence = d } else {
                            problem("\"\(W3CVocabulary.confidence)\" must be a number, not \(c.kind)", "\(p).\(W3CVocabulary.confidence)")
                        }
                    }
                case "tagging":
                    if let v = string(body["value"], "value", in: p) { tags.append(v) }
                case "commenting":
                    if commented { problem("a second commenting body (Parallax keeps one note)", p); continue }
                    commented = true
                    note = string(body["value"], "value", in: p) ?? ""
                default:
                    problem(purpose.isEmpty ? "a body without a purpose" : "a body with purpose \"\(purpose)\", which Parallax does not keep", p)
                }
            }
            if node["body"] != nil && !classified { problem("no classifying body (question, stance, analyst)", path + ".body") }

            // Target.
            var doc = "", hash = "", start = 0, end = 0, exact = "", prefix = "", suffix = ""
            if let target = node["target"] {
                let p = path + ".target"
                if target.members == nil {
                    problem("\"target\" must be an object with a source and selectors, not \(target.kind)", p)
                } else {
                    if let source = string(target["source"], "source", in: p) {
                        if let d = W3CVocabulary.parseDocumentIRI(source) { doc = d } else {
                            problem("source \"\(source)\" is not a Parallax document IRI (\(W3CVocabulary.documentPrefix)DOC)", p + ".source")
                        }
                    }
                    if let h = target[W3CVocabulary.sha256] {
                        if let s = h.string { hash = s } else { problem("\"\(W3CVocabulary.sha256)\" must be a string", "\(p).\(W3CVocabulary.sha256)") }
                    } else {
                        hash = context.validator.corpus.document(doc)?.hash ?? ""
                    }
                    var position = false, quote = false
                    let selectors = target["selector"]?.items ?? []
                    if target["selector"] == nil { problem("missing \"selector\"", p) }
                    for (i, selector) in selectors.enumerated() {
                        let sp = target["selector"]?.array == nil ? "\(p).selector" : "\(p).selector[\(i)]"
                        let types = Reader.types(selector)
                        if types.contains("TextPositionSelector") {
                            position = true
                            start = integer(selector["start"], "start", in: sp) ?? 0
                            end = integer(selector["end"], "end", in: sp) ?? 0
                        } else if types.contains("TextQuoteSelector") {
                            quote = true
                            exact = string(selector["exact"], "exact", in: sp) ?? ""
                            if let n = selector["prefix"] { prefix = string(n, "prefix", in: sp) ?? "" }
                            if let n = selector["suffix"] { suffix = string(n, "suffix", in: sp) ?? "" }
                        }
                    }
                    if target["selector"] != nil && !position { problem("no TextPositionSelector", p + ".selector") }
                    if target["selector"] != nil && !quote { problem("no TextQuoteSelector", p + ".selector") }
                }
            } else {
                problem("missing \"target\"", path)
            }

            // Unknown fields, exactly as they stand in the file.
            var extra = ExtraFields()
            if let e = node[W3CVocabulary.extra] {
                if let members = e.members {
                    for (key, value) in members { extra.set(key, raw: JSONTree.singleLine(Array(bytes[value.range]))) }
                } else {
                    problem("\"\(W3CVocabulary.extra)\" must be an object", "\(path).\(W3CVocabulary.extra)")
                }
            }

            guard result.problems.count == before else { return }
            let annotation = Annotation(
                id: id, target: TextTarget(doc: doc, start: start, end: end, exact: exact, prefix: prefix, suffix: suffix, hash: hash),
                question: question, analyst: analyst, stance: stance, confidence: confidence, tags: tags, note: note,
                created: created, modified: modified, extra: extra)
            result.candidates.append(ImportCandidate(coding: Coding(set: set, annotation: annotation),
                                                     location: "\(context.path): \(path)"))
        }
    }
}
