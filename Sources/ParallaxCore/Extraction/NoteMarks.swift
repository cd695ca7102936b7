/// The marks of a Word document's footnotes and endnotes, numbered as Word numbers them: in
/// the order the body refers to them, from 1, in the number format the document sets
/// (`decimal` for footnotes and `lowerRoman` for endnotes unless it says otherwise).
struct NoteMarks {
    /// Which part a note lives in; the raw value is its element's name.
    enum Kind: String {
        case footnote, endnote
    }

    /// A note the body refers to, with the mark the reference became.
    struct Reference: Equatable {
        var kind: Kind
        var id: String
        var mark: String
    }

    let footnoteFormat: String
    let endnoteFormat: String
    /// The notes referred to, in order of their first reference.
    private(set) var order: [Reference] = []

    init(footnoteFormat: String, endnoteFormat: String) {
        self.footnoteFormat = footnoteFormat
        self.endnoteFormat = endnoteFormat
    }

    /// The mark for a reference (`[1]`, `[ii]`): the same for every reference to one note.
    mutating func mark(_ kind: Kind, id: String) -> String {
        if let seen = order.first(where: { $0.kind == kind && $0.id == id }) { return seen.mark }
        let n = order.filter { $0.kind == kind }.count + 1
        let mark = "[" + Self.format(n, kind == .footnote ? footnoteFormat : endnoteFormat) + "]"
        order.append(Reference(kind: kind, id: id, mark: mark))
        return mark
    }

    /// A number in one of Word's formats; any other format is written in digits.
    static func format(_ n: Int, _ format: String) -> String {
        switch format {
        case "lowerRoman": return roman(n).lowercased()
        case "upperRoman": return roman(n)
        case "lowerLetter": return letters(n)
        case "upperLetter": return letters(n).uppercased()
        default: return String(n)
        }
    }

    /// 1 → I, 4 → IV, 1999 → MCMXCIX (past 3999, digits).
    static func roman(_ n: Int) -> String {
        guard (1...3999).contains(n) else { return String(n) }
        let table: [(Int, String)] = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                                      (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        var rest = n, out = ""
        for (value, symbol) in table {
            while rest >= value { out += symbol; rest -= value }
        }
        return out
    }

    /// Word's letter numbering: a … z, then aa … zz, then aaa (the letter repeated).
    static func letters(_ n: Int) -> String {
        guard n >= 1 else { return String(n) }
        let letter = Character(Unicode.Scalar(UInt8(ascii: "a") + UInt8((n - 1) % 26)))
        return String(repeating: letter, count: min((n - 1) / 26 + 1, 100))
    }
}
