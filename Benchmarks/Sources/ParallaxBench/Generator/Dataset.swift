import Foundation
import ParallaxCore
import ParallaxStore

/// Where the suite finds the repository and keeps its generated data (`Benchmarks/.data/`,
/// ignored by git), and how big that data is.
struct Dataset {
    /// The repository root (the `Parallax` package).
    let root: String
    /// `Benchmarks/.data`.
    let data: String
    /// Size of the synthetic corpus in MiB.
    let corpusMegabytes: Int
    /// Size of the single document re-anchoring works on, in MiB.
    let reanchorMegabytes: Int
    /// Set sizes generated over the synthetic corpus.
    let setSizes: [Int]

    init(root: String, corpusMegabytes: Int = 100, reanchorMegabytes: Int = 20, setSizes: [Int] = [10_000, 100_000, 1_000_000]) {
        self.root = root
        self.data = root + "/Benchmarks/.data"
        self.corpusMegabytes = corpusMegabytes
        self.reanchorMegabytes = reanchorMegabytes
        self.setSizes = setSizes
    }

    /// The repository root, found from this file's path.
    static func repositoryRoot() -> String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<5 { url.deleteLastPathComponent() }
        return url.path
    }

    var bundledCorpus: String { root + "/Corpus" }
    var bundledAnnotations: String { root + "/Annotations" }
    /// The synthetic corpus.
    var corpus: String { data + "/corpus" }
    /// Codebook and sets over the synthetic corpus (`s10k`, `s100k`, `s1m`).
    var annotations: String { data + "/annotations" }
    /// Codebook and a 100k set (`b100k`) over the bundled corpus.
    var bundledSetDirectory: String { data + "/bundled-annotations" }
    /// One long transcript before and after an edit near its start, and a 100k set on it.
    var reanchorOld: String { data + "/reanchor/old" }
    var reanchorNew: String { data + "/reanchor/new" }
    var reanchorAnnotations: String { data + "/reanchor/annotations" }
    /// Scratch space for copies a measurement may change.
    var scratch: String { data + "/scratch" }
    /// The synthetic corpus's documents concatenated (what `rg` and `grep` read as one file).
    var corpusText: String { data + "/corpus.txt" }

    static func setName(_ n: Int) -> String {
        n >= 1_000_000 && n % 1_000_000 == 0 ? "s\(n / 1_000_000)m" : n % 1000 == 0 ? "s\(n / 1000)k" : "s\(n)"
    }

    func setPath(_ n: Int) -> String { annotations + "/" + Dataset.setName(n) + ".jsonl" }

    private var stamp: String {
        "v2 corpus=\(corpusMegabytes) reanchor=\(reanchorMegabytes) sets=\(setSizes.map(String.init).joined(separator: ","))"
    }

    /// Generates whatever is missing or was made with other sizes.
    func ensure(log: (String) -> Void) throws {
        let stampPath = data + "/STAMP"
        if (try? String(contentsOfFile: stampPath, encoding: .utf8)) == stamp { return }
        try? FileManager.default.removeItem(atPath: data)
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        let bundledBook = try AnnotationStore(directory: bundledAnnotations, corpus: try Corpus.load(from: bundledCorpus)).codebook
        let generator = try CorpusGenerator(bundled: bundledCorpus)

        var t = Stopwatch.now()
        let made = try generator.write(to: corpus, megabytes: corpusMegabytes, seed: 1)
        log("generated corpus: \(made.documents) documents, \(Format.megabytes(bytes: made.bytes)) in \(Format.seconds(Stopwatch.now() - t))")

        // One file with every document, for the peers.
        let manifest = try JSONDecoder().decode(CorpusManifest.self, from: Data(contentsOf: URL(fileURLWithPath: corpus + "/manifest.json")))
        _ = FileManager.default.createFile(atPath: corpusText, contents: nil)
        let all = try FileHandle(forWritingTo: URL(fileURLWithPath: corpusText))
        for d in manifest.documents { all.write(try Data(contentsOf: URL(fileURLWithPath: corpus + "/" + d.file))) }
        try all.close()

        t = Stopwatch.now()
        let synthetic = try Corpus.load(from: corpus)
        log("loaded it in \(Format.seconds(Stopwatch.now() - t))")
        for dir in [annotations, bundledSetDirectory, reanchorAnnotations] {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: bundledAnnotations + "/codebook.json", toPath: dir + "/codebook.json")
        }
        let sets = SetGenerator(corpus: synthetic, codebook: bundledBook)
        for (i, n) in setSizes.enumerated() {
            t = Stopwatch.now()
            let bytes = try sets.write(count: n, to: setPath(n), seed: UInt64(10 + i))
            log("generated \(Dataset.setName(n)): \(n) annotations, \(Format.megabytes(bytes: bytes)) (\(bytes / n) bytes a line) in \(Format.seconds(Stopwatch.now() - t))")
        }
        let bundled = SetGenerator(corpus: try Corpus.load(from: bundledCorpus), codebook: bundledBook)
        try bundled.write(count: 100_000, to: bundledSetDirectory + "/b100k.jsonl", seed: 20)
        log("generated b100k over the bundled corpus")

        // Re-anchoring: one long transcript, a 100k set on it, then an editor's note
        // inserted near its start.
        let old = try generator.writeSingle(to: reanchorOld, id: "hearing", kind: "brookings", megabytes: reanchorMegabytes, seed: 30)
        let oldCorpus = try Corpus.load(from: reanchorOld)
        try SetGenerator(corpus: oldCorpus, codebook: bundledBook)
            .write(count: 100_000, to: reanchorAnnotations + "/r100k.jsonl", seed: 31)
        try FileManager.default.createDirectory(atPath: reanchorNew, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: reanchorOld + "/manifest.json", toPath: reanchorNew + "/manifest.json")
        let cut = old.utf8.index(old.utf8.startIndex, offsetBy: min(2_000, old.utf8.count / 2))
        let at = old[..<cut].lastIndex(of: "\n").map { old.index(after: $0) } ?? old.startIndex
        let edited = String(old[..<at]) + "Editor’s note: this transcript was corrected after publication — a speaker’s “aside” was restored.\n" + String(old[at...])
        try Data(edited.utf8).write(to: URL(fileURLWithPath: reanchorNew + "/hearing.txt"))
        log("generated the re-anchoring corpus (\(reanchorMegabytes) MiB, edited near the start) and r100k")

        try stamp.write(toFile: stampPath, atomically: true, encoding: .utf8)
    }
}
