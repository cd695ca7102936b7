import Foundation
import ParallaxCore
import ParallaxStore
import Testing
import TestSupport
@testable import ParallaxREPL

/// The history file of ``EditLineReader``, without a terminal: libedit starts on any input
/// and the history is read and written at creation and by `addHistory`.
@Suite("libedit history file", .serialized)
struct EditLineHistoryTests {
    /// The entries of a libedit history file, decoded by a fresh reader's libedit.
    func entries(_ path: String) throws -> [String] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return text.split(separator: "\n").map(String.init)
    }

    @Test("entries are appended at once, in a directory created on demand, and reloaded")
    func appendAndReload() throws {
        let path = Fixtures.temporaryDirectory("history") + "/deep/er/history"
        do {
            let reader = try EditLineReader(historyFile: path)
            #expect(reader.historyError == nil)
            reader.addHistory("find reverse nixon")
            reader.addHistory("diff Aydıntaşbaş stent")
            reader.addHistory("diff Aydıntaşbaş stent")   // a repeat of the previous entry
            reader.addHistory("   ")                      // blank
            reader.addHistory("find  two\tspaces \\ \"quoted\"")
            // Written before the reader goes away: a crash now loses nothing.
            #expect(try entries(path).count == 4)         // header + 3
        }
        let lines = try entries(path)
        #expect(lines.first == "_HiStOrY_V2_")
        #expect(lines.contains("diff\\040Aydıntaşbaş\\040stent"))
        let again = try EditLineReader(historyFile: path)
        #expect(history_mostRecent(again.history) == "find  two\tspaces \\ \"quoted\"")
        again.addHistory("find  two\tspaces \\ \"quoted\"")  // still the previous entry after a reload
        #expect(try entries(path).count == 4)
    }

    @Test("a file grown past the history size is cut to the newest entries on load")
    func compaction() throws {
        let path = Fixtures.temporaryDirectory("history") + "/history"
        do {
            let reader = try EditLineReader(historyFile: path, historySize: 50)
            for k in 1...80 { reader.addHistory("command \(k)") }
        }
        #expect(try entries(path).count == 81)            // appends only, until the next start
        let reader = try EditLineReader(historyFile: path, historySize: 50)
        #expect(reader.historyError == nil)
        let lines = try entries(path)
        #expect(lines.count == 51)
        #expect(lines[1] == "command\\04031")
        #expect(lines.last == "command\\04080")
        #expect(history_mostRecent(reader.history) == "command 80")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: (path as NSString).deletingLastPathComponent)
        #expect(leftovers == ["history"])
    }

    @Test("a file libedit did not write is reported and left alone")
    func foreignFile() throws {
        let path = Fixtures.temporaryDirectory("history") + "/bash_history"
        try "ls -la\ncd /tmp\n".write(toFile: path, atomically: true, encoding: .utf8)
        let reader = try EditLineReader(historyFile: path)
        #expect(reader.historyError?.kind == .invalidData)
        #expect(reader.historyError?.location == path)
        reader.addHistory("find nixon")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "ls -la\ncd /tmp\n")
        #expect(history_mostRecent(reader.history) == "find nixon")
    }

    @Test("an unwritable place is reported and history stays in memory")
    func unwritable() throws {
        let file = Fixtures.temporaryDirectory("history") + "/plain-file"
        try "x".write(toFile: file, atomically: true, encoding: .utf8)
        let reader = try EditLineReader(historyFile: file + "/sub/history")
        #expect(reader.historyError?.kind == .io)
        reader.addHistory("find nixon")
        #expect(history_mostRecent(reader.history) == "find nixon")
    }

    @Test("no history file: memory only")
    func memoryOnly() throws {
        let reader = try EditLineReader(historyFile: nil)
        reader.addHistory("stats")
        #expect(history_mostRecent(reader.history) == "stats")
        #expect(reader.historyError == nil)
    }
}
