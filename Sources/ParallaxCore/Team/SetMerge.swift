/// Three-way merge of an annotation set, annotation by annotation and field by field: the
/// merge git runs through `parallax merge-driver`.
///
/// For each id, against the base (the common ancestor):
/// - added, edited or deleted on one side only → that side's change;
/// - the same change on both sides → it, once (the later `modified`);
/// - edited on both sides → merged field by field: each field takes the side that changed it
///   (ours changed the stance, theirs the note → both); tags merge as a set (additions and
///   removals of both sides apply); a field changed differently on both sides is a conflict;
/// - deleted on one side and edited on the other → a conflict;
/// - added on both sides with different content → a conflict.
///
/// A stance is read on its question's scale, so question and stance go together: when the
/// two sides end with different questions and both touched the pair, the question is in
/// conflict (and the stance too when the two stances differ), and the merged set keeps our
/// pair, never our question with their stance.
///
/// The merged set keeps ours wherever there is a conflict (an annotation deleted on ours stays
/// deleted), so it is always a valid set; the conflicts are returned to be recorded beside it.
///
/// Damaged lines merge three-way as lines: a damaged line stays unless one side removed it
/// (mended it, or deleted it) since the base, and a damaged line either side added is kept,
/// once. The merge is structural: nothing is checked against a corpus or codebook.
public enum SetMerge {
    /// Merges two versions of a set that descend from a common base.
    /// - Parameters:
    ///   - base: The common ancestor (empty when the file was added on both sides).
    ///   - ours: The current version; it wins where there is a conflict.
    ///   - theirs: The version merged in.
    /// - Returns: The merged set and its conflicts, in id order.
    /// - Complexity: O(*n* log *n*) for *n* annotations in the three versions.
    public static func merge(base: SetContents, ours: SetContents, theirs: SetContents) -> MergeResult {
        // A question renamed on either side is renamed in all three versions first, so a
        // coding made under the old id on the other side meets its renamed self.
        var renames: [QuestionRename] = []
        for r in ours.renames + theirs.renames + base.renames where !renames.contains(r) { renames.append(r) }
        let base = base.renamed(through: renames), ours = ours.renamed(through: renames), theirs = theirs.renamed(through: renames)
        var result = mergeAnnotations(base: base, ours: ours, theirs: theirs)
        result.renames = renames
        (result.memos, result.memoConflicts) = mergeMemos(base: base.memos, ours: ours.memos, theirs: theirs.memos)
        return result
    }

