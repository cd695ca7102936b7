/// A stretch of one coder's continuum for one category: a unit the coder marked, or a gap
/// between units (Krippendorff's "blank").
///
/// Krippendorff's unitizing alpha compares coders segment by segment; each coder's segments
/// tile the continuum without overlap.
public struct UnitizingSegment: Hashable, Sendable {
    /// Where the segment begins on the continuum.
    public var offset: Int
    /// Its length, at least 1.
    public var length: Int
    /// Whether it is a unit (true) or a gap (false).
    public var isUnit: Bool

    /// Creates a segment.
    /// - Parameters:
    ///   - offset: The start on the continuum.
    ///   - length: The length.
    ///   - isUnit: A unit (true) or a gap (false).
    public init(offset: Int, length: Int, isUnit: Bool) {
        self.offset = offset
        self.length = length
        self.isUnit = isUnit
    }

    /// Where the segment ends (exclusive).
    public var end: Int { offset + length }
}
