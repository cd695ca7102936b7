import ParallaxCore
import ParallaxStore

/// What a command's argument completes to.
public enum ArgumentKind: Equatable, Sendable {
    /// Free text (no completion).
    case text
    /// A command name.
    case command
    /// A document id.
    case document
    /// A question id.
    case question
    /// An analyst id (completion folds: `ayd` → `aydintasbas`).
    case analyst
    /// A set name.
    case set
    /// A stance on a question's scale.
    case stance
    /// A file path.
    case path
    /// An export or import format.
    case format
    /// An annotation id.
    case annotation
    /// One of fixed words.
    case choice([String])
    /// Depends on the command's first word (`doc add FILE`, `doc show ID`): the kind for
    /// each such word.
    indirect case bySubcommand([String: ArgumentKind])
}

/// One argument a command takes, for usage text and completion.
public struct ArgumentSpec: Sendable {
    /// Name shown in usage (`QUESTION`).
    public var name: String
    /// How it completes.
    public var kind: ArgumentKind
    /// Whether it may be left out.
    public var optional: Bool
    /// Whether it may be repeated.
    public var repeated: Bool

    /// Creates an argument spec.
    public init(_ name: String, _ kind: ArgumentKind = .text, optional: Bool = false, repeated: Bool = false) {
        self.name = name; self.kind = kind; self.optional = optional; self.repeated = repeated
    }
}

/// A `key:value` option a command takes (`tags:a,b`, `question:Q`).
public struct OptionSpec: Sendable {
    /// The key before the colon.
    public var key: String
    /// How its value completes.
    public var kind: ArgumentKind
    /// One line of help.
    public var help: String

    /// Creates an option spec.
    public init(_ key: String, _ kind: ArgumentKind = .text, _ help: String) {
        self.key = key; self.kind = kind; self.help = help
    }
}

/// One REPL command: everything dispatch, `help`, `help COMMAND` and TAB completion need.
public struct Command: Sendable {
    /// The name typed to run it.
    public var name: String
    /// Other names.
    public var aliases: [String]
    /// Positional arguments in order.
    public var arguments: [ArgumentSpec]
    /// `key:value` options.
    public var options: [OptionSpec]
    /// `--flags` it accepts (without the dashes).
    public var flags: [String]
    /// One-line summary for `help`.
    public var summary: String
    /// Long help, with an example, for `help COMMAND`.
    public var help: String
    /// Which group `help` lists it under.
    public var group: String
    /// Runs the command.
    public var run: @Sendable (Invocation, Session) throws -> Void

    /// Creates a command.
    public init(_ name: String, aliases: [String] = [], group: String, arguments: [ArgumentSpec] = [],
                options: [OptionSpec] = [], flags: [String] = [], summary: String, help: String,
                run: @escaping @Sendable (Invocation, Session) throws -> Void) {
        self.name = name; self.aliases = aliases; self.group = group; self.arguments = arguments
        self.options = options; self.flags = flags; self.summary = summary; self.help = help; self.run = run
    }

    /// `code QUESTION STANCE [tags:…] [--json]`.
    public var usage: String {
        var parts = [name]
        for a in arguments {
            var s = a.name
            if a.repeated { s += "…" }
            parts.append(a.optional ? "[\(s)]" : s)
        }
        for o in options { parts.append("[\(o.key):…]") }
        for f in flags { parts.append("[--\(f)]") }
        return parts.joined(separator: " ")
    }
}
