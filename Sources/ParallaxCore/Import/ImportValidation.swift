/// The checks every import runs on what its format parsed, so all formats accept and refuse
/// the same codings.
enum ImportValidation {
    /// The members an annotation line has of its own: an unknown field may not take one of
    /// these names, or the saved line would hold the member twice and fail to load.
    static let ownKeys = Set(AnnotationCodec.requiredKeys + ["confidence", "tags", "note"])

    /// Checks every candidate: a valid set name, an annotation the ``AnnotationValidator``
    /// accepts against the current corpus and codebook, unknown fields that do not reuse the
    /// annotation's own member names, and no id twice in one set.
    ///
    /// A candidate whose document changed since it was exported (the hash differs) is refused
    /// too: re-anchoring belongs to the store, which reports what moved, and an import must
    /// not move spans silently.
    /// - Returns: The codings sorted by set, then id, when there is no problem at all.
    /// - Throws: ``ImportFailure`` with the parse problems and every validation problem.
    static func validate(_ parsed: ImportParse, context: ImportContext) throws(ImportFailure) -> [Coding] {
        var problems = parsed.problems
        var firstSeen: [String: [String: String]] = [:]
        var badSets = Set<String>()
        for candidate in parsed.candidates {
            let c = candidate.coding, a = c.annotation
            if !badSets.contains(c.set) {
                do { try AnnotationSet.validate(name: c.set) } catch let error as ParallaxError {
                    problems.append(ParallaxError(error.kind, error.message, at: candidate.location, hint: error.hint))
                    badSets.insert(c.set)
                } catch {}
            }
            switch context.validator.check(a) {
            case .valid:
                break
            case .documentChanged:
                problems.append(ParallaxError(.conflict, "annotation \(a.id) refers to another version of document \(a.target.doc) (its hash differs)",
                                              at: candidate.location,
                                              hint: "export again from a project with the same corpus text"))
            case .invalid(let reason):
                problems.append(ParallaxError(.invalidData, "annotation \(a.id): \(reason)", at: candidate.location))
            }
            for key in a.extra.fields.map(\.key) where ownKeys.contains(key) {
                problems.append(ParallaxError(.invalidData, "annotation \(a.id): unknown field \"\(key)\" has the name of one of its own fields",
                                              at: candidate.location, hint: "rename or remove it"))
            }
            if let first = firstSeen[c.set]?[a.id] {
                problems.append(ParallaxError(.conflict, "duplicate id \(a.id) in set \(c.set) (first at \(first))",
                                              at: candidate.location))
            } else {
                firstSeen[c.set, default: [:]][a.id] = candidate.location
            }
        }
        guard problems.isEmpty else { throw ImportFailure(problems: problems) }
        return parsed.candidates.map(\.coding).sorted(by: Coding.exportOrder)
    }
}
