#if canImport(Glibc)
import Glibc
#endif
import Foundation
import BenchSupport
import ParallaxCore
import ParallaxStore
import ParallaxREPL

/// One measured quantity from a child process: its samples (seconds), and for single-shot
/// measurements the peak memory of the operation.
struct Sample: Codable {
    var name: String
    var seconds: [Double]
    /// VmHWM after the operation, with the peak reset just before it (kB).
    var peakKB: Int?
    /// VmRSS just before the operation (kB): the set-up's share of the peak.
    var baseKB: Int?
    var info: [String: String] = [:]
    /// CPU time (all threads) per sample, when measured.
    var cpu: [Double]? = nil

    var median: Double { Stats.median(seconds) }
    /// The operation's own peak: what it added to the resident memory.
    var addedKB: Int? { peakKB.flatMap { p in baseKB.map { p - $0 } } }
}

/// Measurements that run in a process of their own (`parallax-bench child NAME key=value…`),
/// so each peak memory belongs to one operation and one process's caches do not help the next.
/// Results go as JSON to the file named by `result=`.
enum Child {
    static func run(_ arguments: [String]) throws {
        guard let name = arguments.first else { throw BenchError("child: which measurement?") }
        var options: [String: String] = [:]
        for a in arguments.dropFirst() {
            guard let eq = a.firstIndex(of: "=") else { continue }
            options[String(a[..<eq])] = String(a[a.index(after: eq)...])
        }
        func option(_ key: String) throws -> String {
            guard let v = options[key] else { throw BenchError("child \(name): missing \(key)=") }
            return v
        }
        let samples: [Sample]
        switch name {
        case "loadsave": samples = try loadSave(corpus: option("corpus"), set: option("set"), out: option("out"))
        case "add": samples = try durableAdd(corpus: option("corpus"), set: option("set"), scratch: option("scratch"),
                                             count: Int(options["n"] ?? "200") ?? 200)
        case "search": samples = try search(corpus: option("corpus"), phrase: option("phrase"))
        case "session-search": samples = try sessionSearch(corpus: option("corpus"), phrase: option("phrase"))
        case "compare": samples = try compare(corpus: option("corpus"), set: option("set"))
        case "agree": samples = try agree(units: Int(options["units"] ?? "100000") ?? 100_000)
        case "reanchor": samples = try reanchor(corpus: option("corpus"), annotations: option("annotations"))
        case "commands": samples = try commands(corpus: option("corpus"), annotations: option("annotations"),
                                                set: option("set"), scratch: option("scratch"),
                                                reps: Int(options["reps"] ?? "7") ?? 7)
        case "corpus": samples = try corpusLoad(corpus: option("corpus"))
        case "profile-parse":
            // For `perf record`: parse one file again and again.
            let bytes = try PosixFileSystem().read(try option("set")) ?? []
            samples = [repeated("parse", Int(options["n"] ?? "10") ?? 10, warmUp: false) { _ = SetFile.parse(bytes) }]
        case "profile-list":
            // Where `list` spends its time on a big set: filtering, ordering, the session.
            let c = try Corpus.load(from: try option("corpus"))
            let store = try AnnotationStore(directory: try option("annotations"), corpus: c)
            let set = try store.set(try option("set"))
            samples = [
                repeated("filter nothing out, first 100", 5) { _ = set.annotations(where: { _ in true }, limit: 100) },
                repeated("filter by analyst, first 100", 5) { _ = set.annotations(where: { $0.analyst == "stent" }, limit: 100) },
                try repeated("store.set (copy out)", 5) { _ = try store.set(try option("set")) },
                repeated("sortedByID all", 5) { _ = set.annotations.count },
            ]
        case "profile-encode":
            let parsed = SetFile.parse(try PosixFileSystem().read(try option("set")) ?? []).lines.map(\.annotation)
            samples = [repeated("encode", Int(options["n"] ?? "10") ?? 10, warmUp: false) { _ = SetFile.encode(parsed, damaged: []) }]
        default: throw BenchError("child: unknown measurement \(name)")
        }
        let data = try JSONEncoder().encode(samples)
        try data.write(to: URL(fileURLWithPath: try option("result")))
    }

