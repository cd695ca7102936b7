import CLibedit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Every C call of the line-editing layer goes through this file: libedit, stdio, signals and
// the terminal. The rest of LineEditing works on Swift values, so the logic that matters
// (completion, listing, wide-string conversion, line splitting) is testable without a
// terminal, and a test double for C needs to replace this file only.
//
// `EditLine *` and `HistoryW *` are incomplete C types: Swift sees them as `OpaquePointer`.

// MARK: - libedit: editor

/// A new editor on standard input, output and error, or nil when libedit cannot allocate one.
func edit_init(program: String) -> OpaquePointer? {
    el_init(program, parallax_stdin(), parallax_stdout(), parallax_stderr())
}

func edit_end(_ editor: OpaquePointer) {
    el_end(editor)
}

func edit_setClientData(_ editor: OpaquePointer, _ data: UnsafeMutableRawPointer?) {
    _ = parallax_el_set_client_data(editor, data)
}

func edit_clientData(_ editor: OpaquePointer) -> UnsafeMutableRawPointer? {
    parallax_el_get_client_data(editor)
}

func edit_setEditor(_ editor: OpaquePointer, _ name: String) -> Bool {
    WideText.withCString(name) { parallax_el_set_editor(editor, $0) } == 0
}

func edit_setSignalHandling(_ editor: OpaquePointer, _ on: Bool) -> Bool {
    parallax_el_set_signal(editor, on ? 1 : 0) == 0
}

func edit_setPrompt(_ editor: OpaquePointer, _ function: parallax_prompt_fn, escape: Unicode.Scalar) -> Bool {
    parallax_el_set_prompt(editor, function, wchar_t(truncatingIfNeeded: escape.value)) == 0
}

func edit_setHistory(_ editor: OpaquePointer, _ history: OpaquePointer) -> Bool {
    parallax_el_set_history(editor, history) == 0
}

func edit_addCompletionFunction(_ editor: OpaquePointer, _ function: parallax_command_fn) -> Bool {
    parallax_el_add_completion(editor, function) == 0
}

/// Turns `isig` off in edit mode and binds Ctrl-C to `interrupt`, Ctrl-Z to a suspend command.
func edit_bindInterruptKeys(_ editor: OpaquePointer, _ interrupt: parallax_command_fn) -> Bool {
    parallax_el_bind_interrupt_keys(editor, interrupt) == 0
}

func edit_bind(_ editor: OpaquePointer, key: String, command: String) -> Bool {
    WideText.withCString(key) { key in
        WideText.withCString(command) { command in parallax_el_bind(editor, key, command) }
    } == 0
}

/// Reads one line. On failure `line` is nil; `count` is 0 at end of input and -1 on an error,
/// whose `errno` is returned too (read right after libedit returns, before anything resets it).
func edit_wgets(_ editor: OpaquePointer) -> (line: String?, count: Int32, errno: Int32) {
    var count: Int32 = 0
    let buffer = el_wgets(editor, &count)
    let error = errno
    guard let buffer, count > 0 else { return (nil, count, error) }
    return (WideText.string(buffer, count: Int(count)), count, error)
}

/// The line being edited, split at the cursor.
func edit_lineAroundCursor(_ editor: OpaquePointer) -> (before: String, after: String) {
    guard let info = el_wline(editor), let buffer = info.pointee.buffer,
          let cursor = info.pointee.cursor, let end = info.pointee.lastchar else { return ("", "") }
    return (WideText.string(buffer, count: cursor - buffer), WideText.string(cursor, count: end - cursor))
}

/// Deletes `count` characters (Unicode scalars) before the cursor.
func edit_deleteBeforeCursor(_ editor: OpaquePointer, _ count: Int) {
    el_deletestr(editor, Int32(count))
}

/// Inserts `text` at the cursor.
func edit_insert(_ editor: OpaquePointer, _ text: String) -> Bool {
    WideText.withCString(text) { el_winsertstr(editor, $0) } == 0
}

// MARK: - libedit: history

func history_create() -> OpaquePointer? {
    history_winit()
}

func history_destroy(_ history: OpaquePointer) {
    history_wend(history)
}

func history_setSize(_ history: OpaquePointer, _ size: Int) {
    _ = parallax_history_set_size(history, Int32(clamping: size))
}

func history_setUnique(_ history: OpaquePointer, _ unique: Bool) {
    _ = parallax_history_set_unique(history, unique ? 1 : 0)
}

func history_enter(_ history: OpaquePointer, _ line: String) {
    _ = WideText.withCString(line) { parallax_history_enter(history, $0) }
}

