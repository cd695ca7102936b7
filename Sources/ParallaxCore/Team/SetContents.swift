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

    /// Wraps annotations (ids must be unique) and damaged lines.
    public init(annotations: [Annotation] = [], damaged: [DamagedLine] = []) {
        self.annotations = annotations
        self.damaged = damaged
    }

    /// Parses a set file's bytes (see ``SetFile/parse(_:)``). A second line with an id seen
    /// before is kept as a damaged line, as the store does.
    public init(parsing bytes: [UInt8]) {
        let parsed = SetFile.parse(bytes)
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
        damaged.sort { $0.line < $1.line }
        self.init(annotations: annotations, damaged: damaged)
    }

    /// A loaded set's annotations (orphans included, unchanged) and damaged lines.
    public init(_ set: AnnotationSet) {
        self.init(annotations: set.annotations, damaged: set.damaged)
    }

    /// The canonical file: annotations sorted by id, then the damaged lines.
    public var bytes: [UInt8] { SetFile.encode(annotations, damaged: damaged) }
}
