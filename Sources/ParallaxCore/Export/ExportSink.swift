/// Where an export's files go.
public protocol ExportSink {
    /// Receives one whole file of an export.
    /// - Parameters:
    ///   - bytes: The file's exact contents.
    ///   - path: Where the file goes, relative to the destination the user named: `""` is the
    ///     destination itself (every single-file format), `brookings.ann` a file inside the
    ///     destination directory (brat). Paths use `/`, never contain `..` and never start
    ///     with `/`.
    /// - Throws: Whatever writing the file throws.
    mutating func write(_ bytes: [UInt8], to path: String) throws
}
