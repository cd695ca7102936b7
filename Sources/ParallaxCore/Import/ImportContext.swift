/// What an import needs besides the bytes.
public struct ImportContext: Sendable {
    /// The file's path as the user gave it; locations in problems start with it.
    public var path: String
    /// The set for records that do not name one (a plain set file); `nil` lets a format
    /// take it from the file name where that is the convention (JSON Lines).
    public var defaultSet: String?
    /// Checks every candidate against the corpus and the codebook.
    public var validator: AnnotationValidator

    /// Creates a context.
    public init(path: String, defaultSet: String? = nil, validator: AnnotationValidator) {
        self.path = path; self.defaultSet = defaultSet; self.validator = validator
    }

    /// The file name without folders and without its last extension (`review/alice.jsonl` → `alice`).
    public var baseName: String {
        let file = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
        guard let dot = file.lastIndex(of: "."), dot != file.startIndex else { return file }
        return String(file[..<dot])
    }
}
