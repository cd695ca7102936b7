// The REPL's command-line parsing: any line is split into words or refused with a located
// error; quoting the words and splitting again gives the same words; and the words parse
// against every registered command (options, flags, positional accessors) without crashing.
// No command is run, so nothing is written.
import FuzzSupport
import ParallaxCore
import ParallaxStore
import ParallaxREPL

/// The commands `parallax` dispatches to.
enum Commands { static let registry = CommandRegistry.standard }

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let line = String(decoding: FuzzDriver.bytes(data, size), as: UTF8.self)
    let words: [Word]
    do {
        words = try Tokenizer.words(line)
    } catch let error as ParallaxError {
        FuzzDriver.check(error.location?.description.hasPrefix("column ") == true, "a tokenizer error that does not say where: \(error)")
        return 0
    } catch {
        fatalError("the tokenizer threw \(error)")
    }
    var lastColumn = 0
    for w in words {
        FuzzDriver.check(w.column > lastColumn, "word columns do not increase: \(words)")
        lastColumn = w.column
    }
    // quote ∘ tokenize: the quoted words read back as the same words.
    let quoted = words.map { Tokenizer.quote($0.text) }.joined(separator: " ")
    do {
        let again = try Tokenizer.words(quoted)
        FuzzDriver.check(again.map(\.text) == words.map(\.text), "quote then tokenize changes the words: \(words.map(\.text)) → \(again.map(\.text))")
    } catch {
        fatalError("quoted words do not tokenize: \(quoted) — \(error)")
    }
    // The line as each registered command's arguments, and as typed (first word = command).
    let registry = Commands.registry
    var commands = registry.commands
    if let first = words.first, let named = registry.command(named: first.text) { commands.append(named) }
    for (n, command) in commands.enumerated() {
        let arguments = n == registry.commands.count ? Array(words.dropFirst()) : words
        guard let invocation = try? Invocation(command: command, words: arguments) else { continue }
        FuzzDriver.check(invocation.positionals.count + invocation.options.count + invocation.flags.count <= arguments.count,
                         "\(command.name): more arguments parsed than given")
        for i in 0...invocation.positionals.count {
            _ = invocation.optional(i)
            _ = invocation.location(i)
            _ = try? invocation.required(i, "ARG")
            _ = try? invocation.integer(i, "N")
            _ = try? invocation.noMore(than: i)
        }
        _ = invocation.json
    }
    return 0
}

FuzzDriver.run(testOneInput)
