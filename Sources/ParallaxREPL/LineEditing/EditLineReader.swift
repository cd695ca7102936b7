import CLibedit
import ParallaxCore
import ParallaxStore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A line reader over libedit, for a person at a terminal: a prompt, emacs key bindings,
/// persistent history (Up, Down, C-r) and TAB completion.
///
/// - Ctrl-C abandons the line being typed: ``readLine(prompt:)`` returns `.interrupted`.
/// - Ctrl-D on an empty line ends the input: it returns `.endOfInput`.
/// - TAB asks ``completer`` to complete the word before the cursor (see ``CompletionEdit``).
/// - The terminal's width follows resizes; Ctrl-Z suspends and resumes cleanly.
///
/// Input is UTF-8: the initialiser makes the C locale's encoding UTF-8
/// (``Terminal/useUTF8Locale()``), without which libedit drops non-ASCII bytes.
///
/// Use it only when standard input and output are terminals; ``Terminal/makeLineReader(historyFile:completer:)``
/// chooses. One reader at a time per process: libedit's signal handling is process-wide.
public final class EditLineReader: LineReader {
    /// Where TAB asks for completions; not retained (the session that owns this reader
    /// usually owns the completer too).
    public weak var completer: (any CompletionProvider)?
    /// The history file, or nil when history lives in memory only.
    public let historyFile: String?
    /// How many entries the history keeps, in memory and in the file.
    public let historySize: Int
    /// The last failure to read or write the history file, if any. History then goes on in
    /// memory; the session may report it once.
    public internal(set) var historyError: ParallaxError?

    /// Brackets the parts of a prompt that take no room on screen, such as colour
    /// sequences: `"\u{1}\u{1B}[1m\u{1}parallax>\u{1}\u{1B}[0m\u{1} "`.
    /// Set by Ctrl-C during a read: the line read is abandoned.
    var interruptRequested = false

    public static let promptEscape: Unicode.Scalar = "\u{1}"

    let editor: OpaquePointer
    let history: OpaquePointer
    /// False when the history file exists but is not one libedit wrote: it is left alone.
    var historyWritable = true
    private var prompt = ""
    /// `prompt` as the NUL-terminated wide string libedit's prompt callback returns.
    private var promptBuffer: UnsafeMutablePointer<wchar_t>

    /// Starts libedit on standard input and output and loads the history.
    /// - Parameters:
    ///   - historyFile: The history file, created with its parent directory when missing;
    ///     nil keeps history in memory only. Problems with it do not fail the reader: see
    ///     ``historyError``.
    ///   - historySize: How many entries to keep (at least 1).
    ///   - completer: What TAB asks for completions; not retained.
    /// - Throws: ``ParallaxError`` (`.io`) when libedit cannot start.
    public init(historyFile: String?, historySize: Int = 1000,
                completer: (any CompletionProvider)? = nil) throws {
        Terminal.useUTF8Locale()
        guard let history = history_create() else {
            throw ParallaxError(.io, "cannot start line editing (libedit history)")
        }
        guard let editor = edit_init(program: "parallax") else {
            history_destroy(history)
            throw ParallaxError(.io, "cannot start line editing (libedit)")
        }
        self.editor = editor
        self.history = history
        self.historyFile = historyFile
        self.historySize = max(1, historySize)
        self.completer = completer
        promptBuffer = .allocate(capacity: 1)
        promptBuffer.initialize(to: 0)

        // C callbacks cannot capture Swift context: they find this object through the
        // editor's client data (see `reader(of:)`).
        edit_setClientData(editor, Unmanaged.passUnretained(self).toOpaque())
        let configured = edit_setEditor(editor, "emacs")
            && edit_setSignalHandling(editor, true)
            && edit_setPrompt(editor, { EditLineReader.promptCallback($0) }, escape: EditLineReader.promptEscape)
            && edit_setHistory(editor, history)
            && edit_addCompletionFunction(editor, { EditLineReader.completionCallback($0, $1) })
            && edit_bind(editor, key: "^I", command: "parallax-complete")
            && edit_bindInterruptKeys(editor, { EditLineReader.interruptCallback($0, $1) })
        guard configured else { throw ParallaxError(.io, "cannot configure line editing (libedit)") }

        history_setSize(history, self.historySize)
        history_setUnique(history, true)
        if let historyFile { loadHistory(from: historyFile) }
    }

    deinit {
        edit_end(editor)
        history_destroy(history)
        promptBuffer.deallocate()
    }

    /// Reads one line, showing `prompt` before it.
    /// - Parameter prompt: The prompt; see ``promptEscape`` for colour sequences in it.
    /// - Returns: The line without its newline; `.interrupted` after Ctrl-C (the line is
    ///   abandoned and the cursor moved to a fresh line); `.endOfInput` after Ctrl-D on an
    ///   empty line or when the terminal goes away.
    public func readLine(prompt: String) -> LineReadResult {
        setPrompt(prompt)
        // libedit catches SIGINT while it reads, puts the terminal back in its normal mode,
        // then re-raises the signal with the previous action: ignoring it there leaves only
        // the interrupted read (EINTR), which is reported as `.interrupted`.
        let previous = system_ignoreInterrupt()
        interruptRequested = false
        let (line, count, error) = edit_wgets(editor)
        system_restoreInterrupt(previous)
        if interruptRequested {
            // libedit moves to a new line only for its own Enter: leave the abandoned line
            // on screen, marked as such, and start the next prompt below it.
            interruptRequested = false
            system_write("^C\n", to: system_stdout())
            return .interrupted
        }

        guard var line else {
            system_write("\n", to: system_stdout())
            return count < 0 && error == EINTR ? .interrupted : .endOfInput
        }
        if line.unicodeScalars.last == "\n" { line.unicodeScalars.removeLast() }
        return .line(line)
    }

    private func setPrompt(_ newPrompt: String) {
        guard newPrompt != prompt else { return }
        let wide = WideText.cString(newPrompt)
        promptBuffer.deallocate()
        promptBuffer = .allocate(capacity: wide.count)
        promptBuffer.initialize(from: wide, count: wide.count)
        prompt = newPrompt
    }

    /// libedit's entry point for Ctrl-C (the editor command "parallax-interrupt"): ends the
    /// read as if Enter were pressed, flagged so the line is abandoned, not run.
    static func interruptCallback(_ editor: OpaquePointer?, _ key: Int32) -> UInt8 {
        guard let reader = reader(of: editor) else { return UInt8(CC_ERROR) }
        reader.interruptRequested = true
        return UInt8(CC_NEWLINE)
    }

    /// The reader whose editor is `editor`.
    static func reader(of editor: OpaquePointer?) -> EditLineReader? {
        guard let editor, let data = edit_clientData(editor) else { return nil }
        return Unmanaged<EditLineReader>.fromOpaque(data).takeUnretainedValue()
    }

    /// An empty prompt, for the case that cannot happen of a callback without a reader
    /// (libedit does not accept a NULL prompt).
    nonisolated(unsafe) private static let noPrompt: UnsafeMutablePointer<wchar_t> = {
        let empty = UnsafeMutablePointer<wchar_t>.allocate(capacity: 1)
        empty.initialize(to: 0)
        return empty
    }()

    private static func promptCallback(_ editor: OpaquePointer?) -> UnsafeMutablePointer<wchar_t>? {
        reader(of: editor)?.promptBuffer ?? noPrompt
    }
}
