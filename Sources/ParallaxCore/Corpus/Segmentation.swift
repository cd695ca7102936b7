/// How a document's text divides into paragraphs and, for transcripts, speaker turns.
public struct Segmentation: Codable, Equatable, Sendable {
    /// How paragraphs are delimited.
    public enum Paragraphs: String, Codable, Sendable {
        /// Every line holding something other than whitespace is a paragraph.
        case lines
        /// Paragraphs are runs of non-blank lines separated by blank lines.
        case blankLines = "blank-lines"
    }

    /// How paragraphs are delimited.
    public var paragraphs: Paragraphs
    /// Speaker turns, for transcripts; `nil` for single-voice documents.
    public var turns: Turns?

    /// Speaker-turn rules for a transcript.
    public struct Turns: Codable, Equatable, Sendable {
        /// Paragraphs whose whole text is one of these end the conversation: they and
        /// everything after them are editorial (e.g. `-` before acknowledgements).
        public var endMarkers: [String]
        /// Creates turn rules.
        public init(endMarkers: [String] = []) { self.endMarkers = endMarkers }
    }

    /// Creates a segmentation.
    public init(paragraphs: Paragraphs, turns: Turns? = nil) {
        self.paragraphs = paragraphs
        self.turns = turns
    }
}
