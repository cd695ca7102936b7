import Foundation

/// The disk images a crash (a power loss, not just a kill) can leave after a recorded run,
/// in the model of the ALICE study (Pillai et al., OSDI 2014):
///
/// - the crash comes after any prefix of the recorded calls;
/// - a file's data is durable up to its last fsync; of the writes and truncations after it,
///   any subset reaches the disk (in order, with holes where one is missing), and each write
///   may be torn: only its first bytes at a few positions (1, half, all but one, and after and
///   before each of its first line feeds), or those bytes followed by zeros up to its full
///   length (the size was updated, the data not);
/// - directory operations (create, mkdir, rename, unlink) are durable once their directory
///   is fsynced; of the others, any prefix (in order) reaches the disk.
///
/// Each distinct image (with the acknowledgements made before the crash) is produced once.
/// When a prefix allows more combinations than `perPrefix`, a deterministic sample (from
/// `seed`) is taken.
public struct CrashStates {
    /// One crash state.
    public struct State: Sendable {
        /// Files by path relative to the root.
        public var files: [String: [UInt8]]
        /// Folders (relative), besides the root.
        public var directories: Set<String>
        /// How many recorded calls came before the crash.
        public var prefix: Int
        /// What the caller acknowledged before the crash (``RecordingFileSystem/mark(_:)``).
        public var acknowledged: [String]
        /// Which of the non-durable calls reached the disk, for a failure message.
        public var choices: String

        /// Writes the image into an empty folder.
        public func materialise(in root: String) throws {
            for d in directories.sorted(by: { $0.count < $1.count }) {
                try FileManager.default.createDirectory(atPath: root + "/" + d, withIntermediateDirectories: true)
            }
            for (path, bytes) in files {
                guard FileManager.default.createFile(atPath: root + "/" + path, contents: Data(bytes)) else {
                    throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
                }
            }
        }
    }

    /// What an enumeration covered.
    public struct Count: Sendable, CustomStringConvertible {
        /// Distinct crash states produced.
        public var states = 0
        /// Crash points (prefixes of the calls).
        public var prefixes = 0
        /// Prefixes whose combinations were sampled rather than all produced.
        public var sampled = 0
        public var description: String {
            "\(states) crash states over \(prefixes) crash points" + (sampled > 0 ? " (\(sampled) sampled)" : "")
        }
    }

    private let initialFiles: [String: [UInt8]]
    private let initialDirectories: Set<String>
    private let operations: [RecordingFileSystem.Operation]

    private let settled: @Sendable (String) -> Bool

    /// States after `operations`, starting from the files and folders under `root` as they
    /// were before (``snapshot(_:)``).
    /// - Parameter settled: Files whose contents do not matter to recovery (lock files, whose
    ///   note of the holder is only shown to a refused writer): their writes are taken as
    ///   landed, so they do not multiply the states.
    public init(initial: (files: [String: [UInt8]], directories: Set<String>), operations: [RecordingFileSystem.Operation],
                settled: @escaping @Sendable (String) -> Bool = { $0.hasSuffix(".lock") }) {
        initialFiles = initial.files
        initialDirectories = initial.directories
        self.operations = operations
        self.settled = settled
    }

