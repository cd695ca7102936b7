import ParallaxCore
import ParallaxStore

/// A command line parsed against its command: positional words, `key:value` options and
/// `--flags`, with accessors that throw errors naming the command and argument.
public struct Invocation: Sendable {
    /// The command being run.
    public let command: Command
    /// Positional words in order.
    public let positionals: [Word]
    /// `key:value` options by key.
    public let options: [String: Word]
    /// `--flags` given.
    public let flags: Set<String>

    /// Parses words against a command's options and flags. An unquoted `key:value` word is an
    /// option only when the command declares `key`; anything else is positional.
    /// - Throws: ``ParallaxError`` for an unknown `--flag` or a repeated option.
    public init(command: Command, words: [Word]) throws {
        self.command = command
        var positionals: [Word] = []
        var options: [String: Word] = [:]
        var flags = Set<String>()
        var onlyPositionals = false
        for w in words {
            if !w.quoted && !onlyPositionals {
                if w.text == "--" { onlyPositionals = true; continue }
                if w.text.hasPrefix("--") && w.text.count > 2 {
                    let flag = String(w.text.dropFirst(2))
                    guard command.flags.contains(flag) else {
                        throw ParallaxError(.usage, "unknown flag --\(flag)", at: "\(command.name): column \(w.column)",
                                            hint: command.flags.isEmpty ? "\(command.name) takes no flags" : "flags: " + command.flags.map { "--" + $0 }.joined(separator: " "))
                    }
                    flags.insert(flag); continue
                }
                if let colon = w.text.firstIndex(of: ":") {
                    let key = String(w.text[..<colon])
                    if command.options.contains(where: { $0.key == key }) {
                        guard options[key] == nil else {
                            throw ParallaxError(.usage, "option \(key): given twice", at: "\(command.name): column \(w.column)")
                        }
                        var value = w
                        value.text = String(w.text[w.text.index(after: colon)...])
                        options[key] = value
                        continue
                    }
                }
            }
            positionals.append(w)
        }
        self.positionals = positionals
        self.options = options
        self.flags = flags
    }

    /// Whether `--json` was given.
    public var json: Bool { flags.contains("json") }

    /// The error location for positional `index` (`read: argument 2`).
    public func location(_ index: Int) -> ParallaxError.Location.Place {
        .command(command.name, argument: index + 1)
    }

    /// A usage error for this command.
    public func usageError(_ message: String, argument index: Int? = nil) -> ParallaxError {
        ParallaxError(.usage, message, at: index.map(location) ?? .command(command.name), hint: "usage: \(command.usage)")
    }

    /// Positional `index`, or a usage error naming it.
    public func required(_ index: Int, _ name: String) throws -> String {
        guard index < positionals.count else { throw usageError("missing \(name)") }
        return positionals[index].text
    }

    /// Positional `index`, if given.
    public func optional(_ index: Int) -> String? {
        index < positionals.count ? positionals[index].text : nil
    }

    /// Refuses positionals beyond `count`.
    public func noMore(than count: Int) throws {
        if positionals.count > count {
            throw usageError("unexpected argument \"\(positionals[count].text)\"", argument: count)
        }
    }

    /// An integer positional.
    public func integer(_ index: Int, _ name: String) throws -> Int {
        let text = try required(index, name)
        guard let v = Int(text) else { throw usageError("\(name) must be a whole number, not \"\(text)\"", argument: index) }
        return v
    }

    /// Rethrows a core error located at positional `index` (an error that already says
    /// where, such as `brookings@10`, keeps that and gains the command's name).
    public func at<T>(_ index: Int, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as ParallaxError {
            // A usage error of this invocation (`required` inside `at`) already names the command.
            if e.location?.places.first == .command(command.name) || e.location?.command == command.name { throw e }
            throw e.location == nil ? e.located(location(index)) : e.located(.command(command.name))
        }
    }

    /// Rethrows a core error located at a `key:` option.
    public func at<T>(option key: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as ParallaxError where e.location == nil {
            throw e.located(.command(command.name, option: key))
        }
    }
}
