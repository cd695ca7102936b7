/// Krippendorff's coincidence matrix: how often each pair of values was assigned to the same
/// unit by different coders, each unit's pairs weighted by 1 / (m_u − 1).
///
/// Only pairable values appear: values in units that at least two coders coded. The matrix is
/// symmetric, its rows add up to ``marginals`` (n_c) and all its cells to ``total`` (n).
public struct CoincidenceMatrix<Value: Hashable & Sendable>: Equatable, Sendable {
    /// The distinct pairable values, in the order the measurement level ranks them (ascending
    /// for numbers, the given order for ordinal labels, first appearance for nominal labels).
    public let values: [Value]
    /// `counts[c][k]` is o_ck, the coincidences of `values[c]` with `values[k]`.
    public let counts: [[Double]]
    /// `marginals[c]` is n_c, how many pairable values equal `values[c]`.
    public let marginals: [Int]

    /// Creates a matrix from its parts; the core computes these, tests and decoders may too.
    /// - Parameters:
    ///   - values: The distinct values, one per row and column.
    ///   - counts: The square matrix of coincidences.
    ///   - marginals: How many pairable values equal each value.
    public init(values: [Value], counts: [[Double]], marginals: [Int]) {
        self.values = values
        self.counts = counts
        self.marginals = marginals
    }

    /// n, the number of pairable values.
    public var total: Int { marginals.reduce(0, +) }

    /// o_ck for two values, 0 when either is not a pairable value.
    /// - Parameters:
    ///   - c: The row value.
    ///   - k: The column value.
    /// - Returns: The coincidences of `c` with `k`.
    /// - Complexity: O(*v*) for *v* distinct values.
    public func count(_ c: Value, _ k: Value) -> Double {
        guard let i = values.firstIndex(of: c), let j = values.firstIndex(of: k) else { return 0 }
        return counts[i][j]
    }
}

extension CoincidenceMatrix: Codable where Value: Codable {}
