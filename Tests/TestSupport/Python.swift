import Foundation

/// Runs Python for tests that check an export with the tool its readers use (networkx,
/// pandas). A missing `python3` or module is a failure, never a skip: `.ci/run` and
/// `Scripts/test` install them.
public enum Python {
    /// What went wrong running a script.
    public struct Failure: Error, CustomStringConvertible {
        /// Exit status and standard error.
        public var description: String
    }

    /// Runs `python3 -c SCRIPT ARGUMENTS…` and returns its standard output.
    /// - Throws: ``Failure`` when python3 cannot be started or exits non-zero (an
    ///   `ImportError` included), with its standard error.
    public static func run(_ script: String, arguments: [String] = []) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        // Standard error goes to a file, so a full pipe can never block the child while
        // standard output is read to its end.
        let errPath = NSTemporaryDirectory() + "parallax-python-\(UUID().uuidString).err"
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: errPath) }
        let out = Pipe()
        guard let err = FileHandle(forWritingAtPath: errPath) else { throw Failure(description: "cannot create \(errPath)") }
        defer { try? err.close() }
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch { throw Failure(description: "cannot start python3: \(error)") }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errData = FileManager.default.contents(atPath: errPath) ?? Data()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "python3 exited with \(process.terminationStatus): " + String(decoding: errData, as: UTF8.self)
                          + " (install with: python3 -m pip install networkx pandas)")
        }
        return String(decoding: outData, as: UTF8.self)
    }
}
