import Foundation
import Testing
import TestSupport

/// The built `parallax` binary, driven as a user drives it.
@Suite("parallax on the command line")
struct CommandLineTests {
    @Test("-c 'find asli --json' prints the 12 hits as JSON")
    func findJSON() throws {
        let r = try ParallaxBinary.run(["-c", "find asli --json"])
        #expect(r.status == 0, "\(r.stderr)")
        let hits = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        #expect(hits.count == 12)
        let first = try #require(hits.first)
        #expect(Set(first.keys).isSuperset(of: ["doc", "start", "end", "text", "paragraph", "analyst"]))
        let doc = try Fixtures.corpus.requireDocument("brookings")
        for h in hits {
            let start = try #require(h["start"] as? Int), end = try #require(h["end"] as? Int)
            #expect(doc.text.text(start, end) == h["text"] as? String)
        }
    }

    @Test("repeated -c run in order; a failing one makes the status non-zero")
    func repeatedC() throws {
        let r = try ParallaxBinary.run(["-c", "find reverse nixon", "-c", "read nowhere", "-c", "docs"])
        #expect(r.status == 1)
        #expect(r.stdout.contains("4 hits"))
        #expect(!r.stdout.contains("brookings  2025-03-06"), "stops at the first failing command")
        #expect(r.stderr == "error: read: argument 1: no document \"nowhere\" — known documents: brookings, lin, usip, merics\n")
    }

    @Test("piped commands run in order with no prompt; errors say <stdin>:LINE")
    func piped() throws {
        let r = try ParallaxBinary.run([], stdin: "docs\nfind aydintasbas\nfindd x\nquestions\n")
        #expect(r.status == 1)
        #expect(!r.stdout.contains("parallax["), "no prompt when input is not a terminal")
        #expect(r.stdout.contains("5 hits"))
        #expect(r.stderr == "error: <stdin>:3: unknown command \"findd\" — did you mean find?\n")
        #expect(!r.stdout.contains("reset-wedge"), "stops at the first error")
        let going = try ParallaxBinary.run(["--keep-going"], stdin: "findd x\nquestions\n")
        #expect(going.status == 1)
        #expect(going.stdout.contains("reset-wedge"))
    }

    @Test("a command as arguments: parallax find reverse nixon")
    func subcommand() throws {
        let r = try ParallaxBinary.run(["find", "reverse", "nixon", "--json"])
        #expect(r.status == 0)
        #expect(try (JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [Any])?.count == 4)
    }