    /// Runs `body` once with the peak memory reset before it.
    static func single(_ name: String, info: [String: String] = [:], _ body: () throws -> Void) rethrows -> Sample {
        let base = Memory.residentKB
        Memory.resetPeak()
        let cpu = Stopwatch.cpu()
        let seconds = try Stopwatch.time(body)
        return Sample(name: name, seconds: [seconds], peakKB: Memory.peakKB, baseKB: base, info: info, cpu: [Stopwatch.cpu() - cpu])
    }

    /// Runs `body` `count` times (after one warm-up run).
    static func repeated(_ name: String, _ count: Int, warmUp: Bool = true, _ body: () throws -> Void) rethrows -> Sample {
        if warmUp { try body() }
        var xs: [Double] = [], cpu: [Double] = []
        for _ in 0..<count {
            let c = Stopwatch.cpu()
            xs.append(try Stopwatch.time(body))
            cpu.append(Stopwatch.cpu() - c)
        }
        return Sample(name: name, seconds: xs, cpu: cpu)
    }

    // MARK: Corpus

    static func corpusLoad(corpus: String) throws -> [Sample] {
        var c: Corpus?
        var s = try single("corpus load") { c = try Corpus.load(from: corpus) }
        s.info["documents"] = "\(c!.documents.count)"
        s.info["bytes"] = "\(c!.documents.reduce(0) { $0 + $1.text.utf8.count })"
        return [s]
    }

    // MARK: Load and save

    /// Loads a set through the store (parse, validate against the corpus, index by id) and
    /// saves it unchanged (canonical encoding, write, fsync, rename, fsync of the directory).
    static func loadSave(corpus: String, set path: String, out: String) throws -> [Sample] {
        let c = try Corpus.load(from: corpus)
        // The corpus reads documents on first use: read them now, so that the load below is
        // the set's alone (as the peer's is), not the corpus's too.
        for document in c.documents { _ = document.text.scalarCount }
        let directory = (path as NSString).deletingLastPathComponent
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        var loaded: AnnotationSet?
        var load = try single("load") {
            let store = try AnnotationStore(directory: directory, corpus: c)
            // Like for like with orjson: parse the JSON Lines, not a snapshot (the cold-sets
            // group measures snapshots), and write none.
            store.snapshotMinimumBytes = .max
            loaded = try store.set(name)
        }
        guard let set = loaded else { throw BenchError("no set") }
        load.info["annotations"] = "\(set.count)"
        load.info["damaged"] = "\(set.damaged.count)"
        var save = try single("save") {
            try SetFile.save(set, to: out, fs: PosixFileSystem())
        }
        let original = try PosixFileSystem().read(path) ?? []
        let written = try PosixFileSystem().read(out) ?? []
        save.info["identical"] = original == written ? "yes" : "NO"
        save.info["bytes"] = "\(written.count)"
        unlink(out)
        // Where load's time goes, step by step (each step alone, the same work the store does).
        var parts: [Sample] = []
        var bytes: [UInt8] = []
        parts.append(try repeated("  read the file", 3, warmUp: false) { bytes = try PosixFileSystem().read(path) ?? [] })
        var parsed: (lines: [SetFile.Line], damaged: [DamagedLine]) = ([], [])
        parts.append(repeated("  parse (SetFile.parse)", 3, warmUp: false) { parsed = SetFile.parse(bytes) })
        let book = try AnnotationStore(directory: directory, corpus: c).codebook
        let validator = AnnotationValidator(corpus: c, codebook: book)
        parts.append(repeated("  validate (AnnotationValidator.check)", 3, warmUp: false) {
            for line in parsed.lines { _ = validator.check(line.annotation) }
        })
        parts.append(repeated("  index by id (Dictionary)", 3, warmUp: false) {
            var byID: [String: Annotation] = [:]
            byID.reserveCapacity(parsed.lines.count)
            for line in parsed.lines { byID[line.annotation.id] = line.annotation }
        })
        parts.append(repeated("  encode (SetFile.encode, in memory)", 3, warmUp: false) {
            _ = SetFile.encode(parsed.lines.map(\.annotation), damaged: [])
        })
        return [load, save] + parts
    }

