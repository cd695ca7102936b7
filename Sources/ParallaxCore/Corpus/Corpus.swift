/// The documents and voices Parallax works on.
public struct Corpus: Sendable {
    /// The manifest the corpus was built from.
    public let manifest: CorpusManifest
    /// Documents in manifest order.
    public let documents: [Document]
    /// Lookup of analysts by id and by folded name, alias or label.
    public let analysts: AnalystDirectory
    /// Position of each document in `documents`, by id.
    private let positions: [String: Int]

    /// Builds a corpus from a manifest and each document's bytes.
    /// - Parameters:
    ///   - manifest: The manifest.
    ///   - contents: Returns the exact bytes of a document's file.
    /// - Throws: ``ParallaxError`` for a duplicate document id, an unknown voice, a file that
    ///   cannot be read or is not UTF-8.
    public init(manifest: CorpusManifest, contents: (DocumentInfo) throws -> [UInt8]) throws {
        self.manifest = manifest
        let directory = try AnalystDirectory(manifest.analysts)
        self.analysts = directory
        var seen = Set<String>()
        var documents: [Document] = []
        for info in manifest.documents {
            guard seen.insert(info.id).inserted else {
                throw ParallaxError(.invalidData, "document id \"\(info.id)\" appears twice", at: "manifest",
                                    hint: "give every document its own id")
            }
            if let voice = info.voice, directory.analyst(id: voice) == nil {
                throw ParallaxError(.invalidData, "document \(info.id) names voice \"\(voice)\", which is not an analyst",
                                    at: "manifest", hint: "add it to \"analysts\" or fix the id")
            }
            let bytes = try contents(info)
            documents.append(try Document(info: info, bytes: bytes, speakers: { directory.speaker(label: $0) }))
        }
        self.documents = documents
        self.positions = Dictionary(documents.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The document with this id.
    /// - Complexity: O(1).
    public func document(_ id: String) -> Document? {
        positions[id].map { documents[$0] }
    }

    /// The position in ``documents`` of the document with this id.
    func position(of id: String) -> Int? { positions[id] }

    /// The document with this id, or an error that lists the known ids.
    public func requireDocument(_ id: String) throws -> Document {
        if let doc = document(id) { return doc }
        let folded = Folding.fold(id)
        if let doc = documents.first(where: { Folding.fold($0.id) == folded }) { return doc }
        throw ParallaxError(.notFound, "no document \"\(id)\"",
                            hint: "known documents: " + documents.map(\.id).joined(separator: ", "))
    }
}
