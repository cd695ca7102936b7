import Foundation
import ParallaxCore
import ParallaxStore

/// The one table of commands: dispatch, `help`, `help COMMAND` and TAB completion all read it.
public struct CommandRegistry: Sendable {
    /// Commands in the order `help` lists them.
    public let commands: [Command]

    /// Creates a registry.
    public init(commands: [Command]) { self.commands = commands }

    /// The standard commands.
    public static let standard = CommandRegistry(commands:
        SessionCommands.all + ReadingCommands.all + AnnotatingCommands.all + StoreCommands.all
        + CompareCommands.all + NetworkCommands.all + InterchangeCommands.all + AgreementCommands.all + TeamCommands.all
        + SyncCommands.all + ReviewCommands.all + DocumentCommands.all + AnalystCommands.all + MemoCommands.all
        + HistoryCommands.all)

    /// The command with this name or alias.
    public func command(named name: String) -> Command? {
        commands.first { $0.name == name || $0.aliases.contains(name) }
    }

    /// Commands that never read a document's text, run even while a document cannot be read.
    static let readingNoDocuments: Set<String> = ["help", "quit"]

    /// Runs one command line. Blank lines and `#` comments do nothing.
    /// - Throws: ``ParallaxError`` for an unknown command (with a suggestion), bad arguments,
    ///   or whatever the command reports.
    public func run(_ line: String, in session: Session) throws {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty || trimmed.hasPrefix("#") { return }
        let words = try Tokenizer.words(line)
        guard let first = words.first else { return }
        guard let command = command(named: first.text) else {
            let names = commands.flatMap { [$0.name] + $0.aliases }
            let hint = Suggest.closest(to: first.text, among: names).map { "did you mean \($0)?" } ?? "type `help` for the list of commands"
            throw ParallaxError(.usage, "unknown command \(ErrorText.excerpt(first.text))", hint: hint)
        }
        let invocation = try Invocation(command: command, words: Array(words.dropFirst()))
        // A document read on first use whose file vanished or changed since start-up is
        // found here, before the command starts (see docs/reliability.md).
        if !CommandRegistry.readingNoDocuments.contains(command.name) { try session.corpus.checkDocuments() }
        try command.run(invocation, session)
    }

    // MARK: Help

    /// The command list for `help`, grouped.
    public func overview(style: Style) -> String {
        var out = "Commands (type `help COMMAND` for details and an example):\n"
        var groups: [String] = []
        for c in commands where !groups.contains(c.group) { groups.append(c.group) }
        let width = commands.map { $0.name.count }.max() ?? 8
        for g in groups {
            out += "\n" + style.bold(g) + "\n"
            for c in commands where c.group == g {
                out += "  " + c.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + c.summary + "\n"
            }
        }
        return out
    }

    /// Full help for one command: usage, description, options, flags.
    public func help(for c: Command, style: Style) -> String {
        var out = style.bold("usage: \(c.usage)") + "\n\n" + c.summary + "\n"
        if !c.help.isEmpty { out += "\n" + c.help + "\n" }
        if !c.options.isEmpty {
            out += "\noptions:\n"
            let w = c.options.map { $0.key.count }.max()! + 4
            for o in c.options { out += "  " + (o.key + ":…").padding(toLength: w, withPad: " ", startingAt: 0) + o.help + "\n" }
        }
        if c.flags.contains("json") { out += "\n--json prints one JSON document on standard output instead of text.\n" }
        if !c.aliases.isEmpty { out += "\nalso: " + c.aliases.joined(separator: ", ") + "\n" }
        return out
    }

    // MARK: Completion

