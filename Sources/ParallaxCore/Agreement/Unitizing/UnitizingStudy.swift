/// The data of a unitizing study: a continuum, the number of coders, and the units each coder
/// marked on it, each with a category.
///
/// Units of one coder in one category must not overlap (Krippendorff's αu is defined for
/// coders who cut the continuum into units and gaps); units of different categories may. A unit
/// that touches the next one of the same coder and category stays a unit of its own.
///
/// ```swift
/// let study = try UnitizingStudy(begin: 150, length: 300, coders: 2, units: [
///     UnitizingUnit(category: "c", coder: 0, offset: 225, length: 70),
///     UnitizingUnit(category: "c", coder: 1, offset: 220, length: 80),
/// ])
/// KrippendorffUnitizingAlpha.result(study, category: "c").alpha
/// ```
public struct UnitizingStudy: Sendable {
    /// Where the continuum begins.
    public let begin: Int
    /// The continuum's length, at least 1.
    public let length: Int
    /// The number of coders, at least 2.
    public let coders: Int
    /// The units, in the order given.
    public let units: [UnitizingUnit]
    /// The categories that have at least one unit, in order of first appearance.
    public let categories: [String]
    /// Per category, per coder, that coder's units in the category by offset.
    let byCategory: [String: [[UnitizingUnit]]]

    /// Checks and indexes a study.
    /// - Parameters:
    ///   - begin: Where the continuum begins.
    ///   - length: Its length, at least 1.
    ///   - coders: The number of coders, at least 2.
    ///   - units: The units; each inside the continuum, of length at least 1, its coder in
    ///     `0..<coders`, and not overlapping another unit of the same coder and category.
    /// - Throws: ``ParallaxError`` (`.invalidData`) naming the first unit that breaks a rule.
    /// - Complexity: O(*n* log *n*) for *n* units.
    public init(begin: Int = 0, length: Int, coders: Int, units: [UnitizingUnit]) throws {
        guard length >= 1 else {
            throw ParallaxError(.invalidData, "the continuum is empty (length \(length))",
                                hint: "unitizing agreement needs a continuum of length 1 or more")
        }
        guard coders >= 2 else {
            throw ParallaxError(.invalidData, "unitizing agreement needs at least two coders, not \(coders)")
        }
        var order: [String] = []
        var grouped: [String: [[UnitizingUnit]]] = [:]
        for unit in units {
            let place = "unit \(unit.category) of coder \(unit.coder) at \(unit.offset), length \(unit.length)"
            guard (0..<coders).contains(unit.coder) else {
                throw ParallaxError(.invalidData, "\(place): coder \(unit.coder) is not one of 0..<\(coders)")
            }
            guard unit.length >= 1 else {
                throw ParallaxError(.invalidData, "\(place): a unit needs a length of 1 or more")
            }
            guard unit.offset >= begin, unit.end <= begin + length else {
                throw ParallaxError(.invalidData, "\(place): outside the continuum [\(begin), \(begin + length))")
            }
            if grouped[unit.category] == nil {
                order.append(unit.category)
                grouped[unit.category] = Array(repeating: [], count: coders)
            }
            grouped[unit.category]![unit.coder].append(unit)
        }
        for category in order {
            for coder in 0..<coders {
                let sorted = grouped[category]![coder].sorted { ($0.offset, $0.length) < ($1.offset, $1.length) }
                for (a, b) in zip(sorted, sorted.dropFirst()) where b.offset < a.end {
                    throw ParallaxError(.invalidData,
                                        "coder \(coder)'s units \(category) at \(a.offset) (length \(a.length)) and at "
                                        + "\(b.offset) (length \(b.length)) overlap",
                                        hint: "a coder's units of one category must not overlap: merge them first")
                }
                grouped[category]![coder] = sorted
            }
        }
        self.begin = begin
        self.length = length
        self.coders = coders
        self.units = units
        self.categories = order
        self.byCategory = grouped
    }

    /// One coder's units of a category, by offset (empty for a category without units).
    /// - Parameters:
    ///   - coder: The coder's index.
    ///   - category: The category.
    public func units(of coder: Int, in category: String) -> [UnitizingUnit] {
        byCategory[category]?[coder] ?? []
    }

    /// One coder's continuum for a category, cut into units and the gaps between them: the
    /// segments tile `[begin, begin + length)` in order. A coder without units in the category
    /// has one gap, the whole continuum.
    /// - Parameters:
    ///   - coder: The coder's index.
    ///   - category: The category.
    /// - Complexity: O(*k*) for the coder's *k* units in the category.
    public func segments(of coder: Int, in category: String) -> [UnitizingSegment] {
        var out: [UnitizingSegment] = []
        var position = begin
        for unit in units(of: coder, in: category) {
            if unit.offset > position {
                out.append(UnitizingSegment(offset: position, length: unit.offset - position, isUnit: false))
            }
            out.append(UnitizingSegment(offset: unit.offset, length: unit.length, isUnit: true))
            position = unit.end
        }
        if position < begin + length {
            out.append(UnitizingSegment(offset: position, length: begin + length - position, isUnit: false))
        }
        return out
    }
}
