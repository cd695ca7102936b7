import Foundation
import ParallaxCore

/// Runs git in one working tree through Foundation's `Process`, with a clean environment:
/// no `GIT_DIR`, `GIT_INDEX_FILE` or other `GIT_*` variable inherited from a hook or a shell
/// (the author and committer identity and `GIT_SSH_COMMAND` excepted), no pager, no
/// terminal prompt for a password (a remote that needs one fails instead of hanging the
/// session), and messages in English so they can be read.
struct Git {
    /// What git printed, and its exit status.
    struct Result {
        var stdout: [UInt8]
        var stderr: String
        var status: Int32
        var text: String { String(decoding: stdout, as: UTF8.self) }
        /// The first line of standard output, without its line feed.
        var line: String { text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? "" }
        var ok: Bool { status == 0 }
        /// What git said, for an error message: standard error, else standard output.
        var said: String {
            let words = (stderr.isEmpty ? text : stderr).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            return words.filter { !$0.isEmpty && !$0.hasPrefix("hint:") }.prefix(3).joined(separator: " / ")
        }
    }

    /// Where git runs.
    let directory: String
    /// The git executable.
    let executable: String

    /// Variables kept from the environment besides those that are not git's.
    private static let keptGitVariables: Set<String> = [
        "GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL",
        "GIT_SSH_COMMAND", "GIT_SSH", "GIT_ASKPASS", "GIT_CONFIG_NOSYSTEM", "GIT_CONFIG_GLOBAL",
    ]

    /// A runner in `directory`, finding git on the `PATH`.
    /// - Throws: ``ParallaxError`` when git is not installed.
    init(directory: String) throws {
        self.directory = directory
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let found = path.split(separator: ":").map { $0 + "/git" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let found else {
            throw ParallaxError(.notFound, "git is not installed (not on the PATH)", at: "sync",
                                hint: "install git (Debian: apt-get install git), then sync again")
        }
        executable = found
    }

    /// Runs `git ARGUMENTS…` and waits for it.
    @discardableResult
    func run(_ arguments: String...) throws -> Result { try run(arguments) }

    /// Runs git with these arguments and waits for it.
    func run(_ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GIT_") || Git.keptGitVariables.contains($0.key) }
        env["GIT_TERMINAL_PROMPT"] = "0"
        env["GIT_PAGER"] = "cat"
        env["GIT_EDITOR"] = "true"
        env["LC_ALL"] = "C"
        env["LANGUAGE"] = nil
        // Sync holds every set's lock while git runs: the merge driver works under it.
        env[MergeDriver.lockedByVariable] = String(getpid())
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw ParallaxError(.io, "could not run git: \(error)", at: "sync", hint: "check that \(executable) runs")
        }
        // Both pipes are drained at once, so a chatty git never blocks on a full pipe.
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        Thread.detachNewThread {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(stdout: [UInt8](outData), stderr: String(decoding: errData, as: UTF8.self), status: process.terminationStatus)
    }
}
