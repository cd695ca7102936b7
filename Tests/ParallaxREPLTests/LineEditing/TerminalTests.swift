import Testing
@testable import ParallaxREPL

@Suite("Terminal facts")
struct TerminalTests {
    @Test("width: measured, else COLUMNS, else 80")
    func width() {
        #expect(Terminal.width(measured: 132, columnsVariable: "100") == 132)
        #expect(Terminal.width(measured: nil, columnsVariable: "100") == 100)
        #expect(Terminal.width(measured: 0, columnsVariable: "wide") == 80)
        #expect(Terminal.width(measured: nil, columnsVariable: nil) == 80)
    }

    @Test("colour needs a terminal, no NO_COLOR, and a TERM that is not dumb")
    func color() {
        #expect(Terminal.colorAllowed(outputIsTerminal: true, noColor: nil, term: "xterm-256color"))
        #expect(Terminal.colorAllowed(outputIsTerminal: true, noColor: "", term: "screen"))
        #expect(!Terminal.colorAllowed(outputIsTerminal: false, noColor: nil, term: "xterm"))
        #expect(!Terminal.colorAllowed(outputIsTerminal: true, noColor: "1", term: "xterm"))
        #expect(!Terminal.colorAllowed(outputIsTerminal: true, noColor: nil, term: "dumb"))
        #expect(!Terminal.colorAllowed(outputIsTerminal: true, noColor: nil, term: nil))
    }

    @Test("UTF-8 codeset names")
    func codesets() {
        #expect(Terminal.isUTF8(codeset: "UTF-8"))
        #expect(Terminal.isUTF8(codeset: "utf8"))
        #expect(!Terminal.isUTF8(codeset: "ANSI_X3.4-1968"))
        #expect(!Terminal.isUTF8(codeset: "ISO-8859-9"))
    }

    @Test("the locale ends up UTF-8")
    func locale() {
        #expect(Terminal.useUTF8Locale())
    }
}
