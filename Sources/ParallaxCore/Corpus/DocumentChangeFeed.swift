/// Tells ``Corpus/checkDocuments()`` which documents' files may have changed, so that it
/// `stat`s those only instead of every document not read yet. The store provides one that
/// watches the corpus's folders (inotify); without one, every unread document is checked.
///
/// A feed must never leave out a document whose file changed: when it cannot tell (events
/// lost, a watch gone), it answers `nil`.
public protocol DocumentChangeFeed: AnyObject, Sendable {
    /// The positions in ``Corpus/documents`` of the documents whose files may have changed
    /// since the last ``checked()``, or `nil` when that is unknown (check every document).
    func mayHaveChanged() -> [Int]?
    /// Called when every document ``mayHaveChanged()`` named was checked and can be read:
    /// they are no longer suspect. Not called when a check fails, so they are checked again.
    func checked()
}
