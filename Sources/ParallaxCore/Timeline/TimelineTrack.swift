/// One analyst on one question over time: every coding in date order, the position in each
/// document, the shifts between dates and the contradictions within a text.
public struct TimelineTrack: Codable, Equatable, Sendable {
    /// Analyst id.
    public var analyst: String
    /// The analyst's display name.
    public var name: String
    /// Question id.
    public var question: String
    /// Every coding: dated ones by date (then manifest order, then offset), undated ones last.
    public var points: [TimelinePoint]
    /// The position in each document, in the same order.
    public var positions: [DocumentPosition]
    /// Changes of position between documents of different dates, earliest first.
    public var shifts: [TimelineShift]
    /// Codings on both sides of 0 within one document or one date.
    public var contradictions: [TimelineContradiction]

    /// Creates a track.
    public init(analyst: String, name: String, question: String, points: [TimelinePoint], positions: [DocumentPosition],
                shifts: [TimelineShift], contradictions: [TimelineContradiction]) {
        self.analyst = analyst; self.name = name; self.question = question; self.points = points
        self.positions = positions; self.shifts = shifts; self.contradictions = contradictions
    }
}
