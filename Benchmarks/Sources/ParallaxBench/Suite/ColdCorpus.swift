#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ParallaxCore
import ParallaxStore

/// The `cold-corpus` group: what a new process pays on a corpus of 5,000 documents (100 MB)
/// — start-up, `find --count` against `rg -i -F -c` over the same files — and folded search
/// in a running session (the corpus cache mapped) against ripgrep, process after process,
/// interleaved with the peer, medians.
struct ColdCorpus {
    let data: Dataset
    let runs: Int
    let binary: String
    let me: String
    var lines: [String] = []

    static let phrases = ["reverse nixon", "asli"]

    /// The 5,000-document corpus (`Benchmarks/.data/corpus5k`), generated on first use.
    var corpus: String { data.data + "/corpus5k" }

    mutating func emit(_ s: String = "") {
        lines.append(s)
        FileHandle.standardOutput.write(Data((s + "\n").utf8))
    }

    func log(_ s: String) { FileHandle.standardError.write(Data((s + "\n").utf8)) }

    /// Generates the corpus if it is missing or was made otherwise.
    func ensure() throws {
        let stamp = "v1 documents=5000 average=20000"
        let stampPath = corpus + "/.STAMP"
        if (try? String(contentsOfFile: stampPath, encoding: .utf8)) == stamp { return }
        try? FileManager.default.removeItem(atPath: corpus)
        let t = Stopwatch.now()
        let made = try CorpusGenerator(bundled: data.bundledCorpus).write(to: corpus, documents: 5_000, averageBytes: 20_000, seed: 5)
        log("generated corpus5k: \(made.documents) documents, \(Format.megabytes(bytes: made.bytes)) in \(Format.seconds(Stopwatch.now() - t))")
        try stamp.write(toFile: stampPath, atomically: true, encoding: .utf8)
    }

    /// Every document of the corpus in one file (what `rg` reads fastest), made on first use.
    func oneFile() throws -> String {
        let path = data.data + "/corpus5k.txt"
        if FileManager.default.fileExists(atPath: path) { return path }
        let manifest = try JSONDecoder().decode(CorpusManifest.self, from: Data(contentsOf: URL(fileURLWithPath: corpus + "/manifest.json")))
        var all = Data()
        for d in manifest.documents { all.append(try Data(contentsOf: URL(fileURLWithPath: corpus + "/" + d.file))) }
        try all.write(to: URL(fileURLWithPath: path))
        return path
    }

    func parallax(_ args: [String]) throws -> ChildRun {
        let r = try Spawn.run([binary, "--corpus", corpus, "--annotations", data.bundledAnnotations, "--set", "baseline"] + args)
        guard r.status == 0 else { throw BenchError("parallax \(args) failed: \(r.output)") }
        return r
    }

    /// `rg -i -F -c` over the corpus's files: the seconds and the total of its per-file counts.
    func ripgrep(_ phrase: String) throws -> (seconds: Double, lines: Int) {
        let r = try Spawn.run(["rg", "-i", "-F", "-c", "--no-ignore", "--no-filename", "-g", "*.txt", phrase, corpus])
        return (r.seconds, r.output.split(separator: "\n").compactMap { Int($0) }.reduce(0, +))
    }