    // MARK: Durable add

    static func durableAdd(corpus: String, set path: String, scratch: String, count: Int) throws -> [Sample] {
        let c = try Corpus.load(from: corpus)
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let source = (path as NSString).deletingLastPathComponent
        try? FileManager.default.removeItem(atPath: scratch)
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        for file in ["codebook.json", name + ".jsonl"] {
            try FileManager.default.copyItem(atPath: source + "/" + file, toPath: scratch + "/" + file)
        }
        let store = try AnnotationStore(directory: scratch, corpus: c)
        let loadSeconds = try Stopwatch.time { _ = try store.set(name) }
        var random = SplitMix64(seed: 99)
        let question = store.codebook.questions[0]
        func next() throws -> Annotation {
            let doc = c.documents[random.below(c.documents.count)]
            let p = doc.paragraphs[random.below(doc.paragraphs.count)]
            let end = min(p.end, p.start + 80)
            let target = try TextTarget(document: doc, start: p.start, end: end)
            let analyst = (try? doc.analyst(start: target.start, end: target.end)) ?? "stent"
            let now = Clock.iso8601(milliseconds: Clock.nowMilliseconds())
            return Annotation(id: store.newID(), target: target, question: question.id, analyst: analyst,
                              stance: question.values[0], confidence: 0.8, tags: ["evidence"],
                              note: "benchmark add", created: now)
        }
        let first = try next()
        let firstSeconds = try Stopwatch.time { try store.add(first, to: name) }
        var latencies: [Double] = []
        for _ in 0..<count {
            let a = try next()
            latencies.append(try Stopwatch.time { try store.add(a, to: name) })
        }
        let closeSeconds = try Stopwatch.time { try store.close() }
        try? FileManager.default.removeItem(atPath: scratch)
        return [
            Sample(name: "add", seconds: latencies, info: ["p90": Format.seconds(Stats.percentile(latencies, 0.9)),
                                                          "max": Format.seconds(latencies.max() ?? .nan)]),
            Sample(name: "first add (lock, reload)", seconds: [firstSeconds]),
            Sample(name: "load before adding", seconds: [loadSeconds]),
            Sample(name: "close (compaction)", seconds: [closeSeconds]),
        ]
    }

    // MARK: Search

    static func search(corpus: String, phrase: String) throws -> [Sample] {
        var c: Corpus?
        let load = try single("corpus load") { c = try Corpus.load(from: corpus) }
        var index: SearchIndex?
        let prepare = single("prepare (fold once)") { index = SearchIndex(corpus: c!) }
        var n = 0
        var count = repeated("count", 15) { n = index!.count(phrase) }
        count.info["hits"] = "\(n)"
        var hits: [SearchHit] = []
        var find = repeated("find (hit records)", 5) { hits = index!.find(phrase) }
        find.info["hits"] = "\(hits.count)"
        return [load, prepare, count, find]
    }

    // MARK: Compare

