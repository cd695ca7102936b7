import Foundation
import Testing
import ParallaxCore
import ParallaxStore
import ParallaxREPL
import TestSupport

/// `setdiff`, `conflicts` and `resolve` in a session, with their errors.
@Suite("Team commands")
struct TeamCommandTests {
    let baseline = Fixtures.bytes(Fixtures.annotationsDirectory + "/baseline.jsonl")!

    func session(sets: [String: [UInt8]], set: String = "alice") throws -> (Session, StringSink, StringSink) {
        let dir = Fixtures.annotationsDirectory(sets: sets)
        let out = StringSink(), err = StringSink()
        let s = try Session(options: SessionOptions(corpusDirectory: Fixtures.corpusDirectory, annotationsDirectory: dir, set: set,
                                                    style: Style(colour: false, width: 100)),
                            out: out, err: err)
        return (s, out, err)
    }

    /// Baseline with one stance changed and one annotation deleted.
    func aliceVersion() -> (bytes: [UInt8], changed: String, removed: String) {
        var set = SetContents(parsing: baseline)
        let changed = set.annotations[0].id, removed = set.annotations[1].id
        set.annotations[0].stance = 1
        set.annotations.remove(at: 1)
        return (set.bytes, changed, removed)
    }

    @Test("setdiff by set names and by file, as text and JSON")
    func setdiff() throws {
        let alice = aliceVersion()
        let (s, out, _) = try session(sets: ["baseline": baseline, "alice": alice.bytes])
        try s.registry.run("setdiff baseline alice", in: s)
        #expect(out.text.hasPrefix("baseline → alice: 1 changed · 1 removed · 61 unchanged\n"))
        #expect(out.text.contains("  \(alice.changed)  war-ends-soon · stent · brookings ¶8\n      stance     -2 no → +1 plausible (3 points)\n"),
                "\(out.text)")
        #expect(out.text.contains("Removed (1)\n  \(alice.removed)  "))
        out.clear()
        try s.registry.run("setdiff \(s.store.directory)/baseline.jsonl alice --json", in: s)
        let diff = try JSONDecoder().decode(SetDiff.self, from: Data(out.text.utf8))
        #expect(diff.entries.map(\.kind) == [.changed, .removed])
        #expect(diff.entries[0].changes == [SetDiff.FieldChange(field: .stance, old: .integer(-2), new: .integer(1))])
    }

    @Test("setdiff names what it cannot read")
    func setdiffErrors() throws {
        let (s, _, _) = try session(sets: ["baseline": baseline])
        #expect(throws: ParallaxError.self) { try s.registry.run("setdiff baseline nosuchset", in: s) }
        do {
            try s.registry.run("setdiff /nonexistent/x.jsonl baseline", in: s)
            Issue.record("no error")
        } catch let e as ParallaxError {
            #expect(e.description == "setdiff: argument 1: cannot read the set file /nonexistent/x.jsonl — give a set name or the path of a .jsonl set file")
        }
    }

    @Test("conflicts lists, resolve settles, both say when there is nothing to do")
    func conflictsAndResolve() throws {
        let base = SetContents(parsing: baseline)
        var ours = base, theirs = base
        ours.annotations[0].stance = 0
        theirs.annotations[0].stance = 1
        theirs.annotations[0].note = "their note"
        let result = SetMerge.merge(base: base, ours: ours, theirs: theirs)
        let (s, out, _) = try session(sets: ["alice": result.bytes])
        try RuntimeDirectory.ensure(in: s.store.directory, fs: PosixFileSystem())
        try Data(ConflictFile.encode(result.conflicts)).write(to: URL(fileURLWithPath: s.store.conflictsPath(of: "alice")))
        let id = base.annotations[0].id

        try s.registry.run("conflicts", in: s)
        #expect(out.text.hasPrefix("set alice: 1 merge conflict; the set holds ours until it is resolved\n"))
        #expect(out.text.contains("      stance     base -2"))
        out.clear()
        #expect(throws: ParallaxError.self) { try s.registry.run("resolve \(id) mine", in: s) }
        #expect(throws: ParallaxError.self) { try s.registry.run("resolve \(id) theirs field:colour", in: s) }
        #expect(throws: ParallaxError.self) { try s.registry.run("resolve 01ZZZZ theirs", in: s) }
        try s.registry.run("resolve \(id.prefix(10)) theirs field:stance", in: s)
        #expect(out.text == "\(id): stance from theirs\nno conflicts left in set alice: `sync` commits and pushes the resolution "
                + "(after a `git merge` of your own: `git add \(s.store.directory)/alice.jsonl` and commit the merge)\n")
        #expect(try s.store.set("alice").byID[id]?.stance == 1)
        #expect(try s.store.set("alice").byID[id]?.note == "their note", "the note merged cleanly")
        out.clear()
        try s.registry.run("conflicts", in: s)
        #expect(out.text == "set alice has no merge conflicts\n")
        out.clear()
        try s.registry.run("resolve --all ours", in: s)
        #expect(out.text == "set alice has no merge conflicts\n")
        try s.close()
    }
}
