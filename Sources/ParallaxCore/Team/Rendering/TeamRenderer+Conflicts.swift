extension TeamRenderer {
    /// Renders a set's unresolved merge conflicts, annotation by annotation: where it is, then
    /// each conflicting field with its base, ours and theirs values (stacked when they do not
    /// fit on one line), or what each side did when one deleted it or both added it.
    ///
    /// ```
    /// set alice: 1 merge conflict; the set holds ours until it is resolved
    ///
    ///   01M84H2C7JHFV149YZQQ9J7GNX  war-ends-soon · stent · brookings ¶8
    ///       stance     base -2 · ours -1 · theirs +1
    ///
    /// resolve ID ours|theirs|base settles one (field:F for one field); resolve --all SIDE settles all.
    /// ```
    /// - Parameters:
    ///   - conflicts: The conflicts, as ``ConflictFile`` keeps them.
    ///   - set: The set's name.
    ///   - current: The annotation as the set now holds it, by id (for where it is).
    ///   - out: Where the text goes.
    public func render(_ conflicts: [MergeConflict], set: String, current: (String) -> Annotation?,
                       to out: inout some TextOutputStream) {
        if conflicts.isEmpty {
            out.write("set \(set) has no merge conflicts\n")
            return
        }
        let n = conflicts.count
        write("set \(set): \(n) merge conflict\(n == 1 ? "" : "s"); the set holds ours until \(n == 1 ? "it is" : "each is") resolved",
              indent: 0, hanging: 2, paint: .bold, to: &out)
        var ids: [String] = []
        for c in conflicts where !ids.contains(c.id) { ids.append(c.id) }
        for id in ids {
            let group = conflicts.filter { $0.id == id }
            let anchor = current(id) ?? group.lazy.compactMap { $0.ours.annotation ?? $0.theirs.annotation ?? $0.base.annotation }.first
            out.write("\n")
            heading(id, anchor.map { [$0.question, $0.analyst, place($0.target.doc, $0.target.start, $0.target.end)] } ?? [], to: &out)
            // Stances read on the question, unless the question itself is in conflict.
            let question = group.contains { $0.field == .question } ? nil : anchor?.question
            for c in group { renderConflict(c, question: question, to: &out) }
        }
        out.write("\n")
        write("resolve ID ours|theirs|base settles one (field:F for one field); resolve --all SIDE settles all.",
              indent: 0, hanging: 2, paint: .dim, to: &out)
    }

    private func renderConflict(_ c: MergeConflict, question: String?, to out: inout some TextOutputStream) {
        func text(_ v: FieldValue) -> String {
            if case .integer(let s) = v, c.field == .stance, let question { return stance(s, of: question) }
            return v.summary
        }
        switch c.kind {
        case .edited:
            let label = c.field?.rawValue ?? "annotation"
            let sides = MergeSide.allCases.map { ($0.rawValue, text(c.value($0))) }
            let oneLine = sides.map { $0.0 + " " + $0.1 }.joined(separator: " · ")
            if TextLayout.columns(oneLine) <= columns - 17 {
                labelled(label, oneLine, indent: 6, to: &out)
            } else {
                for (k, side) in sides.enumerated() {
                    labelled(k == 0 ? label : "", TextLayout.pad(side.0, 7) + side.1, indent: 6, to: &out)
                }
            }
        case .deletedByOurs:
            labelled("annotation", "deleted on ours, edited on theirs: " + changes(from: c.base.annotation, to: c.theirs.annotation), indent: 6, to: &out)
        case .deletedByTheirs:
            labelled("annotation", "edited on ours (" + changes(from: c.base.annotation, to: c.ours.annotation) + "), deleted on theirs", indent: 6, to: &out)
        case .addedBoth:
            labelled("annotation", "added on both sides, differently: " + changes(from: c.ours.annotation, to: c.theirs.annotation), indent: 6, to: &out)
        }
    }

    /// The changed fields between two versions in a few words: `stance -1 → -2 · note`.
    private func changes(from a: Annotation?, to b: Annotation?) -> String {
        guard let a, let b else { return "" }
        let list = SetDiff.FieldChange.between(a, b).map { c -> String in
            switch c.field {
            case .stance, .question, .analyst, .confidence: return c.field.rawValue + " " + c.old.summary + " → " + c.new.summary
            default: return c.field.rawValue
            }
        }
        return list.isEmpty ? "no field changed" : list.joined(separator: " · ")
    }
}
