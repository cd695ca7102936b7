/// An annotation tagged with the set (one coder's file) it belongs to: the unit that exports,
/// imports and comparisons across sets work on.
public struct Coding: Equatable, Sendable {
    /// The annotation set's name (`alice`, `baseline`).
    public var set: String
    /// The annotation.
    public var annotation: Annotation

    /// Creates a coding.
    public init(set: String, annotation: Annotation) {
        self.set = set
        self.annotation = annotation
    }
}
