import Foundation
import Testing
import ParallaxCore
import TestSupport

/// Durability of the store through the real binary: crashes and concurrent writers.
@Suite("Durability", .serialized)
struct DurabilityTests {
    /// Ids of annotations the writer acknowledged (`coded ID: …` is printed only after the
    /// annotation is on disk).
    func acknowledged(_ output: String) -> [String] {
        output.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("coded ") else { return nil }
            return String(line.dropFirst(6).prefix { $0 != ":" })
        }
    }

    /// A script that codes `count` annotations on distinct sentences of the transcript.
    func writerScript(count: Int) -> String {
        var s = ""
        for i in 0..<count {
            let start = 3000 + (i * 37) % 40_000
            s += "mark brookings \(start) \(start + 12)\ncode reset-wedge \(i % 5 - 2) analyst:stent \"note \(i)\"\n"
        }
        return s + "quit\n"
    }

    @Test("SIGKILL at random moments never loses an acknowledged annotation or breaks the set")
    func crashCampaign() throws {
        let project = ParallaxBinary.scratchProject(withBaseline: false)
        var generator = SystemRandomNumberGenerator()
        var everAcknowledged = Set<String>()
        var kills = 0
        for round in 0..<30 {
            let writer = try ParallaxBinary.start(["--set", "crash"], environment: ["PARALLAX_COMPACT_EVERY": "\(7 + round % 11)"],
                                                  directory: project)
            writer.send(writerScript(count: 400))
            usleep(UInt32.random(in: 30_000...250_000, using: &generator))
            writer.kill()
            kills += 1
            everAcknowledged.formUnion(acknowledged(writer.stdout))
            // After every kill, the set loads and holds every annotation ever acknowledged.
            let store = try AnnotationStore(directory: project + "/Annotations", corpus: Fixtures.corpus)
            let set = try store.set("crash")
            let problems = try store.problems(of: "crash")
            #expect(problems.isEmpty, "round \(round): \(problems)")
            let missing = everAcknowledged.subtracting(set.byID.keys)
            #expect(missing.isEmpty, "round \(round): lost \(missing.count) acknowledged annotations")
            if !missing.isEmpty { break }
        }
        #expect(kills == 30)
        #expect(everAcknowledged.count > 30, "the writer got some work done between kills")
    }

    @Test("a second writer is refused with who holds the set; it can still read")
    func twoProcesses() throws {
        let project = ParallaxBinary.scratchProject()
        let first = try ParallaxBinary.start(["--set", "alice"], directory: project)
        first.send("mark brookings \"highly unlikely\"\ncode reset-wedge -1\n")
        #expect(first.wait(for: "coded "))
        let second = try ParallaxBinary.run(["--set", "alice"], stdin: "list\nmark brookings \"highly unlikely\"\ncode reset-wedge -2\n",
                                            directory: project)
        #expect(second.status == 1)
        #expect(second.stdout.contains("1 annotation"), "the second session reads what the first wrote")
        let pid = first.process.processIdentifier
        #expect(second.stderr.contains("<stdin>:3: ") && second.stderr.contains("set alice is open for writing by pid \(pid) on "),
                "\(second.stderr)")
        // Another set is free to write.
        let other = try ParallaxBinary.run(["--set", "bob"], stdin: "mark brookings \"highly unlikely\"\ncode reset-wedge -2\n", directory: project)
        #expect(other.status == 0, "\(other.stderr)")
        // When the first ends, the second can write and sees the first's work.
        first.send("quit\n")
        #expect(first.finish() == 0)
        let again = try ParallaxBinary.run(["--set", "alice"], stdin: "mark brookings \"highly unlikely\"\ncode reset-wedge -2\nlist --json\n",
                                           directory: project)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.components(separatedBy: "\"id\"").count - 1 == 2)
    }

    @Test("a lock left by a killed process is stale and taken over")
    func staleLock() throws {
        let project = ParallaxBinary.scratchProject()
        let first = try ParallaxBinary.start(["--set", "alice"], directory: project)
        first.send("mark brookings \"highly unlikely\"\ncode reset-wedge -1\n")
        #expect(first.wait(for: "coded "))
        first.kill()
        #expect(FileManager.default.fileExists(atPath: project + "/Annotations/alice.lock"))
        let next = try ParallaxBinary.run(["--set", "alice"], stdin: "mark brookings \"highly unlikely\"\ncode reset-wedge -2\nlist\n",
                                          directory: project)
        #expect(next.status == 0, "\(next.stderr)")
        #expect(next.stdout.contains("2 annotations"))
    }
}
