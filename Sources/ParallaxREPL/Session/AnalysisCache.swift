import ParallaxCore
import ParallaxStore

/// What a session computes from its sets and keeps until one of them changes: each set's
/// id order and digests, placed codings and agreement tally, and the comparer over every set.
///
/// Keyed by ``AnnotationSet/revision`` (and the codebook's questions), so an add, edit,
/// delete, undo, import or reload is seen at once, and a command run again over unchanged
/// sets costs only its own work: `compare` over 100,000 annotations does not sort and copy
/// them again each time.
final class AnalysisCache {
    private var codingsBySet: [String: (revision: Int, codings: [Coding])] = [:]
    private var talliesBySet: [String: (revision: Int, tally: AgreementTally)] = [:]
    private var ordersBySet: [String: (revision: Int, order: [Dictionary<String, Annotation>.Index])] = [:]
    private var digestsBySet: [String: AnnotationDigests] = [:]
    private var joined: (key: [Int], codings: [Coding])?
    private var comparerEntry: (key: [Int], questions: [String], comparer: Comparer)?
    private var datedEntry: (key: [Int], questions: [String], filter: DateFilter, comparer: Comparer, left: (outOfRange: Int, undated: Int))?

    /// The placed codings of these sets, set by set, each in id order.
    func codings(of sets: [AnnotationSet]) -> [Coding] {
        if sets.count == 1 { return codings(of: sets[0]) }
        let key = sets.map(\.revision)
        if let j = joined, j.key == key { return j.codings }
        var out: [Coding] = []
        for set in sets { out.append(contentsOf: codings(of: set)) }
        joined = (key, out)
        return out
    }

    private func codings(of set: AnnotationSet) -> [Coding] {
        if let hit = codingsBySet[set.name], hit.revision == set.revision { return hit.codings }
        let made = Coding.placed(in: [set])
        codingsBySet[set.name] = (set.revision, made)
        return made
    }

    /// A comparer over these sets, built again only when a set or the codebook changed.
    func comparer(corpus: Corpus, codebook: Codebook, sets: [AnnotationSet]) -> Comparer {
        let key = sets.map(\.revision)
        let questions = codebook.questions.map(\.id)
        if let e = comparerEntry, e.key == key, e.questions == questions { return e.comparer }
        let made = Comparer(corpus: corpus, codebook: codebook, codings: codings(of: sets))
        comparerEntry = (key, questions, made)
        return made
    }

    /// A comparer over the codings of these sets on documents dated in a window, with how
    /// many codings the window left out; the unfiltered comparer when the window is open.
    /// Kept until a set, the codebook or the window changes, so a repeated `compare
    /// since:2024` costs only its own work.
    func comparer(corpus: Corpus, codebook: Codebook, sets: [AnnotationSet], dates: DateFilter)
        -> (comparer: Comparer, outOfRange: Int, undated: Int) {
        guard dates.isActive else { return (comparer(corpus: corpus, codebook: codebook, sets: sets), 0, 0) }
        let key = sets.map(\.revision)
        let questions = codebook.questions.map(\.id)
        if let e = datedEntry, e.key == key, e.questions == questions, e.filter == dates {
            return (e.comparer, e.left.outOfRange, e.left.undated)
        }
        let selection = DatedSelection(dates, codings: codings(of: sets), corpus: corpus)
        let made = Comparer(corpus: corpus, codebook: codebook, codings: selection.kept)
        datedEntry = (key, questions, dates, made, (selection.outOfRange, selection.undated))
        return (made, selection.outOfRange, selection.undated)
    }

    /// Positions in the set's dictionary of all its annotations in id order, sorted again
    /// only when the set changed (which also makes any index of its old dictionary stale).
    func idOrder(of set: AnnotationSet) -> [Dictionary<String, Annotation>.Index] {
        if let hit = ordersBySet[set.name], hit.revision == set.revision { return hit.order }
        let made = SetFile.sortedByID(set.byID)
        ordersBySet[set.name] = (set.revision, made)
        return made
    }

    /// A set's annotations in id order with their digests (what `setdiff` walks), made
    /// again only when the set changed.
    func digests(of set: AnnotationSet) -> AnnotationDigests {
        if let hit = digestsBySet[set.name], hit.revision == set.revision { return hit }
        let made = AnnotationDigests(set, order: idOrder(of: set))
        digestsBySet[set.name] = made
        return made
    }

    /// A set's placed codings grouped by question and analyst (what `agree` reads), made
    /// again only when the set changed.
    func tally(of set: AnnotationSet) -> AgreementTally {
        if let hit = talliesBySet[set.name], hit.revision == set.revision { return hit.tally }
        let made = AgreementTally(codings: codings(of: set), set: set.name)
        talliesBySet[set.name] = (set.revision, made)
        return made
    }
}
