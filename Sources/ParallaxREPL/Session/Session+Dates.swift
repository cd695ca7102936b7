import ParallaxCore
import ParallaxStore

extension Session {
    /// A comparer over every set's placed codings on documents dated in a window, and what
    /// the window left out (its `kept` is empty: the comparer holds the codings); kept until a set, the codebook or the window changes.
    /// - Parameter dates: The `since:`/`until:` window; open means every coding.
    public func comparer(dates: DateFilter) throws -> (comparer: Comparer, left: DatedSelection) {
        let r = analysis.comparer(corpus: corpus, codebook: store.codebook, sets: try allSets(), dates: dates)
        return (r.comparer, DatedSelection(filter: dates, kept: [], outOfRange: r.outOfRange, undated: r.undated))
    }

    /// The codings of these sets on documents dated in a window, and what it left out.
    public func codings(of sets: [AnnotationSet], dates: DateFilter) -> DatedSelection {
        DatedSelection(dates, codings: codings(of: sets), corpus: corpus)
    }
}
