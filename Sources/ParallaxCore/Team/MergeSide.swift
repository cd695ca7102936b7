/// One of the three versions a three-way merge reads.
public enum MergeSide: String, Codable, CaseIterable, Sendable {
    /// The common ancestor (git's `%O`).
    case base
    /// The version being merged into (git's `%A`: the current branch). The merged set keeps
    /// ours where the two sides conflict.
    case ours
    /// The version being merged in (git's `%B`: the other branch).
    case theirs
}
