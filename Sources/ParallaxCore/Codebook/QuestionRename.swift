/// A question id that gave way to another: renamed (`question rename OLD NEW`), or merged
/// into another question (`question merge FROM INTO`), with a stance map when the two scales
/// differ. Recorded in the codebook (`renamed_from`, `merged_from`) and in every set the
/// change rewrote, so a coding made under the old id on another branch is read as the new one
/// by the loader and by git's merge driver.
public struct QuestionRename: Codable, Equatable, Hashable, Sendable {
    /// The old id.
    public var from: String
    /// The id codings of `from` now carry.
    public var to: String
    /// Old stance → new stance; a stance not in the map keeps its value (empty: same scale).
    public var map: [Int: Int]

    /// Creates a rename.
    public init(from: String, to: String, map: [Int: Int] = [:]) {
        self.from = from; self.to = to; self.map = map
    }

    /// The stance an old coding's stance becomes.
    public func stance(_ old: Int) -> Int { map[old] ?? old }

    /// The annotation as it reads under the new id (unchanged when it is not on `from`).
    public func apply(to a: Annotation) -> Annotation {
        guard a.question == from else { return a }
        var b = a
        b.question = to
        b.stance = stance(a.stance)
        return b
    }

    private enum CodingKeys: String, CodingKey { case from, to, map }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        from = try c.decode(String.self, forKey: .from)
        to = try c.decode(String.self, forKey: .to)
        let raw = try c.decodeIfPresent([String: Int].self, forKey: .map) ?? [:]
        var map: [Int: Int] = [:]
        for (k, v) in raw {
            guard let key = Int(k) else {
                throw DecodingError.dataCorruptedError(forKey: .map, in: c, debugDescription: "stance map key \"\(k)\" is not a whole number")
            }
            map[key] = v
        }
        self.map = map
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(from, forKey: .from)
        try c.encode(to, forKey: .to)
        if !map.isEmpty { try c.encode(Dictionary(uniqueKeysWithValues: map.map { (String($0.key), $0.value) }), forKey: .map) }
    }

    /// The map as canonical JSON members, keys in increasing stance order
    /// (`{"-2":-1,"2":1}`).
    func encodeMap(into w: inout JSONWriter) {
        w.raw("{")
        for (i, k) in map.keys.sorted().enumerated() {
            if i > 0 { w.raw(",") }
            w.string(String(k)); w.raw(":"); w.integer(map[k]!)
        }
        w.raw("}")
    }
}
