/// A sink that keeps files in memory, in the order they were written (tests, previews).
public struct MemoryExportSink: ExportSink, Sendable {
    /// The files written, in order.
    public private(set) var files: [(path: String, bytes: [UInt8])] = []

    /// Creates an empty sink.
    public init() {}

    public mutating func write(_ bytes: [UInt8], to path: String) throws {
        files.append((path, bytes))
    }

    /// The contents of the file at a path (the last one written there).
    public subscript(path: String) -> [UInt8]? {
        files.last { $0.path == path }?.bytes
    }

    /// The paths written, in order.
    public var paths: [String] { files.map(\.path) }
}
