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
