import ParallaxCore

/// Tests compare an error's location with the text the user reads (`file:12`, `find: argument 2`).
extension Optional where Wrapped == ParallaxError.Location {
    public static func == (location: Self, text: String) -> Bool { location?.description == text }

    /// Whether the location, as the user reads it, starts with `prefix`.
    public func hasPrefix(_ prefix: String) -> Bool { self?.description.hasPrefix(prefix) ?? false }

    /// Whether the location, as the user reads it, ends with `suffix`.
    public func hasSuffix(_ suffix: String) -> Bool { self?.description.hasSuffix(suffix) ?? false }
}

extension ParallaxError.Location {
    public static func == (location: Self, text: String) -> Bool { location.description == text }
}
