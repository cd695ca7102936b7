import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
import TestSupport

/// `parallax` in a real terminal (tmux): line editing, completion, history, Ctrl-C, Ctrl-D.
@Suite("parallax in a terminal", .serialized)
struct TerminalTests {
    final class Tmux {
        let name = "parallax-test-\(UUID().uuidString.prefix(8))"
        /// A private server socket: the test never touches the user's own tmux sessions.
        var socket: String { name }
        /// A private configuration: keep a pane after its program ends, so the end is visible.
        let config: String = {
            let path = NSTemporaryDirectory() + "tmux-\(UUID().uuidString).conf"
            _ = FileManager.default.createFile(atPath: path, contents: Data("set -g remain-on-exit on\n".utf8))
            return path
        }()

        /// Runs tmux with posix_spawn and waitpid, its output going to a temporary file.
        /// (Foundation's Process waits on a descriptor that the daemonised tmux server
        /// inherits, so it never sees the client end.)
        @discardableResult
        func tmux(_ args: [String], capture: Bool = true) throws -> String {
            let outPath = NSTemporaryDirectory() + "tmux-out-\(UUID().uuidString)"
            defer { try? FileManager.default.removeItem(atPath: outPath) }
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, capture ? outPath : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
            let argv = ["tmux", "-L", socket, "-f", config] + args
            var cArgs = argv.map { strdup($0) } + [nil]
            defer { cArgs.forEach { free($0) } }
            // The test runner's threads block most signals, and a spawned process inherits the
            // mask: a tmux server started that way never saw the SIGTERM `kill-server` sends
            // and outlived the test run. Start it with no signal blocked and default actions.
            var attributes = posix_spawnattr_t()
            posix_spawnattr_init(&attributes)
            defer { posix_spawnattr_destroy(&attributes) }
            var none = sigset_t(), all = sigset_t()
            sigemptyset(&none)
            sigfillset(&all)
            posix_spawnattr_setsigmask(&attributes, &none)
            posix_spawnattr_setsigdefault(&attributes, &all)
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
            var pid: pid_t = 0
            let rc = posix_spawnp(&pid, "tmux", &actions, &attributes, &cArgs, environ)
            guard rc == 0 else { throw POSIXError(.init(rawValue: rc) ?? .ENOENT) }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            return capture ? ((try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "") : ""
        }

        func start(_ command: String, directory: String, environment: String = "") throws {
            try tmux(["-u", "new-session", "-d", "-s", name, "-x", "120", "-y", "50", "-c", directory,
                      "env LANG=C.UTF-8 TERM=xterm NO_COLOR=1 " + environment + " " + command], capture: false)
            let ids = try tmux(["display-message", "-p", "-t", name, "#{pid} #{pane_pid}"])
            pids = ids.split(whereSeparator: { $0 == " " || $0 == "\n" }).compactMap { pid_t($0) }
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

        /// Whether the program in the pane has ended.
        func paneDead() throws -> Bool {
            try tmux(["display-message", "-p", "-t", name, "#{pane_dead}"]).hasPrefix("1")
        }

        /// Waits until the program in the pane ends.
        func waitForExit(seconds: Double = 10) throws -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if try paneDead() { return true }
                usleep(50_000)
            }
            return false
        }

        /// Number of prompts on the screen.
        func prompts() throws -> Int { try screen().components(separatedBy: "parallax[tmuxtest]>").count - 1 }

        /// The last line holding a prompt.
        func promptLine() throws -> String {
            try screen().split(separator: "\n").last { $0.contains("parallax[") }.map(String.init) ?? ""
        }

        /// The server's process and the program in the pane, read once the session starts.
        private var pids: [pid_t] = []

        /// Ends the session, the private server and the program in the pane, and removes the
        /// configuration file. `kill-server` alone was seen to leave servers running after a
        /// test run, so whatever is still alive after it is signalled, then killed.
        func kill() {
            _ = try? tmux(["kill-session", "-t", name], capture: false)
            _ = try? tmux(["kill-server"], capture: false)
            for pid in pids where Glibc.kill(pid, 0) == 0 {
                _ = Glibc.kill(pid, SIGTERM)
                for _ in 0..<20 where Glibc.kill(pid, 0) == 0 { usleep(10_000) }
                if Glibc.kill(pid, 0) == 0 { _ = Glibc.kill(pid, SIGKILL) }
            }
            pids = []
            try? FileManager.default.removeItem(atPath: config)
        }

        deinit { kill() }
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
        // `analy` is the start of `analyst` and `analysts`: TAB completes what they share.
        try t.type("analy")
        try t.keys("Tab")
        try t.wait(for: "parallax[tmuxtest]> analyst")
        try t.type("s")
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
        // The line run above is still on screen, so wait for the last prompt line itself.
        try t.keys("Up")
        let recalled = Date().addingTimeInterval(10)
        while try !t.promptLine().hasSuffix("find Aydıntaşbaş"), Date() < recalled { usleep(50_000) }
        #expect(try t.promptLine().hasSuffix("find Aydıntaşbaş"))

        // Ctrl-C abandons the line and keeps the session: a fresh prompt appears.
        let before = try t.prompts()
        try t.keys("C-c")
        let deadline = Date().addingTimeInterval(10)
        while try t.prompts() <= before, Date() < deadline { usleep(50_000) }
        let fresh = try t.promptLine()
        #expect(fresh.trimmingCharacters(in: .whitespaces) == "parallax[tmuxtest]>", "after Ctrl-C: \(fresh.debugDescription)")
        try t.type("docs")
        try t.keys("Enter")
        try t.wait(for: "merics")
        #expect(try !t.screen().contains("5 hits\n5 hits"), "the abandoned line did not run")

        // Ctrl-D on an empty line ends the session.
        try t.keys("C-d")
        #expect(try t.waitForExit(), "Ctrl-D on an empty line ends parallax")
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

    @Test("output longer than the screen goes through $PAGER; short output and --no-pager print directly")
    func pager() throws {
        let tmuxFound = FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")
        try #require(tmuxFound, "tmux is needed for this test: apt-get install tmux (Scripts/test does it)")
        let project = ParallaxBinary.scratchProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        // A pager that marks every line it shows and ends at once.
        let pager = "PAGER='sed s/^/PAGED:/'"
        let command = "\(ParallaxBinary.path) --set tmuxtest --history \(project)/history"
        let t = Tmux()
        defer { t.kill() }
        try t.start(command, directory: project, environment: pager)
        try t.wait(for: "parallax[tmuxtest]>")
        try t.type("docs")
        try t.keys("Enter")
        try t.wait(for: "merics")
        #expect(try !t.screen().contains("PAGED:"), "four documents fit on the screen")
        try t.type("read brookings")
        try t.keys("Enter")
        let paged = try t.wait(for: "PAGED:¶98")
        #expect(paged.contains("PAGED:"), "98 paragraphs do not fit on 50 rows")
        // Keys typed while the pager runs would be flushed when line editing resumes: wait
        // for the prompt under the paged text first.
        let back = Date().addingTimeInterval(10)
        while try !t.screen().split(separator: "\n").last!.hasPrefix("parallax[tmuxtest]>"), Date() < back { usleep(50_000) }
        try t.keys("C-d")
        #expect(try t.waitForExit())
        t.kill()

        let direct = Tmux()
        defer { direct.kill() }
        try direct.start(command + " --no-pager", directory: project, environment: pager)
        try direct.wait(for: "parallax[tmuxtest]>")
        try direct.type("read brookings")
        try direct.keys("Enter")
        try direct.wait(for: "¶98")
        #expect(try !direct.screen().contains("PAGED:"))
    }
}
