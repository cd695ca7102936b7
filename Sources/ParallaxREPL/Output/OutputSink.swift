/// Where a session writes: standard output and standard error in the executable, strings
/// in tests.
public protocol OutputSink: AnyObject {
    /// Writes text as it is (no newline added).
    func write(_ text: String)
    /// Writes whole UTF-8 text as bytes (what `list --json` streams, a piece at a time);
    /// by default decoded and written as text.
    func write(utf8 bytes: UnsafeRawBufferPointer)
}

extension OutputSink {
    public func write(utf8 bytes: UnsafeRawBufferPointer) { write(String(decoding: bytes, as: UTF8.self)) }
}

/// An output sink that collects text (for tests and for capturing output).
public final class StringSink: OutputSink, TextOutputStream {
    /// Everything written so far.
    public private(set) var text = ""
    /// Creates an empty sink.
    public init() {}
    public func write(_ string: String) { text += string }
    /// Forgets what was written.
    public func clear() { text = "" }
}

/// Adapts a sink to `TextOutputStream` so core renderers can write to it.
public struct SinkStream: TextOutputStream {
    let sink: any OutputSink
    /// Wraps a sink.
    public init(_ sink: any OutputSink) { self.sink = sink }
    public mutating func write(_ string: String) { sink.write(string) }
}
