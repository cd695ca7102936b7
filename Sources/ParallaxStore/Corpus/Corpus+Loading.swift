import Foundation
import ParallaxCore

extension Corpus {
    /// The manifest's file name inside a corpus directory.
    public static let manifestName = "manifest.json"

    /// Loads the corpus in a directory: `manifest.json` and the files it names. Documents
    /// whose files did not change since the corpus cache recorded them are read on first use
    /// (see ``CorpusCache``).
    /// - Parameter directory: Path of the corpus directory.
    /// - Throws: ``ParallaxError`` naming the file (and JSON path) of the first problem.
    public static func load(from directory: String) throws -> Corpus {
        try CorpusCache(corpus: directory).loadCorpus()
    }

    /// Loads the corpus in a directory reading every document now, without any cache.
    /// - Throws: ``ParallaxError`` as ``load(from:)``.
    public static func loadUncached(from directory: String) throws -> Corpus {
        let manifest = try readManifest(from: directory)
        return try load(manifest: manifest, directory: directory) { info, path, speakers in
            guard let data = FileManager.default.contents(atPath: path) else { return nil }
            return try Document(info: info, bytes: [UInt8](data), speakers: speakers)
        }
    }

    /// Reads and decodes a corpus directory's manifest.
    /// - Throws: ``ParallaxError`` naming the manifest when it is missing or invalid.
    public static func readManifest(from directory: String) throws -> CorpusManifest {
        let manifestPath = (directory as NSString).appendingPathComponent(manifestName)
        guard let data = FileManager.default.contents(atPath: manifestPath) else {
            throw ParallaxError(.notFound, "cannot read the corpus manifest", at: manifestPath,
                                hint: "point --corpus at a directory holding \(manifestName)")
        }
        return try decodeManifest([UInt8](data), path: manifestPath)
    }

    /// Decodes a manifest's bytes.
    /// - Throws: ``ParallaxError`` naming `path` and where in the JSON the problem is.
    static func decodeManifest(_ bytes: [UInt8], path manifestPath: String) throws -> CorpusManifest {
        do {
            return try JSONDecoder().decode(CorpusManifest.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw ParallaxError(.invalidData, DecodingErrorText.describe(error, bytes: bytes), at: manifestPath)
        } catch {
            throw ParallaxError(.invalidData, "\(error)", at: manifestPath)
        }
    }

    /// Builds the corpus of a manifest, each document made by `make` from its entry and path
    /// (`nil`: the file cannot be read).
    static func load(manifest: CorpusManifest, directory: String,
                     make: (DocumentInfo, String, @escaping @Sendable (String) -> String?) throws -> Document?) throws -> Corpus {
        let manifestPath = (directory as NSString).appendingPathComponent(manifestName)
        do {
            return try Corpus(manifest: manifest) { info, speakers in
                let path = (directory as NSString).appendingPathComponent(info.file)
                guard let document = try make(info, path, speakers) else {
                    throw ParallaxError(.notFound, "cannot read document \(info.id)", at: path,
                                        hint: "restore the file or fix \"file\" in \(manifestName)")
                }
                return document
            }
        } catch var error as ParallaxError {
            if error.location?.innermost == .text("manifest") { error.location = .init([.file(manifestPath)]) }
            throw error
        }
    }
}
