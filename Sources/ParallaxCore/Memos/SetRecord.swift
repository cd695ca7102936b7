/// A line of a set file that is not an annotation: `{"kind":…}`. Annotation lines never have
/// a `kind` member, so the two never mix; a kind this version does not know is kept as a
/// damaged line (verbatim, written back), as older versions keep every record.
public enum SetRecord: Equatable, Sendable {
    /// A memo (`"kind":"memo"`).
    case memo(Memo)
    /// A question rename the set went through (`"kind":"renamed"`).
    case renamed(QuestionRename)
}
