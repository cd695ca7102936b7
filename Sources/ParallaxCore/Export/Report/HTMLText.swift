/// Escaping for the HTML review report.
///
/// One rule for element content and attribute values alike, so no call site has to choose:
/// `&` `<` `>` `"` `'` become `&amp;` `&lt;` `&gt;` `&quot;` `&#39;`. With both quotes
/// escaped, escaped text is safe in a double- or single-quoted attribute as well as in content
/// (the report quotes every attribute). Control characters and non-characters become U+FFFD
/// (see ``ReportText/safe(_:)``); everything else is written as UTF-8, as is.
enum HTMLText {
    /// User text for element content or a quoted attribute value.
    static func escaped(_ text: String) -> String {
        // Most texts are printable ASCII without markup characters: nothing to do.
        let plain = text.utf8.allSatisfy { b in
            b >= 0x20 && b < 0x7F && b != 0x26 && b != 0x3C && b != 0x3E && b != 0x22 && b != 0x27
        }
        if plain { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for s in ReportText.safe(text).unicodeScalars {
            switch s {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(s)
            }
        }
        return out
    }

    /// User text on one line (whitespace runs as one space), escaped: for attributes such as
    /// `aria-label` and for quotes shown inline.
    static func flat(_ text: String) -> String {
        escaped(ReportText.flattened(text))
    }
}
