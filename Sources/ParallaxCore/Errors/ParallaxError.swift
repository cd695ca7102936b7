/// The one error type Parallax reports to people.
///
/// Every error carries *where* (a file and line, a document and offset, a command and its
/// argument) and *what to do*, and is turned into user text in one place: ``description``.
/// The kind is a small public struct over a private enum so new kinds can be added freely.
public struct ParallaxError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What kind of failure this is; stable enough to test against.
    public struct Kind: Equatable, Hashable, Sendable, CustomStringConvertible {
        private enum Raw: String, Sendable { case usage, notFound, invalidData, io, conflict, locked, unsupported, ambiguous }
        private let raw: Raw
        private init(_ raw: Raw) { self.raw = raw }
        /// A command was called with wrong or missing arguments.
        public static let usage = Kind(.usage)
        /// A named thing (document, question, analyst, set, annotation) does not exist.
        public static let notFound = Kind(.notFound)
        /// A file or value is malformed.
        public static let invalidData = Kind(.invalidData)
        /// The operating system refused a read or write.
        public static let io = Kind(.io)
        /// Two changes disagree (merge conflicts, duplicate ids, spans crossing speakers).
        public static let conflict = Kind(.conflict)
        /// Another process holds the write lock on a set.
        public static let locked = Kind(.locked)
        /// The request is understood but not supported.
        public static let unsupported = Kind(.unsupported)
        /// A name or quote matches more than one thing.
        public static let ambiguous = Kind(.ambiguous)
        public var description: String { raw.rawValue }
    }

    /// What kind of failure this is.
    public var kind: Kind
    /// Where it happened, e.g. `Annotations/alice.jsonl:12`, `brookings@1234`, `find: argument 2`.
    public var location: String?
    /// What went wrong, in one sentence.
    public var message: String
    /// What the user can do about it, if anything useful can be said.
    public var hint: String?

    /// Creates an error.
    /// - Parameters:
    ///   - kind: The kind of failure.
    ///   - message: What went wrong, in one sentence.
    ///   - location: Where it happened.
    ///   - hint: What to do about it.
    public init(_ kind: Kind, _ message: String, at location: String? = nil, hint: String? = nil) {
        self.kind = kind
        self.message = message
        self.location = location
        self.hint = hint
    }

    /// The user-facing text: `location: message (hint)`.
    public var description: String {
        var text = ""
        if let location { text += location + ": " }
        text += message
        if let hint { text += " — " + hint }
        return text
    }

    /// A copy whose location is prefixed with an outer location (for example a script's
    /// `file:line` around a command's own argument location).
    public func located(_ outer: String) -> ParallaxError {
        var copy = self
        copy.location = location.map { "\(outer): \($0)" } ?? outer
        return copy
    }
}
