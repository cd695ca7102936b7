import Foundation

/// Where an adopted annotation came from: the set and id it was copied from. Stored in the
/// annotation as the member `"from":{"id":"…","set":"…"}`, which every format that keeps an
/// annotation's other members keeps too (the set file, JSON Lines, W3C, REFI-QDA).
public struct Provenance: Codable, Equatable, Hashable, Sendable {
    /// The member's key.
    public static let key = "from"

    /// The set the annotation was copied from.
    public var set: String
    /// Its id there.
    public var id: String

    /// Creates a provenance.
    public init(set: String, id: String) { self.set = set; self.id = id }

    /// The provenance an annotation records, if any (and if readable).
    public init?(of annotation: Annotation) {
        guard let raw = annotation.extra[Provenance.key],
              let p = try? JSONDecoder().decode(Provenance.self, from: Data(raw)) else { return nil }
        self = p
    }

    /// Records this provenance in an annotation, replacing any it had.
    public func record(in annotation: inout Annotation) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding two strings cannot fail.
        let raw = (try? encoder.encode(self)).map { [UInt8]($0) } ?? []
        annotation.extra.set(Provenance.key, raw: raw)
    }
}