    mutating func run() throws {
        try ensure()
        let files = (try FileManager.default.contentsOfDirectory(atPath: corpus)).filter { $0.hasSuffix(".txt") }
        let bytes = files.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: corpus + "/" + $1)[.size] as? Int) ?? 0) }
        emit("## Cold processes on a corpus of \(files.count) documents (\(Format.megabytes(bytes: bytes)))")
        emit()
        emit("The release `parallax` binary, each run a new process; the peer in the same loop, alternating with it. " +
             "`rg` searches the same \(files.count) files (`-g '*.txt' --no-ignore`, its default two threads); it counts matching lines, Parallax counts occurrences.")
        emit()

        // The cache is built by the first process; its time is reported once.
        try? FileManager.default.removeItem(atPath: corpus + "/.parallax")
        let first = try parallax(["-c", "quit"])
        let firstFind = try parallax(["-c", "find reverse nixon --count"])
        let n = max(runs, 11)

        emit("| measurement | Parallax | peer | ratio | target |")
        emit("|---|---:|---:|---:|---|")
        var startup: [Double] = []
        for _ in 0..<n { startup.append(try parallax(["-c", "quit"]).seconds) }
        let s = Stats.median(startup)
        emit("| start-up to the first command, `-c quit` | \(Format.seconds(s)) | | | < 100 ms: \(s < 0.1 ? "met" : "**not met**") |")
        for phrase in Self.phrases {
            var ours: [Double] = [], theirs: [Double] = []
            var count = "", rgLines = 0
            for _ in 0..<n {
                let r = try parallax(["-c", "find \(phrase) --count"])
                ours.append(r.seconds); count = r.output.trimmingCharacters(in: .whitespacesAndNewlines)
                let g = try ripgrep(phrase)
                theirs.append(g.seconds); rgLines = g.lines
            }
            let a = Stats.median(ours), b = Stats.median(theirs)
            emit("| `find \(phrase) --count` (\(count) hits) vs `rg -i -F -c` (\(rgLines) lines) | \(Format.seconds(a)) | \(Format.seconds(b)) | \(Format.ratio(a / b)) | ≤ 1.0: \(a <= b ? "met" : "**not met**") |")
        }
        emit("| first process after the cache is removed: `-c quit` (reads and hashes every document) | \(Format.seconds(first.seconds)) | | | once |")
        emit("| first `find --count` after that (folds every document, writes the pack) | \(Format.seconds(firstFind.seconds)) | | | once |")
        emit()

        // A running session: the pack mapped, then the same count again and again; one
        // median per process, so a slow process shows.
        emit("Folded search in a running session (corpus loaded through the cache, pack mapped), `reverse nixon`: one median of 15 counts (after a warm-up) per process, \(n) processes, each followed by 3 runs of `rg` (medians).")
        emit()
        let single = try oneFile()
        var perProcess: [Double] = [], rgTimes: [Double] = [], rgOne: [Double] = [], peaks: [Int] = [], prepare: [Double] = []
        for _ in 0..<n {
            let result = data.scratch + "/cold-\(getpid()).json"
            try FileManager.default.createDirectory(atPath: data.scratch, withIntermediateDirectories: true)
            let r = try Spawn.run([me, "child", "session-search", "corpus=\(corpus)", "phrase=reverse nixon", "result=\(result)"], quietErrors: false)
            guard r.status == 0 else { throw BenchError("child session-search failed") }
            let samples = try JSONDecoder().decode([Sample].self, from: Data(contentsOf: URL(fileURLWithPath: result)))
            unlink(result)
            if let c = samples.first(where: { $0.name == "count" }) { perProcess.append(c.median) }
            if let p = samples.first(where: { $0.name == "open" }) { prepare.append(p.median); peaks.append(p.peakKB ?? 0) }
            for _ in 0..<3 {
                rgTimes.append(try ripgrep("reverse nixon").seconds)
                rgOne.append(try Spawn.run(["rg", "-i", "-F", "-c", "--no-ignore", "reverse nixon", single]).seconds)
            }
        }
        let rgMedian = Stats.median(rgTimes)
        let worst = perProcess.max() ?? .nan
        let rgOneMedian = Stats.median(rgOne)
        emit("| measurement | median | slowest process | peer | ratio (median / slowest) | target |")
        emit("|---|---:|---:|---:|---:|---|")
        emit("| `SearchIndex.count` in a session vs `rg -i -F -c` over the \(files.count) files | \(Format.seconds(Stats.median(perProcess))) | \(Format.seconds(worst)) | \(Format.seconds(rgMedian)) | \(Format.ratio(Stats.median(perProcess) / rgMedian)) / \(Format.ratio(worst / rgMedian)) | ≤ 1.0 in every process: \(worst <= rgMedian ? "met" : "**not met**") |")
        emit("| the same vs `rg -i -F -c` over one file holding them all | \(Format.seconds(Stats.median(perProcess))) | \(Format.seconds(worst)) | \(Format.seconds(rgOneMedian)) | \(Format.ratio(Stats.median(perProcess) / rgOneMedian)) / \(Format.ratio(worst / rgOneMedian)) | ≤ 1.0 in every process: \(worst <= rgOneMedian ? "met" : "**not met**") |")
        emit("| open: load the corpus through the cache and map the pack | \(Format.seconds(Stats.median(prepare))) | \(Format.seconds(prepare.max() ?? .nan)) | | | |")
        emit()
        let peak = Stats.medianInt(peaks)
        emit("Per-process medians of the count: " + perProcess.map { Format.seconds($0) }.joined(separator: ", ") +
             ". Peak resident memory of such a process: \(Format.megabytes(kB: peak)) (\(Format.ratio(Double(peak * 1024) / Double(bytes)))× the corpus; target < 3×).")
        emit()
    }
}

extension Child {
    /// A session's folded search with the corpus cache: open (load the corpus, map the
    /// pack), then the count repeated.
    static func sessionSearch(corpus: String, phrase: String) throws -> [Sample] {
        var index: SearchIndex?
        let open = try single("open") {
            let cache = CorpusCache(corpus: corpus)
            index = cache.searchIndex(for: try cache.loadCorpus())
        }
        let hits = index!.count(phrase)
        var sample = repeated("count", 15) { _ = index!.count(phrase) }
        sample.info["hits"] = "\(hits)"
        return [open, sample]
    }
}
