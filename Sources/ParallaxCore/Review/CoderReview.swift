/// Where two coders differ, unit by unit (an analyst on a question), for a review meeting:
/// each coder's stance with their passages, quotes and notes side by side, sharpest
/// disagreement first; and the passages one coder marked for a question and the other did not.
/// With a consensus set, each unit says whether the consensus has settled it.
///
/// Built from the same pieces as `agree` and `setdiff`: a coder's stance on a unit is
/// ``Aggregation/median(_:)`` of their codings (as ``AgreementUnit`` and `compare` take it),
/// and passages are paired across the coders as `setdiff` pairs an annotation coded again
/// (same document and question, spans overlapping, largest overlap first).
public struct CoderReview: Codable, Equatable, Sendable {
    /// How two coders differ on a unit.
    public enum Kind: String, Codable, Sendable {
        /// Both coded the unit, with different stances.
        case stance
        /// Only the first coder coded the unit.
        case onlyFirst = "only-first"
        /// Only the second coder coded the unit.
        case onlySecond = "only-second"
        /// Same stance, but passages one marked and the other did not.
        case passages
    }

    /// One coding of a passage, as a review shows it.
    public struct Reading: Codable, Equatable, Sendable {
        /// Annotation id.
        public var id: String
        /// Stance.
        public var stance: Int
        /// Tags.
        public var tags: [String]
        /// Note.
        public var note: String

        init(_ a: Annotation) { id = a.id; stance = a.stance; tags = a.tags; note = a.note }
    }

    /// One passage: the span, and each coder's reading of it (`nil` where the coder did not
    /// mark it); for a pair, the first coder's span.
    public struct Passage: Codable, Equatable, Sendable {
        /// Document id.
        public var doc: String
        /// Paragraph number, when known.
        public var paragraph: Int?
        /// Span start and end (Unicode scalars).
        public var start: Int, end: Int
        /// The quoted text.
        public var exact: String
        /// The first coder's reading.
        public var first: Reading?
        /// The second coder's reading.
        public var second: Reading?
        /// The consensus's reading of an overlapping span, when there is a consensus set.
        public var consensus: Reading?
    }

    /// One unit where the coders differ.
    public struct Unit: Codable, Equatable, Sendable {
        /// Question id.
        public var question: String
        /// Analyst id.
        public var analyst: String
        /// How they differ.
        public var kind: Kind
        /// The first coder's stance (median of their codings), `nil` if not coded.
        public var first: Double?
        /// The second coder's stance.
        public var second: Double?
        /// Points between the two stances (0 when one coder did not code the unit).
        public var distance: Double
        /// The consensus's stance on the unit, when there is a consensus set and it codes it.
        public var consensus: Double?
        /// Whether the consensus set codes the unit and every passage marked by only one
        /// coder is settled there (kept by an overlapping consensus passage).
        public var settled: Bool
        /// The passages: pairs first, then those only one coder marked, in text order.
        public var passages: [Passage]
    }

    /// The two coders' set names.
    public var firstSet: String, secondSet: String
    /// The consensus set, if any.
    public var consensusSet: String?
    /// The question reviewed, or `nil` for all.
    public var question: String?
    /// Units where the coders differ, sharpest first.
    public var units: [Unit]
    /// Units both coded the same way, with the same passages.
    public var agreed: Int

    /// Units the consensus has settled.
    public var settledCount: Int { units.filter(\.settled).count }

