import Foundation
import Testing
import TestSupport

/// A short run of `Scripts/crash-docs` (the campaign that kills `doc add` and `doc update`
/// with SIGKILL at random moments) against the built binary; the long runs are recorded in
/// docs/reliability.md.
@Suite("doc add and doc update killed at random moments")
struct DocumentCrashTests {
    @Test("after each kill a fresh process sees the document absent or whole, check clean, annotations re-anchored")
    func campaign() throws {
        let script = """
        import os, runpy, sys
        os.environ["PARALLAX_BIN"] = sys.argv[1]
        os.environ["CRASH_SEED"] = "20261204"
        sys.argv = [sys.argv[2], "4"]
        runpy.run_path(sys.argv[0], run_name="__main__")
        """
        let out = try Python.run(script, arguments: [ParallaxBinary.path, Fixtures.root + "/Scripts/crash-docs"])
        #expect(out.contains("4 kills, 0 inconsistent"), "\(out)")
        #expect(out.contains("doc add: ") && out.contains("doc update: "), "\(out)")
    }

    @Test("killed between the manifest and the sets: check is clean, annotations load re-anchored, and the orphan is still one")
    func betweenManifestAndSets() throws {
        let dir = ParallaxBinary.scratchProject()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let v1 = "Intro.\n\nThe wedge strategy is tactical at best.\n\nA claim that will vanish.\n"
        let v2 = "A new first paragraph.\n\nIntro.\n\nThe wedge strategy is tactical at best.\n"
        _ = FileManager.default.createFile(atPath: dir + "/v1.txt", contents: Data(v1.utf8))
        _ = FileManager.default.createFile(atPath: dir + "/v2.txt", contents: Data(v2.utf8))
        let setup = try ParallaxBinary.run(["--set", "alice", "--no-color"], stdin: """
        doc add v1.txt id:memo authors:"Ali Wyne" date:2024
        mark memo "tactical at best"
        code reset-wedge -1
        mark memo "will vanish"
        code reset-wedge 1

        """, directory: dir)
        #expect(setup.status == 0, "\(setup.stderr)")
        // The sets as they were before the update: what a kill after the manifest's rename leaves.
        let fm = FileManager.default
        try fm.copyItem(atPath: dir + "/Annotations", toPath: dir + "/Annotations-before")
        let update = try ParallaxBinary.run(["--set", "alice", "--no-color", "-c", "doc update memo v2.txt"], directory: dir)
        #expect(update.status == 0, "\(update.stderr)")
        try fm.removeItem(atPath: dir + "/Annotations")
        try fm.moveItem(atPath: dir + "/Annotations-before", toPath: dir + "/Annotations")
        let check = try ParallaxBinary.run(["--set", "alice", "--no-color", "-c", "check"], directory: dir)
        #expect(check.stdout.contains("orphaned annotation"), "\(check.stdout)")
        #expect(!check.stdout.contains("moved"), "re-anchoring after doc update is not a problem: \(check.stdout)")
        #expect(check.stderr.contains("check found 1 problem"), "only the orphan: \(check.stderr)")
        let list = try ParallaxBinary.run(["--set", "alice", "--no-color", "-c", "list --json"], directory: dir)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        let tactical = try #require(rows.first { ($0["exact"] as? String) == "tactical at best" })
        #expect(tactical["status"] as? String == "re-anchored")
        #expect(tactical["start"] as? Int == v2.unicodeScalars.count - "tactical at best.\n".unicodeScalars.count)
    }
}
