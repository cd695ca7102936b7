import ParallaxCore

/// Two coders' sets on Brookings for `review` and `adopt`: a stance gap of 3 points on one
/// passage both marked, a passage only Alice marked, a unit only Alice coded, and a passage
/// only Bob marked where their stances agree.
public enum ReviewFixtures {
    static let doc = try! Fixtures.corpus.requireDocument("brookings")

    /// An annotation on Brookings.
    public static func coding(_ id: String, _ question: String, _ analyst: String, _ stance: Int, _ start: Int, _ end: Int,
                              note: String = "") -> Annotation {
        Annotation(id: id, target: try! TextTarget(document: doc, start: start, end: end), question: question, analyst: analyst,
                   stance: stance, note: note, created: "2026-11-23T16:00:00Z")
    }

    /// Alice's set.
    public static let alice = [
        coding("01A1", "reset-wedge", "stent", -2, 2930, 3037, note: "tactical"),
        coding("01A2", "reset-wedge", "stent", -2, 3145, 3188),
        coding("01A3", "war-ends-soon", "stent", -1, 3889, 3994),
        coding("01A5", "us-russia-reset", "wyne", 1, 20568, 20813),
    ]

    /// Bob's set.
    public static let bob = [
        coding("01B1", "reset-wedge", "stent", 1, 2950, 3037, note: "a real shift"),
        coding("01B3", "war-ends-soon", "stent", -1, 3889, 3994),
        coding("01B4", "war-ends-soon", "stent", -1, 19953, 20080),
    ]
}
