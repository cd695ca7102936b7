import Foundation

/// REFI-QDA project (`.qdpx`, REFI-QDA Project standard 1.0) for MAXQDA, ATLAS.ti, NVivo and
/// QualCoder: a zip holding `project.qde` (XML in the namespace `urn:QDA-XML:project:1.0`) and
/// each coded document's exact text as `Sources/GUID.txt`.
///
/// Users are the sets (coders), codes the questions with one child code per stance (names
/// unique across the codebook: `reset-wedge: -2 no`), cases the analysts (each also a code that
/// their selections are coded with), text sources the documents, one `PlainTextSelection` per
/// coding with its positions in code points and the note as its description and as a `Note`
/// referenced from the selection and from its source; Parallax's own fields in a data note of
/// the coding. The full mapping, the metadata line and the name-based GUIDs are described in
/// ``QDPXLayout``. The import
/// (``QDPXImportFormat``) reads it back to equal codings, unknown fields included.
///
/// The archive is built with ZIPFoundation, entries deflated, every entry stamped with the
/// latest `modified` time among the codings: exporting the same sets twice gives the same
/// GUIDs and the same `project.qde`.
public struct QDPXExportFormat: ExportFormat {
    /// Creates the format.
    public init() {}

    public var name: String { "qdpx" }
    public var summary: String { "REFI-QDA project for MAXQDA, ATLAS.ti, NVivo, QualCoder" }
    public var fileExtension: String? { "qdpx" }

    public func export(_ input: ExportInput, to sink: inout some ExportSink) throws {
        let (qde, sources) = try QDPXExportFormat.project(input)
        var entries: [(path: String, bytes: [UInt8])] = [(QDPXLayout.projectEntry, Array(qde.utf8))]
        for doc in sources {
            entries.append((QDPXLayout.sourcesFolder + QDPXLayout.sourceGUID(doc.id) + ".txt", doc.text.utf8))
        }
        let latest = input.codings.map(\.annotation.modified).max() ?? "1980-01-01T00:00:00Z"
        try sink.write(try ZipArchive.write(entries, modified: QDPXExportFormat.date(latest)), to: "")
    }

