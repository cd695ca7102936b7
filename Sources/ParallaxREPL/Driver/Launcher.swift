import Foundation
import ParallaxCore
import ParallaxStore
#if canImport(Glibc)
import Glibc
#endif

/// Everything the executable parsed from its command line.
public struct LaunchOptions: Sendable {
    /// `--corpus DIR`.
    public var corpus = "Corpus"
    /// `--annotations DIR`.
    public var annotations = "Annotations"
    /// `--set NAME`.
    public var set: String?
    /// `--history FILE`.
    public var history: String?
    /// `-c COMMAND`, in order.
    public var commands: [String] = []
    /// `--keep-going`: scripts go on after a failing line.
    public var keepGoing = false
    /// `--no-color`.
    public var noColour = false
    /// `--no-pager`: never page long output.
    public var noPager = false
    /// Positional words: a command with its arguments, or script files.
    public var rest: [String] = []

    /// Default options.
    public init() {}
}

/// Chooses how to run (interactive, script file, piped input, `-c`, a one-off command) and
/// returns the process's exit status: 0 when everything succeeded, 1 when a command failed,
/// 2 when the session could not start.
public enum Launcher {
    /// Runs Parallax with parsed options.
    public static func run(_ options: LaunchOptions) -> Int32 {
        let err = StandardStream.error()
        let interactive = Terminal.standardInputIsTerminal && Terminal.standardOutputIsTerminal
        let env = ProcessInfo.processInfo.environment
        // Long output is paged only in an interactive session with nothing else to run.
        let pages = interactive && !options.noPager && options.commands.isEmpty && options.rest.isEmpty
        let out: any OutputSink = pages
            ? PagedOutput(direct: StandardStream.output(), pager: PagedOutput.command(environment: env),
                          rows: { Terminal.height }, columns: { Terminal.width })
            : StandardStream.output()
        let colour = Terminal.colorAllowed && !options.noColour
        let style = Style(colour: colour, width: Terminal.standardOutputIsTerminal ? Terminal.width : 100)
        let setName = options.set ?? env["PARALLAX_SET"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultSetName()

        let session: Session
        do {
            var sessionOptions = SessionOptions(corpusDirectory: options.corpus, annotationsDirectory: options.annotations,
                                                set: setName, style: style)
            sessionOptions.compactionThreshold = env["PARALLAX_COMPACT_EVERY"].flatMap { Int($0) }
            session = try Session(options: sessionOptions, out: out, err: err)
        } catch {
            err.write(style.red("error: ") + ErrorText.printable("\(error)") + "\n")
            return 2
        }
        let driver = Driver(session: session)
        var ok = true
        defer {
            do { try session.close() } catch { driver.report(error) }
            // The process ends next: its loaded sets are left to the kernel rather than freed
            // one string at a time (a fifth of a cold `parallax -c sets` on 100k annotations).
            _ = Unmanaged.passRetained(session)
        }
        if !options.commands.isEmpty {
            ok = driver.commands(options.commands, keepGoing: options.keepGoing)
        } else if let first = options.rest.first, session.registry.command(named: first) != nil {
            // `parallax find --help` is `help find`, as a user of other tools would expect.
            let wantsHelp = options.rest.dropFirst().contains { $0 == "--help" || $0 == "-h" }
            ok = driver.execute(wantsHelp ? "help " + Tokenizer.quote(first)
                                          : options.rest.map(Tokenizer.quote).joined(separator: " "))
        } else if !options.rest.isEmpty {
            for path in options.rest where ok || options.keepGoing {
                guard let data = FileManager.default.contents(atPath: path) else {
                    if path.hasPrefix("-") {
                        // Not a script: an option parallax does not have.
                        driver.report(ParallaxError(.usage, "unknown option \(path)", hint: "see `parallax --help` for the options"))
                        ok = false
                        continue
                    }
                    let command = Suggest.closest(to: path, among: session.registry.commands.map(\.name))
                    driver.report(ParallaxError(.notFound, "cannot read script", at: .file(path),
                                                hint: command.map { "did you mean the command \($0)? see `parallax help`" }))
                    ok = false
                    continue
                }
                let reader = ArrayLineReader(text: String(decoding: data, as: UTF8.self))
                ok = driver.script(name: path, reader: reader, keepGoing: options.keepGoing) && ok
            }
        } else if interactive {
            Terminal.useUTF8Locale()
            session.showsProgress = true
            let reader = Terminal.makeLineReader(historyFile: options.history ?? defaultHistoryPath(), completer: session)
            if let problem = (reader as? EditLineReader)?.historyError { session.warn(problem.description) }
            session.print(style.bold("Parallax") + " — \(session.corpus.documents.count) documents, set \(session.currentSet). Type `help` for commands, Ctrl-D to quit.")
            driver.interactive(reader: reader)
        } else {
            ok = driver.script(name: "<stdin>", reader: PlainLineReader(), keepGoing: options.keepGoing)
        }
        return ok ? 0 : 1
    }

    /// The login name, if it is a valid set name; else `coder`.
    static func defaultSetName() -> String {
        let env = ProcessInfo.processInfo.environment
        let candidates = [env["USER"], env["LOGNAME"], getlogin().map { String(cString: $0) }].compactMap { $0 }
        return candidates.first { (try? AnnotationSet.validate(name: $0)) != nil } ?? "coder"
    }

    /// `$XDG_STATE_HOME/parallax/history`, else `~/.local/state/parallax/history`.
    static func defaultHistoryPath() -> String {
        let env = ProcessInfo.processInfo.environment
        if let state = env["XDG_STATE_HOME"], !state.isEmpty { return state + "/parallax/history" }
        return NSHomeDirectory() + "/.local/state/parallax/history"
    }
}
