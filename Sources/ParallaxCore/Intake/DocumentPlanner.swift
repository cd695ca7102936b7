import Foundation

/// Decides what `doc add` and `doc update` write, from the extracted text, the user's options
/// and the corpus as it is: the id, the metadata (options first, then what the file says),
/// the speaker turns and the voices, and the refusals (a file already in, an id taken, a
/// date that is not a date).
public enum DocumentPlanner {
    /// Plans adding a document.
    /// - Parameters:
    ///   - extracted: What the reader made of the file.
    ///   - options: What the user gave on the command line.
    ///   - fileName: The file's name (its last path component).
    ///   - sourceHash: SHA-256 of the file's bytes.
    ///   - corpus: The corpus as it is now.
    ///   - now: The time to record (UTC, ISO 8601).
    /// - Throws: ``ParallaxError`` for a bad option, an id taken, or a file already in.
    public static func add(_ extracted: ExtractedDocument, options: DocumentOptions, fileName: String, sourceHash: String,
                           corpus: Corpus, now: String) throws -> DocumentPlan {
        if let date = options.date, !DocumentDate.isValid(date) {
            throw ParallaxError(.usage, "\"\(date)\" is not a date", at: "doc: option date",
                                hint: "write it as YYYY-MM-DD, YYYY-MM or YYYY (e.g. date:2024-07-23)")
        }
        let text = Array(extracted.text.utf8)
        try refuseDuplicate(text: text, sourceHash: sourceHash, fileName: fileName, corpus: corpus, except: nil)
        let md = extracted.metadata
        let stem = (fileName as NSString).deletingPathExtension
        let title = options.title ?? md.title ?? stem
        let id: String
        if let given = options.id {
            guard Codebook.isValidID(given) else {
                throw ParallaxError(.usage, "document id \"\(given)\" must be lower-case letters, digits and '-', starting with a letter",
                                    at: "doc: option id")
            }
            if let other = corpus.document(given) {
                throw ParallaxError(.conflict, "document id \"\(given)\" is taken (\(other.info.title))", at: "doc: option id",
                                    hint: "choose another with id:")
            }
            id = given
        } else {
            id = uniqueID(slug(options.title ?? md.title ?? stem), taken: Set(corpus.documents.map(\.id)))
        }
        let files = Set(corpus.documents.flatMap { [$0.info.file] + ($0.info.versions ?? []).map(\.file) })
        let textFile = files.contains("\(id).txt") ? "\(id)-\(Document.sha256(text).prefix(8)).txt" : "\(id).txt"
        let ext = (fileName as NSString).pathExtension.lowercased()
        let source = DocumentSource(file: "sources/\(id)-\(sourceHash.prefix(8)).\(ext.isEmpty ? extracted.format.rawValue : ext)",
                                    name: fileName, format: extracted.format.rawValue, sha256: sourceHash,
                                    extractor: extracted.extractor, encoding: extracted.encoding, added: now)
        var info = DocumentInfo(id: id, file: textFile, title: title, publisher: options.publisher ?? md.publisher ?? "",
                                date: options.date ?? md.date ?? "", authors: options.authors ?? md.authors, voice: nil,
                                segmentation: Segmentation(paragraphs: extracted.paragraphs), source: source)
        var manifest = corpus.manifest
        let voices = try assignVoices(&info, text: text, kind: options.kind, manifest: &manifest)
        manifest.documents.append(info)
        var origins = md.origins
        for (key, given) in [("title", options.title != nil), ("authors", options.authors != nil), ("date", options.date != nil),
                             ("publisher", options.publisher != nil)] where given { origins[key] = "options" }
        if options.title == nil && md.title == nil { origins["title"] = "the file name" }
        let summary = "added \(id): " + describe(extracted: extracted, info: info, voices: voices, origins: origins)
        return DocumentPlan(manifest: manifest, info: info, text: text, newAnalysts: voices.new, labelledAnalysts: voices.labelled,
                            paragraphs: voices.paragraphs, speakers: voices.speakers, summary: summary)
    }

