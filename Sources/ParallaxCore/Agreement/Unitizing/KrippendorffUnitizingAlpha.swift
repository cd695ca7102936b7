/// Krippendorff's unitizing alpha (αu), the agreement of coders on *where* the units of a
/// category are, computed as DKPro Agreement's `KrippendorffAlphaUnitizingAgreement` does
/// (Krippendorff 1995, "On the reliability of unitizing continuous data"; 2004, *Content
/// Analysis*, 2nd ed., section 12.4).
///
/// **Observed disagreement.** Each coder's continuum is cut into units and gaps
/// (``UnitizingStudy/segments(of:in:)``). For every pair of coders and every pair of their
/// segments that intersect, the squared distance ``distance(_:_:)`` is summed;
/// D_o = 2 Σ / (R (R − 1) L²) for R coders and a continuum of length L.
///
/// **Expected disagreement.** Over all N units of the category (every coder), with lengths l,
/// and all gaps of every coder, with lengths g:
/// D_e = (2 / L) Σ_units [ (N − 1)(2l³ − 3l² + l) / 3 + l² Σ_{g ≥ l} (g − l + 1) ]
///       / (R L (R L − 1) − Σ_units l (l − 1)).
///
/// **Pooled.** Over the categories that have units: 1 − mean D_o / mean D_e (DKPro's
/// `calculateAgreement`).
///
/// Where DKPro returns 0 for 0 / 0 (no expected disagreement), this returns no value with the
/// reason ``AgreementUndefinedReason/noVariation``; every other value is the same.
public enum KrippendorffUnitizingAlpha {
    /// The squared distance between two intersecting segments of two coders: for two units,
    /// the squared differences of their starts and of their ends; for a unit lying wholly
    /// inside the other coder's gap, the unit's length squared; otherwise (gap against gap, a
    /// unit only partly in a gap, or segments that do not intersect) 0.
    /// - Parameters:
    ///   - a: The first coder's segment.
    ///   - b: The second coder's segment.
    /// - Returns: δ², in squared continuum positions.
    public static func distance(_ a: UnitizingSegment, _ b: UnitizingSegment) -> Int {
        switch (a.isUnit, b.isUnit) {
        case (true, true):
            guard a.offset < b.end, b.offset < a.end else { return 0 }
            let starts = a.offset - b.offset, ends = a.end - b.end
            return starts * starts + ends * ends
        case (true, false):
            return b.offset <= a.offset && a.end <= b.end ? a.length * a.length : 0
        case (false, true):
            return a.offset <= b.offset && b.end <= a.end ? b.length * b.length : 0
        case (false, false):
            return 0
        }
    }

    /// Observed disagreement D_o on one category.
    /// - Parameters:
    ///   - study: The study.
    ///   - category: The category; one without units has D_o = 0.
    /// - Complexity: O(*R*² *k*) for *R* coders with up to *k* units each in the category.
    public static func observedDisagreement(_ study: UnitizingStudy, category: String) -> Double {
        let segments = (0..<study.coders).map { study.segments(of: $0, in: category) }
        var sum = 0.0
        for first in 0..<study.coders {
            for second in (first + 1)..<study.coders {
                // Both tile the same continuum: walk the intersecting pairs in order.
                let a = segments[first], b = segments[second]
                var i = 0, j = 0
                while i < a.count && j < b.count {
                    sum += Double(distance(a[i], b[j]))
                    let endA = a[i].end, endB = b[j].end
                    if endA <= endB { i += 1 }
                    if endB <= endA { j += 1 }
                }
            }
        }
        let r = Double(study.coders), l = Double(study.length)
        return 2 * sum / (r * (r - 1) * l * l)
    }

    /// Expected disagreement D_e on one category.
    /// - Parameters:
    ///   - study: The study.
    ///   - category: The category; one without units has D_e = 0.
    /// - Complexity: O((*n* + *g*) log *g*) for *n* units and *g* gaps in the category.
    public static func expectedDisagreement(_ study: UnitizingStudy, category: String) -> Double {
        var lengths: [Int] = []
        var gaps: [Int] = []
        for coder in 0..<study.coders {
            for segment in study.segments(of: coder, in: category) {
                if segment.isUnit { lengths.append(segment.length) } else { gaps.append(segment.length) }
            }
        }
        guard !lengths.isEmpty else { return 0 }
        // Σ_{g ≥ l} (g − l + 1) = (sum of those gaps) − count · (l − 1): suffix sums over the
        // gaps sorted ascending answer it for every l with one binary search.
        gaps.sort()
        var suffix = [Int](repeating: 0, count: gaps.count + 1)
        for i in stride(from: gaps.count - 1, through: 0, by: -1) { suffix[i] = suffix[i + 1] + gaps[i] }
        let n = Double(lengths.count)
        var numerator = 0.0
        var squared = 0.0
        for l in lengths {
            var lo = 0, hi = gaps.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if gaps[mid] < l { lo = mid + 1 } else { hi = mid }
            }
            let fitting = suffix[lo] - (gaps.count - lo) * (l - 1)
            let ld = Double(l)
            numerator += (n - 1) * (2 * ld * ld * ld - 3 * ld * ld + ld) / 3 + ld * ld * Double(fitting)
            squared += ld * (ld - 1)
        }
        let r = Double(study.coders), length = Double(study.length)
        return numerator * 2 / length / (r * length * (r * length - 1) - squared)
    }

    /// αu on one category, with its disagreements.
    /// - Parameters:
    ///   - study: The study.
    ///   - category: The category.
    /// - Returns: The result; without a value when the category has no unit
    ///   (``AgreementUndefinedReason/noUnits``) or D_e is 0.
    public static func result(_ study: UnitizingStudy, category: String) -> UnitizingAlphaResult {
        guard study.categories.contains(category) else { return UnitizingAlphaResult(undefined: .noUnits) }
        return UnitizingAlphaResult(observed: observedDisagreement(study, category: category),
                                    expected: expectedDisagreement(study, category: category))
    }

    /// αu pooled over every category that has units: 1 − mean D_o / mean D_e.
    /// - Parameter study: The study.
    /// - Returns: The result; without a value when no category has a unit.
    public static func pooled(_ study: UnitizingStudy) -> UnitizingAlphaResult {
        pooled(study.categories.map { result(study, category: $0) })
    }

    /// αu pooled from per-category results: the means of their D_o and D_e, over the results
    /// that have units (those undefined for ``AgreementUndefinedReason/noUnits`` are skipped).
    /// - Parameter results: Per-category results.
    public static func pooled(_ results: [UnitizingAlphaResult]) -> UnitizingAlphaResult {
        let counted = results.filter { $0.undefinedReason != .noUnits }
        guard !counted.isEmpty else { return UnitizingAlphaResult(undefined: .noUnits) }
        let k = Double(counted.count)
        return UnitizingAlphaResult(observed: counted.reduce(0) { $0 + $1.observedDisagreement } / k,
                                    expected: counted.reduce(0) { $0 + $1.expectedDisagreement } / k)
    }
}