    /// `project.qde` and the documents whose texts go with it.
    static func project(_ input: ExportInput) throws -> (xml: String, sources: [Document]) {
        let codings = input.ordered
        var byDoc: [String: [Coding]] = [:]
        for c in codings { byDoc[c.annotation.target.doc, default: []].append(c) }
        for docID in byDoc.keys where input.corpus.document(docID) == nil {
            throw ParallaxError(.notFound, "cannot export to qdpx: no document \"\(docID)\" in the corpus",
                                hint: "a REFI-QDA project carries each document's text")
        }
        let memos = input.orderedMemos
        var memoRefs: [MemoTarget: [String]] = [:]
        for (set, memo) in memos { memoRefs[memo.target, default: []].append(QDPXLayout.memoGUID(set, memo.id)) }
        func noteRefs(_ target: MemoTarget, indent: String) -> String {
            (memoRefs[target] ?? []).map { indent + "<NoteRef targetGUID=\"\($0)\"/>\n" }.joined()
        }
        let sources = input.corpus.documents.filter { byDoc[$0.id] != nil || memoRefs[.document($0.id)] != nil }
        var sets = input.setNames
        for (set, _) in memos where !sets.contains(set) { sets.append(set) }
        let A = XMLText.attribute

        var x = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        x += "<Project xmlns=\"\(QDPXLayout.namespaceURI)\" name=\"\(A("Parallax: " + sets.joined(separator: ", ")))\" origin=\"Parallax\">\n"

        if !sets.isEmpty {
            x += "  <Users>\n"
            for set in sets { x += "    <User guid=\"\(QDPXLayout.userGUID(set))\" name=\"\(A(set))\"/>\n" }
            x += "  </Users>\n"
        }

        // Questions with their scales, plus any question or stance a coding uses that the
        // codebook lacks, so every coding has a code to point at.
        var questions: [(id: String, text: String?, scale: [(value: Int, label: String?)])] =
            // The description is the question with its definition, as the `.qdc` export writes it.
            input.codebook.questions.map { q in (q.id, QDCCodebook.description(of: q), q.scale.map { ($0.value, Optional($0.label)) }) }
        for c in codings {
            let a = c.annotation
            if let i = questions.firstIndex(where: { $0.id == a.question }) {
                if !questions[i].scale.contains(where: { $0.value == a.stance }) {
                    questions[i].scale.append((a.stance, nil))
                    questions[i].scale.sort { $0.value < $1.value }
                }
            } else {
                questions.append((a.question, nil, [(a.stance, nil)]))
            }
        }
        // Analysts as cases, in corpus order, then any unknown to the corpus; each also a code
        // with the case's GUID that every selection of theirs is coded with, which is how
        // QualCoder (and NVivo) give a case its text.
        var analysts = input.corpus.analysts.all.map(\.id).filter { id in
            codings.contains { $0.annotation.analyst == id } || memoRefs[.analyst(id)] != nil
        }
        for id in codings.map(\.annotation.analyst) where !analysts.contains(id) { analysts.append(id) }
        for (_, memo) in memos { if case .analyst(let id) = memo.target, !analysts.contains(id) { analysts.append(id) } }
        func displayName(_ id: String) -> String { input.corpus.analysts.analyst(id: id)?.name ?? id }
        let shared = Dictionary(grouping: analysts, by: displayName).filter { $0.value.count > 1 }
        let caseCodeNames = Dictionary(uniqueKeysWithValues: analysts.map { id in
            (id, QDPXLayout.caseCodeName(displayName(id) + (shared[displayName(id)] == nil ? "" : " (\(id))")))
        })

        if !questions.isEmpty || !analysts.isEmpty {
            x += "  <CodeBook>\n    <Codes>\n"
            for q in questions {
                x += "      <Code guid=\"\(QDPXLayout.questionGUID(q.id))\" name=\"\(A(q.id))\" isCodable=\"false\" color=\"\(QDPXLayout.questionColor)\">\n"
                if let text = q.text { x += "        <Description>\(XMLText.content(text))</Description>\n" }
                x += noteRefs(.question(q.id), indent: "        ")
                for (i, point) in q.scale.enumerated() {
                    x += "        <Code guid=\"\(QDPXLayout.stanceGUID(q.id, point.value))\" name=\"\(A(QDPXLayout.stanceCodeName(q.id, point.value, label: point.label)))\" isCodable=\"true\" color=\"\(QDPXLayout.stanceColor(index: i, count: q.scale.count))\"/>\n"
                }
                x += "      </Code>\n"
            }
            for id in analysts {
                x += "      <Code guid=\"\(QDPXLayout.caseGUID(id))\" name=\"\(A(caseCodeNames[id]!))\" isCodable=\"true\" color=\"\(QDPXLayout.caseColor)\""
                let refs = noteRefs(.analyst(id), indent: "        ")
                x += refs.isEmpty ? "/>\n" : ">\n" + refs + "      </Code>\n"
            }
            x += "    </Codes>\n  </CodeBook>\n"
        }

        if !analysts.isEmpty {
            x += "  <Cases>\n"
            for id in analysts {
                let name = displayName(id)
                x += "    <Case guid=\"\(QDPXLayout.caseGUID(id))\" name=\"\(A(name))\">\n"
                x += "      <Description>\(XMLText.content(id))</Description>\n"
                for c in codings where c.annotation.analyst == id {
                    x += "      <SelectionRef targetGUID=\"\(QDPXLayout.selectionGUID(c.set, c.annotation.id))\"/>\n"
                }
                x += "    </Case>\n"
            }
            x += "  </Cases>\n"
        }

        var notes: [Coding] = []
        var data: [Coding] = []
        if !sources.isEmpty {
            x += "  <Sources>\n"
            for doc in sources {
                let guid = QDPXLayout.sourceGUID(doc.id)
                x += "    <TextSource guid=\"\(guid)\" name=\"\(A(doc.id))\" plainTextPath=\"\(QDPXLayout.internalScheme)\(guid).txt\">\n"
                x += "      <Description>\(XMLText.content(doc.info.title))</Description>\n"
                let selections = (byDoc[doc.id] ?? []).sorted { a, b in
                    let (s, t) = (a.annotation.target, b.annotation.target)
                    if s.start != t.start { return s.start < t.start }
                    if s.end != t.end { return s.end < t.end }
                    return Coding.exportOrder(a, b)
                }
                var refs: [String] = []
                for c in selections {
                    x += selection(c, in: doc)
                    data.append(c)
                    if !c.annotation.note.isEmpty {
                        notes.append(c)
                        refs.append(QDPXLayout.noteGUID(c.set, c.annotation.id))
                    }
                }
                // Notes again at the source level, where QualCoder reads them (as annotations).
                for guid in refs { x += "      <NoteRef targetGUID=\"\(guid)\"/>\n" }
                x += noteRefs(.document(doc.id), indent: "      ")
                x += "    </TextSource>\n"
            }
            x += "  </Sources>\n"
        }

        if !data.isEmpty || !memos.isEmpty {
            x += "  <Notes>\n"
            for c in notes {
                let a = c.annotation, user = QDPXLayout.userGUID(c.set)
                x += "    <Note guid=\"\(QDPXLayout.noteGUID(c.set, a.id))\" name=\"\(A("Note on " + a.id))\" creatingUser=\"\(user)\" creationDateTime=\"\(A(a.created))\" modifyingUser=\"\(user)\" modifiedDateTime=\"\(A(a.modified))\">\n"
                x += "      <PlainTextContent>\(XMLText.content(a.note))</PlainTextContent>\n"
                // The span the note is on, as QualCoder reads a source-level note.
                x += "      <PlainTextSelection guid=\"\(QDPXLayout.noteSelectionGUID(c.set, a.id))\" startPosition=\"\(a.target.start)\" endPosition=\"\(a.target.end)\"/>\n"
                x += "    </Note>\n"
            }
            for c in data {
                let a = c.annotation, user = QDPXLayout.userGUID(c.set)
                x += "    <Note guid=\"\(QDPXLayout.dataGUID(c.set, a.id))\" name=\"\(A("Parallax data on " + a.id))\" creatingUser=\"\(user)\" creationDateTime=\"\(A(a.created))\" modifyingUser=\"\(user)\" modifiedDateTime=\"\(A(a.modified))\">\n"
                x += "      <PlainTextContent>\(XMLText.content(metadata(c, in: input.corpus.document(a.target.doc)!).encoded()))</PlainTextContent>\n"
                x += "    </Note>\n"
            }
            for (set, memo) in memos {
                let user = QDPXLayout.userGUID(set)
                x += "    <Note guid=\"\(QDPXLayout.memoGUID(set, memo.id))\" name=\"\(A("Memo on " + memo.target.description))\" creatingUser=\"\(user)\" creationDateTime=\"\(A(memo.created))\" modifyingUser=\"\(user)\" modifiedDateTime=\"\(A(memo.modified))\">\n"
                x += "      <PlainTextContent>\(XMLText.content(memo.text))</PlainTextContent>\n"
                x += "    </Note>\n"
            }
            x += "  </Notes>\n"
        }
        // Project memos, and memos about something the export has no element for (a question
        // or document it lacks), on the project.
        let placed = Set(input.codebook.questions.map { MemoTarget.question($0.id) } + codings.map { MemoTarget.question($0.annotation.question) }
                         + sources.map { MemoTarget.document($0.id) } + analysts.map { MemoTarget.analyst($0) })
        for (set, memo) in memos where !placed.contains(memo.target) {
            x += "  <NoteRef targetGUID=\"\(QDPXLayout.memoGUID(set, memo.id))\"/>\n"
        }
        x += "</Project>\n"
        return (x, sources)
    }

