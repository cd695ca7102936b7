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

    /// Receives one whole file of an export in pieces, in order, so a big file need not be
    /// held in memory at once (``FileExportSink`` streams them to its temporary file). The
    /// file is complete only if `produce` returns; if it throws, nothing is written.
    /// - Parameters:
    ///   - path: As for ``write(_:to:)``.
    ///   - produce: Calls its argument with each piece of the file, in order.
    mutating func write(to path: String, producing produce: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws
}

extension ExportSink {
    /// Gathers the pieces and hands the whole file to ``write(_:to:)``.
    public mutating func write(to path: String, producing produce: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
        var bytes: [UInt8] = []
        try produce { bytes.append(contentsOf: $0) }
        try write(bytes, to: path)
    }
}
