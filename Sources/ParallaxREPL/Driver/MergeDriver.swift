import Foundation
import ParallaxCore
import ParallaxStore

/// `parallax merge-driver BASE OURS THEIRS [PATH]`: git's merge driver for annotation sets
/// (configured as `parallax merge-driver %O %A %B %P`).
///
/// It runs without a session: no corpus or codebook is loaded, so a merge never fails on an
/// unrelated corpus problem. The three versions are parsed and merged with ``SetMerge``; the
/// result is written over OURS durably (temporary file, fsync, rename, fsync of the
/// directory), and is always a valid canonical set, never a file with conflict markers.
/// Conflicts are recorded first, in `.parallax/NAME.conflicts.jsonl` beside PATH (the set's path in the
/// working tree, relative to the repository root where git runs drivers), combined with any
/// already there.
///
/// With PATH, the driver takes the set's write lock (`.parallax/NAME.lock` beside PATH) for
/// its writes, as every writer of a set does, so it never interleaves with `resolve` or
/// another writer on the conflicts record. When a session holds the lock, the merge is refused
/// (status 2, OURS unchanged): git writes the merged file into the working tree after the driver
/// ends, and the session would then compact its own copy of the set over it, losing theirs.
/// `sync` holds every set's lock while git merges and says so in `PARALLAX_SETS_LOCKED_BY`
/// (its pid); the driver then works under that lock.
///
/// Exit status, as git reads it: 0 merged cleanly; 1 conflicts recorded (git marks the path
/// as conflicted; the file holds ours for each conflict until `resolve` settles it); 2 the
/// driver could not merge (bad arguments, unreadable file, failed write) and OURS is
/// unchanged.
public enum MergeDriver {
    /// How to call it.
    public static let usage = "parallax merge-driver BASE OURS THEIRS [PATH]   (git: parallax merge-driver %O %A %B %P)"

    /// Runs the driver.
    /// - Parameters:
    ///   - arguments: BASE, OURS, THEIRS and optionally PATH.
    ///   - fs: The file system.
    ///   - err: Where messages go (git shows the driver's standard error).
    /// - Returns: The exit status: 0 clean, 1 conflicts recorded, 2 failed.
    public static func run(_ arguments: [String], fs: any FileSystem = PosixFileSystem(), err: any OutputSink) -> Int32 {
        guard (3...4).contains(arguments.count) else {
            err.write("error: merge-driver takes 3 or 4 arguments, not \(arguments.count) — usage: \(usage)\n")
            return 2
        }
        let path = arguments.count == 4 ? arguments[3] : nil
        let shown = path ?? arguments[1]
        do {
            let lock = try path.map { try lockSet(atPath: $0, fs: fs) } ?? nil
            defer { withExtendedLifetime(lock) {} }
            func read(_ file: String) throws -> SetContents { SetContents(parsing: try fs.read(file) ?? []) }
            let result = SetMerge.merge(base: try read(arguments[0]), ours: try read(arguments[1]), theirs: try read(arguments[2]))
            var recorded: String?
            if result.hasConflicts, let path {
                // Record the conflicts before the merged set replaces ours: a crash in between
                // leaves ours and a record of what it did not take.
                let sidecar = ConflictFile.path(forSetFile: path)
                try RuntimeDirectory.ensure(besideSetFile: path, fs: fs)
                let existing = try fs.read(sidecar).map(ConflictFile.parse) ?? (conflicts: [], damaged: [])
                try fs.replaceAtomically(sidecar, with: ConflictFile.encode(ConflictFile.combine(existing.conflicts, result.conflicts),
                                                                            damaged: existing.damaged))
                recorded = sidecar
            }
            try fs.replaceAtomically(arguments[1], with: result.bytes)
            if !result.memoConflicts.isEmpty {
                err.write("parallax: \(result.memoConflicts.count) memo\(result.memoConflicts.count == 1 ? "" : "s") in \(shown) edited on both sides; both versions are kept (theirs as ID-theirs): "
                          + result.memoConflicts.joined(separator: ", ") + "\n")
            }
            guard result.hasConflicts else { return 0 }
            let n = result.conflicts.count
            let ids = Set(result.conflicts.map(\.id)).count
            var message = "parallax: \(n) merge conflict\(n == 1 ? "" : "s") on \(ids) annotation\(ids == 1 ? "" : "s") in \(shown); "
            if let recorded {
                var set = path.flatMap { $0.split(separator: "/").last.map(String.init) } ?? shown
                if set.hasSuffix(".jsonl") { set.removeLast(6) }
                message += "the set holds ours and the conflicts are recorded in \(recorded). "
                    + "Settle them with `parallax --set \(set) conflicts`, then `resolve ID ours|theirs|base`.\n"
            } else {
                message += "the set holds ours; without PATH (%P) the conflicts are not recorded:\n"
                for c in result.conflicts {
                    message += "  \(c.id) \(c.field?.rawValue ?? c.kind.rawValue): ours \(c.ours.summary), theirs \(c.theirs.summary)\n"
                }
            }
            err.write(message)
            return 1
        } catch {
            err.write("error: parallax merge-driver: \(error) — \(shown) is left as ours\n")
            return 2
        }
    }

    /// The environment variable `sync` sets for git to its own pid: it holds every set's lock.
    public static let lockedByVariable = "PARALLAX_SETS_LOCKED_BY"

    /// Takes the write lock of the set at `path` (a working-tree path `DIR/NAME.jsonl`), or
    /// `nil` when the path is not a set's or `sync` already holds the lock for this merge.
    /// - Throws: ``ParallaxError`` `.locked` when a session writes the set.
    static func lockSet(atPath path: String, fs: any FileSystem) throws -> SetLock? {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        guard file.hasSuffix(".jsonl") else { return nil }
        let name = String(file.dropLast(6))
        guard (try? AnnotationSet.validate(name: name)) != nil, !ConflictFile.isConflictFile(file) else { return nil }
        let directory = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        let lockPath = RuntimeDirectory.path(of: name + ".lock", in: directory)
        if let syncing = ProcessInfo.processInfo.environment[lockedByVariable].flatMap(Int.init),
           SetLock.holder(of: lockPath, fs: fs)?.pid == syncing {
            return nil
        }
        // No folder, no session writing a set there (git makes the folder after the driver).
        guard FileManager.default.fileExists(atPath: directory) else { return nil }
        try RuntimeDirectory.ensure(in: directory, fs: fs)
        do {
            return try SetLock.acquire(lockPath, set: name, fs: fs)
        } catch var error as ParallaxError where error.kind == .locked {
            error.hint = "git writes the merged set after this driver, and that session would write its own copy over it: quit the session, then `git merge --abort` and merge again (or use `parallax sync`, which refuses while a session writes)"
            throw error
        }
    }
}
