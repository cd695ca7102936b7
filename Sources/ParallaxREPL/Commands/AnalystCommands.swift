import Foundation
import ParallaxCore
import ParallaxStore

/// Voices of the corpus: `analyst add`, `analyst edit`.
enum AnalystCommands {
    static let all: [Command] = [analyst]

    static let analyst = Command(
        "analyst", group: "Corpus",
        arguments: [ArgumentSpec("add|edit", .choice(["add", "edit"])), ArgumentSpec("ID", .bySubcommand(["edit": .analyst]))],
        options: [OptionSpec("name", .text, "display name, as the corpus writes it"),
                  OptionSpec("aliases", .text, "other spellings, \"a; b\" (lookup folds case and diacritics)"),
                  OptionSpec("labels", .text, "transcript speaker labels, \"JANE HOLLOWAY; HOLLOWAY\""),
                  OptionSpec("affiliation", .text, "affiliation"),
                  OptionSpec("compared", .choice(["yes", "no"]), "whether comparisons include this voice (default yes)")],
        summary: "add an analyst (a voice) or edit one",
        help: """
        Adds an analyst to Corpus/manifest.json, or changes the fields given of one. A
        document with no voice whose author is this analyst (by name or alias, folded)
        takes the analyst as its voice; transcript turns with one of the labels are
        attributed to the analyst at once.

        examples:
          analyst add holloway name:"Jane Holloway" aliases:Holloway affiliation:"Example Institute"
          analyst edit holloway labels:"JANE HOLLOWAY; HOLLOWAY" compared:no
        """
    ) { inv, session in
        guard let sub = inv.optional(0), sub == "add" || sub == "edit" else {
            throw inv.usageError("say add or edit", argument: 0)
        }
        try inv.noMore(than: 2)
        let typed = try inv.required(1, "ID")
        let split = { (text: String) in text.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        var compared: Bool?
        if let c = inv.options["compared"] {
            guard c.text == "yes" || c.text == "no" else {
                throw ParallaxError(.usage, "compared must be yes or no, not \"\(c.text)\"", at: "analyst: option compared")
            }
            compared = c.text == "yes"
        }
        let writer = CorpusWriter(directory: session.corpusDirectory)
        var manifest = session.corpus.manifest
        let id: String
        if sub == "add" {
            guard Codebook.isValidID(typed) else {
                throw ParallaxError(.usage, "analyst id \"\(typed)\" must be lower-case letters, digits and '-', starting with a letter", at: inv.location(1))
            }
            guard let name = inv.options["name"]?.text, !name.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw inv.usageError("give the analyst's name with name:\"…\"")
            }
            if let other = session.corpus.analysts.analyst(id: typed) {
                throw ParallaxError(.conflict, "analyst id \"\(typed)\" is taken (\(other.name))", at: inv.location(1), hint: "choose another id, or `analyst edit \(typed)`")
            }
            id = typed
            let a = AnalystInfo(id: id, name: name, aliases: inv.options["aliases"].map { split($0.text) } ?? [],
                                affiliation: inv.options["affiliation"]?.text ?? "", labels: inv.options["labels"].map { split($0.text) } ?? [],
                                compared: compared ?? true)
            manifest.analysts.append(a)
        } else {
            id = try inv.at(1) { try session.corpus.analysts.resolve(typed).id }
            guard let i = manifest.analysts.firstIndex(where: { $0.id == id }) else { throw ParallaxError(.notFound, "no analyst \"\(typed)\"") }
            guard !inv.options.isEmpty else { throw inv.usageError("give the fields to change: name:, aliases:, labels:, affiliation:, compared:") }
            if let v = inv.options["name"]?.text { manifest.analysts[i].name = v }
            if let v = inv.options["aliases"]?.text { manifest.analysts[i].aliases = split(v) }
            if let v = inv.options["labels"]?.text { manifest.analysts[i].labels = split(v) }
            if let v = inv.options["affiliation"]?.text { manifest.analysts[i].affiliation = v }
            if let compared { manifest.analysts[i].compared = compared }
        }
        // Documents with no voice whose author is now a known analyst take that voice.
        let directory = try AnalystDirectory(manifest.analysts)
        var voiced: [String] = []
        for k in manifest.documents.indices where manifest.documents[k].voice == nil && manifest.documents[k].segmentation.turns == nil {
            if let match = manifest.documents[k].authors.lazy.compactMap({ directory.named($0) }).first, match.id == id {
                manifest.documents[k].voice = id
                voiced.append(manifest.documents[k].id)
            }
        }
        // Checked as a whole before anything is written.
        let corpus = try Corpus(manifest: manifest) { info in Array(session.corpus.document(info.id)?.text.utf8 ?? []) }
        try writer.acquire()
        defer { writer.release() }
        let onDisk = try Corpus.load(from: session.corpusDirectory).manifest
        guard onDisk == session.corpus.manifest else {
            throw ParallaxError(.conflict, "the corpus manifest changed on disk since this session read it", at: "analyst",
                                hint: "run the command again in a new session")
        }
        try writer.commit(manifest: corpus.manifest)
        try session.replaceCorpus(try Corpus.load(from: session.corpusDirectory))
        let a = session.corpus.analysts.analyst(id: id)!
        var line = (sub == "add" ? "added analyst " : "changed analyst ") + "\(a.id) (\(a.name))"
        let turns = session.corpus.documents.reduce(0) { $0 + $1.turns.filter { $0.speaker == id }.count }
        if turns > 0 { line += "; speaks \(turns) turn\(turns == 1 ? "" : "s")" }
        if !voiced.isEmpty { line += "; voice of " + voiced.joined(separator: ", ") }
        session.print(line)
    }
}
