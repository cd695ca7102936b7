/// The identifiers and terms the W3C Web Annotation export and import share.
///
/// IRIs are URNs because a Parallax corpus has no web addresses of its own:
/// - annotation: `urn:parallax:annotation:SET:ID` (set names and ids never hold `:`; the set
///   is part of the IRI so the same id in two sets stays two annotations);
/// - coder (one per set): `urn:parallax:coder:SET`;
/// - document: `urn:parallax:doc:DOC`, the document id percent-encoded outside
///   `[A-Za-z0-9._~-]`;
/// - collection: `urn:parallax:collection:SET+SET…`;
/// - memo: `urn:parallax:memo:SET:ID`, about `urn:parallax:question:ID`,
///   `urn:parallax:analyst:ID`, a document's IRI, or `urn:parallax:project`.
///
/// Parallax's own terms live under the prefix `px:` = `urn:parallax:vocab#`, declared in the
/// collection's `@context` next to the W3C context.
enum W3CVocabulary {
    static let annoContext = "http://www.w3.org/ns/anno.jsonld"
    static let prefix = "px"
    static let namespace = "urn:parallax:vocab#"

    static let annotationPrefix = "urn:parallax:annotation:"
    static let coderPrefix = "urn:parallax:coder:"
    static let documentPrefix = "urn:parallax:doc:"
    static let collectionPrefix = "urn:parallax:collection:"
    static let memoPrefix = "urn:parallax:memo:"
    static let questionPrefix = "urn:parallax:question:"
    static let analystPrefix = "urn:parallax:analyst:"
    static let projectIRI = "urn:parallax:project"

    // Parallax terms (compact IRIs).
    static let question = "px:question"
    static let stance = "px:stance"
    static let analyst = "px:analyst"
    static let confidence = "px:confidence"
    static let sha256 = "px:sha256"
    static let extra = "px:extra"

    static func annotationIRI(set: String, id: String) -> String { annotationPrefix + set + ":" + id }
    static func coderIRI(_ set: String) -> String { coderPrefix + set }
    static func documentIRI(_ doc: String) -> String { documentPrefix + percentEncoded(doc) }
    static func memoIRI(set: String, id: String) -> String { memoPrefix + set + ":" + id }

    /// What a memo is about, as an IRI: a document's, `urn:parallax:question:ID`,
    /// `urn:parallax:analyst:ID`, or `urn:parallax:project`.
    static func memoTargetIRI(_ target: MemoTarget) -> String {
        switch target {
        case .document(let id): return documentIRI(id)
        case .question(let id): return questionPrefix + percentEncoded(id)
        case .analyst(let id): return analystPrefix + percentEncoded(id)
        case .project: return projectIRI
        }
    }

    /// The set and id an annotation IRI names.
    static func parseAnnotationIRI(_ iri: String) -> (set: String, id: String)? {
        guard iri.hasPrefix(annotationPrefix) else { return nil }
        let rest = iri.dropFirst(annotationPrefix.count)
        guard let colon = rest.lastIndex(of: ":") else { return nil }
        let set = String(rest[..<colon]), id = String(rest[rest.index(after: colon)...])
        guard !set.isEmpty, !id.isEmpty else { return nil }
        return (set, id)
    }

    /// The document id a document IRI names.
    static func parseDocumentIRI(_ iri: String) -> String? {
        guard iri.hasPrefix(documentPrefix) else { return nil }
        return percentDecoded(String(iri.dropFirst(documentPrefix.count)))
    }

    private static func isUnreserved(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
            || b == 0x2D || b == 0x2E || b == 0x5F || b == 0x7E
    }

    static func percentEncoded(_ s: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for b in s.utf8 {
            if isUnreserved(b) { out.append(b) } else { out += [0x25, hex[Int(b >> 4)], hex[Int(b & 15)]] }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func percentDecoded(_ s: String) -> String? {
        let bytes = Array(s.utf8)
        var out: [UInt8] = []
        var i = 0
        func digit(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30...0x39: return c - 0x30
            case 0x41...0x46: return c - 0x41 + 10
            case 0x61...0x66: return c - 0x61 + 10
            default: return nil
            }
        }
        while i < bytes.count {
            if bytes[i] == 0x25 {
                guard i + 2 < bytes.count, let h = digit(bytes[i + 1]), let l = digit(bytes[i + 2]) else { return nil }
                out.append(h << 4 | l); i += 3
            } else {
                out.append(bytes[i]); i += 1
            }
        }
        return String(validating: out, as: UTF8.self)
    }
}
