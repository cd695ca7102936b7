/// W3C Web Annotation JSON-LD: one `AnnotationCollection` whose first (and only)
/// `AnnotationPage` embeds every coding as an `Annotation`.
///
/// ```
/// { "@context": ["http://www.w3.org/ns/anno.jsonld",
///                {"@version": 1.1, "px": "urn:parallax:vocab#", "px:extra": {"@type": "@json"}}],
///   "id": "urn:parallax:collection:alice", "type": "AnnotationCollection",
///   "label": "Parallax annotations: alice", "total": 1,
///   "last": "urn:parallax:collection:alice#page1",
///   "first": { "id": "urn:parallax:collection:alice#page1", "type": "AnnotationPage",
///              "partOf": "urn:parallax:collection:alice", "startIndex": 0, "items": [
///     { "@context": [ …the same as the collection's… ],
///       "id": "urn:parallax:annotation:alice:01M8…", "type": "Annotation",
///       "motivation": "classifying",
///       "creator": {"id": "urn:parallax:coder:alice", "type": "Person", "name": "alice"},
///       "created": "2026-11-23T15:40:51Z", "modified": "2026-11-23T15:40:51Z",
///       "body": [
///         {"type": "TextualBody", "purpose": "classifying", "format": "text/plain",
///          "value": "reset-wedge: -1 unlikely",
///          "px:question": "reset-wedge", "px:stance": -1, "px:analyst": "stent", "px:confidence": 0.8},
///         {"type": "TextualBody", "purpose": "tagging", "value": "evidence"},
///         {"type": "TextualBody", "purpose": "commenting", "format": "text/plain", "value": "…"} ],
///       "target": { "type": "SpecificResource", "source": "urn:parallax:doc:brookings",
///                   "px:sha256": "39cb…",
///                   "selector": [ {"type": "TextPositionSelector", "start": 19953, "end": 20080},
///                                 {"type": "TextQuoteSelector", "exact": "…", "prefix": "…", "suffix": "…"} ] },
///       "px:extra": {"reviewer": "Zoë"} } ] } }
/// ```
///
/// Body design: the stance is a `TextualBody` with purpose `classifying` whose `value` is the
/// human reading (`question: signed stance label`) and whose `px:` members carry the
/// machine-readable statement: question id, stance (an integer on the question's scale),
/// analyst id and confidence (left out when absent). Plain JSON-LD consumers see a normal
/// classifying body; the `px:` terms expand to `urn:parallax:vocab#…` and the import reads
/// only them, never the `value` text. Each tag is a `TextualBody` with purpose `tagging`, in
/// order; the note, when not empty, one with purpose `commenting`.
///
/// `creator` is the coder, that is the set; `created`/`modified` are the annotation's own
/// times. Offsets are Unicode code points, the W3C unit and Parallax's own, so they are
/// written as stored; the two selectors describe the same segment. `px:sha256` on the target
/// is the hash of the document text the offsets refer to. Unknown fields go in `px:extra`
/// (a JSON literal, `@type: @json`), each value's bytes exactly as stored.
///
/// Every annotation repeats the collection's `@context`, so that one cut out of the page (a
/// tool that stores annotations one by one) is still a complete JSON-LD document. The
/// collection names its one page as `first` (embedded) and `last`; the page points back with
/// `partOf`.
///
/// Memos of the sets follow the codings in the same page, one `Annotation` each with
/// motivation `commenting`: id `urn:parallax:memo:SET:ID`, the text as a `commenting` body,
/// the target what it is about (`urn:parallax:question:ID`, `urn:parallax:analyst:ID`, the
/// document's IRI, or `urn:parallax:project`). `total` counts both. The import skips them.
///
/// The `@context` declares JSON-LD 1.1 (`@version`) because JSON literals need it; a JSON-LD
/// 1.0 processor refuses the document (see the README).
public struct W3CExportFormat: TextExportFormat {
    /// Creates the format.
    public init() {}

    public var name: String { "w3c" }
    public var summary: String { "W3C Web Annotation JSON-LD (an AnnotationCollection)" }
    public var fileExtension: String? { "jsonld" }

