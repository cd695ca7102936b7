/// Myers' bit-parallel edit distance (1999) in Hyyrö's block form, over Unicode scalars.
///
/// One bit per pattern scalar, 64 to a word, so a text scalar costs ⌈m/64⌉ word operations
/// instead of m cells of a dynamic-programming row. Two boundary conditions are offered:
/// *free start* (Sellers 1980: the pattern may begin anywhere in the text, which finds the
/// best approximate occurrence ending at each position) and *anchored start* (plain
/// Levenshtein distance of the pattern against every prefix of the text).
struct BitParallelMatcher {
    /// Pattern length in scalars.
    let length: Int
    private let blocks: Int
    /// `peq[symbol * blocks + b]`: bit i set when pattern scalar `64b + i` is that symbol.
    /// Symbol 0 stands for every scalar absent from the pattern (its row is all zeros).
    private let peq: [UInt64]
    private let asciiSymbols: [Int]
    private let otherSymbols: [UInt32: Int]
    private let lastBit: UInt64

    /// Prepares a non-empty pattern.
    init(pattern: [UInt32]) {
        precondition(!pattern.isEmpty, "empty pattern")
        length = pattern.count
        blocks = (pattern.count + 63) / 64
        var ascii = [Int](repeating: 0, count: 128)
        var other: [UInt32: Int] = [:]
        var next = 1
        for s in pattern {
            if s < 128 {
                if ascii[Int(s)] == 0 { ascii[Int(s)] = next; next += 1 }
            } else if other[s] == nil {
                other[s] = next; next += 1
            }
        }
        var peq = [UInt64](repeating: 0, count: next * blocks)
        for (i, s) in pattern.enumerated() {
            let symbol = s < 128 ? ascii[Int(s)] : other[s]!
            peq[symbol * blocks + i / 64] |= 1 << UInt64(i % 64)
        }
        self.peq = peq
        asciiSymbols = ascii
        otherSymbols = other
        lastBit = 1 << UInt64((pattern.count - 1) % 64)
    }

    @inline(__always)
    private func symbol(_ s: UInt32) -> Int {
        s < 128 ? asciiSymbols[Int(s)] : (otherSymbols[s] ?? 0)
    }

    /// The edit distance of the whole pattern against the text, after each text scalar.
    ///
    /// - Parameters:
    ///   - text: The text to scan.
    ///   - freeStart: When true, entry `j` is the smallest distance between the pattern and
    ///     any substring of `text` ending at `j`; when false, the distance between the
    ///     pattern and `text[0..<j]`.
    /// - Returns: `text.count + 1` distances; entry 0 is the pattern length.
    /// - Complexity: O(⌈m/64⌉ × n).
    func distances(_ text: [UInt32], freeStart: Bool) -> [Int] {
        var pv = [UInt64](repeating: ~0, count: blocks)
        var mv = [UInt64](repeating: 0, count: blocks)
        var score = length
        var out: [Int] = []
        out.reserveCapacity(text.count + 1)
        out.append(score)
        let top = freeStart ? 0 : 1
        let last = blocks - 1
        for scalar in text {
            let base = symbol(scalar) * blocks
            var hin = top
            for b in 0..<blocks {
                var eq = peq[base + b]
                let p = pv[b]
                let m = mv[b]
                let hinNegative: UInt64 = hin < 0 ? 1 : 0
                let xv = eq | m
                eq |= hinNegative
                let xh = (((eq & p) &+ p) ^ p) | eq
                var ph = m | ~(xh | p)
                var mh = p & xh
                // The horizontal delta leaving this block: at bit 63 for a full block (it feeds
                // the next one), at the pattern's last row for the last block.
                let bit: UInt64 = b == last ? lastBit : 1 << 63
                let hout = ph & bit != 0 ? 1 : (mh & bit != 0 ? -1 : 0)
                ph = (ph << 1) | (hin > 0 ? 1 : 0)
                mh = (mh << 1) | hinNegative
                pv[b] = mh | ~(xv | ph)
                mv[b] = ph & xv
                hin = hout
            }
            score += hin
            out.append(score)
        }
        return out
    }

    /// The Levenshtein distance between the pattern and `text`.
    func distance(to text: [UInt32]) -> Int {
        distances(text, freeStart: false).last!
    }
}
