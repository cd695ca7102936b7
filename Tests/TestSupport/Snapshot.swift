import Foundation
import Testing

/// Compares text with a checked-in snapshot file. With `PARALLAX_RECORD_SNAPSHOTS=1` a
/// missing or different snapshot is written instead (and the check fails, so the new file
/// is reviewed before it is committed).
public enum Snapshot {
    /// Checks `text` against `Tests/<target>/Snapshots/<name>`.
    public static func check(_ text: String, _ name: String, target: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let path = Fixtures.root + "/Tests/\(target)/Snapshots/\(name)"
        let recorded = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
        if recorded == text { return }
        if ProcessInfo.processInfo.environment["PARALLAX_RECORD_SNAPSHOTS"] == "1" {
            try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
            Issue.record("recorded snapshot \(name); review it and run again", sourceLocation: sourceLocation)
            return
        }
        Issue.record("output differs from snapshot \(name):\n--- expected\n\(recorded ?? "(missing)")\n--- actual\n\(text)", sourceLocation: sourceLocation)
    }
}
