/// Facts about the terminal the REPL runs on: whether there is one, its width, and whether
/// colour is welcome.
public enum Terminal {
    /// Whether standard input is a terminal (if not, input comes from a pipe or a file and is
    /// read without prompts or line editing).
    public static var standardInputIsTerminal: Bool { system_isatty(0) }

    /// Whether standard output is a terminal.
    public static var standardOutputIsTerminal: Bool { system_isatty(1) }

    /// The width of the terminal on standard output in columns: what the terminal says
    /// (`TIOCGWINSZ`), else `$COLUMNS`, else 80.
    public static var width: Int {
        width(measured: system_terminalColumns(1), columnsVariable: system_getenv("COLUMNS"))
    }

    /// The height of the terminal on standard output in rows: what the terminal says, else
    /// `$LINES`, else 24.
    public static var height: Int {
        if let rows = system_terminalRows(1) { return rows }
        if let lines = system_getenv("LINES").flatMap({ Int($0) }), lines > 0 { return lines }
        return 24
    }

    /// Whether output may be coloured: standard output is a terminal, `NO_COLOR` is unset or
    /// empty (https://no-color.org), and `TERM` is set and not `dumb`.
    public static var colorAllowed: Bool {
        colorAllowed(outputIsTerminal: standardOutputIsTerminal,
                     noColor: system_getenv("NO_COLOR"), term: system_getenv("TERM"))
    }

    /// The terminal width from what was measured and the `COLUMNS` variable.
    static func width(measured: Int?, columnsVariable: String?) -> Int {
        if let measured, measured > 0 { return measured }
        if let columns = columnsVariable.flatMap({ Int($0) }), columns > 0 { return columns }
        return 80
    }

    /// The colour rule on given facts. A missing `TERM` counts as `dumb`: libedit and most
    /// tools assume no capabilities then.
    static func colorAllowed(outputIsTerminal: Bool, noColor: String?, term: String?) -> Bool {
        guard outputIsTerminal else { return false }
        if let noColor, !noColor.isEmpty { return false }
        guard let term, !term.isEmpty, term != "dumb" else { return false }
        return true
    }
}