    /// Reviews two coders' annotations.
    /// - Parameters:
    ///   - first: The first coder's set name and annotations (placed ones).
    ///   - second: The second coder's.
    ///   - consensus: A consensus set's name and annotations, to tell what is settled.
    ///   - question: Only this question (default: all).
    ///   - corpus: For paragraph numbers.
    /// - Complexity: O(n log n) in the number of annotations.
    public init(first: (name: String, annotations: [Annotation]), second: (name: String, annotations: [Annotation]),
                consensus: (name: String, annotations: [Annotation])? = nil, question: String? = nil, corpus: Corpus) {
        firstSet = first.name
        secondSet = second.name
        consensusSet = consensus?.name
        self.question = question
        func kept(_ list: [Annotation]) -> [Annotation] { question.map { q in list.filter { $0.question == q } } ?? list }
        let a = kept(first.annotations), b = kept(second.annotations), c = kept(consensus?.annotations ?? [])

        struct Key: Hashable, Comparable {
            var question: String, analyst: String
            static func < (l: Key, r: Key) -> Bool { (l.question, l.analyst) < (r.question, r.analyst) }
        }
        func key(_ x: Annotation) -> Key { Key(question: x.question, analyst: x.analyst) }
        let byA = Dictionary(grouping: a, by: key), byB = Dictionary(grouping: b, by: key), byC = Dictionary(grouping: c, by: key)

        // Passages: pairs by overlap (as setdiff pairs a re-coded annotation), then singles.
        let pairs = SetDiff.pairByOverlap(removed: a, added: b)
        let pairedA = Set(pairs.map(\.0.id)), pairedB = Set(pairs.map(\.1.id))
        func paragraph(_ x: Annotation) -> Int? { corpus.document(x.target.doc)?.paragraph(containing: x.target.start)?.number }
        func passage(_ x: Annotation, first f: Annotation?, second s: Annotation?) -> Passage {
            Passage(doc: x.target.doc, paragraph: paragraph(x), start: x.target.start, end: x.target.end, exact: x.target.exact,
                    first: f.map(Reading.init), second: s.map(Reading.init), consensus: nil)
        }
        var passages: [Key: [Passage]] = [:]
        for (x, y) in pairs { passages[key(x), default: []].append(passage(x, first: x, second: y)) }
        for x in a where !pairedA.contains(x.id) { passages[key(x), default: []].append(passage(x, first: x, second: nil)) }
        for y in b where !pairedB.contains(y.id) { passages[key(y), default: []].append(passage(y, first: nil, second: y)) }

        // The consensus's reading of each passage: its annotation on the same question and
        // document whose span overlaps most.
        let consensusByDoc = Dictionary(grouping: c) { "\($0.question)\u{0}\($0.target.doc)" }
        func consensusReading(_ p: Passage, question: String) -> Reading? {
            let candidates = consensusByDoc["\(question)\u{0}\(p.doc)"] ?? []
            let best = candidates.map { ($0, min($0.target.end, p.end) - max($0.target.start, p.start)) }
                .filter { $0.1 > 0 }.max { ($0.1, $1.0.id) < ($1.1, $0.0.id) }
            return best.map { Reading($0.0) }
        }

        var units: [Unit] = []
        var agreed = 0
        for k in Set(byA.keys).union(byB.keys).sorted() {
            let sa = byA[k].flatMap { Aggregation.median($0.map(\.stance)) }
            let sb = byB[k].flatMap { Aggregation.median($0.map(\.stance)) }
            var list = (passages[k] ?? []).sorted { ($0.doc, $0.start, $0.end) < ($1.doc, $1.start, $1.end) }
            let single = list.contains { $0.first == nil || $0.second == nil }
            let kind: Kind
            switch (sa, sb) {
            case (let x?, let y?) where x != y: kind = .stance
            case (_?, nil): kind = .onlyFirst
            case (nil, _?): kind = .onlySecond
            default:
                guard single else { agreed += 1; continue }
                kind = .passages
            }
            let sc = byC[k].flatMap { Aggregation.median($0.map(\.stance)) }
            if consensus != nil {
                for i in list.indices { list[i].consensus = consensusReading(list[i], question: k.question) }
            }
            let singlesSettled = list.allSatisfy { ($0.first != nil && $0.second != nil) || $0.consensus != nil }
            let settled = consensus != nil && sc != nil && singlesSettled
            let distance = (sa != nil && sb != nil) ? abs(sa! - sb!) : 0
            // Pairs before single passages, each in text order.
            list.sort { (($0.first == nil || $0.second == nil) ? 1 : 0, $0.doc, $0.start) < (($1.first == nil || $1.second == nil) ? 1 : 0, $1.doc, $1.start) }
            units.append(Unit(question: k.question, analyst: k.analyst, kind: kind, first: sa, second: sb, distance: distance,
                              consensus: sc, settled: settled, passages: list))
        }
        // Sharpest first: the widest stance gap, then a unit only one coder coded, then
        // passages alone; ties by question and analyst.
        func rank(_ u: Unit) -> Int { u.kind == .stance ? 0 : u.kind == .passages ? 2 : 1 }
        units.sort { (rank($0), -$0.distance, $0.question, $0.analyst) < (rank($1), -$1.distance, $1.question, $1.analyst) }
        self.units = units
        self.agreed = agreed
    }
}
