import Foundation
import ParallaxCore
import ParallaxStore

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

    /// The bundled corpus, loaded once.
    public static let corpus: Corpus = {
        do { return try Corpus.load(from: corpusDirectory) } catch { fatalError("bundled corpus: \(error)") }
    }()

    /// A search index over the bundled corpus, built once.
    public static let searchIndex = SearchIndex(corpus: corpus)

    /// A fresh empty temporary directory, removed when the test process ends (whether its
    /// tests passed or failed), so a test run leaves no folders behind.
    public static func temporaryDirectory(_ name: String = "parallax-test") -> String {
        let path = NSTemporaryDirectory() + "\(name)-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        ScratchFolders.shared.add(path)
        return path
    }
}

extension Fixtures {
    /// A temporary annotations directory holding a copy of the bundled codebook and,
    /// optionally, set files with the given contents.
    public static func annotationsDirectory(sets: [String: [UInt8]] = [:]) -> String {
        let dir = temporaryDirectory("parallax-store")
        let codebook = FileManager.default.contents(atPath: annotationsDirectory + "/codebook.json")!
        _ = FileManager.default.createFile(atPath: dir + "/codebook.json", contents: codebook)
        for (name, bytes) in sets {
            _ = FileManager.default.createFile(atPath: dir + "/\(name).jsonl", contents: Data(bytes))
        }
        return dir
    }

    /// The bytes of a file.
    public static func bytes(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map { [UInt8]($0) }
    }

    /// A valid annotation on the bundled corpus: Stent's "highly unlikely" on reset-wedge.
    public static func sampleAnnotation(id: String = "01TESTAAAAAAAAAAAAAAAAAAAA", stance: Int = -1) -> Annotation {
        let doc = try! corpus.requireDocument("brookings")
        let range = doc.text.string.range(of: "highly unlikely")!
        let start = doc.text.scalarOffset(of: range.lowerBound)
        let target = try! TextTarget(document: doc, start: start, end: start + 15)
        return Annotation(id: id, target: target, question: "reset-wedge", analyst: "stent", stance: stance,
                          confidence: 0.8, tags: ["evidence"], note: "“highly unlikely” — Aslı’s view differs",
                          created: "2026-11-23T16:00:00Z")
    }
}
