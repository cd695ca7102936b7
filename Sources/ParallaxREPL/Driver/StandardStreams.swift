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
}
