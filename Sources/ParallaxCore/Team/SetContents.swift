/// One version of a set file as diff and merge read it: its annotations and its damaged
/// lines, parsed but not validated against a corpus or codebook.
///
/// Diff and merge are structural on purpose: git's merge driver must never fail because an
/// unrelated document or question cannot be loaded, and a line that does not parse is carried
/// through verbatim rather than judged.
public struct SetContents: Equatable, Sendable {
    /// The annotations, each id once.
    public var annotations: [Annotation]
    /// Lines that could not be read, kept verbatim.
    public var damaged: [DamagedLine]
    /// The coder's memos, each id once.
    public var memos: [Memo]
    /// The question renames the set went through, oldest first.
    public var renames: [QuestionRename]

    /// Wraps annotations (ids must be unique), damaged lines, memos and renames.
    public init(annotations: [Annotation] = [], damaged: [DamagedLine] = [], memos: [Memo] = [], renames: [QuestionRename] = []) {
        self.annotations = annotations
        self.damaged = damaged
        self.memos = memos
        self.renames = renames
    }

    /// Parses a set file's bytes (see ``SetFile/parse(_:)``). A second line with an id seen
    /// before is kept as a damaged line, as the store does.
    public init(parsing bytes: [UInt8]) {
        let parsed = SetFile.parseAll(bytes)
        var seen: [String: Int] = [:]
        var annotations: [Annotation] = []
        var damaged = parsed.damaged
        for line in parsed.lines {
            if let first = seen[line.annotation.id] {
                damaged.append(DamagedLine(line: line.number, bytes: AnnotationCodec.encode(line.annotation),
                                           reason: "duplicate id \(line.annotation.id) (first on line \(first))"))
                continue
            }
            seen[line.annotation.id] = line.number
            annotations.append(line.annotation)
        }
        var memos: [Memo] = [], renames: [QuestionRename] = []
        var memoIDs = Set<String>()
        for r in parsed.records {
            switch r.record {
            case .memo(let m):
                if memoIDs.insert(m.id).inserted { memos.append(m) }
                else { damaged.append(DamagedLine(line: r.number, bytes: RecordCodec.encode(r.record), reason: "duplicate memo id \(m.id)")) }
            case .renamed(let rename):
                renames.append(rename)
            }
        }
        damaged.sort { $0.line < $1.line }
        self.init(annotations: annotations, damaged: damaged, memos: memos, renames: renames)
    }

    /// A loaded set's annotations (orphans included, unchanged) and damaged lines.
    public init(_ set: AnnotationSet) {
        self.init(annotations: set.annotations, damaged: set.damaged, memos: set.memoList(), renames: set.renames)
    }

    /// The canonical file: annotations sorted by id, then the damaged lines.
    public var bytes: [UInt8] { SetFile.encode(annotations, records: SetContents.records(memos: memos, renames: renames), damaged: damaged) }

    /// Record lines in file order: renames as they came, then memos by id.
    static func records(memos: [Memo], renames: [QuestionRename]) -> [SetRecord] {
        renames.map(SetRecord.renamed) + memos.sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }.map(SetRecord.memo)
    }

    /// The contents with every coding (and memo) of an old question id read as the new one,
    /// through `renames` applied in order (a chain a → b → c ends at c).
    public func renamed(through renames: [QuestionRename]) -> SetContents {
        guard !renames.isEmpty else { return self }
        func current(_ a: Annotation) -> Annotation {
            var a = a
            for r in renames where a.question == r.from { a = r.apply(to: a) }
            return a
        }
        var copy = self
        copy.annotations = annotations.map(current)
        copy.memos = memos.map { m in
            var m = m
            for r in renames { if case .question(let q) = m.target, q == r.from { m.target = .question(r.to) } }
            return m
        }
        return copy
    }
}