    /// Plans replacing a document's text with a new version. The id, title and other
    /// metadata stay (the user's or the file's from the first add); the segmentation and
    /// speakers are taken afresh; the old text is listed among the versions, with `anchors`:
    /// where the annotations on it pointed (those whose hash is the old text's).
    /// - Throws: ``ParallaxError`` for an unknown id, or a file identical to the current text.
    public static func update(_ id: String, with extracted: ExtractedDocument, fileName: String, sourceHash: String,
                              corpus: Corpus, now: String, anchors: [VersionAnchor] = []) throws -> DocumentPlan {
        let old = try corpus.requireDocument(id)
        let text = Array(extracted.text.utf8)
        if Document.sha256(text) == old.hash {
            throw ParallaxError(.conflict, "\(fileName) gives the same text as document \(old.id) has now", at: "doc update",
                                hint: "nothing to update")
        }
        try refuseDuplicate(text: text, sourceHash: sourceHash, fileName: fileName, corpus: corpus, except: old.id)
        let hash8 = Document.sha256(text).prefix(8)
        let ext = (fileName as NSString).pathExtension.lowercased()
        var info = old.info
        let version = DocumentVersion(file: "versions/\(old.id)-\(old.hash.prefix(8)).txt", sha256: old.hash, source: old.info.source,
                                      replaced: now, anchors: anchors.isEmpty ? nil : anchors.sorted { $0.id < $1.id })
        info.versions = (info.versions ?? []).filter { $0.sha256 != old.hash } + [version]
        info.file = "\(old.id)-\(hash8).txt"
        info.source = DocumentSource(file: "sources/\(old.id)-\(sourceHash.prefix(8)).\(ext.isEmpty ? extracted.format.rawValue : ext)",
                                     name: fileName, format: extracted.format.rawValue, sha256: sourceHash,
                                     extractor: extracted.extractor, encoding: extracted.encoding, added: now)
        info.segmentation.paragraphs = extracted.paragraphs
        var manifest = corpus.manifest
        let kind: DocumentKind = old.info.segmentation.turns != nil ? .transcript : .text
        let endMarkers = old.info.segmentation.turns?.endMarkers ?? []
        let voices = try assignVoices(&info, text: text, kind: kind, manifest: &manifest, keepVoice: old.info.voice)
        if var turns = info.segmentation.turns { turns.endMarkers = endMarkers; info.segmentation.turns = turns }
        guard let position = manifest.documents.firstIndex(where: { $0.id == old.id }) else {
            throw ParallaxError(.notFound, "no document \"\(id)\"")
        }
        manifest.documents[position] = info
        let summary = "updated \(old.id): " + describe(extracted: extracted, info: info, voices: voices, origins: [:])
        return DocumentPlan(manifest: manifest, info: info, text: text, newAnalysts: voices.new, labelledAnalysts: voices.labelled,
                            paragraphs: voices.paragraphs, speakers: voices.speakers, summary: summary)
    }

    private static func refuseDuplicate(text: [UInt8], sourceHash: String, fileName: String, corpus: Corpus, except: String?) throws {
        let textHash = Document.sha256(text)
        for doc in corpus.documents where doc.id != except {
            let sources = [doc.info.source?.sha256] + (doc.info.versions ?? []).map { $0.source?.sha256 }
            if sources.contains(sourceHash) || doc.hash == textHash {
                throw ParallaxError(.conflict, "\(fileName) is already in the corpus as document \(doc.id)", at: "doc",
                                    hint: "`doc show \(doc.id)`; to replace its text use `doc update \(doc.id) FILE`")
            }
        }
    }

    /// What voice work found: new analysts, analysts given a label, counts.
    struct Voices {
        var new: [AnalystInfo] = []
        var labelled: [String] = []
        var paragraphs = 0
        var speakers = 0
        var speakerIDs: [String] = []
    }

