import Foundation
import Testing
import TestSupport

/// Whole sessions piped into the built binary, compared with expected output files.
@Suite("Session snapshots")
struct SessionSnapshotTests {
    func session(_ script: String, set: String = "baseline") throws -> String {
        let r = try ParallaxBinary.run(["--set", set, "--keep-going"], stdin: script, environment: ["COLUMNS": "100"],
                                       directory: ParallaxBinary.scratchProject())
        let out = r.stdout + (r.stderr.isEmpty ? "" : "--- stderr\n" + r.stderr)
        // New ids differ run to run: replace those made in this session (the baseline's
        // ids, made earlier, stay as they are).
        return out.replacingOccurrences(of: #"coded 01[0-9A-HJKMNP-TV-Z]{24}"#, with: "coded <ID>", options: .regularExpression)
    }

    /// Also hides ids in listings of sets made during the session.
    func normalised(_ s: String) -> String {
        s.replacingOccurrences(of: #"01[0-9A-HJKMNP-TV-Z]{24}"#, with: "<ID>", options: .regularExpression)
    }

    @Test("help and help COMMAND come from the registry")
    func help() throws {
        Snapshot.check(try session("help\nhelp mark\nhelp code\n"), "help.txt", target: "ParallaxEndToEndTests")
    }

    @Test("list and show on the baseline")
    func listShow() throws {
        Snapshot.check(try session("list analyst:asli question:us-russia-reset\nshow 01M84H2C7JHFV149YZQQ9J7GNX\nsets\n"),
                       "list-show.txt", target: "ParallaxEndToEndTests")
    }

    @Test("a coding session: find, mark, code, list, edit, undo, delete")
    func coding() throws {
        let script = """
        find highly unlikely
        mark 1 sentence
        code reset-wedge unlikely tags:evidence,explicit confidence:0.8 "Stent: a wedge is highly unlikely"
        list
        undo
        list
        redo
        mark lin ¶23
        code alignment-endures "likely to hold"
        list question:alignment-endures
        """
        Snapshot.check(normalised(try session(script, set: "alice")), "coding.txt", target: "ParallaxEndToEndTests")
    }

    @Test("error paths: each says where and what to do, and the session goes on")
    func errors() throws {
        let script = """
        nonsense
        help nonsense
        read
        read nowhere
        read brookings ¶999
        read brookings ¶abc
        find
        mark 1
        find asli
        mark 99
        mark 1 word
        mark brookings "the"
        mark brookings "no such words anywhere"
        mark brookings 10 5
        mark brookings 0 99999999
        code reset-wedge -1
        mark brookings ¶1
        code reset-wedge -1
        mark brookings ¶8
        code reset-wedg -1
        code reset-wedge 7
        code reset-wedge likely confidence:2
        code reset-wedge likely analyst:nobody
        list question:nothing
        list set:nosuchset
        show XYZ
        edit 01M84H2C7JHFV149YZQQ9J7GNX stance:-1
        delete nothing
        use ../evil
        question add Bad-Id "text" a b c
        question add fine-id "text" a b
        compare nonsense
        diff stent
        export pdf x.pdf
        import /nonexistent.csv
        find "unterminated
        list --frobnicate
        """
        Snapshot.check(try session(script, set: "alice"), "errors.txt", target: "ParallaxEndToEndTests")
    }
}
