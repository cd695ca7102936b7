import Foundation
import ParallaxCore
import ParallaxStore

/// A working session: the corpus and store, the current set and selection, the last search
/// hits, and where output goes. Commands read and change it; it never touches the terminal.
public final class Session {
    /// The corpus (replaced when `doc` or `analyst` changes it).
    public private(set) var corpus: Corpus
    /// The annotation store (opened again over a replaced corpus).
    public private(set) var store: AnnotationStore
    /// The file system the session writes through (``SessionOptions/fileSystem``).
    var fileSystem: any FileSystem { store.fs }
    /// The corpus directory the session loaded.
    public let corpusDirectory: String
    /// The commands this session understands.
    public let registry: CommandRegistry
    /// Standard output.
    public let out: any OutputSink
    /// Standard error.
    public let err: any OutputSink
    /// Colour and width.
    public var style: Style
    /// The set `code` writes to.
    public private(set) var currentSet: String
    /// What `code` would annotate.
    public var selection: Selection?
    /// Hits of the last `find`, numbered from 1.
    public var lastHits: [SearchHit] = []
    /// Set by `quit`.
    public var quitRequested = false
    /// Whether slow work shows progress (an interactive session on a terminal).
    public var showsProgress = false
    private var searchIndexStorage: SearchIndex?
    private var reportedSets = Set<String>()
    var analysis = AnalysisCache()

    /// Opens a session: loads the corpus and the store's codebook.
    /// - Throws: ``ParallaxError`` when the corpus or codebook cannot be loaded, or the set
    ///   name is invalid.
    public init(options: SessionOptions, out: any OutputSink, err: any OutputSink,
                registry: CommandRegistry = .standard) throws {
        try AnnotationSet.validate(name: options.set)
        let corpus = try Corpus.load(from: options.corpusDirectory)
        self.corpus = corpus
        self.corpusDirectory = options.corpusDirectory
        self.store = try AnnotationStore(directory: options.annotationsDirectory, corpus: corpus, fs: options.fileSystem)
        if let n = options.compactionThreshold { store.compactionThreshold = max(1, n) }
        self.registry = registry
        self.out = out
        self.err = err
        self.style = options.style
        self.currentSet = options.set
    }

    /// The search index, made on first use: the corpus's folded text is mapped from its cache
    /// (``CorpusCache``), or folded once and cached when it is missing or stale.
    public var searchIndex: SearchIndex {
        if let s = searchIndexStorage { return s }
        let s = withProgress("preparing the corpus for search") {
            CorpusCache(corpus: corpusDirectory).searchIndex(for: corpus)
        }
        searchIndexStorage = s
        return s
    }

    /// Works on a changed corpus from now on: the store is closed (its sets compacted, their
    /// locks released) and opened again over the new corpus, so annotations on a changed
    /// document are re-anchored as their sets load; search, hits and selection start afresh.
    /// - Throws: ``ParallaxError`` when closing the store or reading the codebook fails.
    public func replaceCorpus(_ corpus: Corpus) throws {
        let threshold = store.compactionThreshold
        try store.close()
        let reopened = try AnnotationStore(directory: store.directory, corpus: corpus, fs: store.fs)
        reopened.compactionThreshold = threshold
        self.corpus = corpus
        self.store = reopened
        searchIndexStorage = nil
        lastHits = []
        if let s = selection, corpus.document(s.target.doc)?.hash != s.target.hash { selection = nil }
        analysis = AnalysisCache()
    }

    /// The placed codings of these sets (orphans left out), kept until a set changes.
    public func codings(of sets: [AnnotationSet]) -> [Coding] {
        analysis.codings(of: sets)
    }

    /// Positions in a set's ``AnnotationSet/byID`` of all its annotations (orphans included)
    /// in id order, kept until the set changes: `list` filters them instead of sorting.
    public func idOrder(_ set: AnnotationSet) -> [Dictionary<String, Annotation>.Index] {
        analysis.idOrder(of: set)
    }

    /// A set's annotations in id order with their digests for `setdiff`, kept until the set
    /// changes.
    public func annotationDigests(_ set: AnnotationSet) -> AnnotationDigests {
        analysis.digests(of: set)
    }

    /// A set's placed codings grouped for `agree`, kept until the set changes.
    public func agreementTally(_ set: AnnotationSet) -> AgreementTally {
        analysis.tally(of: set)
    }

    /// A comparer over every set's placed codings, kept until a set or the codebook changes.
    public func comparer() throws -> Comparer {
        analysis.comparer(corpus: corpus, codebook: store.codebook, sets: try allSets())
    }

    /// Switches the current set.
    public func use(_ set: String) throws {
        try AnnotationSet.validate(name: set)
        currentSet = set
        _ = try loadedSet(set)
    }

    /// A set, loaded on first use; the first time, problems found while loading are printed
    /// as warnings on standard error.
    public func loadedSet(_ name: String) throws -> AnnotationSet {
        let set = try withProgress("loading set \(name)") { try store.set(name) }
        if reportedSets.insert(name).inserted {
            for p in try store.problems(of: name) { warn(p.description) }
        }
        return set
    }

    /// Every set on disk, loaded.
    public func allSets() throws -> [AnnotationSet] {
        var names = try store.setNames()
        if !names.contains(currentSet), (try? store.set(currentSet).count) ?? 0 > 0 { names.append(currentSet) }
        return try names.map(loadedSet)
    }

    /// The sets a `set:` option names: one set, `all`, or (by default) the current set.
    public func sets(named option: String?) throws -> [AnnotationSet] {
        switch option {
        case nil: return [try loadedSet(currentSet)]
        case "all"?, "*"?: return try allSets()
        case let name?:
            let names = name.split(separator: ",").map(String.init)
            let known = try store.setNames()
            for n in names where !known.contains(n) && n != currentSet {
                try AnnotationSet.validate(name: n)
                throw ParallaxError(.notFound, "no set \"\(n)\"", hint: Suggest.closest(to: n, among: known).map { "did you mean \($0)?" } ?? "known sets: " + known.joined(separator: ", "))
            }
            return try names.map(loadedSet)
        }
    }

    // MARK: Output

    /// Writes a line to standard output.
    public func print(_ line: String = "") { out.write(line + "\n") }

    /// Writes text to standard output as it is.
    public func write(_ text: String) { out.write(text) }

    /// Writes whole UTF-8 text, as bytes, to standard output as it is.
    public func write(utf8 bytes: UnsafeRawBufferPointer) { out.write(utf8: bytes) }

    /// Writes a warning line to standard error.
    public func warn(_ message: String) { err.write(style.yellow("warning: ") + message + "\n") }

    /// Writes one JSON document to standard output.
    public func printJSON<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        out.write(String(decoding: data, as: UTF8.self) + "\n")
    }

    /// The prompt: the current set and, when there is one, the selection.
    public var prompt: String {
        var p = "parallax[\(currentSet)"
        if let s = selection {
            p += " \(s.target.doc) ¶\(s.paragraph)"
        }
        return p + "]> "
    }

    /// Ends the session: compacts the sets it wrote and releases their locks.
    public func close() throws {
        try store.close()
    }
}

extension Session: CompletionProvider {
    /// Completions from the registry for the text before the cursor.
    public func complete(_ beforeCursor: String) -> Completion {
        registry.complete(beforeCursor, session: self)
    }
}
