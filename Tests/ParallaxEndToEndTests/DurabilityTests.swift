import Foundation
import Testing
import ParallaxCore
import ParallaxStore
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
            // Kill at a random moment once the writer is working (start-up time varies with load).
            writer.wait(for: "coded ", seconds: 20)
            usleep(UInt32.random(in: 0...150_000, using: &generator))
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
        #expect(everAcknowledged.count >= kills, "every round, the writer got work done before the kill")
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
        #expect(FileManager.default.fileExists(atPath: project + "/Annotations/.parallax/alice.lock"))
        let next = try ParallaxBinary.run(["--set", "alice"], stdin: "mark brookings \"highly unlikely\"\ncode reset-wedge -2\nlist\n",
                                          directory: project)
        #expect(next.status == 0, "\(next.stderr)")
        #expect(next.stdout.contains("2 annotations"))
    }

    /// Writers started together, each coding `count` annotations in `sets[i]`.
    func concurrentWriters(sets: [String], count: Int, project: String) throws -> [ParallaxBinary.Running] {
        let writers = try sets.map { try ParallaxBinary.start(["--set", $0, "--keep-going"], directory: project) }
        for w in writers { w.send(writerScript(count: count)) }
        for w in writers { w.finish() }
        return writers
    }

    @Test("2 and 4 processes writing the same set: one writes, the others are told why; nothing acknowledged is lost",
          arguments: [2, 4])
    func sameSet(processes: Int) throws {
        let project = ParallaxBinary.scratchProject(withBaseline: false)
        let writers = try concurrentWriters(sets: Array(repeating: "shared", count: processes), count: 25, project: project)
        let acked = Set(writers.flatMap { acknowledged($0.stdout) })
        let store = try AnnotationStore(directory: project + "/Annotations", corpus: Fixtures.corpus)
        #expect(acked.isSubset(of: Set(try store.set("shared").byID.keys)))
        #expect(try store.set("shared").count == acked.count)
        #expect(try store.problems(of: "shared").isEmpty)
        #expect(acked.count >= 25, "at least one writer got through")
        for w in writers where acknowledged(w.stdout).count < 25 {
            let refusals = w.stderr.split(separator: "\n").filter { !$0.isEmpty }
            #expect(!refusals.isEmpty)
            #expect(refusals.allSatisfy { $0.contains("set shared is open for writing by ") }, "\(refusals.prefix(2))")
        }
    }

    @Test("4 processes writing 4 different sets at once: every annotation lands")
    func differentSets() throws {
        let project = ParallaxBinary.scratchProject(withBaseline: false)
        let names = ["w1", "w2", "w3", "w4"]
        let writers = try concurrentWriters(sets: names, count: 25, project: project)
        let store = try AnnotationStore(directory: project + "/Annotations", corpus: Fixtures.corpus)
        for (name, w) in zip(names, writers) {
            #expect(w.stderr.isEmpty, "\(name): \(w.stderr)")
            #expect(Set(acknowledged(w.stdout)) == Set(try store.set(name).byID.keys))
            #expect(try store.set(name).count == 25)
        }
    }
}
