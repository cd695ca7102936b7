/// What parsing a file gave: candidates and problems.
public struct ImportParse: Sendable {
    /// Codings read, in file order.
    public var candidates: [ImportCandidate] = []
    /// Problems found, each with its location.
    public var problems: [ParallaxError] = []

    /// Creates an empty result.
    public init() {}

    /// Records a problem of kind `invalidData`.
    mutating func problem(_ message: String, at location: String, hint: String? = nil) {
        problems.append(ParallaxError(.invalidData, message, at: location, hint: hint))
    }
}
