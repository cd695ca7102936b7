/// What reading one line of input produced.
public enum LineReadResult: Equatable, Sendable {
    /// A line the user entered (without its line terminator).
    case line(String)
    /// The user abandoned the line (Ctrl-C); the session goes on.
    case interrupted
    /// End of input (Ctrl-D on an empty line, or end of a file or pipe).
    case endOfInput
}

/// Candidates for completing the word before the cursor.
public struct Completion: Equatable, Sendable {
    /// How many Unicode scalars before the cursor the candidates replace.
    public var replacing: Int
    /// Full replacement words, in the order to show them.
    public var candidates: [String]

    /// Creates a completion.
    public init(replacing: Int, candidates: [String]) {
        self.replacing = replacing
        self.candidates = candidates
    }
}

/// Produces completions for the text before the cursor. The REPL's command registry is one.
public protocol CompletionProvider: AnyObject {
    /// Completions for the line typed so far.
    /// - Parameter beforeCursor: The line's text from its start up to the cursor.
    func complete(_ beforeCursor: String) -> Completion
}

/// A source of input lines: libedit on a terminal, plain reading otherwise, or a test double.
public protocol LineReader: AnyObject {
    /// Reads one line, showing `prompt` where the reader shows prompts.
    func readLine(prompt: String) -> LineReadResult
    /// Records an entered line in the history (a no-op for readers without one).
    func addHistory(_ line: String)
}
