/// Where an annotation pointed in an earlier text of its document, recorded by `doc update`
/// when that text was replaced, so `history` can show what the annotation quoted there.
///
/// Stored in the manifest as `["ID", START, END]` (scalar offsets into the earlier text):
/// the quote itself is read from the kept text, so it is never stored twice.
public struct VersionAnchor: Codable, Equatable, Sendable {
    /// The annotation's id.
    public var id: String
    /// First scalar of its span in that text.
    public var start: Int
    /// Scalar just after its span.
    public var end: Int

    /// Creates an anchor.
    public init(id: String, start: Int, end: Int) {
        self.id = id; self.start = start; self.end = end
    }

    /// Reads `["ID", START, END]`.
    public init(from decoder: any Decoder) throws {
        var c = try decoder.unkeyedContainer()
        id = try c.decode(String.self)
        start = try c.decode(Int.self)
        end = try c.decode(Int.self)
        guard c.isAtEnd else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "an anchor is [\"ID\", START, END]")
        }
    }

    /// Writes `["ID", START, END]`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.unkeyedContainer()
        try c.encode(id)
        try c.encode(start)
        try c.encode(end)
    }
}
