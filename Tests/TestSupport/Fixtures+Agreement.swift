import Foundation
import ParallaxCore
import ParallaxStore

/// A second coder for agreement tests, derived from another coding by rule so that the shipped
/// data stays one honest coding (no invented `Annotations/` file stands in for a real coder).
extension Fixtures {
    /// A second coder derived from `codings`, deterministically:
    ///
    /// - units (question × analyst, sorted by question id then analyst id) number 0, 1, 2…;
    ///   every unit whose number is `dropEvery - 1` modulo `dropEvery` is left out entirely (a
    ///   position the second coder did not code);
    /// - the remaining codings, sorted by id, number 0, 1, 2…; every one whose number is a
    ///   multiple of `shiftEvery` has its stance moved one point, alternately up and down (moved
    ///   the other way when the first would leave the question's scale);
    /// - everything else (spans, ids, notes) is kept, under the set name `name`.
    /// - Parameters:
    ///   - codings: The first coder's codings.
    ///   - name: The derived set's name.
    ///   - codebook: Gives each question's scale.
    ///   - dropEvery: One unit in this many is left out (0: none).
    ///   - shiftEvery: One coding in this many is moved (0: none).
    /// - Returns: The derived codings, sorted by id.
    public static func derivedCoder(from codings: [Coding], name: String = "derived", codebook: Codebook = codebook,
                                    dropEvery: Int = 7, shiftEvery: Int = 4) -> [Coding] {
        func key(_ a: Annotation) -> String { a.question + "\u{0}" + a.analyst }
        let units = Set(codings.map { key($0.annotation) }).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let dropped = dropEvery > 0
            ? Set(units.enumerated().filter { $0.offset % dropEvery == dropEvery - 1 }.map(\.element)) : []
        let kept = codings.filter { !dropped.contains(key($0.annotation)) }
            .sorted { $0.annotation.id.utf8.lexicographicallyPrecedes($1.annotation.id.utf8) }
        return kept.enumerated().map { i, coding in
            var out = Coding(set: name, annotation: coding.annotation)
            guard shiftEvery > 0, i % shiftEvery == 0 else { return out }
            let step = (i / shiftEvery) % 2 == 0 ? 1 : -1
            let values = codebook.question(coding.annotation.question)?.values ?? []
            let stance = coding.annotation.stance
            out.annotation.stance = values.contains(stance + step) ? stance + step : stance - step
            return out
        }
    }

    /// The units (question × analyst) a derived coder left out, for checking reports.
    public static func droppedUnits(from codings: [Coding], dropEvery: Int = 7) -> [(question: String, analyst: String)] {
        let units = Set(codings.map { $0.annotation.question + "\u{0}" + $0.annotation.analyst })
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return units.enumerated().filter { dropEvery > 0 && $0.offset % dropEvery == dropEvery - 1 }.map {
            let parts = $0.element.split(separator: "\u{0}").map(String.init)
            return (parts[0], parts[1])
        }
    }

    /// A set file's bytes for some codings (their set names are not written).
    public static func setFile(_ codings: [Coding]) -> [UInt8] {
        SetFile.encode(codings.map(\.annotation), damaged: [])
    }
}
