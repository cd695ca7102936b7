import Foundation
import Testing
import ParallaxCore
import TestSupport

/// `sync` through the built binary: a bare remote and three clones whose coders work
/// independently and in conflict; and every refusal.
@Suite("git sync", .serialized)
struct GitSyncTests {
    /// A scratch folder holding a bare remote and clones, removed at the end.
    final class Team {
        let root = Fixtures.temporaryDirectory("parallax-sync")
        var remote: String { root + "/remote.git" }

        deinit { try? FileManager.default.removeItem(atPath: root) }

        /// Runs git in `dir`, with no user or system configuration.
        @discardableResult
        func git(_ dir: String, _ arguments: String..., check: Bool = true) throws -> GitMergeDriverTests.GitResult {
            let r = try GitMergeDriverTests.Repository.runGit(arguments, in: dir, home: root)
            if check && r.status != 0 { Issue.record("git \(arguments.joined(separator: " ")) failed: \(r.stderr)") }
            return r
        }

        /// The first clone: the corpus and codebook committed and pushed to a new bare remote.
        func first(_ name: String) throws -> String {
            try git(root, "init", "-q", "--bare", "-b", "main", remote)
            let dir = ParallaxBinary.scratchProject(withBaseline: false)
            let clone = root + "/" + name
            try FileManager.default.moveItem(atPath: dir, toPath: clone)
            try git(clone, "init", "-q", "-b", "main")
            try identify(clone, name)
            try git(clone, "add", "-A")
            try git(clone, "commit", "-q", "-m", "corpus and codebook")
            try git(clone, "remote", "add", "origin", remote)
            try git(clone, "push", "-q", "-u", "origin", "main")
            return clone
        }

        /// Another clone of the remote.
        func clone(_ name: String) throws -> String {
            let clone = root + "/" + name
            try git(root, "clone", "-q", remote, clone)
            try identify(clone, name)
            return clone
        }

        private func identify(_ clone: String, _ name: String) throws {
            try git(clone, "config", "user.name", name)
            try git(clone, "config", "user.email", "\(name)@example.org")
            try git(clone, "config", "commit.gpgsign", "false")
        }

        /// Runs parallax commands in one session in a clone, as coder `set`.
        @discardableResult
        func parallax(_ clone: String, set: String, _ commands: [String], expect status: Int32 = 0) throws -> ParallaxBinary.Result {
            let r = try ParallaxBinary.run(["--set", set] + commands.flatMap { ["-c", $0] },
                                           environment: ["HOME": root, "GIT_CONFIG_NOSYSTEM": "1"], directory: clone)
            #expect(r.status == status, "parallax \(commands) in \(clone): \(r.stdout)\(r.stderr)")
            return r
        }

