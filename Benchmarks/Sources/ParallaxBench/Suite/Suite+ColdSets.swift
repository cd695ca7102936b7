#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ParallaxCore
import ParallaxStore

/// Cold processes on annotation sets (issue 17): each a whole `parallax -c …` run of the
/// release binary beside a Python peer doing the same work, interleaved, repeated, medians.
extension Suite {
    /// Sizes of the cold-process sets over the bundled corpus (`b10k`, `b100k`, `b1m`).
    static let coldSizes = [10_000, 100_000, 1_000_000]

    static func coldName(_ n: Int) -> String { "b" + String(Dataset.setName(n).dropFirst()) }

    /// One annotations folder per size (codebook and one set), so `sets` loads only that set.
    func coldSetDirectory(_ n: Int) -> String { data.data + "/cold-sets/" + Suite.coldName(n) }

    /// Makes the sets that are missing: `b100k` is the suite's own (linked), the others are
    /// generated over the bundled corpus with fixed seeds.
    func ensureColdSets() throws {
        var generator: SetGenerator?
        for (k, n) in Suite.coldSizes.enumerated() {
            let dir = coldSetDirectory(n), name = Suite.coldName(n)
            let file = dir + "/" + name + ".jsonl"
            if FileManager.default.fileExists(atPath: file) { continue }
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try? FileManager.default.removeItem(atPath: dir + "/codebook.json")
            try FileManager.default.copyItem(atPath: data.bundledAnnotations + "/codebook.json", toPath: dir + "/codebook.json")
            let suiteSet = data.bundledSetDirectory + "/b100k.jsonl"
            if n == 100_000, FileManager.default.fileExists(atPath: suiteSet) {
                try FileManager.default.linkItem(atPath: suiteSet, toPath: file)
                continue
            }
            log("generating \(name) over the bundled corpus…")
            if generator == nil {
                let corpus = try Corpus.load(from: data.bundledCorpus)
                generator = SetGenerator(corpus: corpus, codebook: try AnnotationStore(directory: dir, corpus: corpus).codebook)
            }
            try generator!.write(count: n, to: file, seed: UInt64(40 + k))
        }
    }

    /// The release binary on a cold-set folder, with commands; fails loudly on a non-zero exit.
    private func parallax(_ binary: String, _ n: Int, _ commands: [String]) throws -> ChildRun {
        let args = [binary, "--corpus", data.bundledCorpus, "--annotations", coldSetDirectory(n), "--set", Suite.coldName(n)]
            + commands.flatMap { ["-c", $0] }
        let r = try Spawn.run(args, quietErrors: false, measureMemory: true)
        guard r.status == 0 else { throw BenchError("parallax \(commands) failed with status \(r.status)") }
        return r
    }

    private func peer(_ arguments: [String]) throws -> ChildRun {
        let r = try Spawn.run(["python3", data.root + "/Benchmarks/Scripts/cold_peer.py"] + arguments, quietErrors: false, measureMemory: true)
        guard r.status == 0 else { throw BenchError("python peer \(arguments[0]) failed") }
        return r
    }

    private func snapshot(_ n: Int) -> String { coldSetDirectory(n) + "/.parallax/" + Suite.coldName(n) + ".snapshot" }

