import Foundation

/// A corpus manifest, decoded now or on first use (thread-safe). The store gives a lazy one
/// when its cache already knows every document's id, voice, file and hash from an unchanged
/// manifest, so a session over thousands of documents starts without decoding the JSON.
package final class ManifestSource: @unchecked Sendable {
    private let lock = NSLock()
    private var decoded: CorpusManifest?
    private let decode: (@Sendable () throws -> CorpusManifest)?

    /// An already decoded manifest.
    package init(_ manifest: CorpusManifest) {
        decoded = manifest
        decode = nil
    }

    /// A manifest decoded on first use. A manifest that no longer decodes (it was checked
    /// when the cache recorded it) stops the process with a message.
    package init(decode: @escaping @Sendable () throws -> CorpusManifest) {
        self.decode = decode
    }

    /// The manifest.
    package var value: CorpusManifest {
        lock.lock(); defer { lock.unlock() }
        if let decoded { return decoded }
        do {
            let m = try decode!()
            decoded = m
            return m
        } catch {
            fatalError("the corpus manifest can no longer be read: \(error). Fix it and start again.")
        }
    }

    /// Whether the manifest has been decoded.
    package var isDecoded: Bool {
        lock.lock(); defer { lock.unlock() }
        return decoded != nil
    }
}
