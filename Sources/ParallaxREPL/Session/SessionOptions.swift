import ParallaxStore

/// How to open a session.
public struct SessionOptions: Sendable {
    /// The corpus directory (`./Corpus`).
    public var corpusDirectory: String
    /// The annotations directory (`./Annotations`).
    public var annotationsDirectory: String
    /// The set new annotations go to.
    public var set: String
    /// Output style.
    public var style: Style
    /// Journal entries after which a set is compacted (`PARALLAX_COMPACT_EVERY`; the
    /// store's default when `nil`). Small values exercise compaction in crash tests.
    public var compactionThreshold: Int?
    /// The file system every write of the session goes through (the store's, the corpus
    /// writer's, sync's): tests record or fault it (see ``FileSystem``).
    public var fileSystem: any FileSystem = PosixFileSystem()

    /// Creates options.
    public init(corpusDirectory: String = "Corpus", annotationsDirectory: String = "Annotations",
                set: String, style: Style = Style()) {
        self.corpusDirectory = corpusDirectory
        self.annotationsDirectory = annotationsDirectory
        self.set = set
        self.style = style
    }
}