    mutating func coldSets(_ binary: String) throws {
        try ensureColdSets()
        emit("## Cold processes on sets (issue 17: vs Python peers, interleaved, same run)")
        emit()
        emit("Each row is a whole process, start-up included, of the release `parallax` on the bundled corpus and one set " +
             "(`--annotations` holding only that set), run beside its peer in turn, \(runs) times; medians. Peers: " +
             "`Benchmarks/Scripts/cold_peer.py` with Python's garbage collector off (`load`: read the file and `orjson.loads` every " +
             "line; `jsonl`: then add `\"set\"` to each record, `orjson.dumps` and write; `csv`: then one `csv.writer` row each). " +
             "A snapshot is the store's `.parallax/NAME.snapshot`; \"no snapshot\" deletes it before the run (the run parses the " +
             "JSON and writes a new one, fsync included).")
        emit()
        emit("| work (cold process) | set (file) | Parallax | peer | ratio | peak RSS (× file) | target |")
        emit("|---|---|---:|---:|---:|---:|---|")
        var quit: [Double] = []
        var quitPeak: [Int] = []
        for _ in 0..<runs {
            let r = try parallax(binary, 10_000, ["quit"])
            quit.append(r.seconds); quitPeak.append(r.maxRSSKB)
        }
        let floor = Stats.medianInt(quitPeak)
        emit("| start-up, `-c quit` (floor) | | \(Format.seconds(Stats.median(quit))) | | | \(Format.megabytes(kB: floor)) | |")
        for n in Suite.coldSizes {
            let name = Suite.coldName(n)
            let file = coldSetDirectory(n) + "/" + name + ".jsonl"
            let size = (try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
            log("cold load \(name)…")
            _ = try parallax(binary, n, ["sets"]) // writes the snapshot if it is missing
            var hit: [Double] = [], miss: [Double] = [], py: [Double] = []
            var hitPeak: [Int] = [], missPeak: [Int] = []
            let times = n >= 1_000_000 ? max(2, runs - 2) : runs
            for _ in 0..<times {
                let h = try parallax(binary, n, ["sets"])
                hit.append(h.seconds); hitPeak.append(h.maxRSSKB)
                py.append(try peer(["load", file]).seconds)
                unlink(snapshot(n))
                let m = try parallax(binary, n, ["sets"])
                miss.append(m.seconds); missPeak.append(m.maxRSSKB)
            }
            let peerTime = Stats.median(py)
            func row(_ what: String, _ xs: [Double], _ peaks: [Int], target: Bool) {
                let t = Stats.median(xs), peak = Stats.medianInt(peaks)
                let times = Double((peak - floor) * 1024) / Double(size)
                let verdict = target ? (t / peerTime <= 1.0 && times < 3 ? "≤ 1.0 (stretch 0.5), peak < 3×: met" : "≤ 1.0, peak < 3×: **not met**") : "(no target)"
                emit("| \(what) | \(name) (\(Format.megabytes(bytes: size))) | \(Format.seconds(t)) | \(Format.seconds(peerTime)) | \(Format.ratio(t / peerTime)) | \(Format.megabytes(kB: peak)) (\(String(format: "%.2f", times))×) | \(verdict) |")
            }
            row("load a set, `-c sets` (snapshot current)", hit, hitPeak, target: true)
            row("load a set, `-c sets` (no snapshot: parse, check, write one)", miss, missPeak, target: false)
        }
        let n = 100_000, name = Suite.coldName(n)
        let file = coldSetDirectory(n) + "/" + name + ".jsonl"
        let size = (try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        let out = data.scratch + "/cold-out"
        try FileManager.default.createDirectory(atPath: data.scratch, withIntermediateDirectories: true)
        var jsonl: [Double] = [], csv: [Double] = [], list: [Double] = [], pyJSONL: [Double] = [], pyCSV: [Double] = []
        log("cold exports \(name)…")
        _ = try parallax(binary, n, ["sets"])
        for _ in 0..<runs {
            jsonl.append(try parallax(binary, n, ["export jsonl \(out).jsonl"]).seconds)
            pyJSONL.append(try peer(["jsonl", file, out + "-py.jsonl", name]).seconds)
            csv.append(try parallax(binary, n, ["export csv \(out).csv"]).seconds)
            pyCSV.append(try peer(["csv", file, out + "-py.csv", name]).seconds)
            let l = try parallax(binary, n, ["list --json"])
            list.append(l.seconds)
        }
        for f in [".jsonl", "-py.jsonl", ".csv", "-py.csv"] { unlink(out + f) }
        let (j, pj, c, pc, l) = (Stats.median(jsonl), Stats.median(pyJSONL), Stats.median(csv), Stats.median(pyCSV), Stats.median(list))
        let label = "\(name) (\(Format.megabytes(bytes: size)))"
        emit("| `export jsonl` | \(label) | \(Format.seconds(j)) | \(Format.seconds(pj)) | \(Format.ratio(j / pj)) | | ≤ 1.0: \(j <= pj ? "met" : "**not met**") |")
        emit("| `export csv` | \(label) | \(Format.seconds(c)) | \(Format.seconds(pc)) | \(Format.ratio(c / pc)) | | ≤ 1.0: \(c <= pc ? "met" : "**not met**") |")
        emit("| `list --json` (to a file) | \(label) | \(Format.seconds(l)) | \(Format.seconds(j)) (`export jsonl`) | \(Format.ratio(l / j)) | | as fast as `export jsonl`: \(l <= j * 1.1 ? "met" : "**not met**") |")
        emit()
        emit("Peak RSS is the process's `ru_maxrss`; × file is (peak − the `-c quit` floor) over the set file's size.")
        emit()
    }

    /// The REPL's commands in process on the 1M set (`b1m`), as the `commands` group runs them on 100k.
    mutating func commandsMillion() throws {
        try ensureColdSets()
        log("REPL commands on 1M (several minutes)…")
        let n = 1_000_000
        let r = try child("commands", ["corpus": data.bundledCorpus, "annotations": coldSetDirectory(n),
                                       "set": Suite.coldName(n), "scratch": data.scratch + "/commands-1m", "reps": "3"], times: 1)
        emit("## REPL commands with a 1M set loaded (bundled corpus, set `b1m`)")
        emit()
        emit("As the 100k table, median of 3 after a warm-up; `every set` here is b1m, its second coder and its edited copy (2.9M).")
        emit()
        emit("| command | median | max | under 100 ms |")
        emit("|---|---:|---:|---|")
        for s in r[0] {
            let once = s.seconds.count == 1
            let label = s.name.replacingOccurrences(of: "100k", with: "1M").replacingOccurrences(of: "290k", with: "2.9M")
                .replacingOccurrences(of: "40k", with: "400k")
            emit("| `\(label)` | \(Format.seconds(s.median)) | \(once ? "" : Format.seconds(s.seconds.max()!)) | \(once && !s.name.hasPrefix("delete") ? "once" : s.median < 0.1 ? "yes" : "no") |")
        }
        emit()
    }
}
