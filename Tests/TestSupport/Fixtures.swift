import Foundation
import ParallaxCore

/// Paths and shared fixtures for the test targets.
public enum Fixtures {
    /// The package's root directory.
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    /// `Corpus/` of the package.
    public static var corpusDirectory: String { root + "/Corpus" }
    /// `Annotations/` of the package.
    public static var annotationsDirectory: String { root + "/Annotations" }
    /// `../shared/corpus`, the reference copy of the corpus, when present.
    public static var sharedCorpusDirectory: String { root + "/../shared/corpus" }

    /// The bundled corpus, loaded once.
    public static let corpus: Corpus = {
        do { return try Corpus.load(from: corpusDirectory) } catch { fatalError("bundled corpus: \(error)") }
    }()

    /// A search index over the bundled corpus, built once.
    public static let searchIndex = SearchIndex(corpus: corpus)

    /// A fresh empty temporary directory.
    public static func temporaryDirectory(_ name: String = "parallax-test") -> String {
        let path = NSTemporaryDirectory() + "\(name)-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
