import Foundation
import Testing
import ParallaxCore
import ParallaxStore
import TestSupport

/// `parallax merge-driver` installed in a real git repository: two coders change the same
/// set on two branches and `git merge` combines them; a true conflict leaves a valid set and
/// a record that `conflicts` lists and `resolve` settles.
@Suite("git merge driver", .serialized)
struct GitMergeDriverTests {
    /// What a git command printed, and its exit status.
    struct GitResult {
        var stdout: String
        var stderr: String
        var status: Int32
    }

    /// A scratch git repository holding a copy of the corpus and codebook, with the driver
    /// installed as the README says.
    struct Repository {
        let dir: String

        init() throws {
            dir = ParallaxBinary.scratchProject(withBaseline: false)
            try git("init", "-q", "-b", "main")
            try git("config", "user.name", "Test Coder")
            try git("config", "user.email", "coder@example.org")
            try git("config", "commit.gpgsign", "false")
            try git("config", "merge.parallax.name", "Parallax annotation sets")
            try git("config", "merge.parallax.driver", "'\(ParallaxBinary.path)' merge-driver %O %A %B %P")
            try git("config", "merge.parallax.recursive", "binary")
            // No .gitignore: locks, journals and conflict records live in Annotations/.parallax/,
            // which ignores itself.
            try write(".gitattributes", "Annotations/*.jsonl merge=parallax\n")
        }

        func write(_ path: String, _ text: String) throws {
            try text.write(toFile: dir + "/" + path, atomically: true, encoding: .utf8)
        }

        func read(_ path: String) -> String? {
            FileManager.default.contents(atPath: dir + "/" + path).map { String(decoding: $0, as: UTF8.self) }
        }

        /// Runs git; fails the test when `check` and git fails.
        @discardableResult
        func git(_ arguments: String..., check: Bool = true) throws -> GitResult {
            let result = try Repository.runGit(arguments, in: dir, home: dir)
            if check && result.status != 0 {
                Issue.record("git \(arguments.joined(separator: " ")) failed (\(result.status)): \(result.stderr)\(result.stdout)")
            }
            return result
        }

        /// Runs git in `directory` with `HOME` at `home`, no system configuration and no
        /// inherited `GIT_*` variable.
        static func runGit(_ arguments: [String], in directory: String, home: String) throws -> GitResult {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
            process.arguments = arguments
            process.currentDirectoryURL = URL(fileURLWithPath: directory)
            var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GIT_") }
            env["GIT_CONFIG_NOSYSTEM"] = "1"
            env["HOME"] = home
            env["NO_COLOR"] = "1"
            env["PARALLAX_SET"] = nil
            process.environment = env
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            process.standardInput = FileHandle.nullDevice
            try process.run()
            nonisolated(unsafe) var errData = Data()
            let errRead = onOwnThread { errData = err.fileHandleForReading.readDataToEndOfFile() }
            let outData = out.fileHandleForReading.readDataToEndOfFile()
            errRead.wait()
            process.waitUntilExit()
            return GitResult(stdout: String(decoding: outData, as: UTF8.self),
                             stderr: String(decoding: errData, as: UTF8.self), status: process.terminationStatus)
        }

        /// Runs parallax commands in set `team`, one session.
        @discardableResult
        func parallax(_ commands: String...) throws -> ParallaxBinary.Result {
            let r = try ParallaxBinary.run(["--set", "team"] + commands.flatMap { ["-c", $0] }, directory: dir)
            #expect(r.status == 0, "parallax \(commands): \(r.stderr)")
            return r
        }

