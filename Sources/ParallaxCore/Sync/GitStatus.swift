/// What `git status --porcelain=v1 -z` says about a working tree, parsed: one entry per
/// path with its index and working-tree letters (`M`, `A`, `D`, `R`, `U`, `?`…).
public struct GitStatus: Equatable, Sendable {
    /// One path's state.
    public struct Entry: Equatable, Sendable {
        /// The index (staged) letter.
        public var index: Character
        /// The working-tree letter.
        public var workTree: Character
        /// The path, relative to the repository root (the new path of a rename).
        public var path: String

        /// Creates an entry.
        public init(index: Character, workTree: Character, path: String) {
            self.index = index; self.workTree = workTree; self.path = path
        }

        /// Whether git does not track the path.
        public var isUntracked: Bool { index == "?" }
        /// Whether the path is unmerged (a merge left it conflicted).
        public var isUnmerged: Bool {
            index == "U" || workTree == "U" || (index == "A" && workTree == "A") || (index == "D" && workTree == "D")
        }
    }

    /// The entries in git's order.
    public var entries: [Entry]

    /// Parses `git status --porcelain=v1 -z` output: `XY PATH\0`, with a rename's or copy's
    /// old path in a second NUL-terminated field.
    public init(porcelainZ bytes: [UInt8]) {
        var entries: [Entry] = []
        var fields = bytes.split(separator: 0, omittingEmptySubsequences: true).makeIterator()
        while let field = fields.next() {
            let text = String(decoding: field, as: UTF8.self)
            guard text.count >= 4 else { continue }
            let x = text[text.startIndex], y = text[text.index(after: text.startIndex)]
            entries.append(Entry(index: x, workTree: y, path: String(text.dropFirst(3))))
            if x == "R" || x == "C" { _ = fields.next() }
        }
        self.entries = entries
    }

    /// Entries whose path is not under `folder` (a path relative to the root, without a
    /// trailing slash; `""` is the root, under which everything is).
    public func outside(_ folder: String) -> [Entry] {
        entries.filter { !GitStatus.path($0.path, isUnder: folder) }
    }

    /// Whether `path` is `folder` or inside it.
    public static func path(_ path: String, isUnder folder: String) -> Bool {
        folder.isEmpty || path == folder || path.hasPrefix(folder + "/")
    }
}
