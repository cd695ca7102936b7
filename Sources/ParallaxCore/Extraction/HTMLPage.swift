import Foundation
import CParallaxLibxml2

/// What a web page says about itself (`<title>`, `<meta>`), and where its main content is.
struct HTMLPage {
    /// `<title>`'s text.
    var title: String?
    /// `<meta>` values by lower-cased `name` or `property`, in document order.
    var meta: [String: [String]] = [:]

    /// Deepest nesting walked; libxml2 stops deeper anyway, and a deliberately deep page must
    /// not exhaust the stack.
    static let maximumDepth = 400

    /// Reads `<title>` and every `<meta>` (wherever the parser put them).
    mutating func scanHead(_ node: xmlNodePtr, depth: Int) {
        guard depth < HTMLPage.maximumDepth else { return }
        for child in HTMLReader.children(node) where HTMLReader.isElement(child) {
            switch HTMLReader.name(child) {
            case "title":
                if title == nil { title = HTMLReader.text(child) }
            case "meta":
                let key = (HTMLReader.attribute(child, "name") ?? HTMLReader.attribute(child, "property")
                    ?? HTMLReader.attribute(child, "itemprop"))?.lowercased()
                if let key, let content = HTMLReader.attribute(child, "content") { meta[key, default: []].append(content) }
            case "body":
                // Metadata in the body is rare and often a quoted page's: only <head> counts,
                // but an implied head (meta before <body>) is already handled above.
                continue
            default:
                scanHead(child, depth: depth + 1)
            }
        }
    }

    private func first(_ keys: [String]) -> (String, String)? {
        for k in keys { if let v = meta[k]?.first(where: { MetadataText.clean($0) != nil }) { return (v, k) } }
        return nil
    }

    /// The page's metadata, from the most trusted source down: `citation_*`, then Open
    /// Graph, `article:*`, Dublin Core and `author`, then `<title>`.
    func metadata() -> DocumentMetadata {
        var m = DocumentMetadata()
        // Scholarly tags (Google Scholar's `citation_*`, as journals and think tanks write them).
        if let (v, k) = first(["citation_title"]) { m.offer(title: v, from: k) }
        if let authors = meta["citation_author"], !authors.isEmpty {
            m.offer(authors: authors.map(Self.firstLast), from: "citation_author")
        }
        if let (v, k) = first(["citation_publication_date", "citation_date", "citation_online_date"]) { m.offer(date: v, from: k) }
        if let (v, k) = first(["citation_publisher", "citation_journal_title"]) { m.offer(publisher: v, from: k) }
        // Open Graph, article:*, Dublin Core, author.
        if let (v, k) = first(["og:title", "dc.title", "dcterms.title"]) { m.offer(title: v, from: k) }
        for k in ["author", "dc.creator", "dcterms.creator", "article:author", "parsely-author", "sailthru.author"] {
            let values = (meta[k] ?? []).filter { !$0.hasPrefix("http") }
            if !values.isEmpty { m.offer(authors: values.flatMap(MetadataText.splitAuthors), from: k) }
        }
        if let (v, k) = first(["article:published_time", "dc.date", "dcterms.date", "dc.date.issued", "dcterms.issued",
                               "date", "pubdate", "publish-date", "sailthru.date", "datepublished", "og:published_time"]) {
            m.offer(date: v, from: k)
        }
        if let (v, k) = first(["og:site_name", "dc.publisher", "dcterms.publisher", "application-name"]) { m.offer(publisher: v, from: k) }
        // <title>, without the site's name after a separator.
        if let raw = title.flatMap(MetadataText.clean) {
            let (head, site) = Self.splitSiteName(raw, known: m.publisher)
            m.offer(title: head, from: "<title>")
            m.offer(publisher: site, from: "<title>")
        }
        return m
    }

    /// `Kim, Patricia` (the `citation_author` convention) → `Patricia Kim`.
    static func firstLast(_ name: String) -> String {
        let parts = name.split(separator: ",", omittingEmptySubsequences: true).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, !parts[1].contains(".") || parts[1].count > 3 else { return name }
        return parts[1] + " " + parts[0]
    }

    /// `Title | Site` → (`Title`, `Site`); also ` - Site`, ` – Site`, ` — Site` when the site is
    /// the known publisher.
    static func splitSiteName(_ title: String, known: String?) -> (String, String?) {
        if let known {
            for sep in [" | ", " - ", " – ", " — ", " · ", " :: "] where title.hasSuffix(sep + known) {
                return (String(title.dropLast(sep.count + known.count)), nil)
            }
        }
        if let r = title.range(of: " | ", options: .backwards) {
            let head = String(title[..<r.lowerBound]), site = String(title[r.upperBound...])
            if !head.isEmpty, !site.isEmpty { return (head, site) }
        }
        return (title, nil)
    }

    /// The element holding the page's main content.
    func mainContent(_ root: xmlNodePtr) -> xmlNodePtr {
        var main: xmlNodePtr?, articles: [xmlNodePtr] = [], body: xmlNodePtr?
        func find(_ node: xmlNodePtr, depth: Int) {
            guard depth < HTMLPage.maximumDepth else { return }
            for child in HTMLReader.children(node) where HTMLReader.isElement(child) {
                let name = HTMLReader.name(child)
                if HTMLTextCollector.isBoilerplate(child, name: name) { continue }
                if name == "body", body == nil { body = child }
                if main == nil, name == "main" || HTMLReader.attribute(child, "role")?.lowercased() == "main" { main = child }
                if name == "article" { articles.append(child) }
                find(child, depth: depth + 1)
            }
        }
        find(root, depth: 0)
        return main ?? (articles.count == 1 ? articles[0] : nil) ?? body ?? root
    }
}
