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
    /// Where it happened, outermost first (a script's line, then a command's argument, then a
    /// file's line…); `nil` when nothing more precise than the message can be said.
    public var location: Location?
    /// What went wrong, in one sentence.
    public var message: String
    /// What the user can do about it, if anything useful can be said.
    public var hint: String?

    /// Creates an error located at a place.
    /// - Parameters:
    ///   - kind: The kind of failure.
    ///   - message: What went wrong, in one sentence.
    ///   - place: Where it happened.
    ///   - hint: What to do about it.
    public init(_ kind: Kind, _ message: String, at place: Location.Place?, hint: String? = nil) {
        self.kind = kind
        self.message = message
        self.location = place.map { Location([$0]) }
        self.hint = hint
    }

    /// Creates an error whose location is free text (prefer a structured ``Location/Place``).
    /// - Parameters:
    ///   - kind: The kind of failure.
    ///   - message: What went wrong, in one sentence.
    ///   - location: Where it happened, as the user reads it.
    ///   - hint: What to do about it.
    public init(_ kind: Kind, _ message: String, at location: String? = nil, hint: String? = nil) {
        self.init(kind, message, at: location.map { Location.Place.text($0) }, hint: hint)
    }

    /// The user-facing text: `location: message — hint`.
    public var description: String {
        var text = ""
        if let location { text += location.description + ": " }
        text += message
        if let hint { text += " — " + hint }
        return text
    }

    /// A copy located inside an outer place (for example a script's `file:line` around a
    /// command's own argument).
    public func located(_ outer: Location.Place) -> ParallaxError {
        var copy = self
        copy.location = Location([outer] + (location?.places ?? []))
        return copy
    }

    /// A copy located inside an outer place given as free text.
    public func located(_ outer: String) -> ParallaxError { located(.text(outer)) }
}
