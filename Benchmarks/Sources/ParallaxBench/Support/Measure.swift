#if canImport(Glibc)
import Glibc
#endif
import Foundation


/// Wall-clock time on the monotonic clock.
enum Stopwatch {
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// CPU time of this process so far (user + system, every thread), in seconds.
    static func cpu() -> Double {
        var u = rusage()
        getrusage(RUSAGE_SELF.rawValue, &u)
        return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6
    }

    /// Runs `body` once and returns its duration in seconds.
    @discardableResult
    static func time(_ body: () throws -> Void) rethrows -> Double {
        let start = now()
        try body()
        return now() - start
    }
}

/// This process's memory from `/proc/self/status`.
enum Memory {
    /// Peak resident set size (VmHWM) in kB.
    static var peakKB: Int { field("VmHWM") }
    /// Current resident set size (VmRSS) in kB.
    static var residentKB: Int { field("VmRSS") }

    /// Resets the peak to the current resident size (Linux: `5` into `clear_refs`), so the
    /// peak read after an operation is that operation's, not the set-up's.
    static func resetPeak() {
        let fd = open("/proc/self/clear_refs", O_WRONLY)
        guard fd >= 0 else { return }
        _ = write(fd, "5", 1)
        close(fd)
    }

    private static func field(_ name: String) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix(name + ":") {
            return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0
        }
        return 0
    }
}

/// Statistics over repeated samples.
enum Stats {
    static func median(_ xs: [Double]) -> Double {
        guard !xs.isEmpty else { return .nan }
        let s = xs.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    static func percentile(_ xs: [Double], _ p: Double) -> Double {
        guard !xs.isEmpty else { return .nan }
        let s = xs.sorted()
        return s[min(s.count - 1, Int((Double(s.count - 1) * p).rounded()))]
    }

    static func medianInt(_ xs: [Int]) -> Int { Int(median(xs.map(Double.init))) }
}

/// Formats numbers for the report.
enum Format {
    static func seconds(_ s: Double) -> String {
        if s.isNaN { return "—" }
        if s < 0.001 { return String(format: "%.0f µs", s * 1e6) }
        if s < 1 { return String(format: "%.1f ms", s * 1e3) }
        return String(format: "%.2f s", s)
    }

    static func megabytes(kB: Int) -> String { String(format: "%.0f MB", Double(kB) / 1024) }
    static func megabytes(bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1_048_576) }
    static func ratio(_ r: Double) -> String { r.isNaN ? "—" : String(format: "%.2f", r) }
    static func rate(bytes: Int, seconds: Double) -> String { String(format: "%.0f MB/s", Double(bytes) / 1_048_576 / seconds) }
}

/// What a child process ran: the process's exit status, wall time, peak resident memory
/// (`ru_maxrss`, kB) and standard output.
struct ChildRun {
    var status: Int32
    var seconds: Double
    var maxRSSKB: Int
    var output: String
}

/// Spawns programs and waits for them with `wait4`.
///
/// `wait4`'s `ru_maxrss` is not the child's own peak on Linux: a child started with
/// `posix_spawn` shares its parent's memory until `exec`, and the kernel carries that image's
/// high-water mark over, so the suite's own peak is reported. With `measureMemory`, the child
/// runs under GNU `time`, which forks it from a small process and reports its real peak.
enum Spawn {
    /// Runs a program to completion.
    /// - Parameters:
    ///   - arguments: `arguments[0]` is the program (a path, or a name looked up in `PATH`).
    ///   - input: Bytes written to its standard input (then closed), or `nil` for /dev/null.
    ///   - environment: Extra environment variables.
    ///   - measureMemory: Run it under `/usr/bin/time` for its true peak memory (costs a fork
    ///     and an exec, about a millisecond: use it on both sides of a comparison).
    static func run(_ arguments: [String], input: String? = nil,
                    environment: [String: String] = [:], quietErrors: Bool = true,
                    measureMemory: Bool = false) throws -> ChildRun {
        let outPath = NSTemporaryDirectory() + "parallax-bench-out-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let inPath = outPath + ".in"
        let peakPath = outPath + ".peak"
        defer { unlink(outPath); unlink(inPath); unlink(peakPath) }
        let arguments = measureMemory ? ["/usr/bin/time", "-f", "%M", "-o", peakPath] + arguments : arguments
        if let input { try Data(input.utf8).write(to: URL(fileURLWithPath: inPath)) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, input == nil ? "/dev/null" : inPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        if quietErrors { posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0) }

        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }

        var pid: pid_t = 0
        let start = Stopwatch.now()
        let rc = posix_spawnp(&pid, arguments[0], &actions, nil, argv, envp)
        guard rc == 0 else { throw BenchError("cannot start \(arguments[0]): \(String(cString: strerror(rc)))") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = Stopwatch.now() - start
        let output = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let exit = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        var peak = Int(usage.ru_maxrss)
        if measureMemory {
            let reported = (try? String(contentsOfFile: peakPath, encoding: .utf8)) ?? ""
            guard let kB = reported.split(separator: "\n").last.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) else {
                throw BenchError("/usr/bin/time reported no peak memory for \(arguments.dropFirst(5).joined(separator: " ")): \(reported)")
            }
            peak = kB
        }
        return ChildRun(status: exit, seconds: seconds, maxRSSKB: peak, output: output)
    }

    /// Whether a program can be found in `PATH`.
    static func available(_ name: String) -> Bool {
        (try? run(["sh", "-c", "command -v \(name)"]).status) == 0
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