    public func write(_ input: ExportInput, to stream: inout some TextOutputStream) {
        let codings = input.ordered
        let memos = input.orderedMemos
        let sets = input.setNames
        let collectionID = W3CVocabulary.collectionPrefix + sets.joined(separator: "+")
        let pageID = collectionID + "#page1"
        var head: [(String, JSONOutput)] = [
            ("@context", W3CExportFormat.context),
            ("id", .string(collectionID)),
            ("type", .string("AnnotationCollection")),
            ("label", .string("Parallax annotations: " + (sets.isEmpty ? "none" : sets.joined(separator: ", ")))),
            ("total", .integer(codings.count + memos.count)),
        ]
        if !codings.isEmpty || !memos.isEmpty { head.append(("last", .string(pageID))) }
        // Written member by member, one annotation at a time, so a large collection is never
        // held as one string.
        stream.write("{")
        for (i, (key, value)) in head.enumerated() {
            stream.write(i == 0 ? "\n  " : ",\n  ")
            stream.write(JSONOutput.string(key).text() + ": " + value.text(indent: 1))
        }
        if !codings.isEmpty || !memos.isEmpty {
            let page: [(String, JSONOutput)] = [
                ("id", .string(pageID)),
                ("type", .string("AnnotationPage")),
                ("partOf", .string(collectionID)),
                ("startIndex", .integer(0)),
            ]
            stream.write(",\n  \"first\": {")
            for (key, value) in page {
                stream.write("\n    " + JSONOutput.string(key).text() + ": " + value.text(indent: 2) + ",")
            }
            stream.write("\n    \"items\": [")
            for (i, coding) in codings.enumerated() {
                stream.write(i == 0 ? "\n      " : ",\n      ")
                stream.write(W3CExportFormat.annotation(coding, codebook: input.codebook).text(indent: 3))
            }
            for (i, (set, memo)) in memos.enumerated() {
                stream.write(i + codings.count == 0 ? "\n      " : ",\n      ")
                stream.write(W3CExportFormat.memo(memo, set: set).text(indent: 3))
            }
            stream.write("\n    ]\n  }")
        }
        stream.write("\n}\n")
    }

    /// The `@context` of the collection and of every annotation: the Web Annotation context
    /// and Parallax's `px:` terms, in JSON-LD 1.1 (which `px:extra`'s `@json` type needs).
    static let context: JSONOutput = .array([
        .string(W3CVocabulary.annoContext),
        .object([
            ("@version", .double(1.1)),
            (W3CVocabulary.prefix, .string(W3CVocabulary.namespace)),
            (W3CVocabulary.extra, .object([("@type", .string("@json"))])),
        ]),
    ])

    /// A memo as a Web Annotation: motivation `commenting`, the text as a `commenting`
    /// `TextualBody`, the target the IRI of what it is about (``W3CVocabulary/memoTargetIRI(_:)``).
    static func memo(_ memo: Memo, set: String) -> JSONOutput {
        .object([
            ("@context", context),
            ("id", .string(W3CVocabulary.memoIRI(set: set, id: memo.id))),
            ("type", .string("Annotation")),
            ("motivation", .string("commenting")),
            ("creator", .object([("id", .string(W3CVocabulary.coderIRI(set))), ("type", .string("Person")), ("name", .string(set))])),
            ("created", .string(memo.created)),
            ("modified", .string(memo.modified)),
            ("body", .object([("type", .string("TextualBody")), ("purpose", .string("commenting")),
                              ("format", .string("text/plain")), ("value", .string(memo.text))])),
            ("target", .string(W3CVocabulary.memoTargetIRI(memo.target))),
        ])
    }

    /// One coding as a Web Annotation, with its own `@context` so that it can be used alone.
    static func annotation(_ coding: Coding, codebook: Codebook) -> JSONOutput {
        let a = coding.annotation
        let label = codebook.question(a.question)?.label(of: a.stance).map { " " + $0 } ?? ""
        var classifying: [(String, JSONOutput)] = [
            ("type", .string("TextualBody")),
            ("purpose", .string("classifying")),
            ("format", .string("text/plain")),
            ("value", .string("\(a.question): \(Question.signed(a.stance))\(label)")),
            (W3CVocabulary.question, .string(a.question)),
            (W3CVocabulary.stance, .integer(a.stance)),
            (W3CVocabulary.analyst, .string(a.analyst)),
        ]
        if let c = a.confidence { classifying.append((W3CVocabulary.confidence, .double(c))) }
        var bodies: [JSONOutput] = [.object(classifying)]
        for tag in a.tags {
            bodies.append(.object([("type", .string("TextualBody")), ("purpose", .string("tagging")), ("value", .string(tag))]))
        }
        if !a.note.isEmpty {
            bodies.append(.object([("type", .string("TextualBody")), ("purpose", .string("commenting")),
                                   ("format", .string("text/plain")), ("value", .string(a.note))]))
        }
        let t = a.target
        var members: [(String, JSONOutput)] = [
            ("@context", context),
            ("id", .string(W3CVocabulary.annotationIRI(set: coding.set, id: a.id))),
            ("type", .string("Annotation")),
            ("motivation", .string("classifying")),
            ("creator", .object([("id", .string(W3CVocabulary.coderIRI(coding.set))), ("type", .string("Person")),
                                 ("name", .string(coding.set))])),
            ("created", .string(a.created)),
            ("modified", .string(a.modified)),
            ("body", .array(bodies)),
            ("target", .object([
                ("type", .string("SpecificResource")),
                ("source", .string(W3CVocabulary.documentIRI(t.doc))),
                (W3CVocabulary.sha256, .string(t.hash)),
                ("selector", .array([
                    .object([("type", .string("TextPositionSelector")), ("start", .integer(t.start)), ("end", .integer(t.end))]),
                    .object([("type", .string("TextQuoteSelector")), ("exact", .string(t.exact)),
                             ("prefix", .string(t.prefix)), ("suffix", .string(t.suffix))]),
                ])),
            ])),
        ]
        if !a.extra.isEmpty {
            members.append((W3CVocabulary.extra, .object(a.extra.fields.map { ($0.key, .raw($0.raw)) })))
        }
        return .object(members)
    }
}