    static func compare(corpus: String, set path: String) throws -> [Sample] {
        let c = try Corpus.load(from: corpus)
        // The corpus reads documents on first use: read them now, so that the load below is
        // the set's alone (as the peer's is), not the corpus's too.
        for document in c.documents { _ = document.text.scalarCount }
        let directory = (path as NSString).deletingLastPathComponent
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let store = try AnnotationStore(directory: directory, corpus: c)
        let set = try store.set(name)
        let book = store.codebook
        var codings: [Coding] = []
        let placed = repeated("codings (Coding.placed)", 5) { codings = Coding.placed(in: [set]) }
        var comparer: Comparer?
        let index = repeated("index (Comparer.init)", 5) { comparer = Comparer(corpus: c, codebook: book, codings: codings) }
        let renderer = ComparisonRenderer(width: 100)
        let qs = book.questions.map(\.id)
        var k = 0
        let compare = try repeated("compare QUESTION", 10) {
            var out = ""
            renderer.render(try comparer!.compare(question: qs[k % qs.count]), to: &out)
            k += 1
        }
        let diff = try repeated("diff stent wyne", 10) {
            var out = ""
            renderer.render(try comparer!.diff("stent", "wyne"), to: &out)
        }
        let matrix = repeated("matrix", 10) {
            var out = ""
            renderer.render(comparer!.matrix(), to: &out)
        }
        let cold = try repeated("compare, from the loaded set (codings, index, compare, render)", 5) {
            let comparer = Comparer(corpus: c, codebook: book, codings: Coding.placed(in: [set]))
            var out = ""
            renderer.render(try comparer.compare(question: qs[0]), to: &out)
        }
        return [placed, index, compare, diff, matrix, cold]
    }

    /// The agreement statistics alone (the `agree` command, which also pairs two coders'
    /// annotations into units, is measured with the REPL commands): two coders × `units` units on a
    /// five-point ordinal scale with 10 % missing.
    static func agree(units: Int) throws -> [Sample] {
        var random = SplitMix64(seed: 5)
        var first: [Int?] = [], second: [Int?] = []
        for _ in 0..<units {
            let v = random.within(-2...2)
            first.append(random.chance(0.05) ? nil : v)
            second.append(random.chance(0.05) ? nil : (random.chance(0.7) ? v : random.within(-2...2)))
        }
        let scale = [-2, -1, 0, 1, 2]
        let alpha = try repeated("Krippendorff's alpha, ordinal", 5) {
            _ = try KrippendorffAlpha.compute(ordinal: [first, second], order: scale)
        }
        let kappa = try repeated("Cohen's kappa, quadratic", 5) {
            _ = try CohenKappa.compute(first, second, categories: scale, weighting: .quadratic)
        }
        return [alpha, kappa]
    }

    // MARK: Re-anchoring

    /// Loads a set whose document changed: parse, validate, and re-anchor every annotation.
    static func reanchor(corpus: String, annotations: String) throws -> [Sample] {
        let c = try Corpus.load(from: corpus)
        var set: AnnotationSet?
        var store: AnnotationStore?
        var s = try single("load") {
            store = try AnnotationStore(directory: annotations, corpus: c)
            set = try store!.set("r100k")
        }
        s.info["annotations"] = "\(set!.count)"
        s.info["re-anchored"] = "\(set!.reanchored.count)"
        s.info["orphans"] = "\(set!.orphans.count)"
        let moved = try store!.problems(of: "r100k").filter { $0.message.contains("moved") }.count
        s.info["moved"] = "\(moved)"
        return [s]
    }

    // MARK: REPL commands

