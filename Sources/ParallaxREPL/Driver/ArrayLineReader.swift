/// Reads lines from an array: script files read whole, and tests.
public final class ArrayLineReader: LineReader {
    private var lines: [String]
    private var next = 0

    /// Reads these lines in order.
    public init(lines: [String]) { self.lines = lines }

    /// Splits text into lines (LF or CR LF; a missing final line feed is fine).
    public convenience init(text: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
        if lines.last == "" { lines.removeLast() }
        self.init(lines: lines)
    }

    public func readLine(prompt: String) -> LineReadResult {
        guard next < lines.count else { return .endOfInput }
        next += 1
        return .line(lines[next - 1])
    }

    public func addHistory(_ line: String) {}
}
