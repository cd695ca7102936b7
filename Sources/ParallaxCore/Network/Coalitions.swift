/// Groups of analysts who agree: average-linkage agglomerative clustering on the pairwise
/// agreement of a ``StanceNetwork``, stopped at a threshold, with the questions that divide
/// each pair of groups.
///
/// **How.** Every analyst with at least one position starts as a group of one. The two
/// groups with the highest *average linkage* — the mean agreement over every pair of members,
/// one from each group, who share a question (pairs who share none do not count) — are
/// merged, again and again, while that mean is at least ``threshold``. Ties go to the pair
/// that comes first in node order. Groups with no pair sharing a question are never merged.
///
/// **What divides two groups.** For each question on which both groups have a position, each
/// group's stance is the median of its members' positions (``Aggregation``); the gap between
/// them, as a share of the scale (0…1), ranks the questions, largest first.
///
/// **Limits.** With few questions, agreement rests on one or two values per pair, and a single
/// question can make or break a coalition; ``minimumShared`` says on how little the weakest
/// link within a group stands. Average linkage lets a group hold members who disagree as long
/// as they agree with the rest on average; it says nothing about why analysts agree.
public struct Coalitions: Codable, Equatable, Sendable {
    /// One coalition.
    public struct Group: Codable, Equatable, Sendable {
        /// Member analyst ids, in node order.
        public var members: [String]
        /// Their display names.
        public var names: [String]
        /// Mean agreement over member pairs who share a question; `nil` for one member.
        public var cohesion: Double?
        /// The fewest questions any two members who share one share; `nil` for one member.
        public var minimumShared: Int?
    }

    /// One merge of the clustering, in order.
    public struct Merge: Codable, Equatable, Sendable {
        /// The members of the two groups merged.
        public var left: [String], right: [String]
        /// Their average-linkage agreement.
        public var agreement: Double
    }

    /// A question that divides two groups.
    public struct Division: Codable, Equatable, Sendable {
        /// Question id.
        public var question: String
        /// The first group's stance (median of its members' positions).
        public var first: Double
        /// The second group's stance.
        public var second: Double
        /// |first − second| / (scale max − scale min).
        public var gap: Double
        /// Whether the two stances are on opposite sides of 0.
        public var opposite: Bool
    }

    /// Two groups and the questions that divide them most.
    public struct Pair: Codable, Equatable, Sendable {
        /// Indices into ``groups``.
        public var first: Int, second: Int
        /// Average-linkage agreement between the groups; `nil` when no members share a question.
        public var agreement: Double?
        /// Questions with a gap above 0, largest first (at most ``divisionsShown``).
        public var divisions: [Division]
    }

    /// The linkage used (always `average`), for readers of the JSON.
    public var linkage: String
    /// The agreement two groups need to merge.
    public var threshold: Double
    /// The groups, largest first, then in node order.
    public var groups: [Group]
    /// The merges made, in order.
    public var merges: [Merge]
    /// Every pair of groups.
    public var pairs: [Pair]
    /// Questions with at least one position.
    public var questionsCoded: Int

    /// How many dividing questions a pair lists.
    public static let divisionsShown = 3
    /// The default threshold: on a five-point scale, a mean distance of one point.
    public static let defaultThreshold = 0.75

    /// Clusters the analysts of a network.
    /// - Parameters:
    ///   - network: Positions and pairwise agreement.
    ///   - codebook: Scales, for the gaps between groups.
    ///   - threshold: Merge while the best average linkage is at least this (0…1).
    /// - Complexity: O(*a*³) for *a* analysts.
    public init(network: StanceNetwork, codebook: Codebook, threshold: Double = Coalitions.defaultThreshold) {
        self.linkage = "average"
        self.threshold = threshold
        let withPosition = Set(network.stances.map(\.analyst))
        let ids = network.analysts.map(\.id).filter(withPosition.contains)
        let names = Dictionary(network.analysts.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var agreement: [String: StanceNetwork.Agreement] = [:]
        for e in network.agreements { agreement[e.first + "\u{0}" + e.second] = e; agreement[e.second + "\u{0}" + e.first] = e }
        func pairs(_ a: [String], _ b: [String]) -> [StanceNetwork.Agreement] {
            a.flatMap { x in b.compactMap { y in agreement[x + "\u{0}" + y] } }
        }
        func linkage(_ a: [String], _ b: [String]) -> Double? {
            let p = pairs(a, b)
            return p.isEmpty ? nil : p.map(\.agreement).reduce(0, +) / Double(p.count)
        }

        var clusters = ids.map { [$0] }
        var merges: [Merge] = []
        while clusters.count > 1 {
            var best: (i: Int, j: Int, value: Double)?
            for i in clusters.indices {
                for j in clusters.indices where j > i {
                    guard let v = linkage(clusters[i], clusters[j]) else { continue }
                    if best == nil || v > best!.value { best = (i, j, v) }
                }
            }
            guard let b = best, b.value >= threshold else { break }
            merges.append(Merge(left: clusters[b.i], right: clusters[b.j], agreement: b.value))
            let order = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
            clusters[b.i] = (clusters[b.i] + clusters[b.j]).sorted { order[$0]! < order[$1]! }
            clusters.remove(at: b.j)
        }
        let position = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        clusters.sort { $0.count != $1.count ? $0.count > $1.count : position[$0[0]]! < position[$1[0]]! }
        self.merges = merges
        self.groups = clusters.map { members in
            var inner: [StanceNetwork.Agreement] = []
            for (k, a) in members.enumerated() { for b in members[(k + 1)...] { if let e = agreement[a + "\u{0}" + b] { inner.append(e) } } }
            return Group(members: members, names: members.map { names[$0] ?? $0 },
                         cohesion: inner.isEmpty ? nil : inner.map(\.agreement).reduce(0, +) / Double(inner.count),
                         minimumShared: inner.map(\.shared).min())
        }

        // What divides each pair of groups.
        var stance: [String: [String: Double]] = [:]
        for s in network.stances { stance[s.question, default: [:]][s.analyst] = s.stance }
        questionsCoded = stance.count
        var pairList: [Pair] = []
        for i in groups.indices {
            for j in groups.indices where j > i {
                var divisions: [Division] = []
                for q in codebook.questions {
                    guard let byAnalyst = stance[q.id],
                          let a = Aggregation.median(groups[i].members.compactMap { byAnalyst[$0] }),
                          let b = Aggregation.median(groups[j].members.compactMap { byAnalyst[$0] }) else { continue }
                    let range = Double((q.values.max() ?? 0) - (q.values.min() ?? 0))
                    let gap = range > 0 ? abs(a - b) / range : 0
                    guard gap > 0 else { continue }
                    divisions.append(Division(question: q.id, first: a, second: b, gap: gap, opposite: a * b < 0))
                }
                divisions = Array(divisions.enumerated().sorted { x, y in
                    x.element.gap != y.element.gap ? x.element.gap > y.element.gap : x.offset < y.offset
                }.map(\.element).prefix(Self.divisionsShown))
                pairList.append(Pair(first: i, second: j, agreement: linkage(groups[i].members, groups[j].members), divisions: divisions))
            }
        }
        self.pairs = pairList
    }
}