    /// What REFI-QDA has no element for, for the coding's data note.
    static func metadata(_ c: Coding, in doc: Document) -> QDPXLayout.Metadata {
        let a = c.annotation, t = a.target
        let derived = TextTarget(doc: doc.id, start: t.start, end: t.end, text: doc.text, hash: doc.hash)
        return QDPXLayout.Metadata(
            analyst: a.analyst, confidence: a.confidence, tags: a.tags,
            note: XMLText.canHold(a.note) ? nil : a.note,
            prefix: t.prefix == derived.prefix ? nil : t.prefix,
            suffix: t.suffix == derived.suffix ? nil : t.suffix,
            extra: a.extra)
    }

    /// One `PlainTextSelection` element: the note as its `Description` (the coding memo QDA
    /// tools show), the stance coding with a `NoteRef` to the data note, the case coding, and
    /// a `NoteRef` to the note.
    static func selection(_ c: Coding, in doc: Document) -> String {
        let a = c.annotation, t = a.target, A = XMLText.attribute
        let user = QDPXLayout.userGUID(c.set)
        var x = "      <PlainTextSelection guid=\"\(QDPXLayout.selectionGUID(c.set, a.id))\" name=\"\(A(a.id))\" startPosition=\"\(t.start)\" endPosition=\"\(t.end)\" creatingUser=\"\(user)\" creationDateTime=\"\(A(a.created))\" modifyingUser=\"\(user)\" modifiedDateTime=\"\(A(a.modified))\">\n"
        if !a.note.isEmpty { x += "        <Description>\(XMLText.content(a.note))</Description>\n" }
        x += "        <Coding guid=\"\(QDPXLayout.codingGUID(c.set, a.id))\" creatingUser=\"\(user)\" creationDateTime=\"\(A(a.created))\">\n"
        x += "          <CodeRef targetGUID=\"\(QDPXLayout.stanceGUID(a.question, a.stance))\"/>\n"
        x += "          <NoteRef targetGUID=\"\(QDPXLayout.dataGUID(c.set, a.id))\"/>\n"
        x += "        </Coding>\n"
        x += "        <Coding guid=\"\(QDPXLayout.caseCodingGUID(c.set, a.id))\" creatingUser=\"\(user)\" creationDateTime=\"\(A(a.created))\">\n"
        x += "          <CodeRef targetGUID=\"\(QDPXLayout.caseGUID(a.analyst))\"/>\n"
        x += "        </Coding>\n"
        if !a.note.isEmpty { x += "        <NoteRef targetGUID=\"\(QDPXLayout.noteGUID(c.set, a.id))\"/>\n" }
        x += "      </PlainTextSelection>\n"
        return x
    }

    /// The time an ISO 8601 UTC timestamp names (to the second), for the zip entries' dates.
    static func date(_ iso: String) -> Date {
        let b = Array(iso.utf8)
        func number(_ r: Range<Int>) -> Int32 {
            guard r.upperBound <= b.count else { return 0 }
            return b[r].reduce(Int32(0)) { $0 * 10 + Int32($1 &- 0x30) }
        }
        guard Clock.isISO8601(iso) else { return Date(timeIntervalSince1970: 315_532_800) }
        var parts = tm()
        parts.tm_year = number(0..<4) - 1900
        parts.tm_mon = number(5..<7) - 1
        parts.tm_mday = number(8..<10)
        parts.tm_hour = number(11..<13)
        parts.tm_min = number(14..<16)
        parts.tm_sec = number(17..<19)
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }
}