    @Test("a script file: comments, FILE:LINE errors, exit status")
    func script() throws {
        let dir = Fixtures.temporaryDirectory()
        let script = dir + "/tour.px"
        try "# a tour\nfind asli\n\nmark 99\nquestions\n".write(toFile: script, atomically: true, encoding: .utf8)
        let r = try ParallaxBinary.run([script])
        #expect(r.status == 1)
        #expect(r.stderr == "error: \(script):4: mark: argument 1: there is no hit 99 — the last `find` had hits 1-12\n")
        let missing = try ParallaxBinary.run([dir + "/nope.px"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("nope.px: cannot read script"))
    }

    @Test("read shows numbered paragraphs with speakers")
    func read() throws {
        let r = try ParallaxBinary.run(["-c", "read brookings ¶8-9 --json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["number"] as? Int } == [8, 9])
        #expect(rows[0]["analyst"] as? String == "stent")
        #expect((rows[0]["text"] as? String)?.hasPrefix("ANGELA STENT:") == true)
        #expect(rows[1]["analyst"] as? String == "stent", "the unlabelled paragraph continues Stent's turn")
    }

    @Test("a missing corpus is a clear startup error with status 2")
    func missingCorpus() throws {
        let r = try ParallaxBinary.run(["--corpus", "/nonexistent", "-c", "docs"])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("error: /nonexistent/manifest.json: cannot read the corpus manifest"))
    }

    @Test("the shipped codebook and baseline pass check; compare, diff and matrix answer on a fresh checkout")
    func shippedData() throws {
        let check = try ParallaxBinary.run(["-c", "check"])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.hasPrefix("ok: "))
        for command in ["compare reset-wedge", "diff stent wyne", "matrix"] {
            let r = try ParallaxBinary.run(["-c", command])
            #expect(r.status == 0 && r.stderr.isEmpty, "\(command): \(r.stderr)")
        }
        let damaged = ParallaxBinary.scratchProject()
        let path = damaged + "/Annotations/baseline.jsonl"
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text += "{broken\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let bad = try ParallaxBinary.run(["-c", "check"], directory: damaged)
        #expect(bad.status == 1)
        #expect(bad.stdout.contains("Annotations/baseline.jsonl:64: column 2: expected a string"))
    }

    @Test("export in every format, import back exactly; a bad import imports nothing")
    func exportImport() throws {
        let project = ParallaxBinary.scratchProject()
        let out = project + "/review"
        var commands: [String] = []
        for format in ["jsonl", "w3c", "csv", "md", "html", "qdpx", "brat"] {
            commands += ["-c", "export \(format) \(out)/all.\(format) set:baseline"]
        }
        let exported = try ParallaxBinary.run(["--set", "baseline"] + commands, directory: project)
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(exported.stdout.split(separator: "\n").count == 7)
        for format in ["jsonl", "w3c", "csv", "qdpx"] {
            let set = "back-\(format)"
            let r = try ParallaxBinary.run(["-c", "import \(out)/all.\(format) set:\(set)", "-c", "diff sets baseline \(set) --json"],
                                           directory: project)
            #expect(r.status == 0, "\(format): \(r.stderr)")
            #expect(r.stdout.hasPrefix("imported 63 annotations into \(set) (63)"), "\(format): \(r.stdout.prefix(200))")
            let json = String(r.stdout.drop { $0 != "{" })
            let diff = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            #expect((diff["entries"] as? [Any])?.isEmpty == true, "\(format): the round trip changed something")
        }
        // A CSV with one bad stance: every problem reported, nothing imported.
        var csv = try String(contentsOfFile: out + "/all.csv", encoding: .utf8)
        csv = csv.replacingOccurrences(of: ",reset-wedge,stent,-2,", with: ",reset-wedge,stent,-7,")
        try csv.write(toFile: out + "/bad.csv", atomically: true, encoding: .utf8)
        let bad = try ParallaxBinary.run(["-c", "import \(out)/bad.csv set:bad", "-c", "list set:bad"], directory: project)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("bad.csv:") && bad.stderr.contains("stance -7 is off the scale of reset-wedge"), "\(bad.stderr)")
        #expect(bad.stderr.contains("nothing was imported"))
        let after = try ParallaxBinary.run(["-c", "list set:all --json"], directory: project)
        #expect(!after.stdout.contains("\"set\" : \"bad\""))
    }

    @Test("--help and -h print the options and exit 0; help still lists the REPL commands")
    func help() throws {
        for flag in ["--help", "-h"] {
            let r = try ParallaxBinary.run([flag])
            #expect(r.status == 0, "\(flag): \(r.stderr)")
            #expect(r.stdout.contains("USAGE: parallax"), "\(flag)")
            for option in ["--corpus", "--annotations", "--set", "--no-pager", "--version", "merge-driver"] {
                #expect(r.stdout.contains(option), "\(flag) lists \(option)")
            }
        }
        let commands = try ParallaxBinary.run(["help"])
        #expect(commands.status == 0 && commands.stdout.contains("Commands (type `help COMMAND`"))
        let one = try ParallaxBinary.run(["find", "--help"])
        #expect(one.status == 0 && one.stdout.hasPrefix("usage: find"), "\(one.stdout)\(one.stderr)")
    }

    @Test("--version prints the version kept in one place, and CHANGELOG.md's latest entry names it")
    func version() throws {
        let r = try ParallaxBinary.run(["--version"])
        #expect(r.status == 0)
        let version = r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(version.split(separator: ".").count == 3 && version.split(separator: ".").allSatisfy { Int($0) != nil })
        let changelog = try String(contentsOfFile: Fixtures.root + "/CHANGELOG.md", encoding: .utf8)
        let latest = changelog.split(separator: "\n").first { $0.hasPrefix("## ") }
        #expect(latest?.hasPrefix("## [\(version)]") == true, "CHANGELOG's latest entry: \(latest ?? "none")")
    }

    @Test("merge-driver is a subcommand with its own --help; a wrong call exits 2 with its usage")
    func mergeDriverHelp() throws {
        let r = try ParallaxBinary.run(["merge-driver", "--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("USAGE: parallax merge-driver <base> <ours> <theirs> [<path>]"))
        #expect(r.stdout.contains("git config merge.parallax.driver"))
        let wrong = try ParallaxBinary.run(["merge-driver", "only-one"])
        #expect(wrong.status == 2)
        #expect(wrong.stderr.hasPrefix("error: merge-driver: Missing expected argument '<ours>'"), "\(wrong.stderr)")
    }
}
