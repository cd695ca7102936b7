/// Makes the line reader for an interactive session.
public enum InteractiveReader {
    /// The terminal's line reader (libedit), or `nil` when none can be made.
    public static func make(completion: any CompletionProvider, historyPath: String) -> (any LineReader)? {
        nil
    }
}
