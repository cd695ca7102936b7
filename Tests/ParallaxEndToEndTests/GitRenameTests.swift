import Foundation
import Testing
import ParallaxCore
import TestSupport

/// A question renamed in one clone while a coder in another keeps coding under the old id:
/// `sync` merges the two through the merge driver, cleanly, and everything ends under the new id.
@Suite("git: a renamed question", .serialized)
struct GitRenameTests {
    @Test("clone A renames a question and syncs; clone B, coding under the old id meanwhile, syncs: a clean merge under the new id")
    func renameAcrossClones() throws {
        let team = GitSyncTests.Team()
        let ann = try team.first("ann")
        let ben = try team.clone("ben")

        // A shared set with one coding on reset-wedge, known to both clones.
        try team.parallax(ann, set: "team", ["mark brookings 19953 20080", "code reset-wedge -2 \"base\"", "sync"])
        try team.parallax(ben, set: "team", ["sync"])
        let base = try #require(try team.annotations(ben, set: "team").first?["id"] as? String)

        // Ann renames the question: the codebook and set team change in one commit, pushed.
        let renamed = try team.parallax(ann, set: "team", ["question rename reset-wedge reverse-nixon", "sync rename"])
        #expect(renamed.stdout.contains("renamed question reset-wedge to reverse-nixon: 1 coding in 1 set"), "\(renamed.stdout)")
        #expect(renamed.stdout.contains("codebook.json") && renamed.stdout.contains("pushed "), "\(renamed.stdout)")
        #expect(renamed.stdout.contains("committed team (question reset-wedge renamed to reverse-nixon), codebook.json"), "\(renamed.stdout)")
        let pushed = try team.git(ann, "log", "-3", "--stat", "--format=", "origin/main").stdout
        #expect(pushed.contains("codebook.json") && pushed.contains("team.jsonl"), "\(pushed)")

        // Ben, on his own branch of history (not yet merged with Ann's rename), codes under
        // the old id: a new coding in the shared set, an edit of the base coding, and his own set.
        try team.parallax(ben, set: "team", ["mark brookings 20568 20813", "code reset-wedge 1 \"ben, old id\"",
                                             "edit \(base) note:ben-edits-base"])
        try team.parallax(ben, set: "ben", ["mark brookings 2930 3037", "code reset-wedge -1 \"ben alone\""])
        #expect(try team.parallax(ben, set: "team", ["questions"]).stdout.contains("reset-wedge"), "ben has not seen the rename")

        let synced = try team.parallax(ben, set: "team", ["sync"])
        #expect(synced.stdout.contains("merged origin/main"), "\(synced.stdout)")
        #expect(!synced.stdout.contains("conflict"), "\(synced.stdout)")
        #expect(try team.git(ben, "rev-parse", "-q", "--verify", "MERGE_HEAD", check: false).status != 0, "no merge left half-done")
        #expect(try team.git(ben, "status", "--porcelain").stdout.isEmpty)

        // The merged shared set: both codings under the new id, Ben's edit kept.
        let rows = try team.annotations(ben, set: "team")
        #expect(rows.count == 2)
        #expect(rows.allSatisfy { $0["question"] as? String == "reverse-nixon" }, "\(rows)")
        #expect(rows.first { $0["id"] as? String == base }?["note"] as? String == "ben-edits-base")
        #expect(rows.contains { $0["note"] as? String == "ben, old id" && $0["stance"] as? Int == 1 })
        let file = try #require(FileManager.default.contents(atPath: ben + "/Annotations/team.jsonl")).map { $0 }
        let text = String(decoding: file, as: UTF8.self)
        #expect(!text.contains("<<<<<<<"))
        #expect(!text.contains(#""question":"reset-wedge""#), "no coding is left under the old id: \(text)")
        // Ben's own set, which Ann's clone never had, reads under the new id too.
        #expect(try team.annotations(ben, set: "ben").allSatisfy { $0["question"] as? String == "reverse-nixon" })
        #expect(try team.parallax(ben, set: "team", ["check"]).stdout.hasPrefix("ok: 2 sets, 3 annotations"))

        // Ann pulls Ben's work: the same, from her side.
        try team.parallax(ann, set: "team", ["sync"])
        let annRows = try team.annotations(ann, set: "team")
        #expect(annRows.count == 2 && annRows.allSatisfy { $0["question"] as? String == "reverse-nixon" })
        #expect(try team.parallax(ann, set: "team", ["questions"]).stdout.contains("reverse-nixon"))
    }
}
