import Foundation
import Testing
import ParallaxCore
import ParallaxStore
import TestSupport

@Suite("Import: JSON Lines")
struct ImportJSONLinesTests {
    func line(_ c: Coding) -> String {
        var a = c.annotation
        a.extra.set("set", raw: Array("\"\(c.set)\"".utf8))
        return String(decoding: AnnotationCodec.encode(a), as: UTF8.self)
    }

    @Test("every bad line is reported with file:line and nothing is imported")
    func badLines() throws {
        let good = Fixtures.nastyCodings
        var lines = good.prefix(3).map(line)
        lines.append("{not json")                                                     // 4
        var offScale = good[3]; offScale.annotation.stance = 7
        lines.append(line(offScale))                                                  // 5
        var badSet = good[4]; badSet.set = "../etc"
        lines.append(line(badSet))                                                    // 6
        lines.append(line(good[0]))                                                   // 7: duplicate
        var numericSet = good[5]; numericSet.annotation.extra.set("set", raw: Array("42".utf8))
        lines.append(String(decoding: AnnotationCodec.encode(numericSet.annotation), as: UTF8.self)) // 8
        var moved = good[6]; moved.annotation.target.start += 1
        lines.append(line(moved))                                                     // 9
        let problems = Interchange.problems(Array(lines.joined(separator: "\n").utf8), path: "in/review.jsonl")
        let locations = problems.compactMap(\.location?.description)
        #expect(locations.contains("in/review.jsonl:4"))
        #expect(locations.contains("in/review.jsonl:5"))
        #expect(locations.contains("in/review.jsonl:6"))
        #expect(locations.contains("in/review.jsonl:7"))
        #expect(locations.contains("in/review.jsonl:8"))
        #expect(locations.contains("in/review.jsonl:9"))
        #expect(!locations.contains { $0.hasSuffix(":1") || $0.hasSuffix(":2") || $0.hasSuffix(":3") })
        #expect(problems.first { $0.location == "in/review.jsonl:5" }?.message.contains("off the scale") == true)
        #expect(problems.first { $0.location == "in/review.jsonl:7" }?.message.contains("duplicate id") == true)
        #expect(problems.first { $0.location == "in/review.jsonl:9" }?.message.contains("does not match") == true)
    }

    @Test("a span whose document changed is refused, not re-anchored")
    func documentChanged() throws {
        var c = Fixtures.nastyCodings[0]
        c.annotation.target.hash = String(repeating: "0", count: 64)
        let problems = Interchange.problems(Array(line(c).utf8), path: "r.jsonl")
        #expect(problems.count == 1)
        #expect(problems.first?.kind == .conflict)
        #expect(problems.first?.location == "r.jsonl:1")
    }

    @Test("the failure's description lists each problem on its own line")
    func description() throws {
        do {
            _ = try ImportFormats.read(Array("{\n[\n".utf8), path: "x.jsonl", corpus: Fixtures.corpus, codebook: Fixtures.codebook)
            Issue.record("expected a failure")
        } catch {
            #expect(error.description.hasPrefix("x.jsonl:1: "))
            #expect(error.description.contains("\nx.jsonl:2: "))
            #expect(error.description.hasSuffix("nothing imported: 2 problems"))
        }
    }
}
