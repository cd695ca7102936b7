/// Divides a document's text into paragraphs and speaker turns.
enum Segmenter {
    /// Non-empty paragraphs, numbered from 1, trimmed of surrounding whitespace.
    static func paragraphs(of text: ScalarText, mode: Segmentation.Paragraphs) -> [Paragraph] {
        var result: [Paragraph] = []
        var offset = 0
        var firstContent: Int?
        var lastContent = 0
        var blockStart: Int?
        var blockEnd = 0

        func close(_ start: Int, _ end: Int) {
            result.append(Paragraph(number: result.count + 1, start: start, end: end, turn: nil))
        }
        func endLine() {
            switch mode {
            case .lines:
                if let first = firstContent { close(first, lastContent) }
            case .blankLines:
                if let first = firstContent {
                    if blockStart == nil { blockStart = first }
                    blockEnd = lastContent
                } else if let start = blockStart {
                    close(start, blockEnd)
                    blockStart = nil
                }
            }
            firstContent = nil
        }

        // Over the UTF-8 bytes: ASCII is decided by its byte (White_Space there is TAB to CR
        // and SPACE), other scalars by their properties.
        text.utf8.withUnsafeBufferPointer { b in
            var i = 0
            let n = b.count
            while i < n {
                let lead = b[i]
                let isSpace: Bool
                if lead < 0x80 {
                    if lead == 0x0A {
                        endLine()
                        i += 1
                        offset += 1
                        continue
                    }
                    isSpace = lead == 0x20 || (lead >= 0x09 && lead <= 0x0D)
                    i += 1
                } else {
                    let (value, len) = ScalarText.decode(b.baseAddress!, at: i)
                    isSpace = Unicode.Scalar(value)?.properties.isWhitespace ?? false
                    i += len
                }
                if !isSpace {
                    if firstContent == nil { firstContent = offset }
                    lastContent = offset + 1
                }
                offset += 1
            }
        }
        endLine()
        if mode == .blankLines, let start = blockStart { close(start, blockEnd) }
        return result
    }

    /// Speaker turns: a paragraph starting with a `NAME:` label in capitals opens a turn that
    /// runs until the next label; an end marker closes the conversation. Sets each
    /// paragraph's ``Paragraph/turn``.
    static func turns(of text: ScalarText, paragraphs: inout [Paragraph], rules: Segmentation.Turns,
                      speakers: (String) -> String?) -> [Turn] {
        var turns: [Turn] = []
        var open = false
        // Only a paragraph as short as an end marker can be one: no string for the others.
        let longestMarker = rules.endMarkers.map { $0.unicodeScalars.count }.max() ?? -1
        for i in paragraphs.indices {
            let p = paragraphs[i]
            let head = text.text(p.start, min(p.end, p.start + 80))
            if p.end - p.start <= longestMarker, rules.endMarkers.contains(text.text(p.start, p.end)) {
                open = false
                continue
            }
            if let label = speakerLabel(head) {
                turns.append(Turn(label: label, speaker: speakers(label), start: p.start, end: p.end,
                                  paragraphs: p.number...p.number))
                open = true
            } else if open {
                turns[turns.count - 1].end = p.end
                turns[turns.count - 1].paragraphs = turns[turns.count - 1].paragraphs.lowerBound...p.number
            }
            if open { paragraphs[i].turn = turns.count - 1 }
        }
        return turns
    }

    /// The label of a paragraph that opens a turn (`ANGELA STENT:` → `ANGELA STENT`): capital
    /// letters, spaces and name punctuation, with at least two letters and no lower case.
    static func speakerLabel(_ head: String) -> String? {
        guard let colon = head.firstIndex(of: ":") else { return nil }
        let label = head[..<colon]
        var letters = 0
        for scalar in label.unicodeScalars {
            if scalar.properties.isLowercase { return nil }
            if scalar.properties.isAlphabetic { letters += 1; continue }
            if " .-'’".unicodeScalars.contains(scalar) { continue }
            return nil
        }
        guard letters >= 2, label.first != " " else { return nil }
        return String(label)
    }
}
