import Foundation
import ParallaxCore
import ParallaxStore

/// An annotation through its document's versions: `history ID`.
enum HistoryCommands {
    static let all: [Command] = [history]

    static let history = Command(
        "history", group: "Store",
        arguments: [ArgumentSpec("ID", .annotation)],
        options: [OptionSpec("set", .set, "look in this set (default: every set)")],
        flags: ["json"],
        summary: "an annotation across its document's versions: what it quoted then, where it points now",
        help: """
        For an annotation on a document that `doc update` replaced, shows each earlier
        text it was on (kept under Corpus/versions/) with its span and what it quoted
        there, then its span and quote in the current text: in place, moved, its quote
        changed (placed by fuzzy matching), or orphaned (it still points at the earlier
        text). An id prefix of 4 or more characters is enough when it is unique.

        example:
          history 01M84H2C7J
        """
    ) { inv, session in
        try inv.noMore(than: 1)
        let id = try inv.required(0, "ID")
        let names = try inv.options["set"].map { [$0.text] } ?? (try session.store.setNames() + [session.currentSet])
        let found = try inv.at(0) { try session.store.find(id, in: Array(Set(names)).sorted()) }
        let a = found.annotation
        let doc = try inv.at(0) { try session.corpus.requireDocument(a.target.doc) }
        var texts: [String: ScalarText] = [:]
        var unreadable: [ParallaxError] = []
        for v in AnnotationHistory.versionsNeeded(a, document: doc) {
            do { texts[v.file] = try Corpus.versionText(v, in: session.corpusDirectory) } catch let e as ParallaxError { unreadable.append(e) }
        }
        let h = AnnotationHistory.build(a, document: doc, texts: texts)
        if inv.json { return try session.printJSON(h) }
        let style = session.style
        let q = session.store.codebook.question(a.question)
        session.print("\(a.id) on \(doc.id) (\(a.question) \(Question.signed(a.stance))\(q?.label(of: a.stance).map { " " + $0 } ?? ""), \(a.analyst)), set \(found.set), made \(a.created)")
        func quote(_ text: String?) -> String {
            guard let text else { return "(the earlier text cannot be read)" }
            return "“" + text.split(whereSeparator: \.isWhitespace).joined(separator: " ") + "”"
        }
        func rows(_ label: String, _ head: String, _ body: String) {
            session.print(style.dim(TextLayout.pad(label, 10)) + "  " + head)
            for line in TextLayout.wrap(body, width: style.width - 12) { session.print(String(repeating: " ", count: 10) + "  " + line) }
        }
        for e in h.earlier {
            rows("version \(e.version)", "Corpus/\(e.file), replaced \(e.replaced)", "[\(e.start)-\(e.end)] " + quote(e.quote))
        }
        let last = h.earlier.last
        let change: String
        if h.now.status == "orphaned" {
            let at = doc.info.versions?.firstIndex { $0.sha256 == a.target.hash }.map { "version \($0 + 1)" } ?? "a text the corpus no longer has"
            change = "orphaned: it still points at \(at); mark the passage again and `edit \(a.id) span:here`, or delete it"
        } else if let last {
            if last.quote != nil && last.quote != h.now.quote { change = "its quote changed (placed by fuzzy matching)" }
            else if last.start == h.now.start && last.end == h.now.end { change = "in place" }
            else { change = "moved" }
        } else {
            let n = doc.info.versions?.count ?? 0
            change = n == 0 ? "the document has no earlier version" : "made on the current text (the document has \(n) earlier version\(n == 1 ? "" : "s"))"
        }
        if h.now.status == "orphaned" {
            rows("now", "version \(h.now.version): Corpus/\(h.now.file)", change)
        } else {
            rows("now", "version \(h.now.version): Corpus/\(h.now.file), \(change)", "[\(h.now.start)-\(h.now.end)] " + quote(h.now.quote))
        }
        for e in unreadable { session.warn(e.description) }
    }
}
