import Foundation
#if canImport(Glibc)
import Glibc
#endif
import ParallaxCore

/// Standard output for an interactive session: what one command prints is held back, and
/// when it is longer than the screen it goes through a pager (`$PAGER`, else `less -FRX`), as
/// git and psql do; shorter output is printed as it is.
///
/// Only an interactive session on a terminal pages; piped output, scripts and `--no-pager`
/// print directly (the launcher does not use this sink then).
public final class PagedOutput: OutputSink {
    private let direct: any OutputSink
    private let pager: String
    private let rows: () -> Int
    private let columns: () -> Int
    private var held: String?

    /// Creates a paged sink.
    /// - Parameters:
    ///   - direct: Where short output goes (standard output).
    ///   - pager: The shell command that pages (`$PAGER`, else `less -FRX`).
    ///   - rows: The screen's height, read when a command ends (the window may have changed).
    ///   - columns: The screen's width, to count wrapped lines.
    public init(direct: any OutputSink, pager: String, rows: @escaping () -> Int, columns: @escaping () -> Int) {
        self.direct = direct
        self.pager = pager
        self.rows = rows
        self.columns = columns
    }

    /// The pager command for an environment: `$PAGER` when set and not empty, else
    /// `less -FRX` (quit when it fits, keep colours, leave the text on the screen).
    public static func command(environment: [String: String]) -> String {
        if let p = environment["PARALLAX_PAGER"] ?? environment["PAGER"], !p.trimmingCharacters(in: .whitespaces).isEmpty { return p }
        return "less -FRX"
    }

    public func write(_ text: String) {
        if held != nil { held! += text } else { direct.write(text) }
    }

    /// Starts holding back what a command prints.
    public func begin() { held = "" }

    /// Ends a command: prints what it held back, through the pager when it does not fit.
    public func end() {
        guard let text = held else { return }
        held = nil
        guard !text.isEmpty else { return }
        if TextLayout.screenLines(text, columns: columns()) < rows() { direct.write(text); return }
        if !page(text) { direct.write(text) }
    }

    /// Runs the pager on `text`; false when it could not be started (then the text is printed).
    private func page(_ text: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", pager]
        var environment = ProcessInfo.processInfo.environment
        if environment["LESS"] == nil { environment["LESS"] = "FRX" }
        process.environment = environment
        let input = Pipe()
        process.standardInput = input
        // Ctrl-C belongs to the pager while it runs: it must not end the session; and a
        // pager quit before the end closes the pipe, which must not either (SIGPIPE).
        let interrupt = system_ignore(SIGINT), brokenPipe = system_ignore(SIGPIPE)
        defer { system_restore(SIGINT, interrupt); system_restore(SIGPIPE, brokenPipe) }
        do { try process.run() } catch { return false }
        try? input.fileHandleForReading.close()
        let writer = Thread {
            // A pager that quits early (q) closes the pipe: the write then fails, harmlessly.
            try? input.fileHandleForWriting.write(contentsOf: Data(text.utf8))
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        process.waitUntilExit()
        while !writer.isFinished { usleep(1000) }
        return process.terminationStatus != 127
    }
}
