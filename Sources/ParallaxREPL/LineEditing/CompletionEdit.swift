/// What one press of TAB does to the line: the pure part of completion.
///
/// The reader asks a ``CompletionProvider`` for a ``Completion`` of the text before the
/// cursor, then turns it into an edit with ``init(_:beforeCursor:)``:
///
/// - one candidate replaces the word and is followed by a space (none after a directory
///   path ending in `/`, so completion can go on inside it, and none before a space that is
///   already there);
/// - several candidates replace the word with their longest common prefix, when that prefix
///   is at least as long as the word (candidates matched by folding, like `Aydıntaşbaş` and
///   `aydemir` for `ayd`, can share no prefix at all: the word is then left as typed), and
///   are listed under the line;
/// - no candidate changes nothing (the reader beeps).
///
/// The edit deletes and inserts only what differs, counted in Unicode scalars like libedit's
/// wide-character cursor.
struct CompletionEdit: Equatable, Sendable {
    /// Unicode scalars to delete just before the cursor.
    var deleteCount: Int
    /// Text to insert at the cursor after the deletion.
    var insertion: String
    /// Candidates to list under the line, when the completion is ambiguous.
    var listing: [String]
    /// Whether there was nothing to complete.
    var isEmpty: Bool

    /// Whether the edit changes the text of the line.
    var changesLine: Bool { deleteCount > 0 || !insertion.isEmpty }

    /// The edit for `completion` of the text `beforeCursor`.
    /// - Parameters:
    ///   - completion: The candidates and how many scalars before the cursor they replace
    ///     (clamped to the text's length).
    ///   - beforeCursor: The line from its start to the cursor.
    ///   - afterCursor: The rest of the line.
    /// - Complexity: O(*n* + *m*): the length of the text plus that of the candidates.
    init(_ completion: Completion, beforeCursor: String, afterCursor: String = "") {
        let scalars = Array(beforeCursor.unicodeScalars)
        let replaced = min(max(completion.replacing, 0), scalars.count)
        let word = Array(scalars[(scalars.count - replaced)...])
        let candidates = CompletionEdit.uniqued(completion.candidates)

        let replacement: [Unicode.Scalar]
        switch candidates.count {
        case 0:
            self.init(deleteCount: 0, insertion: "", listing: [], isEmpty: true)
            return
        case 1:
            let only = candidates[0]
            let spaced = only.hasSuffix("/") || afterCursor.unicodeScalars.first?.properties.isWhitespace == true
            replacement = Array((spaced ? only : only + " ").unicodeScalars)
        default:
            let prefix = CompletionEdit.longestCommonPrefix(candidates)
            let wordLength = String(String.UnicodeScalarView(word)).count
            replacement = prefix.count >= wordLength ? Array(prefix.unicodeScalars) : word
        }

        var kept = 0
        while kept < word.count, kept < replacement.count, word[kept] == replacement[kept] { kept += 1 }
        self.init(deleteCount: word.count - kept,
                  insertion: String(String.UnicodeScalarView(replacement[kept...])),
                  listing: candidates.count > 1 ? candidates : [],
                  isEmpty: false)
    }

    /// An edit given part by part.
    init(deleteCount: Int, insertion: String, listing: [String], isEmpty: Bool = false) {
        self.deleteCount = deleteCount
        self.insertion = insertion
        self.listing = listing
        self.isEmpty = isEmpty
    }

    /// The text before the cursor once the edit is applied.
    func applied(to beforeCursor: String) -> String {
        var scalars = Array(beforeCursor.unicodeScalars)
        scalars.removeLast(min(deleteCount, scalars.count))
        scalars.append(contentsOf: insertion.unicodeScalars)
        return String(String.UnicodeScalarView(scalars))
    }

    /// The longest common prefix of `strings`, in whole characters (a grapheme cluster is
    /// never split, so `e` is not offered as the prefix of `é` and `e`).
    static func longestCommonPrefix(_ strings: [String]) -> String {
        guard var prefix = strings.first.map(Array.init) else { return "" }
        for string in strings.dropFirst() {
            var length = 0
            for character in string {
                guard length < prefix.count, prefix[length] == character else { break }
                length += 1
            }
            prefix.removeSubrange(length...)
        }
        return String(prefix)
    }

    /// `strings` without repeats, in their first order.
    private static func uniqued(_ strings: [String]) -> [String] {
        var seen = Set<String>()
        return strings.filter { seen.insert($0).inserted }
    }
}
