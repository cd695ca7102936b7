import Foundation

/// The record of a set's unresolved merge conflicts: `.parallax/NAME.conflicts.jsonl` beside
/// `NAME.jsonl` (see ``RuntimeDirectory``), one ``MergeConflict`` a line:
///
/// ```
/// {"base":-1,"field":"stance","id":"01M84H2C7JHFV149YZQQ9J7GNX","kind":"edited","ours":-2,"theirs":1}
/// {"base":{"id":"01M9…",…},"id":"01M9…","kind":"deleted-ours","ours":null,"theirs":{"id":"01M9…",…}}
/// ```
///
/// The set itself always holds ours, so it stays a valid set that loads, compares and
/// exports; this file is what lets a person pick another side later with `resolve`, which
/// changes the set through the store and removes the line. It is local to the working tree
/// (like the journal, git ignores it without being told) and is removed when the last conflict is
/// resolved. A line that cannot be read is kept verbatim, as in a set file.
public enum ConflictFile {
    /// What the file name adds to the set's name.
    public static let suffix = ".conflicts.jsonl"

    /// The conflicts file of a set file, in the runtime folder beside it (see
    /// ``RuntimeDirectory``): `dir/alice.jsonl` → `dir/.parallax/alice.conflicts.jsonl`.
    public static func path(forSetFile path: String) -> String {
        let base = path.hasSuffix(".jsonl") ? String(path.dropLast(6)) : path
        guard let slash = base.lastIndex(of: "/") else { return RuntimeDirectory.name + "/" + base + suffix }
        return base[..<slash] + "/" + RuntimeDirectory.name + base[slash...] + suffix
    }

    /// Whether a file name is a conflicts file (and so not a set).
    public static func isConflictFile(_ name: String) -> Bool { name.hasSuffix(suffix) }

    /// The file's bytes: one compact JSON object a line, keys sorted, then unreadable lines
    /// verbatim.
    public static func encode(_ conflicts: [MergeConflict], damaged: [DamagedLine] = []) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var out: [UInt8] = []
        for c in conflicts {
            // Encoding plain values cannot fail; a failure would be a programming error.
            out += (try? encoder.encode(c)).map { [UInt8]($0) } ?? []
            out.append(0x0A)
        }
        for d in damaged {
            out += d.bytes
            out.append(0x0A)
        }
        return out
    }

    /// Reads the file's bytes.
    /// - Returns: the conflicts in file order, and lines that could not be read.
    public static func parse(_ bytes: [UInt8]) -> (conflicts: [MergeConflict], damaged: [DamagedLine]) {
        let decoder = JSONDecoder()
        var conflicts: [MergeConflict] = []
        var damaged: [DamagedLine] = []
        for (index, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            var line = Array(line)
            if line.last == 0x0D { line.removeLast() }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            do {
                conflicts.append(try decoder.decode(MergeConflict.self, from: Data(line)))
            } catch let error as DecodingError {
                damaged.append(DamagedLine(line: index + 1, bytes: line, reason: DecodingErrorText.describe(error)))
            } catch {
                damaged.append(DamagedLine(line: index + 1, bytes: line, reason: "\(error)"))
            }
        }
        return (conflicts, damaged)
    }

    /// Older records with newer ones: a newer record replaces every older one about the same
    /// thing (``MergeConflict/overlaps(_:)``); the rest keep their order, in id order overall.
    public static func combine(_ older: [MergeConflict], _ newer: [MergeConflict]) -> [MergeConflict] {
        let kept = older.filter { old in !newer.contains { $0.overlaps(old) } }
        return (kept + newer).enumerated().sorted {
            ($0.element.id, $0.offset) < ($1.element.id, $1.offset)
        }.map(\.element)
    }
}
