/// Many keys of up to 8 bytes looked up in one pass over a text: each byte is rolled into a
/// little-endian word, a bit filter rejects almost every position with a multiply and a bit
/// test, and only the survivors are looked up in a dictionary.
struct EightByteIndex {
    /// The widest key, in bytes.
    static let width = 8
    /// The width of these keys, in bytes.
    let width: Int
    private let table: [UInt64: [Int]]
    private let filter: [UInt64]
    private let shift: UInt64

    /// Indexes keys of `width` bytes (made with ``key(_:at:width:)``); a key's id is its index
    /// in `keys`.
    init(keys: [UInt64], width: Int = EightByteIndex.width) {
        precondition((1...EightByteIndex.width).contains(width), "key width \(width) out of 1...8")
        self.width = width
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
        self.table = table
        self.filter = filter
        self.shift = shift
    }

    /// The key made of `bytes[at..<at + width]`, as the scan sees it: the bytes in the top
    /// `width` bytes of a little-endian word.
    static func key(_ bytes: [UInt8], at: Int, width: Int = EightByteIndex.width) -> UInt64 {
        var key: UInt64 = 0
        for k in 0..<width { key |= UInt64(bytes[at + k]) << UInt64(8 * k) }
        return key << UInt64(8 * (EightByteIndex.width - width))
    }

    /// Keeps the last `width` bytes rolled into a word (they sit in its top bytes).
    var mask: UInt64 { width == 8 ? ~0 : ~((1 << UInt64(8 * (8 - width))) - 1) }

    /// Calls `found(position, ids)` for every position where some key occurs.
    /// - Complexity: O(n) plus the calls.
    func scan(_ bytes: [UInt8], _ found: (Int, [Int]) -> Void) {
        guard !table.isEmpty else { return }
        let mask = self.mask
        let last = width - 1
        bytes.withUnsafeBufferPointer { text in
            filter.withUnsafeBufferPointer { filter in
                var word: UInt64 = 0
                for i in 0..<text.count {
                    word = (word >> 8) | (UInt64(text[i]) << 56)
                    guard i >= last else { continue }
                    let key = word & mask
                    let f = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
                    guard filter[f >> 6] & (1 << UInt64(f & 63)) != 0, let ids = table[key] else { continue }
                    found(i - last, ids)
                }
            }
        }
    }

    /// Scans a text once for the keys of several indexes (of different widths): calls
    /// `found(position, index, ids)` for every position where a key of `indexes[index]` starts.
    /// - Complexity: O(n × indexes.count) plus the calls.
    static func scan(_ bytes: [UInt8], _ indexes: [EightByteIndex], _ found: (Int, Int, [Int]) -> Void) {
        let live = indexes.indices.filter { !indexes[$0].table.isEmpty }
        guard live.count > 1 else {
            if let k = live.first { indexes[k].scan(bytes) { at, ids in found(at, k, ids) } }
            return
        }
        // The hot loop reads flat buffers only; an index's dictionary is touched on a filter hit.
        var filters: [UInt64] = []
        var bases: [Int] = []
        for k in live { bases.append(filters.count); filters += indexes[k].filter }
        let masks = live.map { indexes[$0].mask }
        let shifts = live.map { indexes[$0].shift }
        let lasts = live.map { indexes[$0].width - 1 }
        let tables = live.map { indexes[$0].table }
        bytes.withUnsafeBufferPointer { text in
            filters.withUnsafeBufferPointer { filter in
                masks.withUnsafeBufferPointer { masks in
                    shifts.withUnsafeBufferPointer { shifts in
                        bases.withUnsafeBufferPointer { bases in
                            lasts.withUnsafeBufferPointer { lasts in
                                var word: UInt64 = 0
                                for i in 0..<text.count {
                                    word = (word >> 8) | (UInt64(text[i]) << 56)
                                    for j in 0..<masks.count where i >= lasts[j] {
                                        let key = word & masks[j]
                                        let f = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shifts[j])
                                        guard filter[bases[j] + (f >> 6)] & (1 << UInt64(f & 63)) != 0,
                                              let ids = tables[j][key] else { continue }
                                        found(i - lasts[j], live[j], ids)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
