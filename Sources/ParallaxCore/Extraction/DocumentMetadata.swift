/// Bibliographic data found in a file, each field with where it was found (`citation_title`,
/// `PDF Info`, `docProps/core.xml`), so a summary can say where metadata came from.
public struct DocumentMetadata: Equatable, Sendable {
    /// The title, if the file names one.
    public var title: String?
    /// Authors in the order given.
    public var authors: [String] = []
    /// Publication date, ISO 8601 (`2024`, `2024-07`, `2024-07-23`).
    public var date: String?
    /// Publisher or site name.
    public var publisher: String?
    /// Where each field came from, by field name (`title`, `authors`, `date`, `publisher`).
    public var origins: [String: String] = [:]

    /// Creates empty metadata.
    public init() {}

    /// Sets a field unless it is already set (sources are tried from the most trusted down).
    mutating func offer(title value: String?, from origin: String) {
        guard title == nil, let v = MetadataText.clean(value) else { return }
        title = v; origins["title"] = origin
    }

    mutating func offer(authors value: [String], from origin: String) {
        let cleaned = value.compactMap(MetadataText.clean)
        guard authors.isEmpty, !cleaned.isEmpty else { return }
        var unique: [String] = []
        for a in cleaned where !unique.contains(a) { unique.append(a) }
        authors = unique; origins["authors"] = origin
    }

    mutating func offer(date value: String?, from origin: String) {
        guard date == nil, let raw = MetadataText.clean(value), let d = DocumentDate.normalise(raw) else { return }
        date = d; origins["date"] = origin
    }

    mutating func offer(publisher value: String?, from origin: String) {
        guard publisher == nil, let v = MetadataText.clean(value) else { return }
        publisher = v; origins["publisher"] = origin
    }
}

/// Tidying of metadata strings: whitespace collapsed, ends trimmed, empty is nothing.
enum MetadataText {
    static func clean(_ value: String?) -> String? {
        guard let value else { return nil }
        let words = value.split(whereSeparator: { $0.isWhitespace })
        return words.isEmpty ? nil : words.joined(separator: " ")
    }

    /// Splits an author field written as `A; B` (or `A and B`).
    static func splitAuthors(_ value: String) -> [String] {
        value.components(separatedBy: ";").flatMap { $0.components(separatedBy: " and ") }.compactMap(clean)
    }
}
