import Foundation
import Testing
import ParallaxCore
import ParallaxStore
import TestSupport

/// The agreement report: units and per-coder values, the coefficients against hand-computed
/// values and against the verified ``KrippendorffAlpha`` and ``CohenKappa`` run on reliability
/// data built here by hand, missing positions, three coders, and the thresholds.
@Suite("Agreement: report")
struct AgreementReportTests {
    static let scale = [-2, -1, 0, 1, 2]

    /// Codings of two or more coders on q1: `values[c][u]` is coder c's stances on the unit of
    /// analyst `u00`, `u01`… (empty: not coded); the ids sort as the units are numbered.
    static func codings(_ coders: [String], _ values: [[[Int]]], question: String = "q1") -> [Coding] {
        var out: [Coding] = []
        for (c, coder) in coders.enumerated() {
            for (u, stances) in values[c].enumerated() {
                for (k, s) in stances.enumerated() {
                    out.append(Small.coding(coder, analyst(u), question, s, line: 1 + k % 10,
                                            id: "\(coder)-\(question)-u\(u)-\(k)"))
                }
            }
        }
        return out
    }

    static func analyst(_ u: Int) -> String { u < 10 ? "u0\(u)" : "u\(u)" }

    static func report(_ coders: [String], _ values: [[[Int]]], question: String? = nil) throws -> AgreementReport {
        try AgreementReport(codebook: Small.codebook, coders: coders, codings: codings(coders, values), question: question)
    }

