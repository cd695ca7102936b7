/// A target that could not be placed in the changed text, and why.
///
/// Orphans are reported to the user, never dropped: the annotation keeps its old target until
/// someone re-attaches or deletes it.
public struct AnchorOrphan: Equatable, Hashable, Sendable {
    /// Why a target was orphaned; a public struct over a private enum so reasons can be added.
    public struct Reason: Equatable, Hashable, Sendable, CustomStringConvertible {
        private enum Raw: String, Sendable { case emptyQuote, notFound, weakContext, weakMatch }
        private let raw: Raw
        private init(_ raw: Raw) { self.raw = raw }
        /// The target records no quote, so there is nothing to look for.
        public static let emptyQuote = Reason(.emptyQuote)
        /// Neither the quote nor anything within the edit budget occurs in the new text.
        public static let notFound = Reason(.notFound)
        /// The quote (or something close) occurs, but it is short and too little of the
        /// recorded prefix and suffix agrees there: taking it would risk a wrong place.
        public static let weakContext = Reason(.weakContext)
        /// The closest approximate occurrence agrees too little with the recorded quote and
        /// context taken together.
        public static let weakMatch = Reason(.weakMatch)
        public var description: String { raw.rawValue }
    }

    /// Why.
    public var reason: Reason
    /// One sentence for the user.
    public var message: String
    /// The best candidate that was rejected, if any.
    public var closest: AnchorCandidate?

    /// Creates an orphan report.
    public init(reason: Reason, message: String, closest: AnchorCandidate? = nil) {
        self.reason = reason; self.message = message; self.closest = closest
    }
}
