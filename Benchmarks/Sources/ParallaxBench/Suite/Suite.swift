#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The whole suite: generates the data if needed, runs every measurement in child processes
/// (interleaved with the peers so they share the machine's noise), and prints a Markdown
/// report with medians, peak memory and ratios.
struct Suite {
    let data: Dataset
    /// Repetitions: processes per single-shot measurement.
    let runs: Int
    let only: Set<String>?
    private let me = CommandLine.arguments[0].hasPrefix("/") ? CommandLine.arguments[0]
        : FileManager.default.currentDirectoryPath + "/" + CommandLine.arguments[0]
    private var report: [String] = []

    init(data: Dataset, runs: Int, only: Set<String>?) {
        self.data = data
        self.runs = runs
        self.only = only
    }

    func log(_ s: String) {
        FileHandle.standardError.write(Data((s + "\n").utf8))
    }

    mutating func emit(_ s: String = "") {
        report.append(s)
        FileHandle.standardOutput.write(Data((s + "\n").utf8))
    }

    private func wants(_ group: String) -> Bool { only == nil || only!.contains(group) }

    // MARK: Children

    /// Runs a child measurement `times` times (fresh process each) and returns each run's samples.
    func child(_ name: String, _ options: [String: String], times: Int) throws -> [[Sample]] {
        var all: [[Sample]] = []
        for _ in 0..<times {
            let result = data.scratch + "/result-\(getpid()).json"
            try FileManager.default.createDirectory(atPath: data.scratch, withIntermediateDirectories: true)
            let args = [me, "child", name] + options.map { "\($0.key)=\($0.value)" }.sorted() + ["result=\(result)"]
            let run = try Spawn.run(args, quietErrors: false)
            guard run.status == 0 else { throw BenchError("child \(name) failed (status \(run.status))") }
            all.append(try JSONDecoder().decode([Sample].self, from: Data(contentsOf: URL(fileURLWithPath: result))))
            unlink(result)
        }
        return all
    }

    /// Medians across processes of the sample named `name`: time, and the operation's peak.
    func merged(_ runs: [[Sample]], _ name: String) -> (seconds: Double, peakKB: Int?, addedKB: Int?, info: [String: String], all: [Double]) {
        let picked = runs.compactMap { $0.first { $0.name == name } }
        let seconds = picked.flatMap(\.seconds)
        let medians = picked.map(\.median)
        let peaks = picked.compactMap(\.peakKB)
        let added = picked.compactMap(\.addedKB)
        return (picked.count > 1 ? Stats.median(medians) : Stats.median(seconds),
                peaks.isEmpty ? nil : Stats.medianInt(peaks), added.isEmpty ? nil : Stats.medianInt(added),
                picked.first?.info ?? [:], seconds)
    }

    /// Median CPU time (all threads) of a named sample across runs.
    private func cpu(_ runs: [[Sample]], _ name: String) -> Double {
        Stats.median(runs.compactMap { $0.first { $0.name == name }?.cpu }.flatMap { $0 })
    }

    // MARK: The run

    mutating func run() throws {
        if only.map({ !$0.subtracting(["cold-corpus"]).isEmpty }) ?? true { try data.ensure(log: log) }
        let binary = try parallaxBinary()
        emit("# Parallax benchmark run")
        emit()
        emit(Machine.describe())
        emit()
        emit("Runs per single-shot measurement: \(runs) processes; figures are medians. The machine is shared: " +
             "load average at start \(Machine.loadAverage).")
        emit()
        let groups: [(String, (inout Suite) throws -> Void)] = [
            ("corpus", { try $0.corpusLoad() }), ("loadsave", { try $0.loadSave() }), ("add", { try $0.durableAdd() }),
            ("search", { try $0.search() }), ("compare", { try $0.compare() }), ("reanchor", { try $0.reanchor() }),
            ("commands", { try $0.commands() }), ("startup", { try $0.startup(binary) }),
            ("cold-corpus", { s in
                var group = ColdCorpus(data: s.data, runs: s.runs, binary: binary, me: s.me)
                try group.run()
                s.report += group.lines
            }),
            ("cold-sets", { try $0.coldSets(binary) }), ("commands-1m", { try $0.commandsMillion() }),
        ]
        for (name, group) in groups where wants(name) {
            do {
                try group(&self)
            } catch {
                emit("**\(name) failed: \(error)**")
                emit()
            }
        }
        emit("Load average at the end: \(Machine.loadAverage).")
        let path = data.data + "/last-run.md"
        try report.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        log("report written to \(path)")
    }

