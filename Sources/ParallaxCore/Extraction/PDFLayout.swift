import Foundation

/// Turns a PDF's lines, page by page, into the paragraphs a reader sees: running headers,
/// footers and page numbers dropped, lines joined into paragraphs (across page breaks when
/// the sentence runs on), and words hyphenated only because a line broke joined again.
///
/// Pure geometry and text: the PDF reader supplies the lines, tests supply their own.
public enum PDFLayout {
    /// What the layout made of the pages.
    public struct Result: Equatable, Sendable {
        /// The paragraphs in reading order.
        public var paragraphs: [String]
        /// Lines dropped as running headers, footers or page numbers.
        public var droppedLines: Int
    }

    /// Paragraphs of the pages.
    /// - Parameter pages: Each page's lines in reading order.
    public static func paragraphs(_ pages: [[PDFLine]]) -> Result {
        let (kept, dropped) = dropRunningLines(pages)
        let hyphenated = compoundsWritten(kept)
        var paragraphs: [[PDFLine]] = []
        for page in kept {
            var first = true
            let h = median(page.map(\.height))
            let right = page.map(\.x1).max() ?? 0
            let left = page.map(\.x0).min() ?? 0
            let width = max(1, right - left)
            for line in page {
                defer { first = false }
                guard var last = paragraphs.last?.last else { paragraphs.append([line]); continue }
                let joins: Bool
                if first {
                    // Across a page break: the paragraph goes on when its sentence does.
                    joins = !endsSentence(last.text) || startsLower(line.text)
                } else {
                    joins = continues(from: last, to: line, lineHeight: h, right: right, width: width)
                }
                if joins { paragraphs[paragraphs.count - 1].append(line) } else { paragraphs.append([line]) }
                last = line
            }
        }
        let texts = paragraphs.map { join($0.map(\.text), compounds: hyphenated) }.filter { !$0.isEmpty }
        return Result(paragraphs: texts, droppedLines: dropped)
    }

    /// Whether `b` continues `a`'s paragraph on the same page.
    static func continues(from a: PDFLine, to b: PDFLine, lineHeight h: Double, right: Double, width: Double) -> Bool {
        // A different font size: a heading begins or ends.
        if abs(a.height - b.height) > 0.25 * max(a.height, b.height) { return false }
        let sameColumn = b.y0 >= a.y0 - h * 0.5
        if sameColumn {
            // More than the usual leading between the lines: a paragraph gap.
            if b.y0 - a.y1 > 0.7 * h { return false }
            // A first-line indent.
            if b.x0 > a.x0 + 1.2 * h && endsSentence(a.text) { return false }
        }
        // The line stopped short after a full stop: the paragraph ended there.
        if a.x1 < right - 0.15 * width && endsSentence(a.text) { return false }
        return true
    }

    /// Whether a line ends a sentence (so a paragraph may end there).
    static func endsSentence(_ text: String) -> Bool {
        guard let last = text.unicodeScalars.last(where: { !$0.properties.isWhitespace }) else { return true }
        return ".?!:;…\"”’)]".unicodeScalars.contains(last)
    }

    static func startsLower(_ text: String) -> Bool {
        text.unicodeScalars.first(where: { !$0.properties.isWhitespace })?.properties.isLowercase ?? false
    }

    /// Joins a paragraph's lines: with a space, or with nothing where a line ended in a
    /// hyphen that only the line break made (`inter-` + `national` → `international`, but
    /// `well-` + `known` stays `well-known` when the document writes `well-known` elsewhere).
    static func join(_ lines: [String], compounds: Set<String>) -> String {
        var out = ""
        for raw in lines {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if out.isEmpty { out = line; continue }
            var scalars = Array(out.unicodeScalars)
            let last = scalars.last!
            if last == "\u{00AD}" {
                scalars.removeLast()
                out = String(String.UnicodeScalarView(scalars)) + line
                continue
            }
            if (last == "-" || last == "\u{2010}"), scalars.count >= 2, scalars[scalars.count - 2].properties.isAlphabetic,
               let next = line.unicodeScalars.first, next.properties.isLowercase {
                let left = String(String.UnicodeScalarView(scalars.dropLast().reversed().prefix { $0.properties.isAlphabetic }.reversed()))
                let right = String(String.UnicodeScalarView(line.unicodeScalars.prefix { $0.properties.isAlphabetic }))
                if compounds.contains((left + "-" + right).lowercased()) {
                    out += line
                } else {
                    scalars.removeLast()
                    out = String(String.UnicodeScalarView(scalars)) + line
                }
                continue
            }
            out += " " + line
        }
        return out
    }

    /// Hyphenated compounds the document writes inside a line (`well-known`), lower-cased.
    static func compoundsWritten(_ pages: [[PDFLine]]) -> Set<String> {
        var found = Set<String>()
        for page in pages {
            for line in page {
                for word in line.text.split(whereSeparator: { $0.isWhitespace }) where word.contains("-") {
                    let core = word.unicodeScalars.drop { !$0.properties.isAlphabetic }
                    let trimmed = String(String.UnicodeScalarView(core)).trimmingCharacters(in: .punctuationCharacters)
                    if trimmed.contains("-"), !trimmed.hasSuffix("-") { found.insert(trimmed.lowercased()) }
                }
            }
        }
        return found
    }

    /// The pages without their running headers, footers and page numbers: a line among the
    /// first two or last two of a page whose text (digits aside) recurs in that place on at
    /// least half the pages (and two), or that is only a page number.
    static func dropRunningLines(_ pages: [[PDFLine]]) -> ([[PDFLine]], Int) {
        guard pages.count >= 2 else { return (pages, 0) }
        func key(_ text: String) -> String {
            var out = ""
            var digits = false
            for s in text.lowercased().unicodeScalars where !s.properties.isWhitespace {
                if s.properties.numericType != nil { if !digits { out += "#" }; digits = true } else { out.unicodeScalars.append(s); digits = false }
            }
            return out
        }
        func edges(_ page: [PDFLine]) -> [Int] {
            Array(Set(Array(page.indices.prefix(2)) + Array(page.indices.suffix(2)))).sorted()
        }
        var counts: [String: Int] = [:]
        for page in pages {
            for k in Set(edges(page).map { key(page[$0].text) }) { counts[k, default: 0] += 1 }
        }
        let needed = max(2, (pages.count + 1) / 2)
        let pageNumber = try! NSRegularExpression(pattern: "^(page|p\\.|-|–)?#((of|/)#)?(-|–)?$|^[ivxlc]{1,6}$")
        var dropped = 0
        let kept = pages.map { page -> [PDFLine] in
            let candidates = Set(edges(page))
            return page.enumerated().compactMap { i, line in
                guard candidates.contains(i) else { return line }
                let k = key(line.text)
                let isNumber = pageNumber.firstMatch(in: k, range: NSRange(k.startIndex..., in: k)) != nil
                if isNumber || (counts[k] ?? 0) >= needed && !k.isEmpty {
                    dropped += 1
                    return nil
                }
                return line
            }
        }
        return (kept, dropped)
    }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 10 }
        let sorted = values.sorted()
        return sorted[sorted.count / 2]
    }
}
