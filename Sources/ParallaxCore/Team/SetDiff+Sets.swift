extension SetDiff {
    /// Compares two loaded sets (or two versions of one): the same answer as comparing their
    /// ``SetContents``, without sorting and copying every annotation first.
    ///
    /// Annotations are paired by id straight from each set's ``AnnotationSet/byID``, and a
    /// pair's fields are only listed when ``AnnotationField/sameContent(_:_:)`` says they
    /// differ, so two versions of a 100,000-annotation set with a few changes compare in a
    /// pass over their ids. Sets that went through question renames are compared through
    /// their ``SetContents``, read through the renames.
    /// - Parameters:
    ///   - old: The old version.
    ///   - new: The new version.
    ///   - oldName: What to call the old version.
    ///   - newName: What to call the new version.
    /// - Complexity: O(*n*) for *n* annotations, plus the sorting of the changed, added and
    ///   removed ones and the overlapping pairs among those whose id is in one version only.
    public init(old: AnnotationSet, new: AnnotationSet, oldName: String, newName: String) {
        guard old.renames.isEmpty && new.renames.isEmpty else {
            self.init(old: SetContents(old), new: SetContents(new), oldName: oldName, newName: newName)
            return
        }
        let oldByID = old.byID, newByID = new.byID
        var changed: [Entry] = []
        var added: [Annotation] = []
        var unchanged = 0
        for k in newByID.indices {
            let b = newByID.values[k]
            guard let a = oldByID[newByID.keys[k]] else { added.append(b); continue }
            if AnnotationField.sameContent(a, b) {
                unchanged += 1
            } else {
                changed.append(Entry(kind: .changed, annotation: b, changes: FieldChange.between(a, b)))
            }
        }
        var removed: [Annotation] = []
        for k in oldByID.indices where newByID[oldByID.keys[k]] == nil { removed.append(oldByID.values[k]) }
        self.init(oldName: oldName, newName: newName, changed: changed, added: added, removed: removed, unchanged: unchanged,
                  oldDamaged: old.damaged, newDamaged: new.damaged)
        memos = SetDiff.memoEntries(old: old.memoList(), new: new.memoList())
    }
}