        /// Set NAME of a clone, as `list --json` shows it.
        func annotations(_ clone: String, set: String) throws -> [[String: Any]] {
            let r = try parallax(clone, set: set, ["list --json"])
            return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]] ?? []
        }
    }

    @Test("three clones code independently, then in conflict; sync merges, records, resolves and pushes")
    func threeClones() throws {
        let team = Team()
        let ann = try team.first("ann")
        let ben = try team.clone("ben")
        let cat = try team.clone("cat")

        // Independently: each codes their own set, then syncs in turn.
        try team.parallax(ann, set: "ann", ["mark brookings 2930 3037", "code war-ends-soon -2 \"ann reads\""])
        try team.parallax(ben, set: "ben", ["mark brookings 3145 3188", "code war-ends-soon -1", "mark brookings 19953 20080", "code reset-wedge -2"])
        try team.parallax(cat, set: "cat", ["mark brookings 3889 3994", "code us-russia-reset 1"])
        let first = try team.parallax(ann, set: "ann", ["sync first pass by ann"])
        #expect(first.stdout.contains("configured the Parallax merge driver in this clone"))
        #expect(first.stdout.contains("committed ann (1 added)"), "\(first.stdout)")
        #expect(first.stdout.contains("pushed 1 commit to origin/main"))
        let log = try team.git(ann, "log", "-1", "--format=%B").stdout
        #expect(log.hasPrefix("first pass by ann\n\nann: 1 added"), "\(log)")
        #expect(try team.git(ann, "show", "--stat", "--format=", "HEAD").stdout.contains(".gitattributes"))
        #expect(try team.git(ann, "config", "merge.parallax.driver").stdout.contains("merge-driver %O %A %B %P"))
        let second = try team.parallax(ben, set: "ben", ["sync"])
        #expect(second.stdout.contains("committed ben (2 added)"))
        #expect(second.stdout.contains("merged origin/main: changed set ann"), "\(second.stdout)")
        #expect(try team.git(ben, "log", "-1", "--skip=1", "--format=%s").stdout.hasPrefix("sync: ben +2"))
        try team.parallax(cat, set: "cat", ["sync"])
        try team.parallax(ann, set: "ann", ["sync"])
        try team.parallax(ben, set: "ben", ["sync"])
        for clone in [ann, ben, cat] {
            let check = try team.parallax(clone, set: "ann", ["check"])
            #expect(check.stdout.hasPrefix("ok: 3 sets, 4 annotations"), "\(clone): \(check.stdout)")
            #expect(try team.git(clone, "status", "--porcelain").stdout.isEmpty, "nothing left uncommitted in \(clone)")
            #expect(!(try team.git(clone, "ls-files").stdout.contains(".parallax")))
        }

        // In conflict: a shared set, edited in two clones at once.
        try team.parallax(ann, set: "team", ["mark brookings 20568 20813", "code reset-wedge -2 \"shared\"", "sync"])
        try team.parallax(ben, set: "team", ["sync"])
        try team.parallax(cat, set: "team", ["sync"])
        let id = try #require(try team.annotations(cat, set: "team").first?["id"] as? String)
        try team.parallax(ben, set: "team", ["edit \(id) stance:1", "sync"])
        // Cat's session has the set loaded before the sync: it sees the merge afterwards.
        let conflicted = try team.parallax(cat, set: "team", ["edit \(id) stance:-1 note:cat-disagrees", "list", "sync"])
        #expect(conflicted.stdout.contains("merged origin/main with 1 merge conflict in set team (1); the sets hold ours"), "\(conflicted.stdout)")
        #expect(conflicted.stdout.contains("Next: `conflicts set:team` to see them, `resolve ID ours|theirs|base` to settle each, then `sync`"))
        #expect(try team.git(cat, "rev-parse", "-q", "--verify", "MERGE_HEAD", check: false).status != 0, "no merge left half-done")
        #expect(try team.git(cat, "status", "--porcelain").stdout.isEmpty)
        #expect(try team.git(cat, "rev-list", "--count", "@{u}..HEAD").stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "2",
                "cat's edit and the merge wait, unpushed")
        let refused = try team.parallax(cat, set: "team", ["sync"], expect: 1)
        #expect(refused.stderr.contains("1 merge conflict not yet resolved in set team"), "\(refused.stderr)")
        let resolved = try team.parallax(cat, set: "team", ["conflicts", "resolve \(id) theirs", "sync"])
        #expect(resolved.stdout.contains("stance     base -2 no · ours -1 unlikely · theirs +1 plausible"), "\(resolved.stdout)")
        #expect(resolved.stdout.contains("committed team (1 changed)"), "\(resolved.stdout)")
        #expect(resolved.stdout.contains("pushed 3 commits to origin/main"), "\(resolved.stdout)")
        try team.parallax(ann, set: "team", ["sync"])
        let settled = try #require(try team.annotations(ann, set: "team").first)
        #expect(settled["stance"] as? Int == 1, "theirs, as resolved")
        #expect(settled["note"] as? String == "cat-disagrees", "cat's note, which ben left alone, merged")
        #expect(try team.parallax(ann, set: "team", ["check"]).stdout.hasPrefix("ok: 4 sets, 5 annotations"))
    }

    @Test("sync reloads the sets a merge changed in the same session")
    func reloadsAfterMerge() throws {
        let team = Team()
        let ann = try team.first("ann")
        let ben = try team.clone("ben")
        try team.parallax(ann, set: "team", ["mark brookings 2930 3037", "code war-ends-soon -2", "sync"])
        let r = try team.parallax(ben, set: "team", ["list", "sync", "list"])
        #expect(r.stdout.contains("no annotations"), "\(r.stdout)")
        #expect(r.stdout.contains("1 annotation"), "the merged set, read again: \(r.stdout)")
    }

    @Test("a merge that fails outside the sets is aborted: no half-done merge, the coder's commit kept, nothing pushed")
    func abortsForeignConflict() throws {
        let team = Team()
        let ann = try team.first("ann")
        let ben = try team.clone("ben")
        // Both change a file that is not a set, differently, and commit it by hand.
        for (clone, text) in [(ann, "ann's plan\n"), (ben, "ben's plan\n")] {
            try text.write(toFile: clone + "/notes.txt", atomically: true, encoding: .utf8)
            try team.git(clone, "add", "notes.txt")
            try team.git(clone, "commit", "-q", "-m", "notes")
        }
        try team.parallax(ann, set: "team", ["mark brookings 2930 3037", "code war-ends-soon -2", "sync"])
        try team.parallax(ben, set: "team", ["mark brookings 3145 3188", "code war-ends-soon -1"])
        let failed = try team.parallax(ben, set: "team", ["sync"], expect: 1)
        #expect(failed.stderr.contains("git could not merge origin/main (conflicts in notes.txt)"), "\(failed.stderr)")
        #expect(failed.stderr.contains("the merge was aborted and nothing changed"))
        #expect(try team.git(ben, "rev-parse", "-q", "--verify", "MERGE_HEAD", check: false).status != 0, "no merge left half-done")
        #expect(try team.git(ben, "status", "--porcelain").stdout.isEmpty, "the working tree is as committed")
        #expect(try team.git(ben, "log", "-1", "--format=%s").stdout.hasPrefix("sync: team +1"), "ben's coding is committed")
        #expect(try team.git(ben, "rev-list", "--count", "@{u}..HEAD").stdout.hasPrefix("2"), "and not pushed")
        #expect(try team.annotations(ben, set: "team").count == 1, "the set holds ben's coding alone, as before the merge")
    }

    @Test("sync refuses, saying what to run: outside git, with no remote, with changes outside Annotations/, while another session writes")
    func refusals() throws {
        let team = Team()
        let plain = ParallaxBinary.scratchProject(withBaseline: false)
        defer { try? FileManager.default.removeItem(atPath: plain) }
        let outside = try team.parallax(plain, set: "ann", ["sync"], expect: 1)
        #expect(outside.stderr.contains("is not in a git repository"), "\(outside.stderr)")
        #expect(outside.stderr.contains("git clone URL"))

        try team.git(plain, "init", "-q", "-b", "main")
        try team.git(plain, "config", "user.name", "x")
        try team.git(plain, "config", "user.email", "x@example.org")
        try team.git(plain, "add", "-A")
        try team.git(plain, "commit", "-q", "-m", "init")
        let lonely = try team.parallax(plain, set: "ann", ["sync"], expect: 1)
        #expect(lonely.stderr.contains("this clone has no remote to sync with"), "\(lonely.stderr)")
        #expect(lonely.stderr.contains("`git remote add origin URL` and `git push -u origin main`"))

        let ann = try team.first("ann")
        try team.parallax(ann, set: "ann", ["mark brookings 2930 3037", "code war-ends-soon -2"])
        try "plan\n".write(toFile: ann + "/notes.txt", atomically: true, encoding: .utf8)
        try team.git(ann, "add", "notes.txt")
        try team.git(ann, "commit", "-q", "-m", "notes")
        try "changed plan\n".write(toFile: ann + "/notes.txt", atomically: true, encoding: .utf8)
        let dirty = try team.parallax(ann, set: "ann", ["sync"], expect: 1)
        #expect(dirty.stderr.contains("uncommitted changes outside Annotations/: notes.txt"), "\(dirty.stderr)")
        #expect(try team.git(ann, "status", "--porcelain").stdout.contains("?? Annotations/ann.jsonl"), "nothing committed")
        try team.git(ann, "checkout", "--", "notes.txt")

        let other = try ParallaxBinary.start(["--set", "ann"], environment: ["HOME": team.root], directory: ann)
        defer { other.kill() }
        other.send("mark brookings 3145 3188\ncode war-ends-soon -1\n")
        #expect(other.wait(for: "coded "))
        let locked = try team.parallax(ann, set: "ben", ["sync"], expect: 1)
        #expect(locked.stderr.contains("set ann is open for writing by pid"), "\(locked.stderr)")
        #expect(locked.stderr.contains("quit that session"))
        #expect(try team.git(ann, "log", "--oneline").stdout.split(separator: "\n").count == 2, "nothing committed")
    }
}