    private func parallaxBinary() throws -> String {
        let path = data.root + "/.build/release/parallax"
        guard wants("startup") || wants("cold-corpus") || wants("cold-sets") else { return path }
        // Always: quick when the binary is up to date, and it must match the sources measured.
        log("building the release parallax binary as Scripts/parallax does (swift build -c release --static-swift-stdlib --product parallax)…")
        let build = try Spawn.run(["sh", "-c", "cd '\(data.root)' && exec swift build -c release --static-swift-stdlib --product parallax"], quietErrors: false)
        guard build.status == 0 else { throw BenchError("swift build failed") }
        return path
    }

    private mutating func corpusLoad() throws {
        log("corpus load…")
        let r = try child("corpus", ["corpus": data.corpus], times: runs)
        let m = merged(r, "corpus load")
        emit("## Corpus")
        emit()
        emit("| measurement | median | peak added | note |")
        emit("|---|---:|---:|---|")
        let bytes = Int(m.info["bytes"] ?? "0") ?? 0
        emit("| load the synthetic corpus (\(m.info["documents"] ?? "?") documents, \(Format.megabytes(bytes: bytes))) | \(Format.seconds(m.seconds)) | \(m.addedKB.map { Format.megabytes(kB: $0) } ?? "—") | \(Format.rate(bytes: bytes, seconds: m.seconds)): read, UTF-8 check, hash, index, paragraphs and turns |")
        emit()
    }

    // MARK: Load and save

    private mutating func loadSave() throws {
        emit("## Load and save a set (vs Python orjson, same file, same runs)")
        emit()
        emit("Parallax: `AnnotationStore.set` (read, parse, validate every annotation against the corpus and codebook, index by id), " +
             "then `SetFile.save` (canonical, sorted by id, written to a temporary file, fsync, rename, fsync of the directory). " +
             "orjson: read the file, `orjson.loads` every line with the garbage collector off, then `orjson.dumps` every record, " +
             "join and write (and, in the second ratio, fsync).")
        emit()
        emit("| set | file | Parallax load | save | total | peak added (× file) | orjson load | dumps+write | total | +fsync | ratio | ratio vs +fsync | target ≤ 1.0, peak < 3× |")
        emit("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
        let script = data.root + "/Benchmarks/Scripts/orjson_peer.py"
        for n in data.setSizes {
            log("load+save \(Dataset.setName(n))…")
            let path = data.setPath(n)
            let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            let times = n >= 1_000_000 ? max(2, runs - 2) : runs
            var swift: [[Sample]] = []
            var peer: [[String: Double]] = []
            var peerFsync: [[String: Double]] = []
            for _ in 0..<times {
                swift += try child("loadsave", ["corpus": data.corpus, "set": path, "out": data.scratch + "/out.jsonl"], times: 1)
                peer.append(try python(script, path, data.scratch + "/py.jsonl", fsync: false))
                peerFsync.append(try python(script, path, data.scratch + "/py.jsonl", fsync: true))
            }
            let load = merged(swift, "load"), save = merged(swift, "save")
            let pyLoad = Stats.median(peer.map { $0["load"]! }), pySave = Stats.median(peer.map { $0["save"]! })
            let pyTotal = Stats.median(peer.map { $0["load"]! + $0["save"]! })
            let pyTotalSync = Stats.median(peerFsync.map { $0["load"]! + $0["save"]! })
            let total = Stats.median(zip(load.all, save.all).map { $0 + $1 })
            // The set's own peak: the highest resident size during load and save, less what
            // the process held before loading (runtime and corpus).
            let base = (load.peakKB ?? 0) - (load.addedKB ?? 0)
            let peak = max(load.peakKB ?? 0, save.peakKB ?? 0) - base
            let ratio = total / pyTotal
            let peakRatio = Double(peak * 1024) / Double(size)
            let met = ratio <= 1.0 && peakRatio < 3 ? "met" : "**not met**"
            emit("| \(Dataset.setName(n)) (\(load.info["annotations"] ?? "?")) | \(Format.megabytes(bytes: size)) | \(Format.seconds(load.seconds)) | \(Format.seconds(save.seconds)) | \(Format.seconds(total)) | \(Format.megabytes(kB: peak)) (\(String(format: "%.2f", peakRatio))×) | \(Format.seconds(pyLoad)) | \(Format.seconds(pySave)) | \(Format.seconds(pyTotal)) | \(Format.seconds(pyTotalSync)) | \(Format.ratio(ratio)) | \(Format.ratio(total / pyTotalSync)) | \(met)\(save.info["identical"] == "yes" ? "" : " — saved bytes differ!") |")
            let pyPeak = Stats.median(peer.map { $0["peak_kb"]! })
            peakNotes.append("\(Dataset.setName(n)): Parallax \(Format.megabytes(kB: peak + base)) in all (\(Format.megabytes(kB: base)) before loading), orjson \(Format.megabytes(kB: Int(pyPeak)))")
            growth.append((n, total))
            if n == 100_000 {
                breakdown = swift[0].filter { $0.name.hasPrefix("  ") }.map { _ in "" }
                let names = swift[0].filter { $0.name.hasPrefix("  ") }.map(\.name)
                breakdown = names.map { name in
                    "\(name.trimmingCharacters(in: .whitespaces)) \(Format.seconds(merged(swift, name).seconds)) (CPU \(Format.seconds(cpu(swift, name))))"
                }
                breakdown.insert("load \(Format.seconds(load.seconds)) (CPU \(Format.seconds(cpu(swift, "load"))))", at: 0)
                breakdown.insert("save \(Format.seconds(save.seconds)) (CPU \(Format.seconds(cpu(swift, "save"))))", at: 1)
            }
        }
        emit()
        emit("Peak added: the highest VmHWM during load and save less the resident size before loading (the runtime and the \(data.corpusMegabytes) MiB corpus). " +
             "Whole processes' peaks: " + peakNotes.joined(separator: "; ") + ". " +
             "Growth (total time per annotation): " + growth.map { "\(Dataset.setName($0.0)) \(String(format: "%.2f µs", $0.1 / Double($0.0) * 1e6))" }.joined(separator: ", ") + ".")
        emit()
        if !breakdown.isEmpty {
            emit("Wall time (and CPU time, all threads) of a 100k load and save, then of their steps each alone: " + breakdown.joined(separator: "; ") + ".")
            emit()
        }
    }

    private var growth: [(Int, Double)] = []
    private var breakdown: [String] = []
    private var peakNotes: [String] = []

    private func python(_ script: String, _ path: String, _ out: String, fsync: Bool) throws -> [String: Double] {
        let run = try Spawn.run(["python3", script, path, out] + (fsync ? ["--fsync"] : []), quietErrors: false)
        guard run.status == 0, let line = run.output.split(separator: "\n").last,
              let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Double] else {
            throw BenchError("orjson peer failed: \(run.output)")
        }
        unlink(out)
        return object
    }