    static func close(_ a: Double?, _ b: Double?, _ tolerance: Double = 1e-12) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return abs(a - b) <= tolerance
    }

    // MARK: hand-computed values

    @Test("four units: nominal alpha 16/23 and kappa 2/3 and 9/11 (linear), computed by hand")
    func handComputed() throws {
        // alice -2 -1 0 1, bob -2 -1 1 1 (one coding each).
        let r = try Self.report(["alice", "bob"], [[[-2], [-1], [0], [1]], [[-2], [-1], [1], [1]]])
        let f = try #require(r.questions.first { $0.question.id == "q1" }).figures
        // Coincidences: (-2,-2) 2, (-1,-1) 2, (0,1) 1, (1,0) 1, (1,1) 2; n = 8; n_c = 2 2 1 3.
        // D_o = 2/8; D_e = (64 - (4+4+1+9)) / (8·7) = 46/56; alpha = 1 - (2/8)/(46/56) = 16/23.
        #expect(Self.close(f.alpha.nominal.value, 16.0 / 23))
        // p_o = 3/4; p_e = (1·1 + 1·1 + 1·0 + 1·2)/16 = 1/4; kappa = (3/4 - 1/4)/(3/4) = 2/3.
        let k = try #require(f.kappa)
        #expect(Self.close(k.unweighted.value, 2.0 / 3))
        // Linear disagreement |i-j|/4 over the 5-point scale: q_o = (1/4)/4 = 1/16,
        // q_e = (1.75 + 1.25 + 1.25 + 1.25)/16 = 5.5/16; kappa = 1 - (1/16)/(5.5/16) = 9/11.
        #expect(Self.close(k.linear.value, 9.0 / 11))
        #expect(f.units == 4 && f.pairableUnits == 4 && f.pairableValues == 8)
        #expect(f.alpha.nominal.status == .smallSample, "8 pairable values is under 10")
        #expect(k.confusion.categories == Self.scale)
        #expect(k.confusion.counts == [[1, 0, 0, 0, 0], [0, 1, 0, 0, 0], [0, 0, 0, 1, 0], [0, 0, 0, 1, 0], [0, 0, 0, 0, 0]])
    }

    // MARK: against the verified functions

    @Test("two coders: every coefficient equals KrippendorffAlpha / CohenKappa on the reliability data built by hand")
    func twoCodersMatchDirect() throws {
        let alice: [[Int]] = [[-2], [-1, -2], [0], [1, 1], [2], [-1], [0, 2], [1], [-2], [2, 1, 1], []]
        let bob: [[Int]] = [[-2], [-1], [1], [1], [2], [-2], [0], [], [-1], [2], [0]]
        let r = try Self.report(["alice", "bob"], [alice, bob])
        let f = try #require(r.questions.first).figures
        // Each coder's value per unit, worked out by hand from the lists above.
        let intervalA: [Double?] = [-2, -1.5, 0, 1, 2, -1, 1, 1, -2, 1, nil]
        let intervalB: [Double?] = [-2, -1, 1, 1, 2, -2, 0, nil, -1, 2, 0]
        let categoryA: [Int?] = [-2, -2, 0, 1, 2, -1, 0, 1, -2, 1, nil]
        let categoryB: [Int?] = [-2, -1, 1, 1, 2, -2, 0, nil, -1, 2, 0]
        #expect(r.units.map(\.stances) == zip(intervalA, intervalB).map { [$0, $1] })
        #expect(r.units.map(\.categories) == zip(categoryA, categoryB).map { [$0, $1] })

        let numeric = [categoryA, categoryB].map { $0.map { $0.map(Double.init) } }
        for (level, coefficient) in [(MeasurementLevel.nominal, f.alpha.nominal), (.ordinal, f.alpha.ordinal)] {
            let direct = try KrippendorffAlpha.compute(numeric, level: level)
            #expect(Self.close(coefficient.value, direct.alpha), "\(level)")
        }
        let ordinalByOrder = try KrippendorffAlpha.compute(ordinal: [categoryA, categoryB], order: Self.scale)
        #expect(Self.close(f.alpha.ordinal.value, ordinalByOrder.alpha))
        let interval = try KrippendorffAlpha.compute([intervalA, intervalB], level: .interval)
        #expect(Self.close(f.alpha.interval.value, interval.alpha))
        #expect(f.pairableValues == interval.pairableValues && f.pairableUnits == 9 && f.units == 11)

        let k = try #require(f.kappa)
        for w in KappaWeighting.allCases {
            let direct = try CohenKappa.compute(categoryA, categoryB, categories: Self.scale, weighting: w)
            #expect(Self.close(k[w].value, direct.kappa), "\(w)")
            #expect(k.confusion == direct.table)
        }
        #expect(k.itemsCompared == 9 && k.itemsSkipped == 2)
        #expect(f.alpha.nominal.status == .ok && k.quadratic.status == .ok)
        #expect(f.splitReadings == 2, "alice's -1,-2 and 0,2 split evenly")
    }

    @Test("weighted kappa spaces its weights over the whole scale, not only the points seen")
    func weightsOverFullScale() throws {
        let a: [Int?] = [-2, -1, 2, -1, -2, 2], b: [Int?] = [-1, -1, 2, 2, -2, -1]
        let r = try Self.report(["a", "b"], [a.map { [$0!] }, b.map { [$0!] }])
        let k = try #require(r.questions.first?.figures.kappa)
        for w in [KappaWeighting.linear, .quadratic] {
            let full = try CohenKappa.compute(a, b, categories: Self.scale, weighting: w)
            let seen = try CohenKappa.compute(a, b, weighting: w)   // -2, -1, 2 only
            #expect(Self.close(k[w].value, full.kappa))
            #expect(!Self.close(full.kappa, seen.kappa, 1e-6), "the test data must tell the two apart")
        }
    }

    // MARK: units and missing positions

    @Test("a coder's value on a unit: the median for interval, the lower middle coding for nominal and ordinal")
    func medianPerCoderPerUnit() throws {
        #expect(AgreementUnit.category(of: [-1, -2]) == -2)
        #expect(AgreementUnit.category(of: [-2, 0]) == -2, "the mean -1 was never coded")
        #expect(AgreementUnit.category(of: [2, -1, -1, 2]) == -1)
        #expect(AgreementUnit.category(of: [-1, 2, -1]) == -1)
        #expect(AgreementUnit.category(of: []) == nil)
        #expect(AgreementUnit.isSplit([-1, -2]) && AgreementUnit.isSplit([2, -1, -1, 2]))
        #expect(!AgreementUnit.isSplit([-1, -1]) && !AgreementUnit.isSplit([-1, 2, -1]) && !AgreementUnit.isSplit([0]))

        let r = try Self.report(["alice", "bob"], [[[-2, -1], [0, -2], [-1, 2, -1], [2, -1, -1, 2]], [[-1], [-1], [-1], []]])
        #expect(r.units.map { $0.stances[0] } == [-1.5, -1, -1, 0.5])
        #expect(r.units.map { $0.categories[0] } == [-2, -2, -1, -1])
        #expect(r.units.map { $0.codings[0] } == [[-2, -1], [-2, 0], [-1, -1, 2], [-1, -1, 2, 2]])
        #expect(r.units.map(\.analyst) == ["u00", "u01", "u02", "u03"])
        #expect(r.overall.splitReadings == 3)
        #expect(r.units[3].categories[1] == nil && !r.units[3].isPairable)
        // The interval stance is the comparison's median: the same function, the same numbers.
        for u in r.units { #expect(u.stances[0] == Aggregation.median(u.codings[0])) }
    }

    @Test("a unit only one coder coded counts as a unit but is not pairable")
    func missingPositions() throws {
        let with = try Self.report(["a", "b"], [[[-2], [-1], [0], [1], [2], [2]], [[-2], [-1], [1], [1], [2], []]])
        let without = try Self.report(["a", "b"], [[[-2], [-1], [0], [1], [2]], [[-2], [-1], [1], [1], [2]]])
        let f = try #require(with.questions.first).figures, g = try #require(without.questions.first).figures
        #expect(f.units == 6 && g.units == 5)
        #expect(f.pairableUnits == 5 && f.pairableValues == 10)
        #expect(f.alpha == g.alpha, "the lone value changes nothing")
        #expect(f.kappa?.itemsSkipped == 1 && f.kappa?.unweighted == g.kappa?.unweighted)
        #expect(with.coders.map(\.units) == [6, 5])
    }

    @Test("three coders: alpha over the three rows, no kappa and no confusion table")
    func threeCoders() throws {
        let values: [[[Int]]] = [
            [[-2], [-1], [0], [1], [2], [1], []],
            [[-2], [-1], [1], [1], [], [2], [0]],
            [[-1], [-1], [0], [], [2], [1], [0]],
        ]
        let r = try Self.report(["a", "b", "c"], values)
        let f = try #require(r.questions.first).figures
        #expect(f.kappa == nil && r.overall.kappa == nil)
        let rows: [[Double?]] = values.map { coder in coder.map { AgreementUnit.category(of: $0).map(Double.init) } }
        for (level, c) in [(MeasurementLevel.nominal, f.alpha.nominal), (.ordinal, f.alpha.ordinal), (.interval, f.alpha.interval)] {
            let direct = try KrippendorffAlpha.compute(rows, level: level)
            #expect(Self.close(c.value, direct.alpha), "\(level)")
            #expect(f.pairableValues == direct.pairableValues)
        }
        #expect(f.pairableUnits == 7 && f.pairableValues == 18)
        let json = try Self.json(r)
        #expect(json.contains(#""kappa":null"#))
    }

    // MARK: thresholds

    @Test("fewer than two pairable units: too little data, no number")
    func tooLittleData() throws {
        for values in [[[[1], [2]], [[0], []]], [[[1]], [[]]], [[[]], [[]]]] as [[[[Int]]]] {
            let r = try Self.report(["a", "b"], values)
            let f = try #require(r.questions.first).figures
            #expect(f.sample == .tooLittleData)
            for c in [f.alpha.nominal, f.alpha.ordinal, f.alpha.interval, f.kappa!.unweighted, f.kappa!.quadratic] {
                #expect(c.value == nil && c.status == .tooLittleData)
            }
        }
        // Other questions were never coded at all.
        let r = try Self.report(["a", "b"], [[[1], [2]], [[1], [1]]])
        #expect(r.questions.map { $0.figures.units } == [2, 0, 0])
        #expect(r.questions[1].figures.alpha.interval.status == .tooLittleData)
    }

    @Test("everyone used one value: undefined, not a number")
    func undefined() throws {
        let r = try Self.report(["a", "b"], [Array(repeating: [-1], count: 6), Array(repeating: [-1], count: 6)])
        let f = try #require(r.questions.first).figures
        for c in [f.alpha.nominal, f.alpha.ordinal, f.alpha.interval, f.kappa!.unweighted, f.kappa!.linear] {
            #expect(c.value == nil && c.status == .undefined)
        }
        // Medians can differ where categories cannot: -1.5 and -2 both fall to -2.
        let half = try Self.report(["a", "b"], [[[-2], [-2, -1], [-2]], [[-2, -1], [-2], [-2]]])
        let g = try #require(half.questions.first).figures
        #expect(g.alpha.nominal.status == .undefined && g.kappa?.unweighted.status == .undefined)
        #expect(g.alpha.interval.value != nil)
    }

    @Test("under 10 pairable values the number is given and flagged; from 10 on it is ok")
    func smallSample() throws {
        let four = try Self.report(["a", "b"], [[[-2], [-1], [0], [2]], [[-2], [0], [0], [2]]])
        #expect(four.questions[0].figures.sample == .smallSample)
        #expect(four.questions[0].figures.alpha.ordinal.status == .smallSample)
        #expect(four.questions[0].figures.alpha.ordinal.value != nil)
        let five = try Self.report(["a", "b"], [[[-2], [-1], [0], [2], [1]], [[-2], [0], [0], [2], [1]]])
        #expect(five.questions[0].figures.pairableValues == 10)
        #expect(five.questions[0].figures.alpha.ordinal.status == .ok)
        #expect(five.questions[0].figures.kappa?.unweighted.status == .ok)
    }

    // MARK: the shipped baseline

    @Test("the baseline against itself: alpha 1 and kappa 1, a diagonal confusion table")
    func baselineAgainstItself() throws {
        let base = Fixtures.baselineCodings
        let copy = base.map { Coding(set: "copy", annotation: $0.annotation) }
        let r = try AgreementReport(codebook: Fixtures.codebook, coders: ["baseline", "copy"], codings: base + copy)
        let f = r.overall
        #expect(f.units == 35 && f.pairableUnits == 35 && f.pairableValues == 70)
        for c in [f.alpha.nominal, f.alpha.ordinal, f.alpha.interval] { #expect(c.value == 1 && c.status == .ok) }
        let k = try #require(f.kappa)
        for w in KappaWeighting.allCases { #expect(k[w].value == 1) }
        for (i, row) in k.confusion.counts.enumerated() {
            for (j, n) in row.enumerated() where i != j { #expect(n == 0) }
        }
        #expect(k.confusion.counts.enumerated().map { $1[$0] }.reduce(0, +) == 35)
        for q in r.questions {
            for c in [q.figures.alpha.nominal, q.figures.alpha.interval, q.figures.kappa!.unweighted] {
                #expect(c.value == nil || c.value == 1, "\(q.question.id)")
            }
        }
        #expect(r.coders.map(\.codings) == [63, 63] && r.leftOut.isEmpty && r.sharedScale)
        #expect(r.overallLabels == nil, "the default questions label their points differently")
    }

    @Test("the baseline against a derived coder: dropped units are unpaired, shifted stances lower agreement")
    func baselineAgainstDerived() throws {
        let base = Fixtures.baselineCodings
        let derived = Fixtures.derivedCoder(from: base)
        let r = try AgreementReport(codebook: Fixtures.codebook, coders: ["baseline", "derived"], codings: base + derived)
        let dropped = Fixtures.droppedUnits(from: base)
        #expect(dropped.count == 5)
        #expect(r.overall.units == 35 && r.overall.pairableUnits == 30 && r.overall.kappa?.itemsSkipped == 5)
        for (q, a) in dropped {
            let unit = try #require(r.units.first { $0.question == q && $0.analyst == a })
            #expect(unit.codings[1].isEmpty && !unit.isPairable)
        }
        let f = r.overall
        for c in [f.alpha.nominal, f.alpha.ordinal, f.alpha.interval] {
            let v = try #require(c.value)
            #expect(v < 1 && v > 0.3, "a few one-point shifts: high but imperfect agreement")
        }
        // Ordinal and interval credit near misses, nominal does not.
        #expect(f.alpha.interval.value! > f.alpha.nominal.value!)
        #expect(f.kappa!.quadratic.value! > f.kappa!.unweighted.value!)
    }

    // MARK: scope, errors, what is left out

    @Test("question: restricts the report to one question, with its labels")
    func oneQuestion() throws {
        let codings = Self.codings(["a", "b"], [[[1], [2]], [[1], [2]]], question: "q2")
        let r = try AgreementReport(codebook: Small.codebook, coders: ["a", "b"], codings: codings, question: "Q2")
        #expect(r.question == "q2" && r.questions.map(\.question.id) == ["q2"])
        #expect(r.overall == r.questions[0].figures)
        #expect(r.overallLabels == ["no", "unlikely", "uncertain", "plausible", "likely"])
        #expect(throws: ParallaxError.self) {
            try AgreementReport(codebook: Small.codebook, coders: ["a", "b"], codings: codings, question: "q9")
        }
    }

    @Test("two coders at least, each once")
    func errors() {
        for coders in [["a"], [], ["a", "b", "a"]] {
            let error = #expect(throws: ParallaxError.self) {
                try AgreementReport(codebook: Small.codebook, coders: coders, codings: [])
            }
            #expect(error?.kind == .usage, "\(coders)")
        }
    }

    @Test("codings on unknown questions or off the scale are counted and left out; other sets are ignored")
    func leftOut() throws {
        var codings = Self.codings(["a", "b"], [[[1], [2]], [[1], [2]]])
        codings.append(Small.coding("a", "u00", "nope", 1, id: "x1"))
        codings.append(Small.coding("b", "u01", "q1", 7, id: "x2"))
        codings.append(Small.coding("zed", "u01", "q1", 2, id: "x3"))
        let r = try AgreementReport(codebook: Small.codebook, coders: ["a", "b"], codings: codings)
        #expect(r.leftOut == .init(unknownQuestion: 1, offScale: 1))
        #expect(r.units.count == 2 && r.units.allSatisfy { $0.question == "q1" })
        #expect(r.coders.map(\.codings) == [2, 2])
    }

    @Test("questions on different scales pool over the union of their points, flagged")
    func mixedScales() throws {
        let four = Question(id: "q4", text: "Four?", scale: (1...4).map { .init(value: $0, label: "p\($0)") })
        let codebook = Codebook(questions: [Small.question("q1"), four])
        let codings = Self.codings(["a", "b"], [[[1]], [[2]]]) + Self.codings(["a", "b"], [[[4]], [[3]]], question: "q4")
        let r = try AgreementReport(codebook: codebook, coders: ["a", "b"], codings: codings)
        #expect(!r.sharedScale && r.overallLabels == nil)
        #expect(r.overallScale == [-2, -1, 0, 1, 2, 3, 4])
        #expect(r.questions[1].figures.kappa?.confusion.categories == [1, 2, 3, 4])
    }

    // MARK: JSON

    static func json(_ r: AgreementReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(r), as: UTF8.self)
    }

    @Test("the report round-trips through JSON; missing numbers are null, never left out")
    func codable() throws {
        let r = try Self.report(["a", "b"], [[[-2], [-1, 0], [1]], [[-2], [0], []]])
        let (json, back) = try Small.roundTrip(r)
        #expect(back == r)
        #expect(json.contains(#""question":null"#))
        #expect(json.contains(#""status":"tooLittleData","value":null"#))
        #expect(json.contains(#""overallLabels":["no","unlikely","uncertain","plausible","likely"]"#))
        #expect(json.contains(#""stances":[-2,-2]"#) && json.contains(#""stances":[1,null]"#))
    }
}
