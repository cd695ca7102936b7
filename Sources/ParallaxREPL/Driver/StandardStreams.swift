import CLibedit
#if canImport(Glibc)
import Glibc
#endif

/// Standard output or standard error as an ``OutputSink``, through the C shims (Swift 6
/// cannot touch `stdout`/`stderr` directly).
public final class StandardStream: OutputSink {
    private let file: UnsafeMutablePointer<FILE>

    private init(_ file: UnsafeMutablePointer<FILE>) { self.file = file }

    /// Standard output.
    public static func output() -> StandardStream { StandardStream(parallax_stdout()) }
    /// Standard error.
    public static func error() -> StandardStream { StandardStream(parallax_stderr()) }

    public func write(_ text: String) {
        fputs(text, file)
        fflush(file)
    }

    /// Writes the bytes as they are, without making a string of them first.
    public func write(utf8 bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        fwrite(base, 1, bytes.count, file)
        fflush(file)
    }
}
