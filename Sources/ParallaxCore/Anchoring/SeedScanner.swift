/// Finds, in one pass over a text, where exact 8-byte pieces ("seeds") of many targets' quotes
/// and contexts occur, so the fuzzy search only examines regions some seed points at.
///
/// A seed is read as a little-endian `UInt64`; the scan rolls one byte at a time into a word,
/// tests a bit filter and looks a word up only when its bit is set. Seeds that occur too often
/// say nothing about where a quote is and are dropped.
struct SeedScanner {
    /// A seed occurrence: where the seed's quote would start (its "diagonal", a UTF-8 offset
    /// that may be off by the edits between the seed and the quote's start) and which seed.
    struct Hit {
        var diagonal: Int
        var seed: Int
    }

    static let width = 8
    private var keys: [UInt64] = []
    private var owners: [Int] = []
    /// Offset of each seed from the start of its quote, in bytes (negative in the prefix).
    private var offsets: [Int] = []
    /// Seeds each owner contributed.
    private(set) var seedCounts: [Int: Int] = [:]

    init() {}

    /// Adds up to `limit` seeds of a target, spread evenly over prefix, quote and suffix, each
    /// starting on a scalar boundary.
    mutating func add(_ q: AnchorQuery, owner: Int, limit: Int = 64) {
        let bytes = q.prefixBytes + q.exactBytes + q.suffixBytes
        var positions: [Int] = []
        var p = 0
        while p + SeedScanner.width <= bytes.count {
            if ScalarText.isContinuation(bytes[p]) { p += 1; continue }
            positions.append(p)
            p += SeedScanner.width
        }
        if positions.count > limit {
            let step = Double(positions.count) / Double(limit)
            positions = (0..<limit).map { positions[Int(Double($0) * step)] }
        }
        for p in positions {
            var key: UInt64 = 0
            for k in 0..<SeedScanner.width { key |= UInt64(bytes[p + k]) << UInt64(8 * k) }
            keys.append(key)
            owners.append(owner)
            offsets.append(p - q.prefixBytes.count)
        }
        seedCounts[owner, default: 0] += positions.count
    }

    /// Scans a text once.
    /// - Parameters:
    ///   - bytes: The text's UTF-8 bytes.
    ///   - maximumHits: Seeds with more occurrences than this are dropped.
    ///   - owners: The number of owners (owners are `0..<owners`).
    /// - Returns: For each owner, the hits of its seeds.
    /// - Complexity: O(n) with a small constant: a shift, a multiply and a bit test per byte.
    func scan(_ bytes: [UInt8], maximumHits: Int, owners count: Int) -> [[Hit]] {
        var result = [[Hit]](repeating: [], count: count)
        guard !keys.isEmpty, bytes.count >= SeedScanner.width else { return result }
        var table: [UInt64: [Int]] = [:]
        for (i, key) in keys.enumerated() { table[key, default: []].append(i) }
        var bits = 16
        while (1 << bits) < keys.count * 16 && bits < 26 { bits += 1 }
        var filter = [UInt64](repeating: 0, count: (1 << bits) / 64)
        let shift = UInt64(64 - bits)
        for key in table.keys {
            let f = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
            filter[f >> 6] |= 1 << UInt64(f & 63)
        }
        var positions = [[Int]](repeating: [], count: keys.count)
        var saturated = [Bool](repeating: false, count: keys.count)
        bytes.withUnsafeBufferPointer { text in
            filter.withUnsafeBufferPointer { filter in
                var word: UInt64 = 0
                for i in 0..<text.count {
                    word = (word >> 8) | (UInt64(text[i]) << 56)
                    guard i >= SeedScanner.width - 1 else { continue }
                    let f = Int(truncatingIfNeeded: (word &* 0x9E37_79B9_7F4A_7C15) >> shift)
                    guard filter[f >> 6] & (1 << UInt64(f & 63)) != 0, let seeds = table[word] else { continue }
                    for s in seeds where !saturated[s] {
                        if positions[s].count >= maximumHits {
                            saturated[s] = true
                            positions[s] = []
                        } else {
                            positions[s].append(i - SeedScanner.width + 1)
                        }
                    }
                }
            }
        }
        for s in keys.indices where !saturated[s] {
            for at in positions[s] { result[owners[s]].append(Hit(diagonal: at - offsets[s], seed: s)) }
        }
        return result
    }
}
