import ParallaxCore
import ParallaxStore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A line reader for input that is not a terminal (a pipe, a script file): no prompt, no
/// history, no line editing.
///
/// A line ends at `\n`; a `\r` before it is dropped too (CRLF files). The last line counts
/// even without a final newline. Lines of any length are read whole, and bytes that are not
/// valid UTF-8 become U+FFFD rather than failing the line.
public final class PlainLineReader: LineReader {
    private let file: UnsafeMutablePointer<FILE>
    private let ownsFile: Bool
    /// getline's buffer, kept between lines.
    private var buffer: UnsafeMutablePointer<CChar>?
    private var capacity = 0

    /// A reader of standard input.
    public convenience init() {
        self.init(file: system_stdin(), ownsFile: false)
    }

    /// A reader of the file at `path`, closed when the reader goes away.
    /// - Throws: ``ParallaxError`` (`.io`) when the file cannot be opened.
    public convenience init(path: String) throws {
        guard let file = system_fopen(path, "r") else {
            let code = system_errno()
            throw ParallaxError(.io, "cannot open for reading: \(system_strerror(code))", at: path)
        }
        self.init(file: file, ownsFile: true)
    }

    /// A reader of `file`, which it closes at the end only if it `ownsFile`.
    init(file: UnsafeMutablePointer<FILE>, ownsFile: Bool) {
        self.file = file
        self.ownsFile = ownsFile
    }

    deinit {
        system_free(buffer)
        if ownsFile { system_fclose(file) }
    }

    /// Reads the next line; `prompt` is not shown.
    /// - Returns: The line without its terminator, or `.endOfInput` at the end of the input
    ///   (or on a read error).
    public func readLine(prompt: String) -> LineReadResult {
        guard let length = system_getline(&buffer, &capacity, file), let buffer else { return .endOfInput }
        return .line(buffer.withMemoryRebound(to: UInt8.self, capacity: length) {
            PlainLineReader.line(UnsafeBufferPointer(start: $0, count: length))
        })
    }

    /// Does nothing: input that is not typed has no history.
    public func addHistory(_ line: String) {}

    /// The text of one line as read, without its `\n` or `\r\n`, invalid UTF-8 repaired.
    static func line(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var end = bytes.count
        if end > 0, bytes[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        if end > 0, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[..<end]), as: UTF8.self)
    }
}
