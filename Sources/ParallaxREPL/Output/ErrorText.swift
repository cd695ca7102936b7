/// Error text made safe to print: what a user typed or pasted is echoed in messages, and it
/// may hold terminal control sequences, a NUL (which would cut the C-level write short), or
/// a megabyte of text.
enum ErrorText {
    /// The longest line printed whole; a longer one keeps its start and end.
    static let maximumLine = 1000

    /// `text` with control characters other than line feed and tab written as `\u{1B}`,
    /// and each line longer than ``maximumLine`` characters shortened in the middle, so the
    /// location at its start and the hint at its end are kept.
    static func printable(_ text: String) -> String {
        var escaped = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            let v = s.value
            if (v < 0x20 && s != "\n" && s != "\t") || (v >= 0x7F && v < 0xA0) {
                escaped.append(contentsOf: "\\u{\(String(v, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                escaped.append(s)
            }
        }
        return String(escaped).split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard line.count > maximumLine else { return String(line) }
            let head = String(line.prefix(maximumLine / 2)), tail = String(line.suffix(maximumLine / 5))
            return head + "…(\(line.count - head.count - tail.count) characters left out)…" + tail
        }.joined(separator: "\n")
    }

    /// What the user typed, quoted for echoing in a message: whole when it is short, else
    /// its first `limit` characters and how long it is (`"aaaa…" (1048576 characters)`).
    static func excerpt(_ text: String, limit: Int = 80) -> String {
        guard text.count > limit else { return "\"\(text)\"" }
        return "\"\(text.prefix(limit))…\" (\(text.count) characters)"
    }
}
