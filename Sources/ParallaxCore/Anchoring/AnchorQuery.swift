/// A target prepared for searching: its quote and context as UTF-8 bytes, with scalar counts.
/// Scalar values are decoded only when a fuzzy or precise comparison needs them.
struct AnchorQuery {
    /// The target as recorded.
    let target: TextTarget
    /// `exact` as UTF-8.
    let exactBytes: [UInt8]
    /// `prefix` as UTF-8.
    let prefixBytes: [UInt8]
    /// `suffix` as UTF-8.
    let suffixBytes: [UInt8]
    /// Scalars in `exact` (m).
    let length: Int
    /// Scalars in `prefix`.
    let prefixLength: Int
    /// Scalars in `suffix`.
    let suffixLength: Int

    init(_ target: TextTarget) {
        self.target = target
        exactBytes = Array(target.exact.utf8)
        prefixBytes = Array(target.prefix.utf8)
        suffixBytes = Array(target.suffix.utf8)
        length = ScalarText.scalarCount(exactBytes, 0, exactBytes.count)
        prefixLength = ScalarText.scalarCount(prefixBytes, 0, prefixBytes.count)
        suffixLength = ScalarText.scalarCount(suffixBytes, 0, suffixBytes.count)
    }

    /// Scalars of recorded context (prefix and suffix together), C.
    var contextLength: Int { prefixLength + suffixLength }

    /// Everything recorded about the span's text, in scalars: m + C. A candidate's score is
    /// the share of these that agree with the text at the candidate.
    var recordedLength: Int { length + contextLength }

    /// `exact` as scalar values.
    var exactScalars: [UInt32] { ScalarText.decode(exactBytes, 0, exactBytes.count) }
}
