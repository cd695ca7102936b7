/// A shared question analysts are compared on, with its ordered scale.
public struct Question: Codable, Equatable, Sendable {
    /// One point of a scale: its value and what it means for this question.
    public struct Point: Codable, Equatable, Sendable {
        /// The stance value (-2…+2 on the default scale).
        public var value: Int
        /// What the value means for this question (`unlikely`).
        public var label: String
        /// Creates a scale point.
        public init(value: Int, label: String) { self.value = value; self.label = label }
    }

    /// Short, typeable id (`reset-wedge`); never changes once annotations use it.
    public var id: String
    /// The question as analysts read it.
    public var text: String
    /// Scale points in increasing order of value.
    public var scale: [Point]
    /// What the question means, for coders (`question define`).
    public var definition: String?
    /// What counts as coding this question (inclusion criteria).
    public var include: String?
    /// What does not count (exclusion criteria).
    public var exclude: String?
    /// Ids of annotations that are good examples of coding it.
    public var examples: [String]?
    /// Kept for the codings made under it, but closed to new ones (`question retire`).
    public var retired: Bool?
    /// Ids this question had before (`question rename`) or questions merged into it without a
    /// stance map: codings that still name one of them are read as this question.
    public var renamedFrom: [String]?
    /// Questions merged into this one with a stance map (`question merge FROM INTO map:…`).
    public var mergedFrom: [QuestionRename]?
    /// A colour (`#RRGGBB`) exchange formats carry (REFI-QDA codes have one).
    public var colour: String?

    /// Creates a question.
    public init(id: String, text: String, scale: [Point]) {
        self.id = id; self.text = text; self.scale = scale
    }

    private enum CodingKeys: String, CodingKey {
        case id, text, scale, definition, include, exclude, examples, retired, colour
        case renamedFrom = "renamed_from", mergedFrom = "merged_from"
    }

    /// Whether the question is retired (closed to new codings).
    public var isRetired: Bool { retired == true }

    /// The label of a stance value, if it is on the scale.
    public func label(of value: Int) -> String? {
        scale.first { $0.value == value }?.label
    }

    /// The scale's values in order.
    public var values: [Int] { scale.map(\.value) }

    /// Resolves what a user typed as a stance: a number on the scale (`-2`, `+1`) or a label
    /// (folded, `Unlikely`, or a unique folded prefix of one).
    /// - Throws: ``ParallaxError`` listing the scale when nothing matches.
    public func stance(_ typed: String) throws -> Int {
        let trimmed = typed.hasPrefix("+") ? String(typed.dropFirst()) : typed
        if let v = Int(trimmed) {
            if label(of: v) != nil { return v }
            throw ParallaxError(.usage, "stance \(typed) is off the scale of \(id)", hint: "use one of: \(scaleText)")
        }
        let key = Folding.fold(typed)
        if let p = scale.first(where: { Folding.fold($0.label) == key }) { return p.value }
        let starts = scale.filter { Folding.fold($0.label).hasPrefix(key) }
        if !key.isEmpty, starts.count == 1 { return starts[0].value }
        throw ParallaxError(.usage, "\"\(typed)\" is not a stance on the scale of \(id)", hint: "use one of: \(scaleText)")
    }

    /// The scale as `-2 no, -1 unlikely, 0 uncertain, +1 plausible, +2 likely`.
    public var scaleText: String {
        scale.map { "\(Question.signed($0.value)) \($0.label)" }.joined(separator: ", ")
    }

    /// A value with its sign (`+1`, `0`, `-2`).
    public static func signed(_ v: Int) -> String { v > 0 ? "+\(v)" : "\(v)" }
}
