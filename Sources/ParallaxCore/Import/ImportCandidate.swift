/// A coding read from a file, with where it came from.
public struct ImportCandidate: Sendable {
    /// The coding as read.
    public var coding: Coding
    /// Where it came from: `review.csv:12`, `review.jsonld: first.items[3]`.
    public var location: String

    /// Creates a candidate.
    public init(coding: Coding, location: String) {
        self.coding = coding; self.location = location
    }
}
