extension CoincidenceMatrix {
    #if DEBUG
    /// Traps when the matrix is not square, not symmetric, or its rows do not add up to the
    /// marginals. Debug builds only; the coefficients are computed from these properties.
    func checkInvariants() {
        let v = values.count
        precondition(counts.count == v && marginals.count == v, "coincidence matrix: \(v) values, \(counts.count) rows, \(marginals.count) marginals")
        let tolerance = 1e-9 * Double(max(1, total))
        for c in 0..<v {
            precondition(counts[c].count == v, "coincidence matrix: row \(c) has \(counts[c].count) cells, not \(v)")
            precondition(marginals[c] > 0, "coincidence matrix: value \(c) has no pairable values")
            for k in 0..<c {
                precondition(abs(counts[c][k] - counts[k][c]) <= tolerance, "coincidence matrix: not symmetric at \(c), \(k)")
            }
            let rowSum = counts[c].reduce(0, +)
            precondition(abs(rowSum - Double(marginals[c])) <= tolerance, "coincidence matrix: row \(c) adds up to \(rowSum), not n_c = \(marginals[c])")
        }
    }
    #else
    @inline(__always) func checkInvariants() {}
    #endif
}
