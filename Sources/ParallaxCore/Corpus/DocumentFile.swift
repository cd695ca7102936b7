/// Where a lazily read document's bytes come from: its path (for messages) and a check that
/// its file still is the one whose bytes the hash was verified from.
public struct DocumentFile: Sendable {
    /// The file's path, as messages show it.
    public var path: String
    /// Whether the file's identity (device, inode, size, times) is still the recorded one: a
    /// `stat`, no read.
    public var unchanged: @Sendable () -> Bool

    /// Creates a document file.
    /// - Parameters:
    ///   - path: The file's path.
    ///   - unchanged: Whether the file's identity is still the recorded one.
    public init(path: String, unchanged: @escaping @Sendable () -> Bool) {
        self.path = path
        self.unchanged = unchanged
    }
}
