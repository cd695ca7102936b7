/// Why an import was refused: every problem found, each with its location. Nothing was
/// imported.
public struct ImportFailure: Error, CustomStringConvertible, Equatable, Sendable {
    /// The problems, in file order.
    public var problems: [ParallaxError]

    /// Creates a failure.
    public init(problems: [ParallaxError]) { self.problems = problems }

    /// One problem per line, then how many there were.
    public var description: String {
        let lines = problems.map(\.description)
        let count = problems.count == 1 ? "1 problem" : "\(problems.count) problems"
        return (lines + ["nothing imported: \(count)"]).joined(separator: "\n")
    }
}
