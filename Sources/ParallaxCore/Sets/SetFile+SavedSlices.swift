import Dispatch

extension SetFile {
    /// The slices that parsing a set's canonical file would give (``parseSlices(_:check:)``
    /// with the same `check`), made from the set in memory: its annotations in `order` (as
    /// ``sortedByID(_:)`` gives them, and as the store's save writes them), one a line, then
    /// its records. A save hands them to the set's snapshot, so the next process loads the
    /// file it wrote without parsing it.
    ///
    /// `nil` when the set has damaged lines: saved verbatim, they read back as whatever they
    /// are, so the next load parses the file instead.
    /// - Complexity: O(*n*) `check`s, side by side on every core.
    package static func savedSlices(of set: AnnotationSet, order: [Dictionary<String, Annotation>.Index],
                                    check: @Sendable (Annotation) -> AnnotationValidator.Verdict) -> [Slice]? {
        guard set.damaged.isEmpty else { return nil }
        let byID = set.byID
        let parts = max(1, min(Cores.available, order.count / encodeBatch))
        let per = (order.count + parts - 1) / parts
        var slices = [Slice](repeating: Slice(), count: parts)
        slices.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let out = out
            DispatchQueue.concurrentPerform(iterations: parts) { k in
                let lines = min(order.count, k * per)..<min(order.count, (k + 1) * per)
                var s = Slice()
                s.lines.reserveCapacity(lines.count)
                s.verdicts.reserveCapacity(lines.count)
                for i in lines {
                    let a = byID.values[order[i]]
                    s.lines.append(Line(number: i + 1, annotation: a))
                    s.verdicts.append(check(a))
                }
                s.count = lines.count
                out[k] = s
            }
        }
        for (j, r) in set.records.enumerated() {
            slices[parts - 1].records.append(RecordLine(number: order.count + j + 1, record: r))
        }
        slices[parts - 1].count += set.records.count
        return slices
    }
}
