/// The candidates of an ambiguous completion laid out in columns, like `ls` and bash: sorted
/// down each column, as many columns as fit the terminal's width.
struct CompletionListing: Equatable, Sendable {
    /// The lines to print, without line terminators or trailing spaces.
    var lines: [String]

    /// Spaces between two columns.
    static let gap = 2

    /// At most this many candidates are listed; a last line tells how many more there are.
    static let limit = 200

    /// Lays out `candidates` for a terminal `width` columns wide.
    /// - Parameters:
    ///   - candidates: The words, in the order to read them (down the first column first).
    ///   - width: The terminal's width in columns; one column is used however narrow it is.
    ///   - limit: How many candidates to show at most.
    ///   - columnsOf: The columns a word takes on screen. The default counts characters,
    ///     right for the Latin, Greek and Cyrillic names of a corpus but not for wide
    ///     (East Asian) characters.
    init(_ all: [String], width: Int, limit: Int = CompletionListing.limit,
         columnsOf: (String) -> Int = { $0.count }) {
        guard !all.isEmpty else { lines = []; return }
        let candidates = Array(all.prefix(max(1, limit)))
        let widths = candidates.map(columnsOf)
        let cell = widths.max()! + CompletionListing.gap
        let columns = max(1, min(candidates.count, (width + CompletionListing.gap) / cell))
        let rows = (candidates.count + columns - 1) / columns
        lines = (0..<rows).map { row in
            var line = ""
            for column in 0..<columns {
                let index = column * rows + row
                guard index < candidates.count else { break }
                if column > 0 { line += String(repeating: " ", count: cell - widths[index - rows]) }
                line += candidates[index]
            }
            return line
        }
        if all.count > candidates.count { lines.append("… and \(all.count - candidates.count) more") }
    }
}
