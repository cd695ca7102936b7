extension ParallaxError {
    /// Where an error happened: one or more places, outermost first, each structured so
    /// callers test what they mean (`.file(path:…)`, `.command(…)`) instead of matching text.
    public struct Location: Equatable, Sendable, CustomStringConvertible {
        /// One place.
        public enum Place: Equatable, Sendable, CustomStringConvertible {
            /// A file, optionally a line and column in it (`Annotations/alice.jsonl:12:3`).
            case file(String, line: Int? = nil, column: Int? = nil)
            /// A document and a scalar offset or span in it (`brookings@120` or `brookings@120-180`).
            case document(String, offset: Int? = nil, end: Int? = nil)
            /// A command, optionally one of its positional arguments (counted from 1) or a
            /// `key:` option (`find: argument 2`, `list: option tag`).
            case command(String, argument: Int? = nil, option: String? = nil)
            /// Anything else, as the user reads it (`manifest`, `merge`).
            case text(String)

            public var description: String {
                switch self {
                case .file(let path, let line, let column):
                    return path + (line.map { ":\($0)" } ?? "") + (column.map { ":\($0)" } ?? "")
                case .document(let id, let offset, let end):
                    guard let offset else { return id }
                    return id + "@\(offset)" + (end.map { "-\($0)" } ?? "")
                case .command(let name, let argument, let option):
                    if let argument { return "\(name): argument \(argument)" }
                    if let option { return "\(name): option \(option)" }
                    return name
                case .text(let text):
                    return text
                }
            }
        }

        /// The places, outermost first.
        public var places: [Place]

        /// A location of one or more places, outermost first.
        public init(_ places: [Place]) { self.places = places }

        /// The innermost place: where the failure itself was found.
        public var innermost: Place? { places.last }

        /// The command the error belongs to, if a place names one.
        public var command: String? {
            for case .command(let name, _, _) in places { return name }
            return nil
        }

        /// `outer: inner`, as the user reads it.
        public var description: String { places.map(\.description).joined(separator: ": ") }
    }
}
