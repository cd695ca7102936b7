/// A format annotation sets are exported in for review: JSON Lines, W3C Web Annotation,
/// CSV, brat standoff, REFI-QDA.
///
/// Every exporter is pure: it takes values (``ExportInput``) and hands what it produces to
/// an injected output, never touching the file system or standard output itself.
///
/// Two kinds of output, one protocol:
/// - Text formats (a single text file: `jsonl`, `w3c`, `csv`) also conform to
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
/// ``ExportFormats/all`` lists them (`jsonl`, `w3c`, `csv`, `brat`, `qdpx`); their names are
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

/// A sink that keeps files in memory, in the order they were written (tests, previews).
public struct MemoryExportSink: ExportSink, Sendable {
    /// The files written, in order.
    public private(set) var files: [(path: String, bytes: [UInt8])] = []

    /// Creates an empty sink.
    public init() {}

    public mutating func write(_ bytes: [UInt8], to path: String) throws {
        files.append((path, bytes))
    }

    /// The contents of the file at a path (the last one written there).
    public subscript(path: String) -> [UInt8]? {
        files.last { $0.path == path }?.bytes
    }

    /// The paths written, in order.
    public var paths: [String] { files.map(\.path) }
}

/// What an export works on: codings and the corpus and codebook they refer to.
public struct ExportInput: Sendable {
    /// The codings to export, in any order; exporters order them themselves.
    public var codings: [Coding]
    /// The documents the codings' spans refer to.
    public var corpus: Corpus
    /// The questions and scales the codings' stances refer to.
    public var codebook: Codebook

    /// Creates an export input.
    public init(codings: [Coding], corpus: Corpus, codebook: Codebook) {
        self.codings = codings; self.corpus = corpus; self.codebook = codebook
    }

    /// The codings by set name, then annotation id (UTF-8 order): the order every record
    /// format writes, so exporting the same sets twice gives identical bytes.
    public var ordered: [Coding] {
        codings.sorted(by: Coding.exportOrder)
    }

    /// The set names in order, each once.
    public var setNames: [String] {
        var seen = Set<String>()
        return ordered.compactMap { seen.insert($0.set).inserted ? $0.set : nil }
    }
}

extension Coding {
    /// Orders codings by set name, then annotation id, comparing UTF-8 bytes.
    static func exportOrder(_ a: Coding, _ b: Coding) -> Bool {
        if a.set != b.set { return a.set.utf8.lexicographicallyPrecedes(b.set.utf8) }
        return a.annotation.id.utf8.lexicographicallyPrecedes(b.annotation.id.utf8)
    }
}
