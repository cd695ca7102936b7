import Foundation
import Testing
import TestSupport

/// `parallax` in a real terminal (tmux): line editing, completion, history, Ctrl-C, Ctrl-D.
@Suite("parallax in a terminal", .serialized)
struct TerminalTests {
    final class Tmux {
        let name = "parallax-test-\(UUID().uuidString.prefix(8))"
        /// A private server socket: the test never touches the user's own tmux sessions.
        var socket: String { name }

        @discardableResult
        func tmux(_ args: [String], capture: Bool = true) throws -> String {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["tmux", "-L", socket] + args
            // A command that starts the tmux server must not hand it our pipe: the server
            // would keep it open and reading to its end would never return.
            let out = Pipe()
            p.standardOutput = capture ? out : FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            p.standardInput = FileHandle.nullDevice
            try p.run()
            let data = capture ? out.fileHandleForReading.readDataToEndOfFile() : Data()
            p.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }

        func start(_ command: String, directory: String) throws {
            try tmux(["-u", "new-session", "-d", "-s", name, "-x", "120", "-y", "50", "-c", directory,
                      "env LANG=C.UTF-8 TERM=xterm NO_COLOR=1 " + command], capture: false)
            try tmux(["set-option", "-t", name, "remain-on-exit", "on"])
        }

        func keys(_ keys: String...) throws { try tmux(["send-keys", "-t", name] + keys) }
        func type(_ text: String) throws { try tmux(["send-keys", "-t", name, "-l", text]) }
        func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", name]) }

        /// Waits until the screen shows `text`; returns the screen.
        @discardableResult
        func wait(for text: String, seconds: Double = 10) throws -> String {
            let deadline = Date().addingTimeInterval(seconds)
            var last = ""
            while Date() < deadline {
                last = try screen()
                if last.contains(text) { return last }
                usleep(50_000)
            }
            Issue.record("screen never showed \(text.debugDescription); it shows:\n\(last)")
            return last
        }

        /// The last line holding a prompt.
        func promptLine() throws -> String {
            try screen().split(separator: "\n").last { $0.contains("parallax[") }.map(String.init) ?? ""
        }

        func kill() { _ = try? tmux(["kill-server"], capture: false) }
    }

    @Test("TAB, Up, UTF-8 editing, Ctrl-C and Ctrl-D behave; history survives a restart")
    func terminal() throws {
        let tmuxFound = FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")
        try #require(tmuxFound, "tmux is needed for this test: apt-get install tmux (Scripts/test does it)")
        let project = ParallaxBinary.scratchProject()
        let history = project + "/state/history"
        let command = "\(ParallaxBinary.path) --set tmuxtest --history \(history)"
        let t = Tmux()
        defer { t.kill() }
        try t.start(command, directory: project)
        try t.wait(for: "parallax[tmuxtest]>")

        // TAB completes a command name (and lists the candidates when several match).
        try t.type("quest")
        try t.keys("Tab")
        try t.wait(for: "questions  question")
        try t.keys("C-a", "C-k")
        try t.type("analy")
        try t.keys("Tab")
        try t.wait(for: "parallax[tmuxtest]> analysts")
        try t.keys("Enter")
        try t.wait(for: "Patricia Kim")

        // TAB completes an analyst name, folded: ayd → aydintasbas.
        try t.type("list set:baseline analyst:ayd")
        try t.keys("Tab")
        try t.wait(for: "analyst:aydintasbas")
        try t.keys("Enter")
        try t.wait(for: "annotations")

        // Aydıntaşbaş typed, edited (a stray letter deleted, cursor moved) and run intact.
        try t.type("find Aydıntaşbaşx")
        try t.keys("BSpace", "C-b", "C-b", "C-b", "C-f", "C-f", "C-f", "Enter")
        try t.wait(for: "5 hits")

        // Up recalls the previous line.
        try t.keys("Up")
        try t.wait(for: "parallax[tmuxtest]> find Aydıntaşbaş")
        #expect(try t.promptLine().hasSuffix("find Aydıntaşbaş"))

        // Ctrl-C abandons the line and keeps the session.
        try t.keys("C-c")
        try t.type("docs")
        try t.keys("Enter")
        try t.wait(for: "merics")
        #expect(try !t.screen().contains("5 hits\n5 hits"), "the abandoned line did not run")

        // Ctrl-D on an empty line ends the session.
        try t.keys("C-d")
        try t.wait(for: "Pane is dead")
        t.kill()

        // History persists: the next session recalls `docs` with Up.
        let again = Tmux()
        defer { again.kill() }
        try again.start(command, directory: project)
        try again.wait(for: "parallax[tmuxtest]>")
        try again.keys("Up")
        try again.wait(for: "parallax[tmuxtest]> docs")
        try again.keys("Up")
        try again.wait(for: "parallax[tmuxtest]> find Aydıntaşbaş")
    }
}
