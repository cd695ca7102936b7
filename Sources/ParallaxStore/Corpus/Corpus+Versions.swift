import Foundation
import ParallaxCore

extension Corpus {
    /// Reads an earlier text of a document that `doc update` kept in `versions/`.
    /// - Parameters:
    ///   - version: The version record from the manifest.
    ///   - directory: The corpus directory.
    /// - Throws: ``ParallaxError`` naming the file when it is missing, unreadable, not
    ///   UTF-8, or not the text the manifest's hash names.
    public static func versionText(_ version: DocumentVersion, in directory: String,
                                   fs: any FileSystem = PosixFileSystem()) throws -> ScalarText {
        let path = (directory as NSString).appendingPathComponent(version.file)
        guard let bytes = try fs.read(path) else {
            throw ParallaxError(.notFound, "the earlier text is missing", at: path,
                                hint: "restore it from git (`git checkout -- \(path)`)")
        }
        guard Document.sha256(bytes) == version.sha256 else {
            throw ParallaxError(.invalidData, "the earlier text was changed: its hash is not the one the manifest records", at: path,
                                hint: "restore it from git (`git checkout -- \(path)`)")
        }
        return try ScalarText(utf8: bytes, origin: path)
    }
}