    /// Completions for the word before the cursor: command names first, then each argument
    /// by its declared kind, `key:` options and their values, and `--flags`.
    public func complete(_ beforeCursor: String, session: Session) -> Completion {
        // The word being typed: from the last unquoted space.
        var partial = ""
        var words: [String] = []
        var quote: Character?
        for ch in beforeCursor {
            if let q = quote { if ch == q || (q == "“" && ch == "”") { quote = nil } else { partial.append(ch) }; continue }
            if ch == "\"" || ch == "'" || ch == "“" { quote = ch; continue }
            if ch == " " { if !partial.isEmpty { words.append(partial) }; partial = ""; continue }
            partial.append(ch)
        }
        let replacing = partial.unicodeScalars.count
        func result(_ candidates: [String], prefix: String = "") -> Completion {
            let key = Folding.fold(partial.dropFirst(prefix.count).description)
            let matched = candidates.filter { Folding.fold($0).hasPrefix(key) }
            // A candidate with spaces (a stance label) is inserted quoted, as one word.
            return Completion(replacing: replacing, candidates: matched.map { prefix.isEmpty ? Tokenizer.quote($0) : prefix + $0 })
        }
        if words.isEmpty {
            return result(commands.map(\.name))
        }
        guard let command = command(named: words[0]) else { return Completion(replacing: 0, candidates: []) }
        if partial.hasPrefix("--") {
            return result(command.flags.map { "--" + $0 })
        }
        if let colon = partial.firstIndex(of: ":"), let option = command.options.first(where: { $0.key == String(partial[..<colon]) }) {
            let prefix = String(partial[...colon])
            if option.kind == .analyst {
                let typed = String(partial[partial.index(after: colon)...])
                return Completion(replacing: replacing, candidates: session.corpus.analysts.completions(for: typed).map { prefix + $0 })
            }
            return result(candidates(option.kind, session: session, words: words), prefix: prefix)
        }
        // Which positional is being typed (options and flags do not count).
        let positionals = words.dropFirst().filter { w in
            !w.hasPrefix("--") && !command.options.contains { w.hasPrefix($0.key + ":") }
        }
        var index = positionals.count
        if let last = command.arguments.last, last.repeated, index >= command.arguments.count { index = command.arguments.count - 1 }
        var options = command.options.map { $0.key + ":" }
        if partial.isEmpty || !options.isEmpty {
            options = options.filter { o in !words.contains { $0.hasPrefix(o) } }
        }
        guard index < command.arguments.count else { return result(options) }
        var spec = command.arguments[index]
        if case .bySubcommand(let kinds) = spec.kind { spec.kind = positionals.first.flatMap { kinds[$0] } ?? .text }
        if spec.kind == .analyst {
            let ids = session.corpus.analysts.completions(for: partial)
            return Completion(replacing: replacing, candidates: ids)
        }
        if spec.kind == .path {
            return Completion(replacing: replacing, candidates: PathCompletion.candidates(for: partial))
        }
        var list = candidates(spec.kind, session: session, words: words)
        if spec.optional || list.isEmpty { list += options }
        return result(list)
    }

    private func candidates(_ kind: ArgumentKind, session: Session, words: [String]) -> [String] {
        switch kind {
        case .text, .path, .analyst, .bySubcommand: return []
        case .command: return commands.map(\.name)
        case .document: return session.corpus.documents.map(\.id)
        case .question: return session.store.codebook.activeQuestions.map(\.id)
        case .set: return ((try? session.store.setNames()) ?? []) + ["all"]
        case .format: return ExportFormats.names
        case .annotation: return ((try? session.loadedSet(session.currentSet).annotations.map(\.id)) ?? [])
        case .choice(let words): return words
        case .stance:
            // The scale of the question typed before the stance.
            let q = words.dropFirst().first.flatMap { session.store.codebook.question($0) }
            return q.map { $0.scale.map { Question.signed($0.value) } + $0.scale.map(\.label) } ?? []
        }
    }
}

/// File-path completion.
enum PathCompletion {
    static func candidates(for partial: String) -> [String] {
        let expanded = partial.hasPrefix("~/") ? NSHomeDirectory() + partial.dropFirst(1) : partial
        let dir: String, base: String, shown: String
        if let slash = expanded.lastIndex(of: "/") {
            dir = String(expanded[...slash]); base = String(expanded[expanded.index(after: slash)...])
            shown = String(partial[...partial.lastIndex(of: "/")!])
        } else {
            dir = "./"; base = expanded; shown = ""
        }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return [] }
        return names.filter { $0.hasPrefix(base) && (base.hasPrefix(".") || !$0.hasPrefix(".")) }.sorted().map { name in
            var isDir: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: dir + name, isDirectory: &isDir)
            return shown + name + (isDir.boolValue ? "/" : "")
        }
    }
}
