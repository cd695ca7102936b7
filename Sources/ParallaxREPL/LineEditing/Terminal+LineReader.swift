extension Terminal {
    /// The line reader for this process: an ``EditLineReader`` when standard input and output
    /// are both terminals, else a ``PlainLineReader`` on standard input (no prompts, no
    /// history), also when libedit cannot start.
    /// - Parameters:
    ///   - historyFile: Where the editor keeps its history; nil keeps it in memory only.
    ///   - completer: What TAB asks for completions; not retained.
    public static func makeLineReader(historyFile: String?,
                                      completer: (any CompletionProvider)?) -> any LineReader {
        guard standardInputIsTerminal, standardOutputIsTerminal,
              let reader = try? EditLineReader(historyFile: historyFile, completer: completer)
        else { return PlainLineReader() }
        return reader
    }
}
