/// brat standoff (https://brat.nlplab.org/standoff.html): a directory with, for every
/// document that has codings, `DOC.txt` (the document's exact bytes) and `DOC.ann`, plus one
/// `annotation.conf` declaring the types used.
///
/// ```
/// T1	reset-wedge 19953 20080	As we have said in the paper …
/// A1	Stance T1 -1
/// A2	Analyst T1 stent
/// A3	Coder T1 alice
/// A4	Confidence T1 0.8
/// #1	AnnotatorNotes T1	She calls a split highly unlikely. [tags: evidence, explicit]
/// ```
///
/// Offsets are Unicode code points, which is what brat means by character offsets (it is
/// written in Python and indexes `str`), so `txt[start:end]` is the span's text. A text-bound
/// annotation cannot hold a line break, so a span that crosses lines is written as brat's
/// discontinuous fragments `START END;START END`, cut at every character Python's
/// `str.splitlines` breaks on (LF, CR, VT, FF, FS, GS, RS, NEL, LS, PS) and leaving those
/// characters out; the text column is then the fragments' texts joined by a space, as brat
/// writes it. The entity type is the question id; stance, analyst, coder (set) and confidence
/// (when there is one) are attributes; the note is an `AnnotatorNotes` comment with line
/// breaks turned into spaces, followed by the tags as `[tags: a, b]` (a brat attribute holds
/// one value without spaces, which tags are not).
///
/// brat is an export only: it has no place for ids, times or unknown fields.
/// Entities are numbered per document in span order (start, end, set, id), so re-exports
/// are identical. Document ids become file names with bytes outside `[A-Za-z0-9._-]` (and a
/// leading `.`) percent-encoded.
public struct BratExportFormat: ExportFormat {
    /// Creates the format.
    public init() {}

    public var name: String { "brat" }
    public var summary: String { "brat standoff: a directory of .txt, .ann and annotation.conf" }
    public var fileExtension: String? { nil }

    public func export(_ input: ExportInput, to sink: inout some ExportSink) throws {
        var byDoc: [String: [Coding]] = [:]
        for c in input.codings { byDoc[c.annotation.target.doc, default: []].append(c) }
        let docIDs = input.corpus.documents.map(\.id).filter { byDoc[$0] != nil }
            + byDoc.keys.filter { input.corpus.document($0) == nil }.sorted()
        for docID in docIDs {
            guard let doc = input.corpus.document(docID) else {
                throw ParallaxError(.notFound, "cannot export to brat: no document \"\(docID)\" in the corpus",
                                    hint: "brat needs each document's text")
            }
            let codings = byDoc[docID]!.sorted { a, b in
                let (x, y) = (a.annotation.target, b.annotation.target)
                if x.start != y.start { return x.start < y.start }
                if x.end != y.end { return x.end < y.end }
                return Coding.exportOrder(a, b)
            }
            let file = BratExportFormat.fileName(docID)
            try sink.write(doc.text.utf8, to: file + ".txt")
            try sink.write(Array(BratExportFormat.ann(codings, text: doc.text).utf8), to: file + ".ann")
        }
        try sink.write(Array(BratExportFormat.conf(input).utf8), to: "annotation.conf")
    }

    /// The `.ann` file for one document's codings, in order.
    static func ann(_ codings: [Coding], text: ScalarText) -> String {
        var out = ""
        var attribute = 0
        for (i, coding) in codings.enumerated() {
            let a = coding.annotation
            let t = "T\(i + 1)"
            let fragments = self.fragments(a.target.start, a.target.end, in: text)
            let offsets = fragments.map { "\($0.start) \($0.end)" }.joined(separator: ";")
            let quote = fragments.map { text.text($0.start, $0.end) }.joined(separator: " ")
            out += "\(t)\t\(a.question) \(offsets)\t\(quote)\n"
            var attributes = [("Stance", String(a.stance)), ("Analyst", a.analyst), ("Coder", coding.set)]
            if let c = a.confidence { attributes.append(("Confidence", c.description)) }
            for (name, value) in attributes {
                attribute += 1
                out += "A\(attribute)\t\(name) \(t) \(value)\n"
            }
            if let comment = comment(a) {
                out += "#\(i + 1)\tAnnotatorNotes \(t)\t\(comment)\n"
            }
        }
        return out
    }

