import Foundation
import CParallaxLibxml2

/// Gathers a page's readable text into paragraphs: block elements end paragraphs,
/// whitespace runs collapse (HTML's ASCII whitespace only: U+00A0 is kept), boilerplate is
/// skipped.
struct HTMLTextCollector {
    /// Finished paragraphs.
    var paragraphs: [String] = []
    private var current = ""
    private var pendingSpace = false

    /// Elements whose text a reader would not quote.
    static let skipped: Set<String> = [
        "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "button", "select",
        "option", "svg", "canvas", "iframe", "object", "embed", "dialog", "menu", "head", "title", "meta", "link",
        "input", "textarea", "label", "audio", "video", "map",
    ]

    /// Elements that begin and end a paragraph.
    static let blocks: Set<String> = [
        "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "blockquote",
        "pre", "table", "tr", "ul", "ol", "dl", "figure", "figcaption", "caption", "address", "hr", "body", "html",
        "center", "details", "summary", "tbody", "thead", "tfoot",
    ]

    /// Words in an `id` or `class` that mark page furniture.
    static let furniture = ["cookie", "consent", "gdpr", "newsletter", "subscribe", "share", "social", "breadcrumb",
                            "advert", "sidebar", "popup", "modal", "paywall", "related", "skip-link", "sr-only",
                            "visually-hidden", "banner", "promo"]

    /// Roles of page furniture.
    static let furnitureRoles: Set<String> = ["navigation", "banner", "contentinfo", "complementary", "dialog",
                                               "alertdialog", "search", "menu", "menubar", "toolbar"]

    /// Whether an element is navigation, a banner, hidden, or a script: skipped with all
    /// inside it.
    static func isBoilerplate(_ node: xmlNodePtr, name: String) -> Bool {
        if skipped.contains(name) { return true }
        if HTMLReader.attribute(node, "hidden") != nil { return true }
        if HTMLReader.attribute(node, "aria-hidden")?.lowercased() == "true" { return true }
        if let role = HTMLReader.attribute(node, "role")?.lowercased(), furnitureRoles.contains(role) { return true }
        if let style = HTMLReader.attribute(node, "style")?.lowercased().filter({ $0 != " " }),
           style.contains("display:none") || style.contains("visibility:hidden") { return true }
        for key in ["id", "class"] {
            guard let value = HTMLReader.attribute(node, key)?.lowercased() else { continue }
            for token in value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
                if furniture.contains(where: { token.contains($0) }) { return true }
            }
        }
        return false
    }

    /// Walks a node's children, appending their text.
    mutating func walk(_ node: xmlNodePtr, depth: Int, pre: Bool) {
        guard depth < HTMLPage.maximumDepth else { return }
        for child in HTMLReader.children(node) {
            switch child.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = child.pointee.content { add(String(cString: content), pre: pre) }
            case XML_ELEMENT_NODE:
                let name = HTMLReader.name(child)
                if Self.isBoilerplate(child, name: name) { continue }
                switch name {
                case "br", "hr": endParagraph()
                case "td", "th":
                    if !current.isEmpty { current += "\t"; pendingSpace = false }
                    walk(child, depth: depth + 1, pre: pre)
                case "img":
                    continue
                default:
                    let block = Self.blocks.contains(name)
                    if block { endParagraph() }
                    walk(child, depth: depth + 1, pre: pre || name == "pre")
                    if block { endParagraph() }
                }
            default:
                continue
            }
        }
    }

    private mutating func add(_ text: String, pre: Bool) {
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n" where pre, "\r" where pre:
                endParagraph()
            case " ", "\t", "\n", "\r", "\u{0C}":
                if pre { current.unicodeScalars.append(scalar) } else if !current.isEmpty { pendingSpace = true }
            default:
                // Other control characters have no place in a quote.
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { continue }
                if pendingSpace { current += " "; pendingSpace = false }
                current.unicodeScalars.append(scalar)
            }
        }
    }

    /// Ends the paragraph being gathered, if it holds any text.
    mutating func endParagraph() {
        let trimmed = current.trimmingCharacters(in: .whitespaces)
        if trimmed.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) { paragraphs.append(trimmed) }
        current = ""
        pendingSpace = false
    }
}
