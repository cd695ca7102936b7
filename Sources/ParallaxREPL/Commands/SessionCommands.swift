import ParallaxCore
import ParallaxStore

/// `help` and `quit`.
enum SessionCommands {
    static let all: [Command] = [help, quit]

    static let help = Command(
        "help", aliases: ["?"], group: "Session",
        arguments: [ArgumentSpec("COMMAND", .command, optional: true)],
        summary: "list the commands, or explain one",
        help: """
        Without an argument, lists every command with a one-line summary. With a command name,
        shows its usage, what it does, its options and an example.

        example:
          help mark
        """
    ) { inv, session in
        try inv.noMore(than: 1)
        guard let name = inv.optional(0) else {
            session.write(session.registry.overview(style: session.style))
            return
        }
        guard let command = session.registry.command(named: name) else {
            let hint = Suggest.closest(to: name, among: session.registry.commands.map(\.name)).map { "did you mean \($0)?" } ?? "type `help` for the list"
            throw ParallaxError(.notFound, "no command \"\(name)\"", at: inv.location(0), hint: hint)
        }
        session.write(session.registry.help(for: command, style: session.style))
    }

    static let quit = Command(
        "quit", aliases: ["exit"], group: "Session",
        summary: "end the session (Ctrl-D does the same)",
        help: "Every change is already on disk; quitting also compacts the journal into the set file."
    ) { inv, session in
        try inv.noMore(than: 0)
        session.quitRequested = true
    }
}
