/// A format annotation sets are exported in for review: JSON Lines, W3C Web Annotation,
/// CSV, a Markdown or HTML review report, brat standoff, REFI-QDA.
///
/// Every exporter is pure: it takes values (``ExportInput``) and hands what it produces to
/// an injected output, never touching the file system or standard output itself.
///
/// Two kinds of output, one protocol:
/// - Text formats (a single text file: `jsonl`, `w3c`, `csv`, `md`, `html`) also conform to
///   ``TextExportFormat`` and write to any `TextOutputStream`, so a caller can stream them
///   into a file, a string or a pager.
/// - Archive and multi-file formats (`qdpx` is one zip file, `brat` a directory of `.txt`,
///   `.ann` and `annotation.conf` files) hand whole files to an ``ExportSink``. A sink rather
///   than a returned `[path: bytes]` dictionary keeps the order of files stable, lets the
///   caller write each file durably as it comes (write-temp, fsync, rename) without holding
///   every file in memory at once, and lets tests collect the files in a ``MemoryExportSink``.
///
/// ``export(_:to:)`` is the one entry point every format has; text formats get it for free.
///
/// ## Formats
/// ``ExportFormats/all`` lists them (`jsonl`, `w3c`, `csv`, `csv-excel`, `md`, `html`, `brat`, `qdpx`); their names are
/// what `export NAME PATH` takes and what completion offers.
public protocol ExportFormat: Sendable {
    /// The name users type (`csv`); lower case, unique among formats.
    var name: String { get }
    /// One line for `help export`.
    var summary: String { get }
    /// The destination's usual extension without the dot (`csv`, `qdpx`), or `nil` when the
    /// destination is a directory (brat).
    var fileExtension: String? { get }

    /// Exports codings, handing each file produced to a sink.
    /// - Parameters:
    ///   - input: The codings with the corpus and codebook they refer to.
    ///   - sink: Receives the files; single-file formats write one file at the empty path.
    /// - Throws: ``ParallaxError`` when the input cannot be expressed in the format, or what
    ///   the sink throws.
    func export(_ input: ExportInput, to sink: inout some ExportSink) throws
}

/// A format whose export is one text file, written to an injected stream.
public protocol TextExportFormat: ExportFormat {
    /// Writes the whole export to a stream.
    /// - Parameters:
    ///   - input: The codings with the corpus and codebook they refer to.
    ///   - stream: Where the text goes, in pieces (one record at a time).
    /// - Throws: ``ParallaxError`` when the input cannot be expressed in the format.
    func write(_ input: ExportInput, to stream: inout some TextOutputStream) throws
}

extension TextExportFormat {
    /// Writes the text as the single file at the destination (path `""`).
    public func export(_ input: ExportInput, to sink: inout some ExportSink) throws {
        var text = ""
        try write(input, to: &text)
        try sink.write(Array(text.utf8), to: "")
    }
}