        /// The ids of set `team`, in id (= creation) order.
        func ids() throws -> [String] {
            let r = try ParallaxBinary.run(["--set", "team", "-c", "list --json"], directory: dir)
            let rows = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]] ?? []
            return rows.compactMap { $0["id"] as? String }
        }

        /// Set `team` as committed in the working tree, parsed as the merge driver parses it.
        func team() -> SetContents {
            SetContents(parsing: Array((read("Annotations/team.jsonl") ?? "").utf8))
        }

        func annotation(_ id: String) -> Annotation? { team().annotations.first { $0.id == id } }
    }

    @Test("independent changes on two branches merge cleanly; a true conflict is recorded and resolved from the REPL")
    func mergeThroughGit() throws {
        let repo = try Repository()

        // The base: three annotations by one coder, committed on main.
        try repo.parallax("mark brookings 2930 3037", "code war-ends-soon -2 \"base A\"",
                          "mark brookings 3145 3188", "code war-ends-soon -2 \"base B\"",
                          "mark brookings 19953 20080", "code reset-wedge -2 \"base C\"")
        let ids = try repo.ids()
        try #require(ids.count == 3)
        let (a, b, c) = (ids[0], ids[1], ids[2])
        try repo.git("add", "-A")
        let tracked = try repo.git("ls-files").stdout
        #expect(!tracked.contains(".parallax") && !tracked.contains(".lock") && !tracked.contains(".journal"),
                "runtime files never reach git, with no .gitignore of the user's: \(tracked)")
        try repo.git("commit", "-q", "-m", "base coding")

        // Alice: A's stance, and a new annotation.
        try repo.git("checkout", "-q", "-b", "alice")
        try repo.parallax("edit \(a) stance:-1", "mark brookings 3889 3994", "code us-russia-reset 1 \"alice's\"")
        try repo.git("commit", "-q", "-am", "alice codes")

        // Bob, from the same base: A's note (another field of the same annotation), B's tags,
        // and another new annotation.
        try repo.git("checkout", "-q", "-b", "bob", "main")
        try repo.parallax("edit \(a) note:bob-reads-a-lean", "edit \(b) tags:evidence",
                          "mark brookings 20568 20813", "code reset-wedge -2 \"bob's\"")
        try repo.git("commit", "-q", "-am", "bob codes")

        // A plain text merge of these versions would conflict (both edited A's line, both
        // appended a line): the driver is what makes the merge clean.
        for (name, rev) in [("base", "main"), ("ours", "alice"), ("theirs", "bob")] {
            try repo.write("\(name).txt", try repo.git("show", "\(rev):Annotations/team.jsonl").stdout)
        }
        #expect(try repo.git("merge-file", "-p", "ours.txt", "base.txt", "theirs.txt", check: false).status > 0)
        for name in ["base", "ours", "theirs"] { try FileManager.default.removeItem(atPath: repo.dir + "/\(name).txt") }

        try repo.git("checkout", "-q", "alice")
        let merge = try repo.git("merge", "--no-edit", "bob")
        #expect(merge.status == 0)
        let merged = repo.team()
        #expect(merged.damaged.isEmpty)
        #expect(merged.annotations.count == 5)
        #expect(!(repo.read("Annotations/team.jsonl") ?? "").contains("<<<<<<<"))
        let mergedA = try #require(repo.annotation(a))
        #expect(mergedA.stance == -1 && mergedA.note == "bob-reads-a-lean", "both edits of A survive")
        #expect(repo.annotation(b)?.tags == ["evidence"])
        #expect(Set(merged.annotations.map(\.note)).isSuperset(of: ["alice's", "bob's", "base B", "base C"]))
        #expect(try repo.git("status", "--porcelain").stdout.isEmpty, "the merge is committed, nothing left over")
        #expect(try repo.parallax("check").stdout.hasPrefix("ok: 1 set, 5 annotations"))

        // A true conflict: both change C's stance, differently.
        try repo.git("checkout", "-q", "-b", "alice2")
        try repo.parallax("edit \(c) stance:1")
        try repo.git("commit", "-q", "-am", "alice: C is +1")
        try repo.git("checkout", "-q", "-b", "bob2", "alice")
        try repo.parallax("edit \(c) stance:-1 note:bob-reads-again")
        try repo.git("commit", "-q", "-am", "bob: C is -1")
        try repo.git("checkout", "-q", "alice2")
        let conflicted = try repo.git("merge", "--no-edit", "bob2", check: false)
        #expect(conflicted.status != 0)
        #expect((conflicted.stdout + conflicted.stderr).contains("CONFLICT"))
        #expect(conflicted.stderr.contains("recorded in Annotations/.parallax/team.conflicts.jsonl"), "\(conflicted.stderr)")
        #expect(try repo.git("status", "--porcelain").stdout.contains("UU Annotations/team.jsonl"))
        let text = repo.read("Annotations/team.jsonl") ?? ""
        #expect(!text.contains("<<<<<<<") && !text.contains(">>>>>>>"))
        let held = repo.team()
        #expect(held.damaged.isEmpty && held.annotations.count == 5, "a valid set")
        #expect(repo.annotation(c)?.stance == 1, "the set holds ours")
        #expect(repo.annotation(c)?.note == "bob-reads-again", "bob's note, a field alice left alone, is merged")
        #expect(repo.read("Annotations/.parallax/team.conflicts.jsonl") != nil)

        let listed = try repo.parallax("conflicts")
        #expect(listed.stdout.contains("set team: 1 merge conflict"))
        #expect(listed.stdout.contains(c))
        #expect(listed.stdout.contains("stance     base -2 no · ours +1 plausible · theirs -1 unlikely"), "\(listed.stdout)")
        let json = try repo.parallax("conflicts --json")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 1 && rows.first?["id"] as? String == c && rows.first?["field"] as? String == "stance")
        #expect(rows.first?["theirs"] as? Int == -1)
        // `list` warns that the set holds unresolved conflicts.
        #expect(try repo.parallax("list").stderr.contains("unresolved merge conflict"))

        let resolved = try repo.parallax("resolve \(c.prefix(12)) theirs")
        #expect(resolved.stdout.contains("\(c): stance from theirs"))
        #expect(resolved.stdout.contains("no conflicts left in set team"))
        #expect(repo.annotation(c)?.stance == -1)
        #expect(repo.read("Annotations/.parallax/team.conflicts.jsonl") == nil)
        try repo.git("add", "Annotations/team.jsonl")
        try repo.git("commit", "-q", "--no-edit")
        #expect(try repo.git("status", "--porcelain").stdout.isEmpty)
        #expect(try repo.parallax("check").stdout.hasPrefix("ok: 1 set, 5 annotations"))
    }

    @Test("the driver works without a corpus, and says how to call it")
    func withoutCorpus() throws {
        let dir = Fixtures.temporaryDirectory("parallax-driver")
        let a = TeamFixturesE2E.line("01AAAAAAAAAAAAAAAAAAAAAAA1", stance: -1)
        try (a + "\n").write(toFile: dir + "/base", atomically: true, encoding: .utf8)
        try (TeamFixturesE2E.line("01AAAAAAAAAAAAAAAAAAAAAAA1", stance: 2) + "\n").write(toFile: dir + "/ours", atomically: true, encoding: .utf8)
        try (a + "\n{damaged\n" + TeamFixturesE2E.line("01AAAAAAAAAAAAAAAAAAAAAAA2", stance: 0) + "\n")
            .write(toFile: dir + "/theirs", atomically: true, encoding: .utf8)
        // No Corpus/ or Annotations/ where it runs.
        let r = try ParallaxBinary.run(["merge-driver", "base", "ours", "theirs", "sets/x.jsonl"], directory: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let merged = SetContents(parsing: Array(FileManager.default.contents(atPath: dir + "/ours")!))
        #expect(merged.annotations.map(\.stance) == [2, 0])
        #expect(merged.damaged.map { String(decoding: $0.bytes, as: UTF8.self) } == ["{damaged"])
        let usage = try ParallaxBinary.run(["merge-driver", "base"], directory: dir)
        #expect(usage.status == 2)
        #expect(usage.stderr.contains("usage: parallax merge-driver BASE OURS THEIRS [PATH]"))
    }
}

