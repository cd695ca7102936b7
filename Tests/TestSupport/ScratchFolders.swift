import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The temporary folders tests made, removed when the test process exits.
///
/// Swift Testing has no per-test teardown that runs when a test fails half-way, so folders are
/// registered as they are made and removed together at exit, pass or fail.
final class ScratchFolders: Sendable {
    static let shared: ScratchFolders = {
        let folders = ScratchFolders()
        atexit { ScratchFolders.shared.removeAll() }
        return folders
    }()

    private let paths = Mutex<[String]>([])

    func add(_ path: String) { paths.withLock { $0.append(path) } }

    func removeAll() {
        let all = paths.withLock { list in defer { list = [] }; return list }
        for path in all { try? FileManager.default.removeItem(atPath: path) }
    }
}
