/// The one entry point to the readers: picks one by format and returns what it made of the
/// file's bytes. Pure: the caller reads the file.
public enum Extractor {
    /// Extracts a document from a file's bytes.
    /// - Parameters:
    ///   - bytes: The file's bytes.
    ///   - format: The file's format (from its extension).
    ///   - name: The file's name, for messages.
    /// - Throws: ``ParallaxError`` saying why the file cannot be read and what to do.
    public static func extract(_ bytes: [UInt8], format: SourceFormat, name: String) throws -> ExtractedDocument {
        guard !bytes.isEmpty else {
            throw ParallaxError(.invalidData, "the file is empty", at: name, hint: "check that this is the file you meant")
        }
        switch format {
        case .text, .markdown: return try TextReader.read(bytes, format: format, name: name)
        case .html: return try HTMLReader.read(bytes, name: name)
        case .pdf: return try PDFReader.read(bytes, name: name)
        case .docx: return try DOCXReader.read(bytes, name: name)
        }
    }
}
