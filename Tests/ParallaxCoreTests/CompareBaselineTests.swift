import Foundation
import Testing
import ParallaxCore
import ParallaxStore
import TestSupport

/// Comparisons on the shipped corpus and baseline coding (`Annotations/baseline.jsonl`), with
/// expectations computed from the file's own data, and snapshot tests of the renderings.
@Suite("Compare: baseline")
struct CompareBaselineTests {
    static let annotations: [Annotation] = {
        let parsed = SetFile.parse(Fixtures.bytes(Fixtures.annotationsDirectory + "/baseline.jsonl")!)
        precondition(parsed.damaged.isEmpty, "baseline has damaged lines: \(parsed.damaged)")
        return parsed.lines.map(\.annotation)
    }()

    static let codebook: Codebook = {
        let data = FileManager.default.contents(atPath: Fixtures.annotationsDirectory + "/codebook.json")!
        return try! JSONDecoder().decode(Codebook.self, from: data)
    }()

    static let comparer = Comparer(corpus: Fixtures.corpus, codebook: codebook,
                                   codings: annotations.map { Coding(set: "baseline", annotation: $0) })

    /// The median of the baseline's stances for one analyst on one question, computed here
    /// independently of the comparer (sorted, middle or mean of the two middle values).
    static func expectedStance(_ analyst: String, _ question: String) -> Double? {
        let values = annotations.filter { $0.analyst == analyst && $0.question == question }.map(\.stance).sorted()
        guard !values.isEmpty else { return nil }
        let m = values.count / 2
        return values.count % 2 == 1 ? Double(values[m]) : Double(values[m - 1] + values[m]) / 2
    }

    @Test("the baseline has 63 annotations from six analysts on all ten questions")
    func shape() {
        #expect(Self.annotations.count == 63)
        #expect(Set(Self.annotations.map(\.analyst)) == ["stent", "wyne", "varma", "aydintasbas", "lin", "merics"])
        #expect(Set(Self.annotations.map(\.question)) == Set(Self.codebook.questions.map(\.id)))
        #expect(Self.annotations.allSatisfy { !$0.note.isEmpty })
    }

    @Test("every baseline quote is the corpus text at its offsets, spoken by the annotation's analyst")
    func anchoring() throws {
        for a in Self.annotations {
            let doc = try #require(Fixtures.corpus.document(a.target.doc), "\(a.id): unknown document")
            #expect(a.target.hash == doc.hash, "\(a.id): hash")
            #expect(doc.text.text(a.target.start, a.target.end) == a.target.exact, "\(a.id): exact differs from the corpus")
            #expect(try doc.analyst(start: a.target.start, end: a.target.end) == a.analyst, "\(a.id): speaker")
            #expect(Self.codebook.question(a.question)?.label(of: a.stance) != nil, "\(a.id): stance off the scale")
        }
    }

    @Test("compare reset-wedge gives the baseline's stances; Varma and Aydıntaşbaş take no position")
    func compareResetWedge() throws {
        let c = try Self.comparer.compare(question: "reset-wedge")
        let compared = Fixtures.corpus.analysts.all.filter(\.compared).map(\.id)
        #expect(c.rows.map(\.analyst) == compared)
        for row in c.rows {
            #expect(row.stance == Self.expectedStance(row.analyst, "reset-wedge"), "\(row.analyst)")
            let mine = Self.annotations.filter { $0.analyst == row.analyst && $0.question == "reset-wedge" }
            #expect(Set(row.codings.map(\.id)) == Set(mine.map(\.id)))
            if let e = row.evidence {
                // The quote is one of the analyst's own passages, the most confident at the stance shown.
                let quoted = try #require(mine.first { $0.id == e.annotation })
                let best = mine.filter { Double($0.stance) == row.stance }.compactMap(\.confidence).max()
                #expect(quoted.confidence == best)
                #expect(e.exact == quoted.target.exact)
                #expect(e.quote.unicodeScalars.count <= 100)
                #expect(e.paragraph == Fixtures.corpus.document(e.doc)?.paragraph(containing: quoted.target.start)?.number)
            }
        }
        // What the baseline says, in the brief's words.
        let byID = Dictionary(uniqueKeysWithValues: c.rows.map { ($0.analyst, $0.stance) })
        #expect(byID == ["stent": -2, "wyne": -1, "lin": -1, "merics": -1, "varma": nil, "aydintasbas": nil])
        #expect(c.summary.positions == 4 && c.summary.median == -1 && c.summary.range == 1)
        #expect(c.summary.pattern == .consensus && c.summary.side == .negative)
    }

