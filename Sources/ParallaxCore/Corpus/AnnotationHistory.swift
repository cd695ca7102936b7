/// An annotation followed through its document's versions: what it quoted in each earlier
/// text it was made on or carried through (from the anchors `doc update` recorded, or its own
/// target when it still points at an earlier text), and where it points now.
public struct AnnotationHistory: Encodable, Equatable, Sendable {
    /// The annotation in one earlier text of its document.
    public struct Earlier: Encodable, Equatable, Sendable {
        /// 1 for the first text the document had, and so on.
        public var version: Int
        /// The earlier text inside the corpus directory (`versions/lin-1a2b3c4d.txt`).
        public var file: String
        /// Its SHA-256.
        public var sha256: String
        /// When it was replaced.
        public var replaced: String
        /// The span there.
        public var start: Int
        /// Scalar just after the span.
        public var end: Int
        /// What the span covers in that text; `nil` when the text is not available or the
        /// span lies outside it.
        public var quote: String?
    }

    /// Where the annotation points in the document's current text.
    public struct Current: Encodable, Equatable, Sendable {
        /// The current text inside the corpus directory.
        public var file: String
        /// 1 + the number of earlier versions.
        public var version: Int
        /// `placed`: its hash is the current text's; `orphaned`: it still points at an
        /// earlier text (re-anchoring found no place for it).
        public var status: String
        /// The span (for an orphan, its span in the earlier text it still points at).
        public var start: Int
        /// Scalar just after the span.
        public var end: Int
        /// The annotation's quote as it stands.
        public var quote: String
    }

    /// The annotation's id.
    public var id: String
    /// Its document.
    public var doc: String
    /// Earlier texts it was in, oldest first; empty when it was made on the current text.
    public var earlier: [Earlier]
    /// Where it points now.
    public var now: Current

    /// The versions whose text ``build(_:document:texts:)`` needs, by file: those with an
    /// anchor for the annotation, or the one its target's hash names.
    public static func versionsNeeded(_ annotation: Annotation, document: Document) -> [DocumentVersion] {
        (document.info.versions ?? []).filter { v in
            v.sha256 == annotation.target.hash || (v.anchors ?? []).contains { $0.id == annotation.id }
        }
    }

    /// Follows an annotation through its document's versions.
    /// - Parameters:
    ///   - annotation: The annotation, as its set holds it now.
    ///   - document: Its document, as the corpus holds it now.
    ///   - texts: Earlier texts by version file (see ``versionsNeeded(_:document:)``); a
    ///     missing one leaves its quotes `nil`.
    public static func build(_ annotation: Annotation, document: Document, texts: [String: ScalarText]) -> AnnotationHistory {
        let versions = document.info.versions ?? []
        var earlier: [Earlier] = []
        for (k, v) in versions.enumerated() {
            let span: (Int, Int)?
            if let a = (v.anchors ?? []).first(where: { $0.id == annotation.id }) {
                span = (a.start, a.end)
            } else if v.sha256 == annotation.target.hash {
                span = (annotation.target.start, annotation.target.end)
            } else {
                span = nil
            }
            guard let (start, end) = span else { continue }
            var quote: String?
            if let text = texts[v.file], start >= 0, start <= end, end <= text.scalarCount { quote = text.text(start, end) }
            earlier.append(Earlier(version: k + 1, file: v.file, sha256: v.sha256, replaced: v.replaced, start: start, end: end, quote: quote))
        }
        let placed = annotation.target.hash == document.hash
        let now = Current(file: document.info.file, version: versions.count + 1, status: placed ? "placed" : "orphaned",
                          start: annotation.target.start, end: annotation.target.end, quote: annotation.target.exact)
        return AnnotationHistory(id: annotation.id, doc: document.id, earlier: earlier, now: now)
    }
}
