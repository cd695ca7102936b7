/// Finds, in one pass over a text, where exact 8-byte pieces ("seeds") of many targets' quotes
/// and contexts occur, so the fuzzy search only examines regions some seed points at. Seeds
/// that occur too often say nothing about where a quote is and are dropped.
struct SeedScanner {
    /// A seed occurrence: where the seed's quote would start (its "diagonal", a UTF-8 offset
    /// that may be off by the edits between the seed and the quote's start) and which seed.
    struct Hit {
        var diagonal: Int
        var seed: Int
    }

    private var keys: [UInt64] = []
    private var owners: [Int] = []
    /// Offset of each seed from the start of its quote, in bytes (negative in the prefix).
    private var offsets: [Int] = []

    init() {}

    /// Adds up to `limit` seeds of a target, spread evenly over prefix, quote and suffix, each
    /// starting on a scalar boundary.
    mutating func add(_ q: AnchorQuery, owner: Int, limit: Int = 64) {
        let bytes = q.prefixBytes + q.exactBytes + q.suffixBytes
        var positions: [Int] = []
        var p = 0
        while p + EightByteIndex.width <= bytes.count {
            if ScalarText.isContinuation(bytes[p]) { p += 1; continue }
            positions.append(p)
            p += EightByteIndex.width
        }
        if positions.count > limit {
            let step = Double(positions.count) / Double(limit)
            positions = (0..<limit).map { positions[Int(Double($0) * step)] }
        }
        for p in positions {
            keys.append(EightByteIndex.key(bytes, at: p))
            owners.append(owner)
            offsets.append(p - q.prefixBytes.count)
        }
    }

    /// Scans a text once.
    /// - Parameters:
    ///   - bytes: The text's UTF-8 bytes.
    ///   - maximumHits: Seeds with more occurrences than this are dropped.
    ///   - owners: The number of owners (owners are `0..<owners`).
    /// - Returns: For each owner, the hits of its seeds.
    /// - Complexity: O(n) with a small constant (see ``EightByteIndex``).
    func scan(_ bytes: [UInt8], maximumHits: Int, owners count: Int) -> [[Hit]] {
        var result = [[Hit]](repeating: [], count: count)
        var positions = [[Int]](repeating: [], count: keys.count)
        var saturated = [Bool](repeating: false, count: keys.count)
        EightByteIndex(keys: keys).scan(bytes) { at, seeds in
            for s in seeds where !saturated[s] {
                if positions[s].count >= maximumHits {
                    saturated[s] = true
                    positions[s] = []
                } else {
                    positions[s].append(at)
                }
            }
        }
        for s in keys.indices where !saturated[s] {
            for at in positions[s] { result[owners[s]].append(Hit(diagonal: at - offsets[s], seed: s)) }
        }
        return result
    }
}
