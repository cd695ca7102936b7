import ParallaxCore

/// The `since:` and `until:` options shared by `compare`, `diff`, `matrix`, `agree`,
/// `timeline`, `coalitions` and `export`.
enum DateOptions {
    /// `since:DATE`.
    static let since = OptionSpec("since", .text, "only documents dated from DATE on (YYYY, YYYY-MM or YYYY-MM-DD, inclusive)")
    /// `until:DATE`.
    static let until = OptionSpec("until", .text, "only documents dated up to DATE (inclusive; a month means all of it)")
    /// Both, for a command's option list.
    static let both = [since, until]

    /// The window the invocation asks for (open when neither option is given).
    /// - Throws: ``ParallaxError`` located at the command: `compare: since:2024-13: not a date
    ///   — use YYYY, YYYY-MM or YYYY-MM-DD`.
    static func filter(_ inv: Invocation) throws -> DateFilter {
        do {
            return try DateFilter.parse(since: inv.options["since"]?.text, until: inv.options["until"]?.text)
        } catch let e as ParallaxError {
            throw e.located(inv.command.name)
        }
    }

    /// A comparer over the codings in the invocation's window, and what the window left out
    /// of the sets the invocation uses (`set:`, else every set).
    static func comparer(_ inv: Invocation, _ session: Session) throws -> (comparer: Comparer, left: DatedSelection) {
        let dates = try filter(inv)
        let (comparer, left) = try session.comparer(dates: dates)
        guard dates.isActive, let option = inv.options["set"] else { return (comparer, left) }
        let sets = try inv.at(option: "set") { try session.sets(named: option.text) }
        var own = session.codings(of: sets, dates: dates)
        own.kept = []
        return (comparer, own)
    }

    /// Says what a window left out: after the text output, or on standard error beside JSON
    /// (which stays one document of the usual shape).
    static func report(_ left: DatedSelection, json: Bool, session: Session) {
        guard let note = left.note else { return }
        if json { session.err.write("note: " + note + "\n") } else { session.print(note) }
    }
}