    /// Memos three-way by id: one side's change wins; a memo edited on one side and deleted
    /// on the other stays (edited); two different edits keep ours and theirs beside it.
    static func mergeMemos(base: [Memo], ours: [Memo], theirs: [Memo]) -> (memos: [Memo], conflicts: [String]) {
        func index(_ list: [Memo]) -> [String: Memo] { Dictionary(list.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }) }
        let b = index(base), o = index(ours), t = index(theirs)
        var merged: [Memo] = [], conflicts: [String] = []
        for id in Set(b.keys).union(o.keys).union(t.keys).sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            switch (b[id], o[id], t[id]) {
            case (_, let x?, nil):
                // Deleted by theirs: gone, unless ours changed it since.
                if let z = b[id], z.sameContent(as: x) { continue }
                merged.append(x)
            case (_, nil, let y?):
                if let z = b[id], z.sameContent(as: y) { continue }
                merged.append(y)
            case (let z, let x?, let y?):
                if x.sameContent(as: y) { merged.append(y.modified > x.modified ? y : x) }
                else if let z, z.sameContent(as: x) { merged.append(y) }
                else if let z, z.sameContent(as: y) { merged.append(x) }
                else {
                    merged.append(x)
                    var kept = y
                    kept.id = id + "-theirs"
                    if o[kept.id] == nil && t[kept.id] == nil { merged.append(kept) }
                    conflicts.append(id)
                }
            case (_, nil, nil):
                continue
            }
        }
        return (merged, conflicts)
    }

    static func mergeAnnotations(base: SetContents, ours: SetContents, theirs: SetContents) -> MergeResult {
        func index(_ s: SetContents) -> [String: Annotation] {
            var d: [String: Annotation] = [:]
            for a in s.annotations where d[a.id] == nil { d[a.id] = a }
            return d
        }
        let b = index(base), o = index(ours), t = index(theirs)
        let ids = Set(b.keys).union(o.keys).union(t.keys).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var merged: [Annotation] = []
        merged.reserveCapacity(max(o.count, t.count))
        var conflicts: [MergeConflict] = []
        var fromTheirs = 0, combined = 0

        for id in ids {
            switch (b[id], o[id], t[id]) {
            case (nil, let x?, nil):
                merged.append(x)
            case (nil, nil, let y?):
                merged.append(y); fromTheirs += 1
            case (nil, let x?, let y?):
                if AnnotationField.sameContent(x, y) {
                    merged.append(later(x, y))
                } else {
                    merged.append(x)
                    conflicts.append(MergeConflict(id: id, kind: .addedBoth, base: .absent, ours: .annotation(x), theirs: .annotation(y)))
                }
            case (_?, nil, nil):
                break
            case (let z?, nil, let y?):
                if !AnnotationField.sameContent(z, y) {
                    conflicts.append(MergeConflict(id: id, kind: .deletedByOurs, base: .annotation(z), ours: .absent, theirs: .annotation(y)))
                }
            case (let z?, let x?, nil):
                if AnnotationField.sameContent(z, x) {
                    fromTheirs += 1
                } else {
                    merged.append(x)
                    conflicts.append(MergeConflict(id: id, kind: .deletedByTheirs, base: .annotation(z), ours: .annotation(x), theirs: .absent))
                }
            case (let z?, let x?, let y?):
                let m = mergeFields(base: z, ours: x, theirs: y)
                merged.append(m.annotation)
                conflicts += m.conflicts
                if m.tookTheirs { fromTheirs += 1 }
                if m.combined { combined += 1 }
            case (nil, nil, nil):
                break
            }
        }
        return MergeResult(annotations: merged, damaged: mergeDamaged(base: base.damaged, ours: ours.damaged, theirs: theirs.damaged),
                           conflicts: conflicts, fromTheirs: fromTheirs, combined: combined)
    }

    /// Of two versions with the same content, the one modified later (ours on a tie).
    static func later(_ x: Annotation, _ y: Annotation) -> Annotation {
        y.modified.utf8.lexicographicallyPrecedes(x.modified.utf8) || y.modified == x.modified ? x : y
    }

    /// Merges one annotation edited on both sides.
    static func mergeFields(base z: Annotation, ours x: Annotation, theirs y: Annotation)
        -> (annotation: Annotation, conflicts: [MergeConflict], tookTheirs: Bool, combined: Bool) {
        let oursChanged = !AnnotationField.sameContent(x, z), theirsChanged = !AnnotationField.sameContent(y, z)
        if !theirsChanged { return (oursChanged ? x : later(x, y), [], false, false) }
        if !oursChanged { return (y, [], true, false) }
        if AnnotationField.sameContent(x, y) { return (later(x, y), [], false, false) }

        var m = x
        var conflicts: [MergeConflict] = []
        var tookTheirs = false
        func conflict(_ f: AnnotationField) {
            conflicts.append(MergeConflict(id: x.id, kind: .edited, field: f, base: f.value(of: z), ours: f.value(of: x), theirs: f.value(of: y)))
        }
        for f in AnnotationField.allCases {
            switch f {
            case .question, .stance:
                continue
            case .tags:
                let tags = mergeTags(base: z.tags, ours: x.tags, theirs: y.tags)
                if Set(tags) != Set(x.tags) { tookTheirs = true }
                m.tags = tags
            default:
                let oursChangedField = !f.same(x, z), theirsChangedField = !f.same(y, z)
                if theirsChangedField && !oursChangedField {
                    try? f.set(f.value(of: y), on: &m)
                    tookTheirs = true
                } else if oursChangedField && theirsChangedField && !f.same(x, y) {
                    conflict(f)
                }
            }
        }
        // Question and stance: a stance only means something on its question's scale.
        if x.question == y.question {
            if x.stance != y.stance {
                if x.stance == z.stance { m.stance = y.stance; tookTheirs = true }
                else if y.stance != z.stance { conflict(.stance) }
            }
        } else {
            let oursTouched = x.question != z.question || x.stance != z.stance
            let theirsTouched = y.question != z.question || y.stance != z.stance
            if !oursTouched {
                m.question = y.question; m.stance = y.stance; tookTheirs = true
            } else if theirsTouched {
                conflict(.question)
                if x.stance != y.stance { conflict(.stance) }
            }
        }
        m.modified = later(x, y).modified
        conflicts.sort { $0.field! < $1.field! }
        return (m, conflicts, tookTheirs, true)
    }

    /// Tags as a set: those either side added, minus those either side removed; in ours'
    /// order, then theirs' additions in their order.
    static func mergeTags(base: [String], ours: [String], theirs: [String]) -> [String] {
        let b = Set(base), o = Set(ours), t = Set(theirs)
        let removed = b.subtracting(o).union(b.subtracting(t))
        var result: [String] = []
        var seen = Set<String>()
        for tag in ours + theirs where !removed.contains(tag) && seen.insert(tag).inserted {
            result.append(tag)
        }
        return result
    }

    /// Damaged lines, three-way by their bytes.
    static func mergeDamaged(base: [DamagedLine], ours: [DamagedLine], theirs: [DamagedLine]) -> [DamagedLine] {
        let b = Set(base.map(\.bytes)), o = Set(ours.map(\.bytes)), t = Set(theirs.map(\.bytes))
        var result = ours.filter { t.contains($0.bytes) || !b.contains($0.bytes) }
        var kept = Set(result.map(\.bytes))
        for d in theirs where !o.contains(d.bytes) && !b.contains(d.bytes) && kept.insert(d.bytes).inserted {
            result.append(d)
        }
        return result
    }
}
