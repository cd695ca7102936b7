import Foundation
import ParallaxCore
#if canImport(Glibc)
import Glibc
#endif

/// Watches the folders of a corpus's documents with inotify, so that the check before each
/// command (``Corpus/checkDocuments()``) `stat`s only the documents whose names appeared in
/// an event instead of all of them.
///
/// fsnotify queues an event in the very system call that changes a file, so a non-blocking
/// read of the queue at check time sees every change made before it. Watched: the corpus
/// folder and every folder below it holding documents (one watch per distinct folder); in a
/// folder, only events naming a document (that document is suspect) or the next folder of a
/// document's path (every document is) matter. Folders above the corpus folder are covered by
/// one `stat` of its path per check (the same device and inode). Every document is suspect
/// after a lost event (queue overflow), a watch removed or moved, or a read error. Documents
/// that are symbolic links, have more than one hard link, sit in a symlinked subfolder or have
/// `..` in their path are `stat`ed every time (a change through another name raises no event
/// in the watched folder).
///
/// Not started (the caller `stat`s every document) when inotify is unavailable or out of
/// watches, or a folder is on a network or FUSE file system, where changes made by other
/// machines or the FUSE server raise no events. The descriptor is closed when the last copy
/// of the corpus holding the watcher goes away.
package final class DocumentWatcher: DocumentChangeFeed, @unchecked Sendable {
    /// What a name in a watched folder stands for.
    private enum Watched {
        /// Document files (their positions in the corpus).
        case documents([Int])
        /// A folder on some document's path: a change to it makes every document suspect.
        case folder
    }

    private let fd: Int32
    private let lock = NSLock()
    /// Per watch descriptor, the names that matter in its folder.
    private var names: [Int32: [String: Watched]]?
    /// The folders on documents' paths below the corpus folder, by the watch of their parent.
    private var folders: [Int32: [String: Watched]] = [:]
    /// Each document's file (relative to the corpus folder) and the watch of its folder (-1:
    /// not watched, `stat`ed at every check).
    private var layout: (files: [String], place: [Int32]) = ([], [])
    /// Documents `stat`ed at every check.
    private var always: Set<Int> = []
    /// Documents named by an event since the last ``checked()``.
    private var suspects: Set<Int> = []
    /// Whether every document is suspect (an event was lost, a watch went away).
    private var all = false
    private let count: Int

    // inotify's flags (sys/inotify.h).
    static let modify: UInt32 = 0x2, attrib: UInt32 = 0x4, closeWrite: UInt32 = 0x8
    static let movedFrom: UInt32 = 0x40, movedTo: UInt32 = 0x80, create: UInt32 = 0x100
    static let delete: UInt32 = 0x200, deleteSelf: UInt32 = 0x400, moveSelf: UInt32 = 0x800
    static let unmount: UInt32 = 0x2000, overflow: UInt32 = 0x4000, ignored: UInt32 = 0x8000
    static let onlyDir: UInt32 = 0x0100_0000, dontFollow: UInt32 = 0x0200_0000
    static let mask: UInt32 = modify | attrib | closeWrite | movedFrom | movedTo | create | delete | deleteSelf | moveSelf

    /// File system types (`statfs` `f_type`) whose changes inotify may not report: NFS, SMB,
    /// CIFS, SMB2, FUSE, Ceph, 9P, AFS, Coda, NCP, Lustre, GFS2, OCFS2 and other network ones.
    static let untrusted: Set<Int64> = [0x6969, 0x517B, 0xFF53_4D42, 0xFE53_4D42, 0x6573_5546, 0x00C3_6400,
                                        0x0102_1997, 0x5346_414F, 0x6B41_4653, 0x7375_7245, 0x564C,
                                        0x0BD0_0BD0, 0x0116_1970, 0x7461_636F]

    /// Whether watching is on in this process (`PARALLAX_WATCH=0` turns it off: every
    /// check then `stat`s every unread document).
    package static let enabledByEnvironment = ProcessInfo.processInfo.environment["PARALLAX_WATCH"] != "0"

    /// Starts watching the folders of a corpus's documents (document `i` at `files[i]`,
    /// relative to the corpus folder `root`), or says why not.
    package static func start(root: String, files: [String]) -> Result<DocumentWatcher, Refusal> {
        #if os(Linux)
        let fd = inotify_init1(Int32(IN_NONBLOCK) | Int32(IN_CLOEXEC))
        guard fd >= 0 else { return .failure(Refusal("inotify_init1 failed: " + String(cString: strerror(errno)))) }
        let watcher = DocumentWatcher(fd: fd, count: files.count)
        if let refusal = watcher.watch(root: root, files: files) { return .failure(refusal) }  // deinit closes fd
        return .success(watcher)
        #else
        return .failure(Refusal("no inotify on this system"))
        #endif
    }

    /// Why the watcher was not started.
    package struct Refusal: Error, Equatable {
        package var reason: String
        init(_ reason: String) { self.reason = reason }
    }

    private init(fd: Int32, count: Int) {
        self.fd = fd
        self.count = count
    }

    deinit { close(fd) }

    /// `statfs(2)`, which Glibc's Swift module does not export (sys/vfs.h).
    private typealias StatFS = @convention(c) (UnsafePointer<CChar>, UnsafeMutableRawPointer) -> Int32
    private static let statfsFunction: StatFS? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "statfs")
        .map { unsafeBitCast($0, to: StatFS.self) }

    /// A folder's file system type (`f_type`, the first field of `struct statfs`, a `long`).
    private static func fileSystemType(_ folder: String) -> Int64? {
        guard let function = statfsFunction else { return nil }
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: 512, alignment: 16)
        defer { buffer.deallocate() }
        guard function(folder, buffer) == 0 else { return nil }
        return Int64(UInt32(truncatingIfNeeded: buffer.load(as: Int.self)))
    }

    /// The corpus folder's device and inode when it was watched: a `stat` of its path at each
    /// check that finds another folder (or none) means a folder above it was renamed or
    /// replaced, which no watch reports.
    private var root: (path: String, device: UInt64, inode: UInt64)?

    /// The device and inode a path resolves to (following symbolic links), if a folder.
    private static func folder(_ path: String) -> (UInt64, UInt64)? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return nil }
        return (UInt64(info.st_dev), UInt64(info.st_ino))
    }

    /// Adds the watches: the corpus folder and each subfolder holding documents, down from it
    /// (folders above the corpus folder are checked by one `stat` of its path instead: watching
    /// a busy folder such as `/tmp` costs milliseconds). A refusal when a folder cannot be
    /// watched or is not to be trusted.
    private func watch(root directory: String, files: [String]) -> Refusal? {
        guard let identity = Self.folder(directory) else { return Refusal("\(directory) is not a folder") }
        root = (directory, identity.0, identity.1)
        func add(_ folder: String, follow: Bool) -> Result<Int32?, Refusal> {
            if !follow {
                var info = stat()
                guard lstat(folder, &info) == 0 else { return .failure(Refusal("cannot stat \(folder)")) }
                // A symbolic link to a folder: its target's own path is not watched.
                guard (info.st_mode & S_IFMT) == S_IFDIR else { return .success(nil) }
            }
            guard let type = Self.fileSystemType(folder) else { return .failure(Refusal("cannot statfs \(folder)")) }
            if Self.untrusted.contains(type) {
                return .failure(Refusal("\(folder) is on a network or FUSE file system (type 0x\(String(type, radix: 16)))"))
            }
            let wd = inotify_add_watch(fd, folder, Self.mask | Self.onlyDir | (follow ? 0 : Self.dontFollow))
            guard wd >= 0 else { return .failure(Refusal("inotify_add_watch failed on \(folder): " + String(cString: strerror(errno)))) }
            return .success(wd)
        }
        let top: Int32
        switch add(directory, follow: true) {
        case .failure(let refusal): return refusal
        case .success(let wd): guard let wd else { return Refusal("\(directory) is not a folder") }; top = wd
        }
        guard Self.folder(directory).map({ $0 == identity }) == true else { return Refusal("\(directory) changed while it was watched") }
        var descriptors: [Substring: Int32?] = ["": top]  // by path below the corpus folder; nil: not watchable
        var tables: [Int32: [String: Watched]] = [:]
        var place = [Int32](repeating: top, count: files.count)
        for (i, file) in files.enumerated() where file.utf8.contains(0x2F) || file == "." || file == ".." {
            var parts = file.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
            guard let name = parts.popLast(), !parts.contains(".."), name != "..", !file.hasPrefix("/") else { place[i] = -1; continue }
            var wd: Int32? = top
            if !parts.isEmpty {
                let key = file[..<file.utf8.lastIndex(of: 0x2F)!]
                if let known = descriptors[key] {
                    wd = known
                } else {
                    // Each folder from the corpus folder down: watched, named in its parent.
                    var parent = top, below = ""
                    for part in parts {
                        below += (below.isEmpty ? "" : "/") + part
                        if let known = descriptors[Substring(below)] {
                            guard let known else { wd = nil; break }
                            parent = known; continue
                        }
                        switch add(directory + "/" + below, follow: false) {
                        case .failure(let refusal): return refusal
                        case .success(let added):
                            descriptors[Substring(below)] = .some(added)
                            guard let added else { wd = nil; break }
                            tables[parent, default: [:]][String(part)] = .folder
                            parent = added
                        }
                        if wd == nil { break }
                    }
                    if wd != nil { wd = parent }
                    descriptors[key] = .some(wd)
                }
            }
            place[i] = wd ?? -1
        }
        for i in place.indices where place[i] < 0 { always.insert(i) }
        folders = tables
        layout = (files, place)
        return nil
    }

    /// The documents' names by folder, made on the first event that names something (a
    /// session with no change never pays for the table).
    private func table(_ wd: Int32) -> [String: Watched]? {
        if names == nil {
            var tables = folders
            let (files, place) = layout
            for i in files.indices where place[i] >= 0 {
                let file = files[i]
                let name = file.utf8.lastIndex(of: 0x2F).map { String(file[file.utf8.index(after: $0)...]) } ?? file
                switch tables[place[i]]?[name] {
                case nil: tables[place[i], default: [:]][name] = .documents([i])
                case .documents(let earlier)?: tables[place[i]]![name] = .documents(earlier + [i])
                case .folder?: always.insert(i)
                }
            }
            names = tables
        }
        return names?[wd]
    }

    /// Documents to `stat` at every check (found at load to be symbolic links or to have
    /// other hard links).
    package func checkAlways(_ positions: [Int]) {
        lock.lock(); always.formUnion(positions); lock.unlock()
    }

    /// Reads every queued event.
    private func drain() {
        let size = 64 * 1024
        var buffer = [UInt8](repeating: 0, count: size)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, size) }
            if n < 0 {
                if errno == EINTR { continue }
                if errno != EAGAIN && errno != EWOULDBLOCK { all = true }
                return
            }
            if n == 0 { all = true; return }
            var offset = 0
            while offset + 16 <= n {
                let (wd, mask, length) = buffer.withUnsafeBytes { raw in
                    (raw.loadUnaligned(fromByteOffset: offset, as: Int32.self),
                     raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
                     Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self)))
                }
                let start = offset + 16
                offset = start + length
                if mask & (Self.overflow | Self.ignored | Self.deleteSelf | Self.moveSelf | Self.unmount) != 0 { all = true; continue }
                guard let table = table(wd) else { continue }
                let end = buffer[start..<min(offset, n)].firstIndex(of: 0) ?? min(offset, n)
                guard end > start else { all = true; continue }  // the folder itself changed (attributes)
                switch table[String(decoding: buffer[start..<end], as: UTF8.self)] {
                case .documents(let list)?: suspects.formUnion(list)
                case .folder?: all = true
                case nil: break
                }
            }
        }
    }

    package func mayHaveChanged() -> [Int]? {
        lock.lock(); defer { lock.unlock() }
        drain()
        if let root, Self.folder(root.path).map({ $0 == (root.device, root.inode) }) != true { all = true }
        if all { return nil }
        return Array(suspects.union(always)).sorted()
    }

    package func checked() {
        lock.lock(); defer { lock.unlock() }
        all = false
        suspects.removeAll(keepingCapacity: true)
    }
}