/// The most recent entry, if any.
func history_mostRecent(_ history: OpaquePointer) -> String? {
    guard let entry = parallax_history_first(history) else { return nil }
    return WideText.string(entry, count: wcslen(entry))
}

/// Entries read from `path`, or -1 (a missing file is -1 too).
func history_load(_ history: OpaquePointer, path: String) -> Int {
    Int(parallax_history_load(history, path))
}

/// Writes every entry to `file` (with libedit's header line when `file` is at offset 0).
func history_save(_ history: OpaquePointer, to file: UnsafeMutablePointer<FILE>) -> Bool {
    parallax_history_save_fp(history, file) >= 0
}

// MARK: - stdio and files

func system_stdin() -> UnsafeMutablePointer<FILE> { parallax_stdin() }
func system_stdout() -> UnsafeMutablePointer<FILE> { parallax_stdout() }
func system_stderr() -> UnsafeMutablePointer<FILE> { parallax_stderr() }

func system_fopen(_ path: String, _ mode: String) -> UnsafeMutablePointer<FILE>? {
    fopen(path, mode)
}

/// Closes `file`; false when buffered data could not be written.
@discardableResult
func system_fclose(_ file: UnsafeMutablePointer<FILE>) -> Bool {
    fclose(file) == 0
}

func system_fseekToEnd(_ file: UnsafeMutablePointer<FILE>) -> Bool {
    fseek(file, 0, SEEK_END) == 0
}

/// Flushes `file` and, when `durably`, asks the kernel to put it on disk.
func system_flush(_ file: UnsafeMutablePointer<FILE>, durably: Bool = false) -> Bool {
    guard fflush(file) == 0 else { return false }
    return !durably || fsync(fileno(file)) == 0
}

func system_write(_ text: String, to file: UnsafeMutablePointer<FILE>) {
    _ = fputs(text, file)
    _ = fflush(file)
}

/// One line from `file` into a buffer that grows as needed and is reused between calls
/// (free it with `system_free`). Returns the length including the line terminator, or nil at
/// end of file or on an error.
func system_getline(_ buffer: inout UnsafeMutablePointer<CChar>?, _ capacity: inout Int,
                    _ file: UnsafeMutablePointer<FILE>) -> Int? {
    let length = getline(&buffer, &capacity, file)
    return length < 0 ? nil : length
}

func system_free(_ pointer: UnsafeMutableRawPointer?) {
    free(pointer)
}

func system_rename(_ from: String, _ to: String) -> Bool {
    rename(from, to) == 0
}

func system_unlink(_ path: String) {
    _ = unlink(path)
}

func system_getpid() -> Int32 { getpid() }

func system_errno() -> Int32 { errno }

func system_strerror(_ code: Int32) -> String {
    String(cString: strerror(code))
}

// MARK: - signals, terminal, locale, environment

/// Ignores SIGINT until `system_restoreInterrupt` is called with the returned action.
func system_ignoreInterrupt() -> sigaction { system_ignore(SIGINT) }

func system_restoreInterrupt(_ previous: sigaction) { system_restore(SIGINT, previous) }

/// Ignores a signal until `system_restore` is called with the returned action.
func system_ignore(_ signal: Int32) -> sigaction {
    var previous = sigaction()
    _ = parallax_ignore_signal(signal, &previous)
    return previous
}

func system_restore(_ signal: Int32, _ previous: sigaction) {
    var previous = previous
    _ = parallax_restore_signal(signal, &previous)
}

func system_isatty(_ fd: Int32) -> Bool {
    isatty(fd) == 1
}

/// Columns of the terminal on `fd`, or nil.
func system_terminalColumns(_ fd: Int32) -> Int? {
    let columns = Int(parallax_terminal_columns(fd))
    return columns > 0 ? columns : nil
}

/// Rows of the terminal on `fd`, or nil.
func system_terminalRows(_ fd: Int32) -> Int? {
    let rows = Int(parallax_terminal_rows(fd))
    return rows > 0 ? rows : nil
}

func system_getenv(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
}

/// Sets `category` from `name` ("" means the environment); false when the system has no
/// such locale.
func system_setlocale(_ category: Int32, _ name: String) -> Bool {
    setlocale(category, name) != nil
}

/// The character encoding of the current LC_CTYPE, e.g. "UTF-8" or "ANSI_X3.4-1968".
func system_codeset() -> String {
    guard let codeset = nl_langinfo(nl_item(CODESET)) else { return "" }
    return String(cString: codeset)
}
