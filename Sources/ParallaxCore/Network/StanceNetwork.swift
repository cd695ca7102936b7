/// Positions as a network: analysts and questions as nodes; an edge from an analyst to each
/// question they take a position on, and an edge between two analysts for every pair who
/// take positions on at least one common question. What `export graphml` writes and
/// `coalitions` clusters.
///
/// **Analyst–question edges.** `stance` is the analyst's position, the median `compare`
/// shows (``Comparer/position(of:on:sets:)``); `codings` how many codings it rests on.
///
/// **Analyst–analyst edges.** Over the `shared` questions both take a position on:
/// `agreement` is the mean of 1 − |a − b| / (scale max − scale min), so 1 is the same stance
/// everywhere and 0 opposite ends of every scale; `conflict` counts the shared questions on
/// opposite sides of 0 (one below, one above). A question whose scale has a single point
/// contributes 1. Agreement over one or two shared questions says little; `shared` travels
/// with it so that readers (and Gephi filters) can tell.
public struct StanceNetwork: Codable, Equatable, Sendable {
    /// An analyst node.
    public struct Analyst: Codable, Equatable, Sendable {
        /// Analyst id.
        public var id: String
        /// Display name.
        public var name: String
        /// Affiliation as the manifest gives it (empty when unknown).
        public var affiliation: String
    }

    /// A question node.
    public struct QuestionNode: Codable, Equatable, Sendable {
        /// Question id.
        public var id: String
        /// The question's text.
        public var text: String
        /// The lowest and highest points of its scale.
        public var scaleMin: Int, scaleMax: Int
    }

    /// An analyst's position on a question.
    public struct Stance: Codable, Equatable, Sendable {
        /// Analyst id.
        public var analyst: String
        /// Question id.
        public var question: String
        /// The median of the analyst's codings (as `compare`).
        public var stance: Double
        /// What the stance means on the scale.
        public var label: String?
        /// How many codings it rests on.
        public var codings: Int
    }

    /// Two analysts' agreement over the questions both take a position on.
    public struct Agreement: Codable, Equatable, Sendable {
        /// The analyst listed first (in node order).
        public var first: String
        /// The other analyst.
        public var second: String
        /// Questions both take a position on.
        public var shared: Int
        /// Mean of 1 − |a − b| / (scale max − scale min) over the shared questions, 0…1.
        public var agreement: Double
        /// Shared questions on which they are on opposite sides of 0.
        public var conflict: Int
    }

    /// Analysts: those compared by default (manifest order), then other voices with a
    /// position, as `matrix` lists them.
    public var analysts: [Analyst]
    /// Every question of the codebook, in its order.
    public var questions: [QuestionNode]
    /// Every position, by question then analyst order.
    public var stances: [Stance]
    /// Every pair with a shared question, in node order.
    public var agreements: [Agreement]

    /// Works out the network from a comparer.
    /// - Parameters:
    ///   - comparer: Positions are its medians.
    ///   - sets: Only codings from these sets; `nil` for all.
    /// - Complexity: O(*n* log *n* + *a*² · *q*) for *n* codings, *a* analysts, *q* questions.
    public init(comparer: Comparer, sets: Set<String>? = nil) {
        let matrix = comparer.matrix(sets: sets)
        let directory = comparer.corpus.analysts
        analysts = matrix.analysts.map { a in
            Analyst(id: a.id, name: a.name, affiliation: directory.analyst(id: a.id)?.affiliation ?? "")
        }
        let questions = comparer.codebook.questions
        self.questions = questions.map { q in
            QuestionNode(id: q.id, text: q.text, scaleMin: q.values.min() ?? 0, scaleMax: q.values.max() ?? 0)
        }
        var stances: [Stance] = []
        // table[q][a]: stance of analyst a on question q.
        var table: [[Double?]] = []
        for (q, row) in zip(questions, matrix.rows) {
            table.append(row.stances)
            for (k, value) in row.stances.enumerated() {
                guard let value else { continue }
                let p = comparer.position(of: matrix.analysts[k].id, on: q, sets: sets)
                stances.append(Stance(analyst: matrix.analysts[k].id, question: q.id, stance: value,
                                      label: Aggregation.label(of: value, on: q), codings: p.codings.count))
            }
        }
        self.stances = stances
        var agreements: [Agreement] = []
        for i in analysts.indices {
            for j in analysts.indices where j > i {
                var shared = 0, sum = 0.0, conflict = 0
                for (k, node) in self.questions.enumerated() {
                    guard let a = table[k][i], let b = table[k][j] else { continue }
                    shared += 1
                    let range = Double(node.scaleMax - node.scaleMin)
                    sum += range > 0 ? 1 - abs(a - b) / range : 1
                    if (a < 0 && b > 0) || (a > 0 && b < 0) { conflict += 1 }
                }
                guard shared > 0 else { continue }
                agreements.append(Agreement(first: analysts[i].id, second: analysts[j].id, shared: shared,
                                            agreement: sum / Double(shared), conflict: conflict))
            }
        }
        self.agreements = agreements
    }

    /// The agreement between two analysts, in either order; `nil` without a shared question.
    public func agreement(_ a: String, _ b: String) -> Agreement? {
        agreements.first { ($0.first == a && $0.second == b) || ($0.first == b && $0.second == a) }
    }
}
