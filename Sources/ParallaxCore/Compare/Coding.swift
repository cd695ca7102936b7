/// One annotation as a comparison sees it: tagged with the set (coder) it comes from.
///
/// Comparisons read codings from several sets at once, so the set name travels with each
/// annotation. Orphans (annotations that could not be re-anchored) are left out by the
/// caller: pass ``AnnotationSet/placed``, or use ``placed(in:)``.
public struct Coding: Equatable, Sendable {
    /// Name of the annotation set (the coder) the annotation belongs to.
    public var set: String
    /// The annotation.
    public var annotation: Annotation

    /// Tags an annotation with its set.
    /// - Parameters:
    ///   - set: The set (coder) name.
    ///   - annotation: The annotation.
    public init(set: String, annotation: Annotation) {
        self.set = set
        self.annotation = annotation
    }

    /// The placed annotations of some sets (orphans left out), tagged with their set names.
    /// - Parameter sets: Loaded annotation sets.
    /// - Returns: Codings set by set, each set's annotations in id order.
    public static func placed(in sets: [AnnotationSet]) -> [Coding] {
        sets.flatMap { set in set.placed.map { Coding(set: set.name, annotation: $0) } }
    }
}
