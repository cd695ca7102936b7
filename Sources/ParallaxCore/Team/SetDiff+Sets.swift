extension SetDiff {
    /// Compares two loaded sets (or two versions of one): the same answer as comparing their
    /// ``SetContents``, without sorting and copying every annotation first.
    ///
    /// With `digests` (one ``AnnotationDigests`` per set, made for its current revision; a
    /// session keeps them until the set changes), the two id-ordered lists are walked side by
    /// side and only the annotations whose digests differ are read, so two versions of a
    /// 100,000-annotation set with a few changes compare in milliseconds. Without (or when a
    /// digest is for another revision), annotations are paired by id straight from each
    /// set's ``AnnotationSet/byID`` and a pair's fields are listed only when
    /// ``AnnotationField/sameContent(_:_:)`` says they differ. Sets that went through
    /// question renames are compared through their ``SetContents``, read through the renames.
    /// - Parameters:
    ///   - old: The old version.
    ///   - new: The new version.
    ///   - oldName: What to call the old version.
    ///   - newName: What to call the new version.
    ///   - digests: The digests of `old` and of `new`, when at hand.
    /// - Complexity: O(*n*) for *n* annotations, plus the sorting of the changed, added and
    ///   removed ones and the overlapping pairs among those whose id is in one version only.
    public init(old: AnnotationSet, new: AnnotationSet, oldName: String, newName: String,
                digests: (old: AnnotationDigests, new: AnnotationDigests)? = nil) {
        guard old.renames.isEmpty && new.renames.isEmpty else {
            self.init(old: SetContents(old), new: SetContents(new), oldName: oldName, newName: newName)
            return
        }
        let oldByID = old.byID, newByID = new.byID
        var changed: [Entry] = []
        var added: [Annotation] = []
        var removed: [Annotation] = []
        var unchanged = 0
        func pair(_ a: Annotation, _ b: Annotation) {
            if AnnotationField.sameContent(a, b) {
                unchanged += 1
            } else {
                changed.append(Entry(kind: .changed, annotation: b, changes: FieldChange.between(a, b)))
            }
        }
        if let (o, n) = digests, o.revision == old.revision, n.revision == new.revision, o.asciiIDs, n.asciiIDs {
            var i = 0, j = 0
            while i < o.ids.count || j < n.ids.count {
                let order = i == o.ids.count ? 1 : j == n.ids.count ? -1 : AnnotationDigests.compare(o.ids[i], n.ids[j])
                if order == 0 {
                    if o.digests[i] == n.digests[j] { unchanged += 1 } else { pair(oldByID.values[o.order[i]], newByID.values[n.order[j]]) }
                    i += 1; j += 1
                } else if order < 0 {
                    removed.append(oldByID.values[o.order[i]])
                    i += 1
                } else {
                    added.append(newByID.values[n.order[j]])
                    j += 1
                }
            }
        } else {
            for k in newByID.indices {
                guard let a = oldByID[newByID.keys[k]] else { added.append(newByID.values[k]); continue }
                pair(a, newByID.values[k])
            }
            for k in oldByID.indices where newByID[oldByID.keys[k]] == nil { removed.append(oldByID.values[k]) }
        }
        self.init(oldName: oldName, newName: newName, changed: changed, added: added, removed: removed, unchanged: unchanged,
                  oldDamaged: old.damaged, newDamaged: new.damaged)
        memos = SetDiff.memoEntries(old: old.memoList(), new: new.memoList())
    }
}