    @Test("compare on every question: each row is the median of the analyst's baseline codings")
    func compareAll() throws {
        for q in Self.codebook.questions {
            let c = try Self.comparer.compare(question: q.id)
            for row in c.rows { #expect(row.stance == Self.expectedStance(row.analyst, q.id), "\(q.id) \(row.analyst)") }
            #expect(c.summary.positions == Set(Self.annotations.filter { $0.question == q.id }.map(\.analyst)).count)
        }
    }

    @Test("diff stent wyne puts the sharpest disagreement first and accounts for every question")
    func diffStentWyne() throws {
        let diff = try Self.comparer.diff("stent", "wyne")
        #expect(diff.entries.count == Self.codebook.questions.count)
        // The order, computed here from the baseline's medians: opposite sides by distance, then
        // one at 0, then same side, agree, only one, neither.
        func rank(_ a: Double?, _ b: Double?) -> Int {
            guard let a, let b else { return a == nil && b == nil ? 5 : 4 }
            if a == b { return 3 }
            if a * b > 0 { return 2 }
            if a == 0 || b == 0 { return 1 }
            return 0
        }
        struct Expected { var id: String; var rank: Int; var distance: Double; var index: Int }
        var expected: [Expected] = []
        for (i, q) in Self.codebook.questions.enumerated() {
            let a = Self.expectedStance("stent", q.id), b = Self.expectedStance("wyne", q.id)
            var distance = -1.0
            if let a, let b { distance = abs(a - b) }
            expected.append(Expected(id: q.id, rank: rank(a, b), distance: distance, index: i))
        }
        expected.sort { x, y in
            if x.rank != y.rank { return x.rank < y.rank }
            if x.distance != y.distance { return x.distance > y.distance }
            return x.index < y.index
        }
        #expect(diff.entries.map(\.question.id) == expected.map(\.id))
        let sharpest = try #require(diff.entries.first)
        #expect(sharpest.verdict == .opposite)
        #expect(sharpest.first.evidence != nil && sharpest.second.evidence != nil)
    }

    @Test("matrix: every cell is the analyst's median on the question")
    func matrix() {
        let m = Self.comparer.matrix()
        #expect(m.analysts.map(\.id) == Fixtures.corpus.analysts.all.filter(\.compared).map(\.id))
        for row in m.rows {
            for (c, analyst) in m.analysts.enumerated() {
                #expect(row.stances[c] == Self.expectedStance(analyst.id, row.question), "\(row.question) \(analyst.id)")
            }
        }
        #expect(Self.comparer.matrix(sets: ["someone-else"]).rows.allSatisfy { $0.stances.allSatisfy { $0 == nil } })
    }

    // MARK: renderings

    static func rendered(_ body: (inout String) throws -> Void) rethrows -> String {
        var out = ""
        try body(&out)
        return out
    }

    static let snapshots = Fixtures.root + "/Tests/ParallaxCoreTests/Snapshots/"

    /// Compares a rendering with its checked-in snapshot. With `PARALLAX_RECORD_SNAPSHOTS=1`
    /// (or when the file is missing) the rendering is written instead, and the test fails so
    /// that it is reviewed before it is committed.
    static func assertSnapshot(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let path = snapshots + name
        let record = ProcessInfo.processInfo.environment["PARALLAX_RECORD_SNAPSHOTS"] == "1"
        guard !record, let saved = Fixtures.bytes(path) else {
            _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
            Issue.record("recorded snapshot \(name); review it and run the tests again", sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: saved, as: UTF8.self)
        #expect(text == expected, "rendering differs from Snapshots/\(name)", sourceLocation: sourceLocation)
    }

    @Test("renderings fit 80 columns, carry no escape codes without colour, and match the snapshots")
    func snapshots() throws {
        let renderer = ComparisonRenderer(width: 80, colour: false)
        let compare = try Self.rendered { renderer.render(try Self.comparer.compare(question: "reset-wedge"), to: &$0) }
        let diff = try Self.rendered { renderer.render(try Self.comparer.diff("stent", "wyne"), to: &$0) }
        let matrix = Self.rendered { renderer.render(Self.comparer.matrix(), to: &$0) }
        for text in [compare, diff, matrix] {
            #expect(!text.contains("\u{1B}"))
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                #expect(line.count <= 80, "too wide: \(line)")
                #expect(line.last != " ", "trailing space: \(line)")
            }
        }
        Self.assertSnapshot(compare, "compare-reset-wedge.txt")
        Self.assertSnapshot(diff, "diff-stent-wyne.txt")
        Self.assertSnapshot(matrix, "matrix.txt")
    }

    @Test("colour: stances below 0 red, above 0 green, only when asked")
    func colour() throws {
        var out = ""
        ComparisonRenderer(colour: true).render(try Self.comparer.compare(question: "reset-wedge"), to: &out)
        #expect(out.contains("\u{1B}[31m-2  no"))
        var matrix = ""
        ComparisonRenderer(colour: true).render(Self.comparer.matrix(), to: &matrix)
        #expect(matrix.contains("\u{1B}[32m+2\u{1B}[0m") && matrix.contains("\u{1B}[31m-1\u{1B}[0m"))
    }

    @Test("every rendering stays within narrow and wide widths")
    func widths() throws {
        for width in [40, 50, 60, 100, 132] {
            let renderer = ComparisonRenderer(width: width)
            var texts: [String] = []
            for q in Self.codebook.questions {
                texts.append(try Self.rendered { renderer.render(try Self.comparer.compare(question: q.id), to: &$0) })
            }
            texts.append(try Self.rendered { renderer.render(try Self.comparer.diff("aydintasbas", "merics"), to: &$0) })
            texts.append(Self.rendered { renderer.render(Self.comparer.matrix(), to: &$0) })
            for text in texts {
                for line in text.split(separator: "\n") { #expect(line.count <= width, "width \(width): \(line)") }
            }
        }
    }
}
