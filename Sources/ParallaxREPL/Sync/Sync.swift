import Foundation
import ParallaxCore
import ParallaxStore

/// `sync`: commits the changed sets, fetches, merges the upstream branch through the Parallax
/// merge driver, and pushes, so a team shares its coding through an ordinary git remote.
///
/// Everything that could refuse is checked before anything changes: a git working tree,
/// an upstream branch, no other session writing a set (its lock), no unresolved merge
/// conflict, no uncommitted change outside the annotations folder. A merge that git cannot
/// finish for another reason is aborted (`git merge --abort`) and the conflict records are
/// put back as they were, so no half-done merge is ever left. A merge whose only conflicts
/// are in sets is committed locally with the set holding ours, the conflicts recorded as the
/// merge driver records them, and not pushed: `conflicts` and `resolve` settle them, and the
/// next `sync` commits the resolution and pushes.
final class Sync {
    /// What a sync did, for the session to print.
    struct Report {
        /// The commit of local changes, if any.
        var committed: SyncMessage?
        /// The upstream branch (`origin/main`).
        var upstream = ""
        /// Sets the merge changed.
        var mergedSets: [String] = []
        /// Whether the merge brought anything.
        var merged = false
        /// Conflicts recorded by this merge, per set.
        var conflicts: [(set: String, count: Int)] = []
        /// Commits pushed.
        var pushed = 0
        /// The merge driver was configured in this clone.
        var configuredDriver = false
        /// A merge left in progress by hand was concluded.
        var concludedMerge = false
    }

    private let store: AnnotationStore
    private let driverCommand: String
    private var fs: any FileSystem { store.fs }
    private var git: Git!
    /// The annotations folder relative to the repository root (`Annotations`).
    private var folder = ""
    private var root = ""

    /// A sync of the store's sets.
    /// - Parameters:
    ///   - store: The session's store.
    ///   - driverCommand: The merge driver command git runs (`'/path/parallax' merge-driver %O %A %B %P`).
    init(store: AnnotationStore, driverCommand: String) {
        self.store = store
        self.driverCommand = driverCommand
    }

    /// The driver command for the running executable.
    static func driverCommand(executable: String) -> String {
        "'" + executable.replacingOccurrences(of: "'", with: "'\\''") + "' merge-driver %O %A %B %P"
    }

