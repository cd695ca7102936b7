/// Positions over time, for one question (a track per analyst) or one analyst (a track per
/// question): what `timeline` prints and the HTML report draws. Built by ``TimelineBuilder``.
public struct Timeline: Codable, Equatable, Sendable {
    /// What the timeline follows.
    public enum Subject: String, Codable, Sendable {
        /// One question, every analyst.
        case question
        /// One analyst, every question.
        case analyst
    }

    /// Whether it follows a question or an analyst.
    public var subject: Subject
    /// The question's or the analyst's id.
    public var id: String
    /// The question's text or the analyst's name.
    public var title: String
    /// The sets used, sorted; `nil` for every set.
    public var sets: [String]?
    /// One track per analyst (question timeline, in `compare`'s row order) or per question
    /// (analyst timeline, codebook order); only tracks with codings.
    public var tracks: [TimelineTrack]

    /// Creates a timeline.
    public init(subject: Subject, id: String, title: String, sets: [String]?, tracks: [TimelineTrack]) {
        self.subject = subject; self.id = id; self.title = title; self.sets = sets; self.tracks = tracks
    }

    /// Every shift of every track.
    public var shifts: [TimelineShift] { tracks.flatMap(\.shifts) }
    /// Every contradiction of every track.
    public var contradictions: [TimelineContradiction] { tracks.flatMap(\.contradictions) }
}
