import Synchronization

/// One coder's annotations as loaded: the valid ones by id, the damaged lines kept verbatim,
/// and which annotations had to be re-anchored or could not be (orphans).
public struct AnnotationSet: Sendable {
    /// The set's name (its file is `NAME.jsonl`).
    public let name: String
    /// Annotations by id (orphans included, with their old target).
    ///
    /// A stored property with a `_modify` accessor rather than a `didSet` observer: the store
    /// (another module) changes it one annotation at a time, and through an observer each
    /// change copied the whole dictionary (a 100k set took minutes to load); the coroutine
    /// changes it in place.
    public package(set) var byID: [String: Annotation] {
        get { byIDStorage }
        _modify {
            defer { revision = Revision.next() }
            yield &byIDStorage
        }
        set {
            byIDStorage = newValue
            revision = Revision.next()
        }
    }
    private var byIDStorage: [String: Annotation] = [:]
    /// Lines that could not be loaded; written back verbatim.
    public package(set) var damaged: [DamagedLine] = []
    /// Ids whose span could not be placed in the changed document.
    public package(set) var orphans: Set<String> {
        get { orphansStorage }
        _modify {
            defer { revision = Revision.next() }
            yield &orphansStorage
        }
        set {
            orphansStorage = newValue
            revision = Revision.next()
        }
    }
    private var orphansStorage: Set<String> = []
    /// Changes whenever ``byID`` or ``orphans`` does, and differs between any two sets that
    /// were loaded or changed apart: a key for caching what is computed from a set's
    /// annotations (comparisons, agreement), never reused within a process.
    public private(set) var revision = Revision.next()
    /// Ids whose span moved because the document changed (saved with the new position).
    public package(set) var reanchored: Set<String> = []
    /// The coder's memos by id.
    public package(set) var memos: [String: Memo] = [:]
    /// Question renames and merges this set went through, oldest first (kept so git's merge
    /// driver can read a coding made under an old id on another branch as the new one).
    public package(set) var renames: [QuestionRename] = []

    /// The set's record lines as saved: renames in order, then memos by id.
    public var records: [SetRecord] {
        renames.map(SetRecord.renamed) + memos.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { .memo(memos[$0]!) }
    }

    /// Memos in id order (creation order), those about `target` only when given.
    public func memoList(about target: MemoTarget? = nil) -> [Memo] {
        memos.values.filter { target == nil || $0.target == target }.sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
    }

    /// Creates an empty set.
    public init(name: String) { self.name = name }

    /// All annotations sorted by id.
    /// - Complexity: O(n log n), comparing ids as integers of their first 16 bytes.
    public var annotations: [Annotation] {
        let byID = byID
        return SetFile.sortedByID(byID).map { byID.values[$0] }
    }

    /// The annotations that pass `include`, in id order, at most `limit` of them (all when
    /// `nil`), and how many passed.
    /// - Complexity: O(n) to filter, then O(m log m) to order the m that passed; only those
    ///   shown are copied out.
    public func annotations(where include: (borrowing Annotation) -> Bool, limit: Int? = nil) -> (annotations: [Annotation], matched: Int) {
        let byID = byID
        var kept: [Dictionary<String, Annotation>.Index] = []
        for k in byID.indices where include(byID.values[k]) { kept.append(k) }
        let order = SetFile.sorted(kept) { byID.keys[$0] }
        return (order.prefix(limit ?? order.count).map { byID.values[$0] }, kept.count)
    }

    /// Annotations that are placed in the current text (orphans left out), sorted by id.
    public var placed: [Annotation] {
        let orphans = orphans
        return annotations(where: { orphans.isEmpty || !orphans.contains($0.id) }).annotations
    }

    /// Positions in ``byID`` of the placed annotations (orphans left out), in id order.
    package var placedIndices: [Dictionary<String, Annotation>.Index] {
        let byID = byID, orphans = orphans
        var kept: [Dictionary<String, Annotation>.Index] = []
        kept.reserveCapacity(byID.count)
        for k in byID.indices where orphans.isEmpty || !orphans.contains(byID.keys[k]) { kept.append(k) }
        return SetFile.sorted(kept) { byID.keys[$0] }
    }

    /// Positions in ``byID`` of the annotations that pass `include`, in id order.
    package func indices(where include: (borrowing Annotation) -> Bool) -> [Dictionary<String, Annotation>.Index] {
        let byID = byID
        var kept: [Dictionary<String, Annotation>.Index] = []
        for k in byID.indices where include(byID.values[k]) { kept.append(k) }
        return SetFile.sorted(kept) { byID.keys[$0] }
    }

    /// Number of annotations (orphans included).
    public var count: Int { byID.count }

    /// Whether set names are acceptable: 1-64 of `[A-Za-z0-9._-]`, not starting with a dot
    /// or dash, and not a name the store uses itself.
    public static func validate(name: String) throws {
        let ok = !name.isEmpty && name.utf8.count <= 64
            && name.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2E || $0 == 0x5F || $0 == 0x2D }
            && name.first != "." && name.first != "-"
        guard ok else {
            throw ParallaxError(.usage, "\"\(name)\" is not a valid set name",
                                hint: "use letters, digits, '.', '_' and '-', not starting with '.' or '-', no '/'")
        }
        if ConflictFile.isConflictFile(name + ".jsonl") {
            throw ParallaxError(.usage, "\"\(name)\" ends in .conflicts, which names a set's merge conflicts file",
                                hint: "choose another set name")
        }
        if name == "codebook" {
            throw ParallaxError(.usage, "\"codebook\" is reserved for the codebook", hint: "choose another set name")
        }
    }
}

/// Process-wide revision numbers for ``AnnotationSet/revision``.
enum Revision {
    private static let counter = Atomic<Int>(0)

    /// A number never returned before in this process.
    static func next() -> Int { counter.add(1, ordering: .relaxed).newValue }
}