    /// Sets the document's turns and voice, adding analysts for new speakers to the manifest.
    private static func assignVoices(_ info: inout DocumentInfo, text: [UInt8], kind: DocumentKind?, manifest: inout CorpusManifest,
                                     keepVoice: String? = nil) throws -> Voices {
        let scalars = try ScalarText(utf8: text, origin: "document \(info.id)")
        let paragraphs = Segmenter.paragraphs(of: scalars, mode: info.segmentation.paragraphs)
        var labels: [String] = []
        var labelled = 0
        for p in paragraphs {
            if let label = Segmenter.speakerLabel(scalars.text(p.start, min(p.end, p.start + 80))) {
                labelled += 1
                if !labels.contains(label) { labels.append(label) }
            }
        }
        var voices = Voices(paragraphs: paragraphs.count)
        let transcript = kind == .transcript || (kind == nil && labelled >= 3 && labels.count >= 2)
        guard transcript else {
            info.segmentation.turns = nil
            let directory = try AnalystDirectory(manifest.analysts)
            info.voice = keepVoice ?? info.authors.lazy.compactMap { directory.named($0)?.id }.first
            return voices
        }
        info.segmentation.turns = Segmentation.Turns(endMarkers: info.segmentation.turns?.endMarkers ?? [])
        info.voice = nil
        voices.speakers = labels.count
        for label in labels {
            let directory = try AnalystDirectory(manifest.analysts)
            if let known = directory.speaker(label: label) { voices.speakerIDs.append(known); continue }
            if let named = directory.named(label), let i = manifest.analysts.firstIndex(where: { $0.id == named.id }) {
                // `STENT:` for an analyst named Stent: the label becomes hers.
                manifest.analysts[i].labels.append(label)
                voices.labelled.append(named.id)
                voices.speakerIDs.append(named.id)
                continue
            }
            let name = readableName(label)
            let id = analystID(for: name, taken: Set(manifest.analysts.map(\.id)))
            let analyst = AnalystInfo(id: id, name: name, affiliation: "", labels: [label])
            manifest.analysts.append(analyst)
            voices.new.append(analyst)
            voices.speakerIDs.append(id)
        }
        return voices
    }

    private static func describe(extracted: ExtractedDocument, info: DocumentInfo, voices: Voices, origins: [String: String]) -> String {
        var parts = ["\(voices.paragraphs) paragraph\(voices.paragraphs == 1 ? "" : "s")"]
        if info.segmentation.turns != nil {
            var s = "transcript, \(voices.speakers) speaker\(voices.speakers == 1 ? "" : "s")"
            if !voices.new.isEmpty { s += " (new: " + voices.new.map(\.id).joined(separator: ", ") + ")" }
            parts.append(s)
        } else if let voice = info.voice {
            parts.append("voice \(voice)")
        } else {
            parts.append("no voice (no author is a known analyst: `analyst add` one, or mark with analyst:ID)")
        }
        let taken = ["title", "authors", "date", "publisher"].compactMap { key in origins[key].map { "\(key) from \($0)" } }
        if !taken.isEmpty { parts.append(taken.joined(separator: ", ")) }
        if info.date.isEmpty { parts.append("no date found (give date:)") }
        parts += extracted.notes
        return parts.joined(separator: "; ")
    }

    /// `JANE HOLLOWAY` → `Jane Holloway`, `O'NEIL-SMITH` → `O'Neil-Smith`.
    public static func readableName(_ label: String) -> String {
        var out = ""
        var upper = true
        for ch in label {
            out += upper ? String(ch).uppercased() : String(ch).lowercased()
            upper = ch == " " || ch == "-" || ch == "'" || ch == "’" || ch == "."
        }
        return out
    }

    /// An analyst id for a name: the folded surname, else the whole folded name, made unique.
    static func analystID(for name: String, taken: Set<String>) -> String {
        let words: [String] = Folding.fold(name).split(separator: " ").map { String($0.filter { $0.isASCII && ($0.isLetter || $0.isNumber) }) }.filter { !$0.isEmpty }
        var base: String = words.last ?? "speaker"
        if let f = base.first, !f.isLetter { base = "speaker-" + base }
        if !taken.contains(base) { return base }
        let full = words.joined(separator: "-")
        if !full.isEmpty, full.first!.isLetter, !taken.contains(full) { return full }
        return uniqueID(base, taken: taken)
    }

    /// A document id from a title: its first few folded words, letters and digits, joined by
    /// `-` (`The China-Russia Axis Takes Shape` → `china-russia-axis-takes`).
    public static func slug(_ title: String) -> String {
        let stop: Set<String> = ["the", "a", "an", "of", "and", "in", "on", "for", "to"]
        var words: [String] = []
        for raw in Folding.fold(title).split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber)) }) {
            let w = String(raw)
            if stop.contains(w) { continue }
            words.append(w)
            if words.count == 4 { break }
        }
        var slug = words.joined(separator: "-")
        if slug.count > 40 { slug = String(slug.prefix(40)).trimmingCharacters(in: CharacterSet(charactersIn: "-")) }
        if slug.isEmpty { return "doc" }
        if let f = slug.first, !f.isLetter { slug = "doc-" + slug }
        return slug
    }

    static func uniqueID(_ base: String, taken: Set<String>) -> String {
        if !taken.contains(base) { return base }
        var n = 2
        while taken.contains("\(base)-\(n)") { n += 1 }
        return "\(base)-\(n)"
    }
}
