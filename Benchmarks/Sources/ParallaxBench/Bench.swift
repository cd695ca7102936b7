import Foundation

/// `parallax-bench`: Parallax's benchmark suite.
///
///     parallax-bench all [--runs N] [--only GROUP,…]   # the whole suite (generates data first)
///     parallax-bench generate                          # only the data, under Benchmarks/.data
///     parallax-bench child NAME key=value…             # one measurement (used by the suite)
///
/// Groups: corpus, loadsave, add, search, compare, reanchor, commands, startup, cold-corpus, cold-sets, commands-1m.
@main
struct Bench {
    static func main() {
        var arguments = Array(CommandLine.arguments.dropFirst())
        do {
            guard let verb = arguments.first else { throw BenchError(usage) }
            arguments.removeFirst()
            let data = Dataset(root: Dataset.repositoryRoot(),
                               corpusMegabytes: Int(ProcessInfo.processInfo.environment["BENCH_CORPUS_MB"] ?? "") ?? 100)
            switch verb {
            case "child":
                try Child.run(arguments)
            case "generate":
                try data.ensure { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
            case "all":
                var runs = 5
                var only: Set<String>?
                var i = 0
                while i < arguments.count {
                    switch arguments[i] {
                    case "--runs": i += 1; runs = max(1, Int(arguments[i]) ?? 5)
                    case "--only": i += 1; only = Set(arguments[i].split(separator: ",").map(String.init))
                    default: throw BenchError("unknown option \(arguments[i])\n" + usage)
                    }
                    i += 1
                }
                var suite = Suite(data: data, runs: runs, only: only)
                try suite.run()
            default:
                throw BenchError(usage)
            }
        } catch {
            FileHandle.standardError.write(Data("parallax-bench: \(error)\n".utf8))
            exit(1)
        }
    }

    static let usage = """
    usage: parallax-bench all [--runs N] [--only corpus,loadsave,add,search,compare,reanchor,commands,startup,cold-corpus,cold-sets,commands-1m]
           parallax-bench generate
           parallax-bench child NAME key=value…
    """
}
