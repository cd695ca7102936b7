import Foundation
import ParallaxCore
import ParallaxStore

/// Runs commands in a session: interactively from a line reader, from a script, or from a
/// list of `-c` commands. Errors never end an interactive session; in scripts they stop it
/// (unless keep-going) and are prefixed with `FILE:LINE:`.
public struct Driver {
    /// The session commands run in.
    public let session: Session

    /// Creates a driver.
    public init(session: Session) { self.session = session }

    /// Prints an error in the one user-facing form; every error the REPL shows goes through
    /// here.
    /// - Parameters:
    ///   - error: What failed.
    ///   - place: The line it came from, in a script (`FILE:LINE`).
    func report(_ error: any Error, at place: ParallaxError.Location.Place? = nil) {
        var located = error as? ParallaxError ?? ParallaxError(.io, "\(error)")
        if let place { located = located.located(place) }
        session.err.write(session.style.red("error: ") + ErrorText.printable(located.description) + "\n")
    }

    /// Runs one line; reports an error and returns `false` when it fails.
    /// - Parameters:
    ///   - line: The command line.
    ///   - place: Where the line comes from, for its error (a script's `FILE:LINE`).
    @discardableResult
    public func execute(_ line: String, at place: ParallaxError.Location.Place? = nil) -> Bool {
        do {
            try session.registry.run(line, in: session)
            return true
        } catch {
            report(error, at: place)
            return false
        }
    }

    /// The interactive loop: prompt, read, run, until `quit` or end of input.
    public func interactive(reader: any LineReader) {
        while !session.quitRequested {
            switch reader.readLine(prompt: session.prompt) {
            case .endOfInput:
                session.print()
                return
            case .interrupted:
                continue
            case .line(let line):
                if !line.trimmingCharacters(in: .whitespaces).isEmpty { reader.addHistory(line) }
                let paged = session.out as? PagedOutput
                paged?.begin()
                execute(line)
                paged?.end()
            }
        }
    }

    /// Runs lines read without a terminal (a script file or piped input).
    /// - Parameters:
    ///   - name: The script's name for error locations (`FILE:LINE:`).
    ///   - keepGoing: Go on after a failing line.
    /// - Returns: Whether every line succeeded.
    public func script(name: String, reader: any LineReader, keepGoing: Bool) -> Bool {
        var number = 0
        var ok = true
        while !session.quitRequested {
            guard case .line(let line) = reader.readLine(prompt: "") else { break }
            number += 1
            if !execute(line, at: .file(name, line: number)) {
                ok = false
                if !keepGoing { break }
            }
        }
        return ok
    }

    /// Runs `-c` commands in order.
    /// - Returns: Whether every command succeeded.
    public func commands(_ lines: [String], keepGoing: Bool) -> Bool {
        var ok = true
        for line in lines where !session.quitRequested {
            if !execute(line) {
                ok = false
                if !keepGoing { break }
            }
        }
        return ok
    }
}
