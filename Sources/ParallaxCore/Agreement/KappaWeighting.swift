/// How Cohen's kappa credits near misses between ordered categories.
///
/// With *k* categories in order and *i*, *j* the positions of two ratings, the agreement weight
/// is 1 on the diagonal and, off it:
/// - `unweighted`: 0 (every disagreement counts in full);
/// - `linear`: 1 − |i − j| / (k − 1) (Cicchetti–Allison, "equal spacing");
/// - `quadratic`: 1 − ((i − j) / (k − 1))² (Fleiss–Cohen).
public enum KappaWeighting: String, Codable, Sendable, CaseIterable, CustomStringConvertible {
    /// Cohen's (1960) kappa.
    case unweighted
    /// Weighted kappa with linear weights.
    case linear
    /// Weighted kappa with quadratic weights.
    case quadratic

    public var description: String { rawValue }

    /// The agreement weight w_ij of two category positions.
    /// - Parameters:
    ///   - i: Position of the first rating, 0-based.
    ///   - j: Position of the second rating, 0-based.
    ///   - categories: How many ordered categories there are (k).
    /// - Returns: A weight in [0, 1], 1 when `i == j`.
    public func weight(_ i: Int, _ j: Int, categories: Int) -> Double {
        1 - disagreement(i, j, categories: categories)
    }

    /// 1 − w_ij, computed directly so that the diagonal is exactly 0.
    func disagreement(_ i: Int, _ j: Int, categories k: Int) -> Double {
        guard i != j else { return 0 }
        switch self {
        case .unweighted: return 1
        case .linear: return Double(abs(i - j)) / Double(k - 1)
        case .quadratic:
            let r = Double(i - j) / Double(k - 1)
            return r * r
        }
    }
}
