/// A small deterministic generator (SplitMix64) for generated test data: the same seed gives
/// the same cases on every machine, so a failure names a case that can be run again.
public struct SeededRandom: RandomNumberGenerator {
    /// The generator's state; the seed to start from.
    public var state: UInt64

    /// Starts from a state.
    public init(state: UInt64) { self.state = state }

    /// Starts from a seed (the same as ``init(state:)``).
    public init(seed: UInt64) { self.state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<n`.
    public mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool { Double(next() % 1_000_000) / 1_000_000 < p }

    /// One element of a non-empty array.
    public mutating func pick<T>(_ xs: [T]) -> T { xs[below(xs.count)] }

    /// Up to `most - 1` pieces drawn at random, joined: generated text that mixes the cases
    /// a test cares about (curly quotes, combining marks, emoji, line ends…).
    public mutating func text(_ pieces: [String], upTo most: Int) -> String {
        var s = ""
        for _ in 0..<below(most) { s += pick(pieces) }
        return s
    }
}