    /// Runs REPL commands in a session over a 100k set, output to standard output (which
    /// the suite sends to a file), each several times.
    static func commands(corpus: String, annotations: String, set name: String, scratch: String, reps: Int = 7) throws -> [Sample] {
        try? FileManager.default.removeItem(atPath: scratch)
        try FileManager.default.copyItem(atPath: annotations, toPath: scratch)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        // A second coder for `agree` and `setdiff`: the same spans, a third of the stances
        // moved one step, a tenth of the annotations left out.
        let second = name + "-second"
        do {
            let parsed = SetFile.parse(try PosixFileSystem().read(scratch + "/\(name).jsonl") ?? [])
            var other: [Annotation] = []
            for (k, line) in parsed.lines.enumerated() where k % 10 != 0 {
                var a = line.annotation
                if k % 3 == 0 { a.stance = a.stance >= 1 ? a.stance - 1 : a.stance + 1 }
                other.append(a)
            }
            try PosixFileSystem().replaceAtomically(scratch + "/\(second).jsonl", with: SetFile.encode(other, damaged: []))
            // A review's usual case: the same set with five stances changed.
            var edited = parsed.lines.map(\.annotation)
            for k in stride(from: 0, to: edited.count, by: max(1, edited.count / 5)).prefix(5) {
                edited[k].stance = edited[k].stance >= 1 ? edited[k].stance - 1 : edited[k].stance + 1
            }
            try PosixFileSystem().replaceAtomically(scratch + "/\(name)-edited.jsonl", with: SetFile.encode(edited, damaged: []))
        }
        let out = StandardStream.output()
        var options = SessionOptions(corpusDirectory: corpus, annotationsDirectory: scratch, set: name,
                                     style: Style(colour: false, width: 100))
        options.compactionThreshold = nil
        var session: Session?
        let start = try single("session start (corpus, codebook)") {
            session = try Session(options: options, out: out, err: out)
        }
        let s = session!
        let driver = Driver(session: s)
        func run(_ line: String) throws {
            try s.registry.run(line, in: s)
        }
        let firstUse = try single("first use of the 100k set (load)") { try run("use \(name)") }
        let set = try s.loadedSet(name)
        let someID = set.annotations[set.count / 2].id
        let docID = s.corpus.documents[0].id
        let question = s.store.codebook.questions[0].id
        var samples = [start, firstUse]
        let lines: [(String, String)] = [
            ("help", "help"), ("help mark", "help mark"), ("docs", "docs"), ("analysts", "analysts"),
            ("questions", "questions"), ("read DOC", "read \(docID)"), ("find PHRASE", "find reverse nixon"),
            ("mark N sentence", "mark 1 sentence"), ("sets", "sets"), ("use SET", "use \(name)"),
            ("list (all 100k)", "list"), ("list --json (all 100k)", "list --json"),
            ("list question: analyst:", "list question:\(question) analyst:stent"),
            ("show ID", "show \(someID)"), ("show ID-prefix", "show \(someID.prefix(20)) set:\(name)"),
            ("check", "check"),
            ("compare Q (every set: 290k)", "compare \(question)"),
            ("compare Q set:", "compare \(question) set:\(name)"),
            ("diff stent wyne", "diff stent wyne set:\(name)"),
            ("matrix", "matrix set:\(name)"),
            ("agree SET SET", "agree \(name) \(second)"),
            ("setdiff SET SET (5 changes)", "setdiff \(name) \(name)-edited"),
            ("setdiff SET SET (40k changes printed)", "setdiff \(name) \(second)"),
            ("export jsonl (all 100k)", "export jsonl \(scratch)/out.jsonl set:\(name)"),
            ("export csv (all 100k)", "export csv \(scratch)/out.csv set:\(name)"),
        ]
        for (label, line) in lines {
            samples.append(try repeated(label, reps) { try run(line) })
        }
        // Changes: each durable (journal append + fsync).
        try run("find reverse nixon")
        try run("mark 1 sentence")
        samples.append(try repeated("code Q S NOTE", reps) { try run("code \(question) 1 analyst:stent \"benchmark\"") })
        samples.append(try repeated("edit ID stance:", reps) { try run("edit \(someID) stance:0") })
        samples.append(try repeated("undo", reps, warmUp: false) { try run("undo") })
        samples.append(try repeated("redo", reps, warmUp: false) { try run("redo") })
        var q = 0
        samples.append(try repeated("question add", reps) {
            q += 1
            try run("question add bench-\(q) \"A benchmark question?\" no maybe yes")
        })
        samples.append(try repeated("delete ID", 1, warmUp: false) { try run("delete \(someID)") })
        samples.append(single("quit (compacts the journal)") { _ = driver.execute("quit"); try? s.close() })
        return samples
    }
}
