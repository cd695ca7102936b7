import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs the built `parallax` executable, as a user would.
public enum ParallaxBinary {
    /// What a run produced.
    public struct Result: Sendable {
        /// Standard output.
        public var stdout: String
        /// Standard error.
        public var stderr: String
        /// Exit status.
        public var status: Int32

        /// What a run produced (for a run driven by hand, see ``Running``).
        public init(stdout: String, stderr: String, status: Int32) {
            self.stdout = stdout; self.stderr = stderr; self.status = status
        }
    }

    /// The executable beside the test bundle (`.build/<config>/parallax`).
    public static let path: String = {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        // The test runner may live inside an .xctest bundle directory.
        for _ in 0..<3 {
            let candidate = dir.appendingPathComponent("parallax").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir.deleteLastPathComponent()
        }
        return Fixtures.root + "/.build/debug/parallax"
    }()

    /// Runs parallax with arguments and standard input, in the package root unless told.
    public static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:],
                           directory: String = Fixtures.root) throws -> Result {
        try run(arguments, input: stdin.map { Data($0.utf8) }, environment: environment, directory: directory)
    }

    /// Runs parallax with arguments and standard input given as bytes (which need not be UTF-8).
    public static func run(_ arguments: [String], input: Data?, environment: [String: String] = [:],
                           directory: String = Fixtures.root) throws -> Result {
        let (process, inPipe, outPipe, errPipe) = makeProcess(arguments, environment: environment, directory: directory)
        try process.run()
        // Written from another thread: a large input must not block while the child's output
        // fills its pipes.
        let writer = onOwnThread {
            // A child that stops reading early is not an error here (SIGPIPE is ignored).
            signal(SIGPIPE, SIG_IGN)
            if let input { try? inPipe.fileHandleForWriting.write(contentsOf: input) }
            try? inPipe.fileHandleForWriting.close()
        }
        // Read both pipes fully before waiting, so a large output cannot block the child.
        nonisolated(unsafe) var errData = Data()
        let errRead = onOwnThread { errData = errPipe.fileHandleForReading.readDataToEndOfFile() }
        let outData = outPipe.fileHandleForReading.readDataToEndOfFile()
        errRead.wait()
        writer.wait()
        process.waitUntilExit()
        return Result(stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self),
                      status: process.terminationStatus)
    }

    /// A parallax process with piped standard streams, no colour and no inherited set.
    static func makeProcess(_ arguments: [String], environment: [String: String], directory: String) -> (Process, Pipe, Pipe, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env["PARALLAX_SET"] = nil
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let inPipe = Pipe(), outPipe = Pipe(), errPipe = Pipe()
        process.standardInput = inPipe
        process.standardOutput = outPipe
        process.standardError = errPipe
        return (process, inPipe, outPipe, errPipe)
    }

    /// A scratch copy of the bundled corpus and annotations to write in, so tests never
    /// change the repository's own files.
    public static func scratchProject(withBaseline: Bool = true) -> String {
        let dir = Fixtures.temporaryDirectory("parallax-e2e")
        let fm = FileManager.default
        try! fm.copyItem(atPath: Fixtures.corpusDirectory, toPath: dir + "/Corpus")
        try! fm.createDirectory(atPath: dir + "/Annotations", withIntermediateDirectories: true)
        try! fm.copyItem(atPath: Fixtures.annotationsDirectory + "/codebook.json", toPath: dir + "/Annotations/codebook.json")
        if withBaseline {
            try! fm.copyItem(atPath: Fixtures.annotationsDirectory + "/baseline.jsonl", toPath: dir + "/Annotations/baseline.jsonl")
        }
        return dir
    }
}

extension ParallaxBinary {
    /// A running parallax process whose input is fed while it runs.
    public final class Running: @unchecked Sendable {
        /// The process.
        public let process: Process
        private let input: FileHandle
        private let lock = NSLock()
        private var outData = Data()
        private var errData = Data()
        private var readers: [DispatchSemaphore] = []

        init(process: Process, input: FileHandle, output: FileHandle, error: FileHandle) {
            self.process = process
            self.input = input
            readers = [
                onOwnThread { [self] in
                    while case let d = output.availableData, !d.isEmpty { lock.lock(); outData.append(d); lock.unlock() }
                },
                onOwnThread { [self] in
                    while case let d = error.availableData, !d.isEmpty { lock.lock(); errData.append(d); lock.unlock() }
                },
            ]
        }

        /// Sends text to the process's standard input.
        public func send(_ text: String) { input.write(Data(text.utf8)) }

        /// Standard output so far.
        public var stdout: String { lock.lock(); defer { lock.unlock() }; return String(decoding: outData, as: UTF8.self) }

        /// Standard error so far.
        public var stderr: String { lock.lock(); defer { lock.unlock() }; return String(decoding: errData, as: UTF8.self) }

        /// Waits until standard output contains `text` (or the time runs out).
        @discardableResult
        public func wait(for text: String, seconds: Double = 20) -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if stdout.contains(text) { return true }
                usleep(5_000)
            }
            return false
        }

        /// Kills the process with SIGKILL and waits for its output to drain.
        public func kill() {
            Glibc.kill(process.processIdentifier, SIGKILL)
            finish()
        }

        /// Closes standard input and waits for the process to end.
        @discardableResult
        public func finish() -> Int32 {
            try? input.close()
            process.waitUntilExit()
            for reader in readers { reader.wait(); reader.signal() }
            return process.terminationStatus
        }
    }

    /// Starts parallax with a standard input fed through ``Running/send(_:)``.
    public static func start(_ arguments: [String], environment: [String: String] = [:], directory: String) throws -> Running {
        let (process, inPipe, outPipe, errPipe) = makeProcess(arguments, environment: environment, directory: directory)
        try process.run()
        return Running(process: process, input: inPipe.fileHandleForWriting,
                       output: outPipe.fileHandleForReading, error: errPipe.fileHandleForReading)
    }
}
