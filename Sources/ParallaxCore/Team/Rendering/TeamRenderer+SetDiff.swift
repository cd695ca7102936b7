extension TeamRenderer {
    /// Renders a set diff: a tally, then the changed annotations (sharpest first: another
    /// question or stance before a moved span or an edited note), each with one line per
    /// changed field, then the added and the removed ones, one line each.
    ///
    /// ```
    /// main → alice: 1 changed · 1 added · 62 unchanged
    ///
    /// Changed (1)
    ///   01M84H2C7JHFV149YZQQ9J7GNX  war-ends-soon · stent · brookings ¶8
    ///       stance     -2 → +1 (3 points)
    ///       note       “Stent says flatly…” → “On reflection…”
    ///
    /// Added (1)
    ///   01M9ZX3D5WQ0R8E7Y6T5V4B3N2  reset-wedge -1 · stent · brookings ¶11  “highly unlikely”
    /// ```
    /// - Parameters:
    ///   - diff: The diff.
    ///   - out: Where the text goes.
    public func render(_ diff: SetDiff, to out: inout some TextOutputStream) {
        let ui = layout
        var tally: [String] = []
        for kind in [SetDiff.Kind.changed, .added, .removed] {
            let n = diff.entries(kind).count
            if n > 0 { tally.append("\(n) \(kind.rawValue)") }
        }
        tally.append("\(diff.unchanged) unchanged")
        write("\(diff.oldName) → \(diff.newName): " + tally.joined(separator: " · "), indent: 0, hanging: 2, paint: .bold, to: &out)
        if diff.isEmpty {
            out.write("No differences.\n")
            return
        }
        for kind in [SetDiff.Kind.changed, .added, .removed] {
            let entries = diff.entries(kind)
            if entries.isEmpty { continue }
            out.write("\n" + ui.paint("\(kind.rawValue.prefix(1).uppercased() + kind.rawValue.dropFirst()) (\(entries.count))", .bold) + "\n")
            for e in entries {
                if kind == .changed { renderChanged(e, to: &out) } else { renderPresence(e, to: &out) }
            }
        }
        if !diff.renames.isEmpty {
            out.write("\n" + ui.paint("Questions renamed (\(diff.renames.count))", .bold) + "\n")
            for r in diff.renames {
                write(r.from + " → " + r.to + (r.map.isEmpty ? "" : " (stances " + r.map.keys.sorted().map { "\(Question.signed($0))→\(Question.signed(r.map[$0]!))" }.joined(separator: ", ") + ")"),
                      indent: 2, hanging: 4, paint: nil, to: &out)
            }
        }
        if !diff.memos.isEmpty {
            out.write("\n" + ui.paint("Memos (\(diff.memos.count))", .bold) + "\n")
            for m in diff.memos {
                heading(m.id, [m.kind.rawValue, m.target], to: &out)
                switch m.kind {
                case .added: write("“" + (m.new ?? "") + "”", indent: 6, hanging: 6, paint: nil, to: &out)
                case .removed: write("“" + (m.old ?? "") + "”", indent: 6, hanging: 6, paint: .dim, to: &out)
                case .changed: write("“" + (m.old ?? "") + "” → “" + (m.new ?? "") + "”", indent: 6, hanging: 6, paint: nil, to: &out)
                }
            }
        }
        if !diff.damagedAdded.isEmpty || !diff.damagedRemoved.isEmpty {
            out.write("\n")
            write("Damaged lines: \(diff.damagedAdded.count) new, \(diff.damagedRemoved.count) gone (they are kept verbatim; `check` says why).",
                  indent: 0, hanging: 2, paint: .dim, to: &out)
        }
    }

    private func renderChanged(_ e: SetDiff.Entry, to out: inout some TextOutputStream) {
        heading(e.id, [e.question, e.analyst, place(e.doc, e.start, e.end)], to: &out)
        if let old = e.oldID { labelled("id", "coded again; was " + old, indent: 6, to: &out) }
        for c in e.changes { labelled(c.field.rawValue, describe(c, question: e.question), indent: 6, to: &out) }
    }

    private func renderPresence(_ e: SetDiff.Entry, to out: inout some TextOutputStream) {
        let ui = layout
        let stanceText = stance(e.stance, of: e.question)
        let plain = e.id + "  " + e.question + " " + stanceText + " · " + e.analyst + " · " + place(e.doc, e.start, e.end)
        let room = columns - 2 - TextLayout.columns(plain) - 2
        if room >= 16 {
            let painted = e.id + "  " + e.question + " " + ui.paint(stanceText, stance: Double(e.stance)) + " · " + e.analyst
                + " · " + place(e.doc, e.start, e.end)
            out.write("  " + painted + "  " + ui.paint(TeamRenderer.quote(e.exact, room), .dim) + "\n")
        } else {
            heading(e.id, [e.question + " " + stanceText, e.analyst, place(e.doc, e.start, e.end)], to: &out)
            out.write("      " + ui.paint(TeamRenderer.quote(e.exact, columns - 6), .dim) + "\n")
        }
    }

    /// One field change in words: `-2 → +1 (3 points)`, `moved 12 scalars later`,
    /// `+evidence −explicit`, `“old note” → “new note”`.
    /// - Parameters:
    ///   - c: The change.
    ///   - question: The question the stance is on (for its labels).
    func describe(_ c: SetDiff.FieldChange, question: String) -> String {
        let room = columns - 6 - 11
        switch (c.field, c.old, c.new) {
        case (.stance, .integer(let a), .integer(let b)):
            let d = abs(a - b)
            return stance(a, of: question) + " → " + stance(b, of: question) + " (\(d) point\(d == 1 ? "" : "s"))"
        case (.tags, .tags(let a), .tags(let b)):
            let plus = b.filter { !a.contains($0) }.map { "+" + $0 }
            let minus = a.filter { !b.contains($0) }.map { "−" + $0 }
            return (plus + minus).joined(separator: " ")
        case (.note, .text(let a), .text(let b)):
            if a.isEmpty { return "added " + TeamRenderer.quote(b, room - 6) }
            if b.isEmpty { return "removed " + TeamRenderer.quote(a, room - 8) }
            let half = (room - 3) / 2
            return TeamRenderer.quote(a, half) + " → " + TeamRenderer.quote(b, half)
        case (.span, .span(let a), .span(let b)):
            let how: String
            switch c.span {
            case .moved?:
                let shift = b.start - a.start
                how = "moved \(abs(shift)) scalar\(abs(shift) == 1 ? "" : "s") " + (shift > 0 ? "later" : "earlier")
            case .resized?:
                how = "resized \(a.length) → \(b.length) scalars"
            case .otherDocument?:
                how = place(a.doc, a.start, a.end) + " → " + place(b.doc, b.start, b.end)
            case .requoted?:
                how = "same offsets, " + (a.hash != b.hash ? "document changed" : "quote changed")
            default:
                how = "\(a.start)-\(a.end) → \(b.start)-\(b.end)"
            }
            let rest = room - TextLayout.columns(how) - 2
            return rest >= 12 ? how + ": " + TeamRenderer.quote(b.exact, rest) : how
        case (.extra, .extra(let a), .extra(let b)):
            let keys = Set(a.fields.map(\.key)).union(b.fields.map(\.key)).sorted().filter { a[$0] != b[$0] }
            return "changed: " + keys.joined(separator: ", ")
        default:
            return c.old.summary + " → " + c.new.summary
        }
    }
}
