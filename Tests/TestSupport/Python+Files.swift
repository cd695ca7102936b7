import Foundation

extension Python {
    /// A scratch file holding `bytes`, removed by `body`'s end whatever happens, for a script
    /// to read.
    /// - Parameters:
    ///   - bytes: The file's contents.
    ///   - name: The file's name (its extension may matter to the reader).
    ///   - body: Gets the file's path.
    public static func withFile<T>(_ bytes: [UInt8], name: String, _ body: (String) throws -> T) throws -> T {
        let dir = NSTemporaryDirectory() + "parallax-py-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/" + name
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            throw CocoaError(.fileWriteUnknown)
        }
        return try body(path)
    }
}