/// The merge driver and the set's write lock.
@Suite("Merge driver: the set's lock")
struct MergeDriverLockTests {
    @Test("while a session writes the set the driver refuses and leaves ours; under sync's lock, or once the session ends, it merges")
    func refusedWhileASessionWrites() throws {
        let project = ParallaxBinary.scratchProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let a = TeamFixturesE2E.line("01AAAAAAAAAAAAAAAAAAAAAAA1", stance: -1)
        let ours = TeamFixturesE2E.line("01AAAAAAAAAAAAAAAAAAAAAAA1", stance: 2) + "\n"
        try (a + "\n").write(toFile: project + "/base", atomically: true, encoding: .utf8)
        try (a + "\n" + TeamFixturesE2E.line("01AAAAAAAAAAAAAAAAAAAAAAA2", stance: 0) + "\n")
            .write(toFile: project + "/theirs", atomically: true, encoding: .utf8)
        func driver(_ environment: [String: String] = [:]) throws -> ParallaxBinary.Result {
            try ours.write(toFile: project + "/ours", atomically: true, encoding: .utf8)
            return try ParallaxBinary.run(["merge-driver", "base", "ours", "theirs", "Annotations/alice.jsonl"],
                                          environment: environment, directory: project)
        }
        let session = try ParallaxBinary.start(["--set", "alice"], directory: project)
        defer { if session.process.isRunning { session.kill() } }
        session.send("mark brookings ¶8\ncode reset-wedge -1\n")
        #expect(session.wait(for: "coded "), "\(session.stderr)")

        let refused = try driver()
        #expect(refused.status == 2)
        #expect(refused.stderr.hasPrefix("error: parallax merge-driver: Annotations/.parallax/alice.lock: set alice is open for writing by pid \(session.process.processIdentifier) on "), "\(refused.stderr)")
        #expect(refused.stderr.contains("quit the session, then `git merge --abort` and merge again"))
        #expect(refused.stderr.hasSuffix(" — Annotations/alice.jsonl is left as ours\n"))
        #expect(String(decoding: Fixtures.bytes(project + "/ours")!, as: UTF8.self) == ours, "ours unchanged")

        // `sync` holds the lock itself and says so: the driver merges under it.
        let underSync = try driver(["PARALLAX_SETS_LOCKED_BY": String(session.process.processIdentifier)])
        #expect(underSync.status == 0, "\(underSync.stderr)")
        #expect(SetContents(parsing: Fixtures.bytes(project + "/ours")!).annotations.count == 2)

        #expect(session.finish() == 0)
        let after = try driver()
        #expect(after.status == 0, "\(after.stderr)")
        #expect(SetContents(parsing: Fixtures.bytes(project + "/ours")!).annotations.map(\.stance) == [2, 0])
    }
}

/// Annotation lines that need no corpus.
enum TeamFixturesE2E {
    static func line(_ id: String, stance: Int) -> String {
        #"{"id":"\#(id)","doc":"d","start":0,"end":1,"exact":"x","prefix":"","suffix":"","hash":"h","question":"q","analyst":"a","stance":\#(stance),"created":"2026-11-23T16:00:00Z","modified":"2026-11-23T16:00:00Z"}"#
    }
}
