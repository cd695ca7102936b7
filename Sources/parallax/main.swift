import ArgumentParser
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
        With no arguments on a terminal, starts an interactive session on ./Corpus and
        ./Annotations. Commands piped on standard input run in order with no prompt. A script
        file runs line by line; `parallax COMMAND ARGS…` runs one command. Type `help` inside
        Parallax, or `parallax help`, for the commands. `parallax merge-driver %O %A %B %P` is
        git's merge driver for annotation sets (see the README).
        """)

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

    @Argument(parsing: .captureForPassthrough, help: ArgumentHelp("A command with its arguments, or script files.", valueName: "command-or-script"))
    var rest: [String] = []

    func run() throws {
        var options = LaunchOptions()
        options.corpus = corpus
        options.annotations = annotations
        options.set = set
        options.history = history
        options.commands = command
        options.keepGoing = keepGoing
        options.noColour = noColour
        options.rest = rest
        let status = Launcher.run(options)
        if status != 0 { throw ExitCode(status) }
    }
}

ParallaxCommand.main()
