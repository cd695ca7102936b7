/// An annotation tagged with the set (one coder's file) it belongs to: the unit that
/// comparisons, exports and imports across sets work on.
///
/// Orphans (annotations that could not be re-anchored) are left out of comparisons by the
/// caller: pass ``AnnotationSet/placed``, or use ``placed(in:)``.
public struct Coding: Equatable, Sendable {
    /// The annotation set's name (the coder: `alice`, `baseline`).
    public var set: String
    /// The annotation.
    public var annotation: Annotation

    /// Tags an annotation with its set.
    public init(set: String, annotation: Annotation) {
        self.set = set
        self.annotation = annotation
    }

    /// The placed annotations of some sets (orphans left out), tagged with their set names.
    /// - Parameter sets: Loaded annotation sets.
    /// - Returns: Codings set by set, each set's annotations in id order.
    public static func placed(in sets: [AnnotationSet]) -> [Coding] {
        var out: [Coding] = []
        out.reserveCapacity(sets.reduce(0) { $0 + $1.count })
        for set in sets {
            // Straight from the dictionary in id order: each annotation copied once.
            let byID = set.byID
            for k in set.placedIndices { out.append(Coding(set: set.name, annotation: byID.values[k])) }
        }
        return out
    }
}