    // MARK: Durable add

    private mutating func durableAdd() throws {
        log("durable add…")
        let n = 100_000
        let r = try child("add", ["corpus": data.corpus, "set": data.setPath(n), "scratch": data.scratch + "/add"], times: 1)
        let add = merged(r, "add")
        emit("## One durable add to a \(Dataset.setName(n)) set")
        emit()
        emit("| measurement | median | note |")
        emit("|---|---:|---|")
        emit("| `add` (validate, journal append, fsync) | \(Format.seconds(add.seconds)) | \(add.all.count) adds; p90 \(add.info["p90"] ?? "?"), max \(add.info["max"] ?? "?"); target < 20 ms: \(add.seconds < 0.020 ? "met" : "**not met**") |")
        for name in ["first add (lock, reload)", "load before adding", "close (compaction)"] {
            emit("| \(name) | \(Format.seconds(merged(r, name).seconds)) | once per session |")
        }
        emit()
    }

    // MARK: Search

    private mutating func search() throws {
        let phrase = "reverse nixon"
        emit("## Folded search over the synthetic corpus (\(data.corpusMegabytes) MiB)")
        emit()
        var ours: [[Sample]] = []
        var rg: [Double] = [], grep: [Double] = []
        var rgOut = "", grepOut = ""
        let hasRG = Spawn.available("rg")
        for i in 0..<runs {
            log("search run \(i + 1)…")
            ours += try child("search", ["corpus": data.corpus, "phrase": phrase], times: 1)
            for _ in 0..<3 where hasRG {
                let r = try Spawn.run(["rg", "-i", "-F", "-c", "--no-ignore", phrase, data.corpusText])
                rg.append(r.seconds); rgOut = r.output.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            let g = try Spawn.run(["grep", "-i", "-F", "-c", phrase, data.corpusText])
            grep.append(g.seconds); grepOut = g.output.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let load = merged(ours, "corpus load"), prep = merged(ours, "prepare (fold once)")
        let count = merged(ours, "count"), find = merged(ours, "find (hit records)")
        let rgTime = Stats.median(rg), grepTime = Stats.median(grep)
        emit("Phrase `\(phrase)`. Parallax counts occurrences (\(count.info["hits"] ?? "?")); `rg -c` and `grep -c` count matching lines (\(rgOut), \(grepOut)). " +
             "The peers read `corpus.txt` (every document in one file, in the page cache) and fold case only.")
        emit()
        emit("| measurement | median | peak added | ratio vs rg -i -F -c | note |")
        emit("|---|---:|---:|---:|---|")
        emit("| Parallax `SearchIndex.count` | \(Format.seconds(count.seconds)) | | \(Format.ratio(count.seconds / rgTime)) | target ≤ 1.0: \(count.seconds <= rgTime ? "met" : "**not met**") |")
        emit("| Parallax `SearchIndex.find` (hit records: grapheme-widened spans, ¶, speaker, context) | \(Format.seconds(find.seconds)) | | \(Format.ratio(find.seconds / rgTime)) | what `find` does before printing |")
        emit("| `rg -i -F -c` | \(hasRG ? Format.seconds(rgTime) : "not installed") | | 1.00 | |")
        emit("| `grep -i -F -c` | \(Format.seconds(grepTime)) | | \(Format.ratio(grepTime / rgTime)) | |")
        emit("| one-time: fold the corpus (`SearchIndex.init`) | \(Format.seconds(prep.seconds)) | \(prep.addedKB.map { Format.megabytes(kB: $0) } ?? "—") | | |")
        emit("| one-time: load the corpus | \(Format.seconds(load.seconds)) | \(load.addedKB.map { Format.megabytes(kB: $0) } ?? "—") | | |")
        emit()
    }

    // MARK: Compare

    private mutating func compare() throws {
        emit("## compare, diff, matrix (the core engine and renderer alone; the commands themselves are under REPL commands) and agreement statistics")
        emit()
        emit("| measurement | " + data.setSizes.map(Dataset.setName).joined(separator: " | ") + " | target < 100 ms (at 100k) |")
        emit("|---|" + data.setSizes.map { _ in "---:|" }.joined() + "---|")
        var rows: [String: [Double]] = [:]
        var order: [String] = []
        for n in data.setSizes {
            log("compare \(Dataset.setName(n))…")
            let r = try child("compare", ["corpus": data.corpus, "set": data.setPath(n)], times: 1)
            for s in r[0] {
                if rows[s.name] == nil { order.append(s.name) }
                rows[s.name, default: []].append(s.median)
            }
        }
        let at100k = data.setSizes.firstIndex(of: 100_000)
        for name in order {
            let xs = rows[name]!
            let target = at100k.map { xs[$0] < 0.1 ? "met" : "**not met**" } ?? ""
            emit("| \(name) | " + xs.map(Format.seconds).joined(separator: " | ") + " | \(target) |")
        }
        log("agreement statistics…")
        let r = try child("agree", ["units": "100000"], times: 1)
        for s in r[0] {
            emit("| \(s.name), 100k units × 2 coders (the statistics alone) | " +
                 data.setSizes.map { $0 == 100_000 ? Format.seconds(s.median) : "" }.joined(separator: " | ") + " | \(s.median < 0.1 ? "met" : "**not met**") |")
        }
        emit()
    }

    // MARK: Re-anchoring

    private mutating func reanchor() throws {
        log("re-anchoring…")
        var edited: [[Sample]] = [], unchanged: [[Sample]] = []
        for _ in 0..<runs {
            edited += try child("reanchor", ["corpus": data.reanchorNew, "annotations": data.reanchorAnnotations], times: 1)
            unchanged += try child("reanchor", ["corpus": data.reanchorOld, "annotations": data.reanchorAnnotations], times: 1)
        }
        let e = merged(edited, "load"), u = merged(unchanged, "load")
        emit("## Re-anchoring 100k annotations after an edit near the start of their document (\(data.reanchorMegabytes) MiB transcript)")
        emit()
        emit("| measurement | median | peak added | note |")
        emit("|---|---:|---:|---|")
        emit("| load the set, document unchanged | \(Format.seconds(u.seconds)) | \(u.addedKB.map { Format.megabytes(kB: $0) } ?? "—") | |")
        emit("| load the set, document edited (every annotation re-anchored) | \(Format.seconds(e.seconds)) | \(e.addedKB.map { Format.megabytes(kB: $0) } ?? "—") | re-anchored \(e.info["re-anchored"] ?? "?"), orphans \(e.info["orphans"] ?? "?"), reported as moved \(e.info["moved"] ?? "?") |")
        emit("| re-anchoring's share | \(Format.seconds(e.seconds - u.seconds)) | | |")
        emit()
    }

    // MARK: REPL commands

    private mutating func commands() throws {
        log("REPL commands…")
        let r = try child("commands", ["corpus": data.bundledCorpus, "annotations": data.bundledSetDirectory,
                                       "set": "b100k", "scratch": data.scratch + "/commands"], times: 1)
        emit("## REPL commands with a 100k set loaded (bundled corpus, set `b100k`)")
        emit()
        emit("Each command run in-process through the command registry, output to standard output (a file), median of 7 after a warm-up.")
        emit()
        emit("| command | median | max | target < 100 ms |")
        emit("|---|---:|---:|---|")
        for s in r[0] {
            let once = s.seconds.count == 1
            emit("| `\(s.name)` | \(Format.seconds(s.median)) | \(once ? "" : Format.seconds(s.seconds.max()!)) | \(once && !s.name.hasPrefix("delete") ? "once" : s.median < 0.1 ? "met" : "**not met**") |")
        }
        emit()
    }

    // MARK: Start-up

    private mutating func startup(_ binary: String) throws {
        emit("## Start-up of the release `parallax` binary")
        emit()
        emit("Wall time of `parallax … -c quit` (the session is ready for its first command, then quits) and of a first command that loads the set.")
        emit()
        // No peak memory here: on Linux a process started with posix_spawn (vfork) inherits its
        // parent's high-water mark at exec, so wait4's ru_maxrss would report the suite's own
        // peak. Memory is measured in-process by the other groups.
        emit("| case | median | min | target |")
        emit("|---|---:|---:|---|")
        let cases: [(String, [String], Int, Double?)] = [
            ("bundled corpus and annotations, `-c quit`", ["--corpus", data.bundledCorpus, "--annotations", data.bundledAnnotations, "--set", "baseline", "-c", "quit"], 15, 0.1),
            ("bundled corpus, 100k set current, `-c quit` (sets load on first use)", ["--corpus", data.bundledCorpus, "--annotations", data.bundledSetDirectory, "--set", "b100k", "-c", "quit"], 15, 0.5),
            ("bundled corpus, 100k set current, `-c \"use b100k\"` (loads it)", ["--corpus", data.bundledCorpus, "--annotations", data.bundledSetDirectory, "--set", "b100k", "-c", "use b100k"], 7, 0.5),
            ("piped `quit` on standard input, 100k set current", ["--corpus", data.bundledCorpus, "--annotations", data.bundledSetDirectory, "--set", "b100k"], 7, 0.5),
            ("synthetic corpus (\(data.corpusMegabytes) MiB), `-c quit`", ["--corpus", data.corpus, "--annotations", data.annotations, "--set", "s100k", "-c", "quit"], 5, nil),
            ("synthetic corpus, `-c \"use s100k\"`", ["--corpus", data.corpus, "--annotations", data.annotations, "--set", "s100k", "-c", "use s100k"], 5, nil),
        ]
        for (label, args, times, target) in cases {
            log("start-up: \(label)…")
            var xs: [Double] = []
            for _ in 0..<times {
                let r = try Spawn.run([binary] + args, input: args.contains("-c") ? nil : "quit\n")
                guard r.status == 0 else { throw BenchError("parallax failed: \(label)") }
                xs.append(r.seconds)
            }
            let m = Stats.median(xs)
            emit("| \(label) | \(Format.seconds(m)) | \(Format.seconds(xs.min()!)) | \(target.map { "< \(Format.seconds($0)): " + (m < $0 ? "met" : "**not met**") } ?? "(no target)") |")
        }
        emit()
    }
}

/// The machine the suite runs on.
enum Machine {
    static func describe() -> String {
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }?
            .split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces) ?? "?"
        let memory = (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("MemTotal") }?
            .split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap { Int($0) } ?? 0
        var uts = utsname()
        uname(&uts)
        let kernel = withUnsafePointer(to: &uts.release) { $0.withMemoryRebound(to: CChar.self, capacity: 65) { String(cString: $0) } }
        let swift = (try? Spawn.run(["swift", "--version"]).output.split(separator: "\n").first.map(String.init)) ?? nil
        return "Machine: \(ProcessInfo.processInfo.activeProcessorCount) cores (`nproc`), \(cpu), \(memory / 1024 / 1024) GiB memory, Linux \(kernel). \(swift ?? "")."
    }

    static var loadAverage: String {
        var loads = [Double](repeating: 0, count: 3)
        getloadavg(&loads, 3)
        return loads.map { String(format: "%.2f", $0) }.joined(separator: " ")
    }
}