    /// The path of the running executable.
    static var runningExecutable: String {
        #if os(Linux)
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        #endif
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// Runs the sync.
    /// - Parameter message: The commit message's first line (default: a summary of the sets).
    /// - Returns: What was done.
    /// - Throws: ``ParallaxError`` saying why nothing was done, or what went wrong and what
    ///   state the clone is in.
    func run(message: String?) throws -> Report {
        try locate()
        let sets = try store.setNames()
        // Every set locked for the whole sync, so no other session changes one while git
        // merges it, and every journal folded into its set (a killed session's too), so git
        // commits every acknowledged change and no journal is replayed over a merged file.
        do {
            return try store.withJournalsFolded(sets) { try runLocked(message: message, sets: sets) }
        } catch var error as ParallaxError where error.kind == .locked {
            error.hint = "sync needs every set closed: quit that session (its changes are on disk), then sync again"
            throw error
        }
    }

    private func runLocked(message: String?, sets: [String]) throws -> Report {
        var report = Report()

        // 1. Refusals, before anything changes but the journals folded into their sets.
        let open = try sets.map { ($0, try store.conflicts(of: $0).count) }.filter { $0.1 > 0 }
        if !open.isEmpty {
            let n = open.reduce(0) { $0 + $1.1 }
            throw ParallaxError(.conflict, "\(n) merge conflict\(n == 1 ? "" : "s") not yet resolved in " + open.map { "set \($0.0)" }.joined(separator: ", "),
                                at: "sync", hint: "`conflicts set:\(open[0].0)` lists them, `resolve ID ours|theirs|base` settles one; then sync again")
        }
        let merging = try git.run("rev-parse", "-q", "--verify", "MERGE_HEAD").ok
        let status = GitStatus(porcelainZ: try git.run("status", "--porcelain=v1", "-z", "--untracked-files=all").stdout)
        let outside = status.outside(folder).filter { !$0.isUntracked }
        if !outside.isEmpty {
            let names = outside.prefix(3).map(\.path).joined(separator: ", ") + (outside.count > 3 ? " and \(outside.count - 3) more" : "")
            throw ParallaxError(.conflict, "uncommitted changes outside \(folder.isEmpty ? "the annotations" : folder + "/"): \(names)", at: "sync",
                                hint: merging ? "a merge is in progress: finish it with git (or `git merge --abort`), then sync"
                                    : "commit or stash them with git first; sync only commits annotation sets")
        }
        let upstream = try upstreamBranch()
        report.upstream = upstream

        // 2. The merge driver, in this clone's config and in .gitattributes.
        var others: [String] = []
        if try git.run("config", "--get", "merge.parallax.driver").status != 0 {
            try check(git.run("config", "merge.parallax.name", "Parallax annotation sets"), "configure the merge driver")
            try check(git.run("config", "merge.parallax.driver", driverCommand), "configure the merge driver")
            try check(git.run("config", "merge.parallax.recursive", "binary"), "configure the merge driver")
            report.configuredDriver = true
        }
        let pattern = (folder.isEmpty ? "" : folder + "/") + "*.jsonl"
        let probe = (folder.isEmpty ? "" : folder + "/") + "x.jsonl"
        if !(try git.run("check-attr", "merge", "--", probe).text.hasSuffix(": merge: parallax\n")) {
            let path = root + "/.gitattributes"
            var bytes = try fs.read(path) ?? []
            if let last = bytes.last, last != 0x0A { bytes.append(0x0A) }
            bytes += Array("\(pattern) merge=parallax\n".utf8)
            try fs.replaceAtomically(path, with: bytes)
            others.append(".gitattributes")
        }

        // 3. Commit the changed sets (and conclude a merge someone left in progress).
        let changed = status.entries.filter { GitStatus.path($0.path, isUnder: folder) && $0.path.hasSuffix(".jsonl") }
        var changes: [SyncMessage.SetChange] = []
        for entry in changed {
            let name = String(entry.path.split(separator: "/").last!.dropLast(6))
            let old = try git.run("show", "HEAD:" + entry.path)
            let new = try fs.read(root + "/" + entry.path) ?? []
            let diff = SetDiff(old: SetContents(parsing: old.ok ? old.stdout : []), new: SetContents(parsing: new), oldName: "HEAD", newName: name)
            changes.append(SyncMessage.SetChange(set: name, diff: diff))
        }
        if status.entries.contains(where: { !$0.isUntracked && $0.path == (folder.isEmpty ? "" : folder + "/") + "codebook.json" }) {
            others.append("codebook.json")
        }
        if !changed.isEmpty || !others.isEmpty || merging {
            try check(git.run(["add", "-A", "--", folder.isEmpty ? "." : folder] + (others.contains(".gitattributes") ? [".gitattributes"] : [])), "stage the sets")
            if merging {
                try check(git.run("commit", "-q", "--no-edit"), "conclude the merge in progress")
                report.concludedMerge = true
            } else if try git.run("diff", "--cached", "--quiet").status != 0 {
                let commit = SyncMessage(sets: changes, others: others, message: message)
                try check(git.run("commit", "-q", "-m", commit.text), "commit the sets")
                report.committed = commit
            }
        }

        // 4. Fetch and merge.
        try check(git.run("fetch", "--quiet"), "fetch from \(upstream)", hint: "check the network and your access to the remote, then sync again")
        let before = try git.run("rev-parse", "HEAD").line
        let snapshot = try conflictRecords()
        let merge = try git.run("merge", "--no-edit", "--quiet", "@{u}")
        if merge.ok {
            let after = try git.run("rev-parse", "HEAD").line
            report.merged = after != before
        } else {
            try concludeConflictedMerge(merge, snapshot: snapshot, upstream: upstream, report: &report)
        }
        if report.merged {
            let names = try git.run("diff", "--name-only", before, "HEAD", "--", folder.isEmpty ? "." : folder).text
                .split(separator: "\n").map(String.init).filter { $0.hasSuffix(".jsonl") }
                .map { String($0.split(separator: "/").last!.dropLast(6)) }
            report.mergedSets = names.sorted()
            try store.reload(names)
        }

        // 5. Push, unless conflicts wait to be resolved.
        if report.conflicts.isEmpty {
            let ahead = Int(try git.run("rev-list", "--count", "@{u}..HEAD").line) ?? 0
            if ahead > 0 {
                try check(git.run("push", "--quiet"), "push to \(upstream)",
                          hint: "your commits are safe in this clone; if the remote moved on meanwhile, sync again")
                report.pushed = ahead
            }
        }
        return report
    }

    /// Finds the repository and the annotations folder's place in it.
    private func locate() throws {
        let directory = URL(fileURLWithPath: store.directory).standardizedFileURL.resolvingSymlinksInPath().path
        git = try Git(directory: directory)
        let top = try git.run("rev-parse", "--show-toplevel")
        guard top.ok, !top.line.isEmpty else {
            throw ParallaxError(.notFound, "\(store.directory) is not in a git repository", at: "sync",
                                hint: "sync shares sets through git: clone the team's repository (`git clone URL`) and work there, or `git init` and add a remote")
        }
        root = URL(fileURLWithPath: top.line).resolvingSymlinksInPath().path
        if directory == root {
            folder = ""
        } else if directory.hasPrefix(root + "/") {
            folder = String(directory.dropFirst(root.count + 1))
        } else {
            throw ParallaxError(.unsupported, "\(store.directory) is outside the working tree \(root)", at: "sync")
        }
        git = try Git(directory: root)
    }

    /// The upstream branch, or a refusal that says what to run.
    private func upstreamBranch() throws -> String {
        let upstream = try git.run("rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{u}")
        if upstream.ok && !upstream.line.isEmpty { return upstream.line }
        let branch = try git.run("symbolic-ref", "--short", "-q", "HEAD").line
        let remotes = try git.run("remote").text.split(separator: "\n").map(String.init)
        guard !branch.isEmpty else {
            throw ParallaxError(.conflict, "HEAD is not on a branch", at: "sync", hint: "`git switch BRANCH` first, then sync")
        }
        guard let remote = remotes.first(where: { $0 == "origin" }) ?? remotes.first else {
            throw ParallaxError(.notFound, "this clone has no remote to sync with", at: "sync",
                                hint: "`git remote add origin URL` and `git push -u origin \(branch)`, then sync")
        }
        throw ParallaxError(.notFound, "branch \(branch) has no upstream branch", at: "sync",
                            hint: "`git push -u \(remote) \(branch)` (or `git branch --set-upstream-to=\(remote)/\(branch)`), then sync")
    }

    /// The conflict records as they are now, to put back if a merge is aborted.
    private func conflictRecords() throws -> [String: [UInt8]] {
        let folder = RuntimeDirectory.path(in: store.directory)
        var records: [String: [UInt8]] = [:]
        for file in (try? fs.list(folder)) ?? [] where ConflictFile.isConflictFile(file) {
            records[file] = try fs.read(folder + "/" + file)
        }
        return records
    }

    /// After a merge git could not finish: commits it when only sets conflict and every one of
    /// them has its conflicts recorded; otherwise aborts it and restores the records.
    private func concludeConflictedMerge(_ merge: Git.Result, snapshot: [String: [UInt8]], upstream: String, report: inout Report) throws {
        let inProgress = try git.run("rev-parse", "-q", "--verify", "MERGE_HEAD").ok
        guard inProgress else {
            throw ParallaxError(.conflict, "git could not merge \(upstream): \(merge.said)", at: "sync",
                                hint: "nothing was merged; your commits are safe. Do what git asks, then sync again")
        }
        let unmerged = GitStatus(porcelainZ: try git.run("status", "--porcelain=v1", "-z", "--untracked-files=no").stdout).entries.filter(\.isUnmerged)
        let records = try conflictRecords()
        var conflicts: [(String, Int)] = []
        var settled = !unmerged.isEmpty
        for entry in unmerged {
            let name = entry.path.hasSuffix(".jsonl") ? String(entry.path.split(separator: "/").last!.dropLast(6)) : ""
            let record = name + ConflictFile.suffix
            guard GitStatus.path(entry.path, isUnder: folder), !name.isEmpty, let bytes = records[record], bytes != snapshot[record] else {
                settled = false
                break
            }
            conflicts.append((name, ConflictFile.parse(bytes).conflicts.count))
        }
        if settled {
            try check(git.run(["add", "--"] + unmerged.map(\.path)), "stage the merged sets")
            try check(git.run("commit", "-q", "--no-edit"), "commit the merge")
            report.conflicts = conflicts
            report.merged = true
            return
        }
        let abort = try git.run("merge", "--abort")
        restore(snapshot)
        let paths = unmerged.map(\.path).prefix(3).joined(separator: ", ")
        throw ParallaxError(.conflict, "git could not merge \(upstream)" + (paths.isEmpty ? ": \(merge.said)" : " (conflicts in \(paths))"),
                            at: "sync",
                            hint: abort.ok ? "the merge was aborted and nothing changed; merge by hand with git (`git merge @{u}`), then sync"
                                : "`git merge --abort` failed too (\(abort.said)): look at `git status`")
    }

    /// Puts the conflict records back as they were before an aborted merge.
    private func restore(_ snapshot: [String: [UInt8]]) {
        let folder = RuntimeDirectory.path(in: store.directory)
        for (file, bytes) in (try? conflictRecords()) ?? [:] where snapshot[file] != bytes {
            if let old = snapshot[file] { try? fs.replaceAtomically(folder + "/" + file, with: old) } else { try? fs.unlink(folder + "/" + file) }
        }
    }

    /// Throws when git failed, with what git said.
    private func check(_ result: Git.Result, _ what: String, hint: String? = nil) throws {
        guard !result.ok else { return }
        var hint = hint
        if result.stderr.contains("Please tell me who you are") || result.stderr.contains("empty ident") {
            hint = "tell git who you are: `git config user.name \"NAME\"` and `git config user.email ADDRESS`, then sync again"
        }
        throw ParallaxError(.io, "git could not \(what): \(result.said)", at: "sync", hint: hint)
    }
}
