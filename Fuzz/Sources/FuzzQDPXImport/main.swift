// The REFI-QDA importer, through the same entry point as `import`. Mutated zip bytes mostly
// fail their CRC, so an input that is not a zip archive is taken as `project.qde` and packed
// into an archive beside the source texts of the seed export: the XML reader and the project
// reader get fuzzed too. A zip input is read as it is (the archive checks, `../evil`).
// Either way: codings that validate, or problems that each say where; never a crash.
import Foundation
import FuzzSupport
import ParallaxCore
import ParallaxStore
import ZIPFoundation

/// The `Sources/…` entries of the seed export (`Fuzz/seeds/FuzzQDPXImport/baseline.qdpx`).
enum Template {
    static let sources: [(path: String, data: Data)] = {
        let path = FuzzDriver.root + "/Fuzz/seeds/FuzzQDPXImport/baseline.qdpx"
        guard let data = FileManager.default.contents(atPath: path),
              let archive = try? Archive(data: data, accessMode: .read) else { return [] }
        var out: [(String, Data)] = []
        for entry in archive where entry.path.hasPrefix("Sources/") {
            var content = Data()
            _ = try? archive.extract(entry) { content.append($0) }
            out.append((entry.path, content))
        }
        return out
    }()

    static func archive(projectQDE: Data) -> [UInt8] {
        guard let archive = try? Archive(accessMode: .create) else { return [] }
        for (path, data) in [("project.qde", projectQDE)] + sources {
            try? archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                                  compressionMethod: .none) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return archive.data.map { [UInt8]($0) } ?? []
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var bytes = FuzzDriver.bytes(data, size)
    if !bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
        bytes = Template.archive(projectQDE: Data(bytes))
    }
    FuzzDriver.checkImport(bytes, path: "fuzz.qdpx", format: "qdpx")
    return 0
}

FuzzDriver.run(testOneInput)
