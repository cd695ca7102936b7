import Foundation
import ParallaxCore

extension Corpus {
    /// The manifest's file name inside a corpus directory.
    public static let manifestName = "manifest.json"

    /// Loads the corpus in a directory: `manifest.json` and the files it names.
    /// - Parameter directory: Path of the corpus directory.
    /// - Throws: ``ParallaxError`` naming the file (and JSON path) of the first problem.
    public static func load(from directory: String) throws -> Corpus {
        let manifestPath = (directory as NSString).appendingPathComponent(manifestName)
        guard let data = FileManager.default.contents(atPath: manifestPath) else {
            throw ParallaxError(.notFound, "cannot read the corpus manifest", at: manifestPath,
                                hint: "point --corpus at a directory holding \(manifestName)")
        }
        let manifest: CorpusManifest
        do {
            manifest = try JSONDecoder().decode(CorpusManifest.self, from: data)
        } catch let error as DecodingError {
            throw ParallaxError(.invalidData, DecodingErrorText.describe(error, bytes: [UInt8](data)), at: manifestPath)
        } catch {
            throw ParallaxError(.invalidData, "\(error)", at: manifestPath)
        }
        do {
            return try Corpus(manifest: manifest) { info in
                let path = (directory as NSString).appendingPathComponent(info.file)
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw ParallaxError(.notFound, "cannot read document \(info.id)", at: path,
                                        hint: "restore the file or fix \"file\" in \(manifestName)")
                }
                return [UInt8](data)
            }
        } catch var error as ParallaxError {
            if error.location?.innermost == .text("manifest") { error.location = .init([.file(manifestPath)]) }
            throw error
        }
    }
}
