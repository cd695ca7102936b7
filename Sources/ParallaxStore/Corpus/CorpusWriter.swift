import Foundation
import ParallaxCore

/// Writes a corpus folder: added documents (original file, extracted text, earlier versions)
/// and the manifest, crash-safely.
///
/// Every new file is written first (temporary file, fsync, rename, fsync of its folder);
/// the manifest is replaced last, atomically, and that rename is the commit: a process
/// killed before it leaves the corpus as it was (plus files nothing refers to, which the
/// next writer removes), killed after it leaves the whole document in. A text or source
/// file that a committed manifest names is never overwritten: new versions get new names.
/// One writer at a time, by a lock in `Corpus/.parallax/` (which git ignores).
public final class CorpusWriter {
    /// The corpus directory.
    public let directory: String
    let fs: any FileSystem
    private var lock: SetLock?

    /// Folders inside the corpus for originals and earlier texts.
    public static let sourcesFolder = "sources", versionsFolder = "versions"

    /// Creates a writer for a corpus directory (nothing is touched until a commit).
    public init(directory: String, fs: any FileSystem = PosixFileSystem()) {
        self.directory = directory
        self.fs = fs
    }

    /// Reads the file a user names for `doc add` or `doc update`.
    /// - Throws: ``ParallaxError`` naming the path: missing, a folder, unreadable.
    public static func readSource(_ path: String, fs: any FileSystem = PosixFileSystem()) throws -> [UInt8] {
        let bytes: [UInt8]?
        do {
            bytes = try fs.read(path)
        } catch var error as ParallaxError {
            error.location = .init([.file(path)])
            if error.message.contains("directory") { error.hint = "name a file, not a folder" }
            throw error
        }
        guard let bytes else {
            throw ParallaxError(.notFound, "no such file", at: path, hint: "check the path (TAB completes file names)")
        }
        return bytes
    }

    /// Takes the corpus's write lock (kept until the writer is released).
    /// - Throws: ``ParallaxError`` of kind `.locked` when another process is writing the corpus.
    public func acquire() throws {
        if lock != nil { return }
        let folder = try RuntimeDirectory.ensure(in: directory, fs: fs)
        lock = try SetLock.acquire(folder + "/corpus.lock", set: "corpus", fs: fs)
    }

    /// Releases the write lock.
    public func release() { lock = nil }

    /// Writes a planned document and commits it by replacing the manifest.
    /// - Parameters:
    ///   - plan: What to write (``DocumentPlanner``).
    ///   - source: The original file's bytes, kept at `plan.info.source.file`.
    ///   - previous: For an update, the document as it was: its text is kept in `versions/`.
    /// - Throws: ``ParallaxError`` when a write fails; the manifest is then unchanged.
    public func commit(_ plan: DocumentPlan, source: [UInt8], previous: Document? = nil) throws {
        try acquire()
        // What the committed manifest names stays too: for an update, the current text is not
        // in the plan's manifest (it becomes a version) but stays the document's text until
        // the commit (removing it first left a manifest naming a missing file when killed
        // before the rename; found by Scripts/crash-docs).
        removeStrays(keeping: plan.manifest, alsoKeeping: previous.map { [$0.info.file] } ?? [])
        if let file = plan.info.source?.file { try write(file, source) }
        if let previous, let version = plan.info.versions?.last, version.sha256 == previous.hash {
            try write(version.file, previous.text.utf8)
        }
        try write(plan.info.file, plan.text)
        try commit(manifest: plan.manifest)
        if let previous, previous.info.file != plan.info.file {
            // The old text is in versions/ now; its former name is no longer referenced.
            try? fs.unlink(path(previous.info.file))
            try? fs.syncDirectory(directory)
        }
    }

    /// Replaces the manifest atomically (the commit point of every corpus change).
    public func commit(manifest: CorpusManifest) throws {
        try acquire()
        try fs.replaceAtomically(path(Corpus.manifestName), with: manifest.encoded())
    }

    /// Removes a removed document's files (after the manifest that drops it is committed):
    /// its text, its original, its earlier versions.
    public func removeFiles(of info: DocumentInfo) throws {
        var files = [info.file]
        if let s = info.source { files.append(s.file) }
        for v in info.versions ?? [] { files.append(v.file); if let s = v.source { files.append(s.file) } }
        for f in files { try fs.unlink(path(f)) }
        try fs.syncDirectory(directory)
    }

    /// Writes a new file durably, creating its folder when needed.
    private func write(_ relative: String, _ bytes: [UInt8]) throws {
        let full = path(relative)
        if let slash = relative.lastIndex(of: "/") {
            let folder = path(String(relative[..<slash]))
            if try fs.makeDirectory(folder) { try fs.syncDirectory(directory) }
        }
        try fs.replaceAtomically(full, with: bytes)
    }

    private func path(_ relative: String) -> String { directory + "/" + relative }

    /// Removes what a killed `doc add` or `doc update` left: temporary files, originals and
    /// earlier texts in `sources/` and `versions/` that the manifest does not name, and texts
    /// beside the manifest that it does not name but that were written by Parallax (their
    /// original is such a stray, or they equal a text the manifest keeps as a version).
    /// Only the lock holder calls this, so no other writer is mid-way.
    func removeStrays(keeping manifest: CorpusManifest, alsoKeeping: Set<String> = []) {
        var referenced = alsoKeeping
        var versionHashes = Set<String>()
        for d in manifest.documents {
            referenced.insert(d.file)
            if let s = d.source { referenced.insert(s.file) }
            for v in d.versions ?? [] {
                referenced.insert(v.file)
                if let s = v.source { referenced.insert(s.file) }
                versionHashes.insert(v.sha256)
            }
        }
        var strayIDs = Set<String>()
        for folder in [Self.sourcesFolder, Self.versionsFolder] {
            for name in (try? fs.list(path(folder))) ?? [] where !referenced.contains(folder + "/" + name) {
                if folder == Self.sourcesFolder { strayIDs.insert(Self.documentID(Self.stem(name))) }
                try? fs.unlink(path(folder + "/" + name))
            }
        }
        for name in (try? fs.list(directory)) ?? [] where !referenced.contains(name) {
            if name.contains(".tmp-") { try? fs.unlink(path(name)); continue }
            guard name.hasSuffix(".txt") else { continue }
            let stem = Self.stem(name)
            let ours = strayIDs.contains(stem) || (Self.documentID(stem) != stem && strayIDs.contains(Self.documentID(stem)))
            let kept = (try? fs.read(path(name))).flatMap { $0 }.map { versionHashes.contains(Document.sha256($0)) } ?? false
            if ours || kept { try? fs.unlink(path(name)) }
        }
    }

    /// `lin-1a2b3c4d` → `lin` (a name Parallax gave: id, `-`, eight hex digits); else unchanged.
    static func documentID(_ stem: String) -> String {
        guard let dash = stem.lastIndex(of: "-") else { return stem }
        let tail = stem[stem.index(after: dash)...]
        guard tail.count == 8, tail.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else { return stem }
        return String(stem[..<dash])
    }

    /// `lin-1a2b3c4d.pdf` → `lin-1a2b3c4d`.
    static func stem(_ name: String) -> String {
        guard let dot = name.lastIndex(of: ".") else { return name }
        return String(name[..<dot])
    }
}
