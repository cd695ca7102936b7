/// The folder under the annotations directory where Parallax keeps what belongs to one
/// working tree and never to git: set locks, journals, temporary files of compactions and
/// merge-conflict records (`Annotations/.parallax/`). It holds its own `.gitignore` (`*`), so
/// git ignores the folder and everything in it without the user listing anything.
///
/// Every writer that puts a file there (the store, the merge driver, transaction records)
/// calls `ensure(in:fs:)` (in ParallaxStore) first.
public enum RuntimeDirectory {
    /// The folder's name inside the annotations directory.
    public static let name = ".parallax"

    /// What the folder's `.gitignore` holds: everything, itself included.
    public static let gitignore = "*\n"

    /// The folder's path inside an annotations directory.
    public static func path(in directory: String) -> String { directory + "/" + name }

    /// A file's path inside the folder.
    public static func path(of file: String, in directory: String) -> String { path(in: directory) + "/" + file }
}
