/// The REFI-QDA codebook (`.qdc`): the questions as codes, their stances as child codes, with
/// definitions and colours, for QDA tools to import (mapping in ``QDCCodebook``). It exports
/// the codebook, not codings: filters do not change it.
public struct QDCExportFormat: ExportFormat {
    /// Creates the format.
    public init() {}

    public var name: String { "qdc" }
    public var summary: String { "REFI-QDA codebook: the questions and their stances, for QDA tools" }
    public var fileExtension: String? { "qdc" }

    public func export(_ input: ExportInput, to sink: inout some ExportSink) throws {
        try sink.write(try QDCCodebook.export(input.codebook), to: "")
    }
}