    /// The files and folders under `root` (paths relative to it).
    public static func snapshot(_ root: String) -> (files: [String: [UInt8]], directories: Set<String>) {
        var files: [String: [UInt8]] = [:]
        var directories = Set<String>()
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory)
            if isDirectory.boolValue { directories.insert(path) } else { files[path] = Fixtures.bytes(root + "/" + path) ?? [] }
        }
        return (files, directories)
    }

    // MARK: Model

    private enum DataChange { case write(offset: Int, bytes: [UInt8]), truncate(Int) }
    private enum Entry { case file(Int), directory }
    private enum DirectoryChange {
        case create(String, inode: Int), mkdir(String), rename(String, String), unlink(String)
        var folder: String {
            switch self {
            case .create(let p, _), .mkdir(let p), .unlink(let p): return Self.parent(p)
            case .rename(_, let to): return Self.parent(to)
            }
        }
        static func parent(_ p: String) -> String {
            guard let slash = p.lastIndex(of: "/") else { return "." }
            return String(p[..<slash])
        }
    }

    /// The volatile and durable state after a prefix.
    private struct Replay {
        var durableData: [Int: [UInt8]] = [:]
        var pendingData: [Int: [DataChange]] = [:]
        var names: [String: Int] = [:]
        var directoryChanges: [(change: DirectoryChange, durable: Bool)] = []
        var nextInode = 0
        var acknowledged: [String] = []
    }

    private func replay(_ prefix: Int) -> Replay {
        var r = Replay()
        for (path, bytes) in initialFiles.sorted(by: { $0.key < $1.key }) {
            r.durableData[r.nextInode] = bytes
            r.names[path] = r.nextInode
            r.nextInode += 1
        }
        for op in operations.prefix(prefix) {
            switch op {
            case .mark(let label): r.acknowledged.append(label)
            case .mkdir(let p): r.directoryChanges.append((.mkdir(p), false))
            case .create(let p):
                r.durableData[r.nextInode] = []
                r.names[p] = r.nextInode
                r.directoryChanges.append((.create(p, inode: r.nextInode), false))
                r.nextInode += 1
            case .truncate(let p, let n):
                if let i = r.names[p] {
                    if settled(p) { r.durableData[i] = Self.apply([.truncate(n)], to: r.durableData[i] ?? [], choices: nil) }
                    else { r.pendingData[i, default: []].append(.truncate(n)) }
                }
            case .write(let p, let offset, let bytes):
                if let i = r.names[p] {
                    if settled(p) { r.durableData[i] = Self.apply([.write(offset: offset, bytes: bytes)], to: r.durableData[i] ?? [], choices: nil) }
                    else { r.pendingData[i, default: []].append(.write(offset: offset, bytes: bytes)) }
                }
            case .fsync(let p):
                if let i = r.names[p] {
                    r.durableData[i] = Self.apply(r.pendingData[i] ?? [], to: r.durableData[i] ?? [], choices: nil)
                    r.pendingData[i] = nil
                }
            case .fsyncDirectory(let d):
                for k in r.directoryChanges.indices where r.directoryChanges[k].change.folder == d {
                    r.directoryChanges[k].durable = true
                }
            case .rename(let a, let b):
                r.names[b] = r.names[a]
                r.names[a] = nil
                r.directoryChanges.append((.rename(a, b), false))
            case .unlink(let p):
                r.names[p] = nil
                r.directoryChanges.append((.unlink(p), false))
            }
        }
        return r
    }

    /// How a pending write reaches the disk: not at all, whole, its first `n` bytes, or its
    /// first `n` bytes then zeros.
    private enum Fate: Hashable { case lost, whole, torn(Int), zeroed(Int) }

    private static func fates(of change: DataChange) -> [Fate] {
        guard case .write(_, let bytes) = change else { return [.lost, .whole] }
        let n = bytes.count
        guard n > 1 else { return [.lost, .whole] }
        var cuts: Set<Int> = [1, n / 2, n - 1]
        for (k, i) in bytes.indices.filter({ bytes[$0] == 0x0A }).prefix(8).enumerated() where k < 8 {
            if i > 0 { cuts.insert(i) }
            if i + 1 < n { cuts.insert(i + 1) }
        }
        return [.lost, .whole] + cuts.filter { $0 > 0 && $0 < n }.sorted().map(Fate.torn) + [Fate.zeroed(0), .zeroed(n / 2)]
    }

    private static func apply(_ changes: [DataChange], to start: [UInt8], choices: [Fate]?) -> [UInt8] {
        var data = start
        for (k, change) in changes.enumerated() {
            let fate = choices?[k] ?? .whole
            switch (change, fate) {
            case (_, .lost): continue
            case (.truncate(let n), _):
                if data.count > n { data.removeLast(data.count - n) } else { data += [UInt8](repeating: 0, count: n - data.count) }
            case (.write(let offset, let bytes), _):
                var piece = bytes
                switch fate {
                case .torn(let n): piece = Array(bytes.prefix(n))
                case .zeroed(let n): piece = Array(bytes.prefix(n)) + [UInt8](repeating: 0, count: bytes.count - n)
                default: break
                }
                if data.count < offset { data += [UInt8](repeating: 0, count: offset - data.count) }
                for (j, b) in piece.enumerated() {
                    if offset + j < data.count { data[offset + j] = b } else { data.append(b) }
                }
            }
        }
        return data
    }

    // MARK: Enumeration

    /// Produces every crash state (sampled where a prefix allows more than `perPrefix`),
    /// each distinct image once, and hands it to `check`.
    /// - Returns: What was covered.
    @discardableResult
    public func enumerate(perPrefix: Int = 200, seed: UInt64, _ check: (State) throws -> Void) rethrows -> Count {
        var count = Count()
        var seen = Set<String>()
        var random = SeededRandom(seed: seed)
        for prefix in 0...operations.count {
            count.prefixes += 1
            let r = replay(prefix)
            let pendingDirectory = r.directoryChanges.indices.filter { !r.directoryChanges[$0].durable }
            // Every way the pending directory changes and data can land, as one mixed-radix
            // number: the first digit the directory prefix, then one per pending data change.
            let dataKeys = r.pendingData.keys.sorted()
            var radices = [pendingDirectory.count + 1]
            var fateLists: [[Fate]] = []
            for inode in dataKeys {
                for change in r.pendingData[inode]! {
                    let f = Self.fates(of: change)
                    fateLists.append(f)
                    radices.append(f.count)
                }
            }
            let total = radices.reduce(1) { $0 > Int.max / max($1, 1) ? Int.max : $0 * $1 }
            var picks: [Int]
            if total <= perPrefix {
                picks = Array(0..<total)
            } else {
                count.sampled += 1
                // The extremes (nothing pending landed; everything landed) and a sample.
                var chosen = Set([0, total - 1])
                while chosen.count < perPrefix { chosen.insert(Int(random.next() % UInt64(total))) }
                picks = chosen.sorted()
            }
            for pick in picks {
                var digits: [Int] = []
                var rest = pick
                for radix in radices { digits.append(rest % radix); rest /= radix }
                let state = image(r, prefix: prefix, pendingDirectory: pendingDirectory, directoryPrefix: digits[0],
                                  dataKeys: dataKeys, fates: Array(zip(fateLists, digits.dropFirst()).map { $0[$1] }))
                var key = "\(state.acknowledged.count)|" + state.directories.sorted().joined(separator: ",")
                for (path, bytes) in state.files.sorted(by: { $0.key < $1.key }) {
                    key += "|\(path)=\(bytes.count):\(bytes.hashValue)"
                }
                guard seen.insert(key).inserted else { continue }
                count.states += 1
                try check(state)
            }
        }
        return count
    }

    private func image(_ r: Replay, prefix: Int, pendingDirectory: [Int], directoryPrefix: Int,
                       dataKeys: [Int], fates: [Fate]) -> State {
        let landed = Set(pendingDirectory.prefix(directoryPrefix))
        var names: [String: Entry] = [:]
        for (path, bytes) in initialFiles { names[path] = .file(initialInode(path, bytes)) }
        for d in initialDirectories { names[d] = .directory }
        for (k, c) in r.directoryChanges.enumerated() where c.durable || landed.contains(k) {
            switch c.change {
            case .create(let p, let inode): names[p] = .file(inode)
            case .mkdir(let p): names[p] = .directory
            case .rename(let a, let b): if let e = names[a] { names[b] = e; names[a] = nil }
            case .unlink(let p): names[p] = nil
            }
        }
        var fateOf: [Int: [Fate]] = [:]
        var k = 0
        for inode in dataKeys {
            let n = r.pendingData[inode]!.count
            fateOf[inode] = Array(fates[k..<k + n])
            k += n
        }
        var files: [String: [UInt8]] = [:]
        var directories = Set<String>()
        for (path, entry) in names {
            switch entry {
            case .directory: directories.insert(path)
            case .file(let inode):
                files[path] = Self.apply(r.pendingData[inode] ?? [], to: r.durableData[inode] ?? [], choices: fateOf[inode])
            }
        }
        // A file whose folder did not reach the disk is not there either.
        files = files.filter { DirectoryChange.parent($0.key) == "." || directories.contains(DirectoryChange.parent($0.key)) }
        let described = "directory changes landed: \(directoryPrefix) of \(pendingDirectory.count); data: "
            + fates.map { "\($0)" }.joined(separator: ",")
        return State(files: files, directories: directories, prefix: prefix, acknowledged: r.acknowledged, choices: described)
    }

    private func initialInode(_ path: String, _ bytes: [UInt8]) -> Int {
        initialFiles.keys.sorted().firstIndex(of: path)!
    }
}
