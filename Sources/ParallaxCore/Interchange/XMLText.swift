/// Escaping for the XML Parallax writes (REFI-QDA's `project.qde`).
enum XMLText {
    /// Whether XML 1.0 can hold a character at all (even as a character reference).
    static func isAllowed(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09, 0x0A, 0x0D: return true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    /// Whether every character of a text can be written in XML 1.0.
    static func canHold(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy(isAllowed)
    }

    /// Element content: `&`, `<`, `>` escaped, CR as `&#13;` (a parser would turn a literal
    /// CR into LF); characters XML cannot hold become U+FFFD.
    static func content(_ text: String) -> String {
        escaped(text, attribute: false)
    }

    /// An attribute value for double quotes: also `"` escaped, and TAB, LF and CR as character
    /// references (a parser would turn literal ones into spaces).
    static func attribute(_ text: String) -> String {
        escaped(text, attribute: true)
    }

    private static func escaped(_ text: String, attribute: Bool) -> String {
        // Most texts need nothing: no markup characters, no controls, nothing from U+F000 up
        // in the BMP (where U+FFFE and U+FFFF live).
        let plain = !text.utf8.contains { b in
            b < 0x20 || b == 0x26 || b == 0x3C || b == 0x3E || b == 0xEF || (attribute && b == 0x22)
        }
        if plain { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for s in text.unicodeScalars {
            switch s {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\r": out += "&#13;"
            case "\"" where attribute: out += "&quot;"
            case "\t" where attribute: out += "&#9;"
            case "\n" where attribute: out += "&#10;"
            default:
                if isAllowed(s) { out.unicodeScalars.append(s) } else { out += "\u{FFFD}" }
            }
        }
        return out
    }
}
