import ArgumentParser
import ParallaxCore
import ParallaxREPL
#if canImport(Glibc)
import Glibc
#endif

/// The `parallax` executable: parses options and hands off to ``Launcher``.
struct ParallaxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parallax",
        abstract: "Annotate policy texts, compare analysts' positions, export for team review.",
        discussion: """
        With no arguments on a terminal, starts an interactive session on ./Corpus and \
        ./Annotations. Commands piped on standard input run in order with no prompt. A script \
        file runs line by line; `parallax COMMAND ARGS…` runs one command. Type `help` inside \
        Parallax, or `parallax help`, for the commands, and `parallax help COMMAND` for one.

        On a terminal, output longer than the screen goes through $PAGER (else less -FRX).

        `parallax merge-driver BASE OURS THEIRS PATH` is git's merge driver for annotation \
        sets: see `parallax merge-driver --help`.
        """,
        version: ParallaxVersion.current)

    @Option(help: ArgumentHelp("The corpus directory (documents and manifest.json).", valueName: "dir"))
    var corpus = "Corpus"

    @Option(help: ArgumentHelp("The annotations directory (codebook and sets).", valueName: "dir"))
    var annotations = "Annotations"

    @Option(help: ArgumentHelp("The set to annotate in (default: $PARALLAX_SET, else your login name).", valueName: "name"))
    var set: String?

    @Option(help: ArgumentHelp("The history file (default: $XDG_STATE_HOME/parallax/history).", valueName: "file"))
    var history: String?

    @Option(name: .customShort("c"), help: ArgumentHelp("Run this command and exit (repeatable).", valueName: "command"))
    var command: [String] = []

    @Flag(help: "In scripts, go on after a failing line.")
    var keepGoing = false

    @Flag(name: [.customLong("no-color"), .customLong("no-colour")], help: "Never use colour.")
    var noColour = false

    @Flag(help: "Print long output directly instead of through a pager.")
    var noPager = false

    @Argument(parsing: .captureForPassthrough, help: ArgumentHelp("A command with its arguments, or script files.", valueName: "command-or-script"))
    var rest: [String] = []

    func run() throws {
        // The passthrough argument captures every word after the first it does not know,
        // `--help` and `--version` included: answer them here as the parser would.
        switch rest.first {
        case "--help", "-h": throw CleanExit.helpRequest(ParallaxCommand.self)
        case "--version": throw CleanExit.message(ParallaxVersion.current)
        default: break
        }
        var options = LaunchOptions()
        options.corpus = corpus
        options.annotations = annotations
        options.set = set
        options.history = history
        options.commands = command
        options.keepGoing = keepGoing
        options.noColour = noColour
        options.noPager = noPager
        options.rest = rest
        let status = Launcher.run(options)
        if status != 0 { throw ExitCode(status) }
    }
}

/// `parallax merge-driver BASE OURS THEIRS [PATH]`: git's merge driver for annotation sets.
struct MergeDriverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge-driver",
        _superCommandName: "parallax",
        abstract: "Merge three versions of an annotation set, as git's merge driver.",
        discussion: """
        Configure it once per clone (see the README), or let `sync` do it:
          git config merge.parallax.driver "parallax merge-driver %O %A %B %P"
          echo 'Annotations/*.jsonl merge=parallax' >> .gitattributes

        The merged set replaces OURS; conflicts are recorded beside PATH and settled in \
        Parallax with `conflicts` and `resolve`. Exit status: 0 merged cleanly, 1 conflicts \
        recorded, 2 could not merge (OURS unchanged).
        """)

    @Argument(help: "The common ancestor's version (git's %O).") var base: String
    @Argument(help: "Our version, replaced by the merge (git's %A).") var ours: String
    @Argument(help: "Their version (git's %B).") var theirs: String
    @Argument(help: "The set's path in the working tree (git's %P), where conflicts are recorded.") var path: String?

    func run() throws {
        let status = MergeDriver.run([base, ours, theirs] + (path.map { [$0] } ?? []), err: StandardStream.error())
        if status != 0 { throw ExitCode(status) }
    }
}

// The merge driver is routed by hand: the session's passthrough argument would otherwise
// take `merge-driver` as a command word. Its usage errors exit 2 (could not merge), as
// documented, not ArgumentParser's 64; git reads any status but 0 as a conflict.
let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == MergeDriverCommand.configuration.commandName {
    do {
        var command = try MergeDriverCommand.parseAsRoot(Array(arguments.dropFirst()))
        try command.run()
    } catch {
        if MergeDriverCommand.exitCode(for: error) == .validationFailure {
            StandardStream.error().write("error: merge-driver: " + MergeDriverCommand.message(for: error)
                                         + " — usage: \(MergeDriver.usage)\n")
            exit(2)
        }
        MergeDriverCommand.exit(withError: error)
    }
} else {
    ParallaxCommand.main()
}
