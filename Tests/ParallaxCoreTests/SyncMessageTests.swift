import Testing
import ParallaxCore

/// The commit message `sync` writes names what changed in a set: annotations, memos and the
/// question renames it went through, never "no annotation changed" when something did.
@Suite("Sync commit message")
struct SyncMessageTests {
    @Test("a memo and a rename are named, in the subject and the body")
    func memosAndRenames() {
        var set = SetContents()
        let memo = Memo(id: "01MEMO00000000000000000000", target: .project, text: "round two", created: "2026-12-04T10:00:00Z")
        set.memos = [memo]
        set.renames = [QuestionRename(from: "reset-wedge", to: "reverse-nixon")]
        let diff = SetDiff(old: SetContents(), new: set, oldName: "HEAD", newName: "alice")
        let change = SyncMessage.SetChange(set: "alice", diff: diff)
        #expect(!change.isEmpty)
        #expect(change.long == "1 memo added, changed or removed, question reset-wedge renamed to reverse-nixon")
        #expect(SyncMessage(sets: [change]).text == "sync: alice 1 memo reset-wedge→reverse-nixon\n\nalice: 1 memo added, changed or removed, question reset-wedge renamed to reverse-nixon\n")
        #expect(SyncMessage.SetChange(set: "bob").long == "rewritten, no annotation changed")
    }
}