    /// The `AnnotatorNotes` text: the note on one line, then the tags; `nil` when both are empty.
    static func comment(_ a: Annotation) -> String? {
        func trimmed(_ s: String) -> String { String(singleLine(s).drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed()) }
        let note = trimmed(a.note)
        let tags = a.tags.map(trimmed).filter { !$0.isEmpty }
        let list = tags.isEmpty ? "" : "[tags: " + tags.joined(separator: ", ") + "]"
        let text = [note, list].filter { !$0.isEmpty }.joined(separator: " ")
        return text.isEmpty ? nil : text
    }

    /// Characters Python's `str.splitlines` breaks on, which brat reads lines with.
    static func isLineBreak(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// The span `[start, end)` cut into fragments that hold no line break.
    static func fragments(_ start: Int, _ end: Int, in text: ScalarText) -> [(start: Int, end: Int)] {
        var result: [(start: Int, end: Int)] = []
        var fragmentStart: Int?
        var offset = start
        for s in text.text(start, end).unicodeScalars {
            if isLineBreak(s) {
                if let f = fragmentStart { result.append((f, offset)); fragmentStart = nil }
            } else if fragmentStart == nil {
                fragmentStart = offset
            }
            offset += 1
        }
        if let f = fragmentStart { result.append((f, offset)) }
        // A span of line breaks only (which Parallax never makes) is written whole.
        return result.isEmpty ? [(start, end)] : result
    }

    /// A note on one line: every line break (CR LF counts once) and tab becomes a space.
    static func singleLine(_ s: String) -> String {
        var out = ""
        var previousCR = false
        for scalar in s.unicodeScalars {
            if scalar == "\n" && previousCR { previousCR = false; continue }
            previousCR = scalar == "\r"
            if isLineBreak(scalar) || scalar == "\t" { out += " " } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    /// `annotation.conf`: the questions as entity types, stance, analyst and coder as
    /// attributes with the values used, and overlaps allowed (coders mark the same text).
    static func conf(_ input: ExportInput) -> String {
        var questions = input.codebook.questions.map(\.id)
        for q in Set(input.codings.map(\.annotation.question)).sorted() where !questions.contains(q) { questions.append(q) }
        var stances: [Int] = []
        for q in input.codebook.questions { for v in q.values where !stances.contains(v) { stances.append(v) } }
        for v in Set(input.codings.map(\.annotation.stance)).sorted() where !stances.contains(v) { stances.append(v) }
        stances.sort()
        let analysts = input.corpus.analysts.all.map(\.id)
            + Set(input.codings.map(\.annotation.analyst)).subtracting(input.corpus.analysts.all.map(\.id)).sorted()
        let confidences = Set(input.codings.compactMap(\.annotation.confidence)).sorted().map(\.description)
        let confidence = confidences.isEmpty ? "" : "Confidence\tArg:<ENTITY>, Value:" + confidences.joined(separator: "|") + "\n"
        return """
            # brat configuration written by Parallax
            [entities]
            \(questions.joined(separator: "\n"))

            [relations]
            <OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>

            [events]

            [attributes]
            Stance\tArg:<ENTITY>, Value:\(stances.map(String.init).joined(separator: "|"))
            Analyst\tArg:<ENTITY>, Value:\(analysts.joined(separator: "|"))
            Coder\tArg:<ENTITY>, Value:\(input.setNames.joined(separator: "|"))
            \(confidence)
            """
    }

    /// A document id as a file name: bytes outside `[A-Za-z0-9._-]`, and a leading `.`, as `%XX`.
    static func fileName(_ id: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for (i, b) in id.utf8.enumerated() {
            let plain = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
                || b == 0x5F || b == 0x2D || (b == 0x2E && i > 0)
            if plain { out.append(b) } else { out += [0x25, hex[Int(b >> 4)], hex[Int(b & 15)]] }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
