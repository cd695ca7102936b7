// The CSV importer, through the same entry point as `import`: any bytes are either read
// into codings that all validate against the bundled corpus and codebook, or refused with
// problems that each say where; never a crash.
import FuzzSupport
import ParallaxCore
import ParallaxStore

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzDriver.bytes(data, size)
    FuzzDriver.checkImport(bytes, path: "fuzz.csv", format: "csv")
    return 0
}

FuzzDriver.run(testOneInput)
