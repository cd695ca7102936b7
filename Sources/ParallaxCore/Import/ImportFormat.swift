/// A format codings are imported from: JSON Lines, CSV, W3C Web Annotation, REFI-QDA.
///
/// An importer only parses: ``parse(_:context:)`` turns a file's bytes into candidate
/// codings, each with where it came from, and the problems found on the way. ``read(_:context:)``
/// then validates every candidate the same way for every format (``ImportValidation``):
/// an import never half-applies, it returns every coding or throws every problem.
public protocol ImportFormat: Sendable {
    /// The name users type (`import csv FILE`); lower case, unique among formats.
    var name: String { get }
    /// File-name extensions (without the dot) that mean this format.
    var fileExtensions: [String] { get }

    /// Whether bytes look like this format, for files whose extension does not say.
    func recognizes(_ bytes: [UInt8]) -> Bool

    /// Parses a file into candidate codings, collecting every problem with its location.
    /// - Parameters:
    ///   - bytes: The file's exact bytes.
    ///   - context: Where the bytes come from and the set to assume.
    /// - Returns: Candidates in file order and problems; a format that cannot read the file
    ///   at all returns no candidates and says why.
    func parse(_ bytes: [UInt8], context: ImportContext) -> ImportParse
}

extension ImportFormat {
    /// Parses and validates a file: all codings, or every problem.
    /// - Parameters:
    ///   - bytes: The file's exact bytes.
    ///   - context: Where the bytes come from, the set to assume, the corpus and codebook.
    /// - Returns: The codings sorted by set, then id.
    /// - Throws: ``ImportFailure`` with every problem found, each with its location
    ///   (`file:line` for line formats, `file: element path` or `file: items[i]` otherwise).
    public func read(_ bytes: [UInt8], context: ImportContext) throws(ImportFailure) -> [Coding] {
        try ImportValidation.validate(parse(bytes, context: context), context: context)
    }
}

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

/// A coding read from a file, with where it came from.
public struct ImportCandidate: Sendable {
    /// The coding as read.
    public var coding: Coding
    /// Where it came from: `review.csv:12`, `review.jsonld: first.items[3]`.
    public var location: String

    /// Creates a candidate.
    public init(coding: Coding, location: String) {
        self.coding = coding; self.location = location
    }
}

/// What parsing a file gave: candidates and problems.
public struct ImportParse: Sendable {
    /// Codings read, in file order.
    public var candidates: [ImportCandidate] = []
    /// Problems found, each with its location.
    public var problems: [ParallaxError] = []

    /// Creates an empty result.
    public init() {}

    /// Records a problem of kind `invalidData`.
    mutating func problem(_ message: String, at location: String, hint: String? = nil) {
        problems.append(ParallaxError(.invalidData, message, at: location, hint: hint))
    }
}

/// Why an import was refused: every problem found, each with its location. Nothing was
/// imported.
public struct ImportFailure: Error, CustomStringConvertible, Equatable, Sendable {
    /// The problems, in file order.
    public var problems: [ParallaxError]

    /// Creates a failure.
    public init(problems: [ParallaxError]) { self.problems = problems }

    /// One problem per line, then how many there were.
    public var description: String {
        let lines = problems.map(\.description)
        let count = problems.count == 1 ? "1 problem" : "\(problems.count) problems"
        return (lines + ["nothing imported: \(count)"]).joined(separator: "\n")
    }
}
