import Crypto
import Dispatch

/// A set's annotations in id order, each with a SHA-256 digest of what set diff compares
/// (every field but `id` and `modified`, tags as a set): what lets ``SetDiff`` compare two
/// versions of a 100,000-annotation set with a few changes by walking two sorted lists of
/// ids and digests, reading only the annotations whose digests differ.
///
/// Made for one ``AnnotationSet/revision`` of a set: a session keeps it until the set
/// changes. Equal digests stand for equal content (a SHA-256 collision is not a concern, as
/// for git); unequal digests are only a hint, and the fields are then compared one by one,
/// so content that differs only in ways the fields' comparison ignores (the same text in
/// another Unicode normalization) still reads as unchanged.
///
/// ```swift
/// let diff = SetDiff(old: main, new: alice, oldName: "main", newName: "alice",
///                    digests: (AnnotationDigests(main), AnnotationDigests(alice)))
/// ```
public struct AnnotationDigests: Sendable {
    /// 32 bytes of a SHA-256 digest, compared as four integers.
    struct Digest: Equatable, Sendable {
        var a: UInt64, b: UInt64, c: UInt64, d: UInt64
    }

    /// The revision of the set these were made from.
    public let revision: Int
    /// The ids in the order of their UTF-8 bytes.
    let ids: [String]
    /// Where each id's annotation is in the set's ``AnnotationSet/byID``.
    let order: [Dictionary<String, Annotation>.Index]
    /// Each annotation's digest, in id order.
    let digests: [Digest]
    /// Every id is ASCII, so ordering and matching ids by their bytes agrees with matching
    /// them as strings (as the set's dictionary does).
    let asciiIDs: Bool

    /// Digests every annotation of a set (orphans included), side by side on every core.
    /// - Complexity: O(*n* log *n*) to order the ids, then O(total bytes) to digest.
    public init(_ set: AnnotationSet) {
        self.init(set, order: SetFile.sortedByID(set.byID))
    }

    /// Digests a set's annotations in `order`, its ``AnnotationSet/byID`` in id order (as
    /// ``SetFile/sortedByID(_:)`` gives it).
    package init(_ set: AnnotationSet, order: [Dictionary<String, Annotation>.Index]) {
        let byID = set.byID
        revision = set.revision
        self.order = order
        ids = order.map { byID.keys[$0] }
        asciiIDs = ids.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } }
        let count = order.count
        let parts = max(1, min(Cores.available, count / 1024))
        let per = (count + parts - 1) / parts
        var digests = [Digest](repeating: Digest(a: 0, b: 0, c: 0, d: 0), count: count)
        digests.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let out = out
            DispatchQueue.concurrentPerform(iterations: parts) { k in
                var buffer: [UInt8] = []
                buffer.reserveCapacity(2048)
                for i in min(count, k * per)..<min(count, (k + 1) * per) {
                    buffer.removeAll(keepingCapacity: true)
                    AnnotationDigests.appendContent(byID.values[order[i]], to: &buffer)
                    out[i] = AnnotationDigests.digest(buffer)
                }
            }
        }
        self.digests = digests
    }

    /// The bytes a digest is made of: each field ``AnnotationField/same(_:_:)`` compares, in
    /// field order, every string and list preceded by its length, so that different
    /// content never makes the same bytes. Tags are sorted and each kept once (a set).
    package static func appendContent(_ a: Annotation, to out: inout [UInt8]) {
        func integer(_ v: Int) { withUnsafeBytes(of: UInt64(bitPattern: Int64(v)).littleEndian) { out.append(contentsOf: $0) } }
        func text(_ s: String) {
            integer(s.utf8.count)
            out.append(contentsOf: s.utf8)
        }
        func bytes(_ b: [UInt8]) {
            integer(b.count)
            out.append(contentsOf: b)
        }
        text(a.question)
        integer(a.stance)
        text(a.analyst)
        text(a.target.doc); integer(a.target.start); integer(a.target.end)
        text(a.target.exact); text(a.target.prefix); text(a.target.suffix); text(a.target.hash)
        if let c = a.confidence {
            out.append(1)
            withUnsafeBytes(of: c.bitPattern.littleEndian) { out.append(contentsOf: $0) }
        } else {
            out.append(0)
        }
        var unique: [[UInt8]] = []
        for t in a.tags.map({ Array($0.utf8) }).sorted(by: { $0.lexicographicallyPrecedes($1) }) where unique.last != t {
            unique.append(t)
        }
        integer(unique.count)
        for t in unique { bytes(t) }
        text(a.note)
        text(a.created)
        integer(a.extra.fields.count)
        for f in a.extra.fields { text(f.key); bytes(f.raw) }
    }

    private static func digest(_ bytes: [UInt8]) -> Digest {
        let hash = SHA256.hash(data: bytes)
        return hash.withUnsafeBytes { p in
            Digest(a: p.loadUnaligned(fromByteOffset: 0, as: UInt64.self), b: p.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
                   c: p.loadUnaligned(fromByteOffset: 16, as: UInt64.self), d: p.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
        }
    }

    /// Orders two ids by their UTF-8 bytes: negative, zero or positive.
    static func compare(_ x: String, _ y: String) -> Int {
        var x = x, y = y
        return x.withUTF8 { a in
            y.withUTF8 { b in
                for k in 0..<min(a.count, b.count) where a[k] != b[k] { return a[k] < b[k] ? -1 : 1 }
                return a.count - b.count
            }
        }
    }
}
