import Foundation
import ParallaxCore
import ParallaxStore

/// The codebook as a REFI-QDA codebook file: `export qdc PATH` and `import qdc PATH` (the
/// `export` and `import` commands hand these over).
enum CodebookExchange {
    /// `export qdc PATH`: the whole codebook, written to a temporary file and renamed into place.
    static func export(_ inv: Invocation, path: String, session: Session) throws {
        if let key = inv.options.keys.sorted().first {
            throw ParallaxError(.usage, "export qdc writes the whole codebook; \(key): does not apply to it",
                                at: .command(inv.command.name, option: key), hint: "leave \(key): out")
        }
        let book = session.store.codebook
        var sink = FileExportSink(destination: path)
        let input = ExportInput(codings: [], corpus: session.corpus, codebook: book)
        try inv.at(1) { try QDCExportFormat().export(input, to: &sink) }
        let n = book.questions.count
        session.print("exported \(n) question\(n == 1 ? "" : "s") as a REFI-QDA codebook to \(path)")
    }

    /// `import qdc PATH`: the file's questions added to the codebook, all or none; every
    /// problem printed with its `file:line:column`.
    static func importQuestions(_ inv: Invocation, pathIndex: Int, session: Session) throws {
        try inv.noMore(than: pathIndex + 1)
        if let key = inv.options.keys.sorted().first(where: { $0 != "format" || inv.options[$0]?.text != "qdc" }) {
            throw ParallaxError(.usage, "import qdc adds questions to the codebook; \(key): does not apply to it",
                                at: .command(inv.command.name, option: key), hint: "leave \(key): out")
        }
        let path = try inv.required(pathIndex, "PATH")
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ParallaxError(.notFound, "cannot read the file", at: path, hint: "check the path")
        }
        let result: QDCImport
        do {
            result = try session.store.importQuestions([UInt8](data), path: path)
        } catch let failure as ImportFailure {
            for p in failure.problems.dropLast() { session.err.write(session.style.red("error: ") + ErrorText.printable(p.description) + "\n") }
            let last = failure.problems.last.map(\.description) ?? "the file could not be read"
            let n = failure.problems.count
            throw ParallaxError(.invalidData, "\(last)\n\(n) problem\(n == 1 ? "" : "s"); no question was imported")
        }
        if !result.codeSetsLeftOut.isEmpty {
            let n = result.codeSetsLeftOut.count
            session.warn("\(path): \(n) code set\(n == 1 ? " was" : "s were") not imported: \(result.codeSetsLeftOut.joined(separator: ", ")) — Parallax has no code sets (questions are not grouped); keep them in your QDA tool")
        }
        let unchanged = result.unchanged.isEmpty ? "" : "; \(result.unchanged.count) already in the codebook (\(result.unchanged.joined(separator: ", ")))"
        if result.added.isEmpty {
            session.print("\(path) adds no question\(unchanged)")
        } else {
            let n = result.added.count
            session.print("imported \(n) question\(n == 1 ? "" : "s") from \(path): \(result.added.joined(separator: ", "))\(unchanged) (undo takes it back)")
        }
    }
}
