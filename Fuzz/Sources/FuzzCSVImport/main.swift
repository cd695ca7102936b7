// The CSV importer, through the same entry point as `import`: any bytes are either read
// into codings that all validate against the bundled corpus and codebook, or refused with
// problems that each say where; never a crash.
import FuzzSupport
import ParallaxCore

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzDriver.bytes(data, size)
    do throws(ImportFailure) {
        let codings = try ImportFormats.read(bytes, path: "fuzz.csv", format: "csv",
                                             corpus: FuzzDriver.corpus, codebook: FuzzDriver.codebook)
        for c in codings {
            FuzzDriver.check(c.annotation.target.start <= c.annotation.target.end, "an imported span is reversed")
        }
    } catch {
        FuzzDriver.check(!error.problems.isEmpty, "a refused import without a problem")
        for p in error.problems {
            FuzzDriver.check(p.location?.hasPrefix("fuzz.csv") == true, "a problem that does not say where: \(p)")
        }
    }
    return 0
}

FuzzDriver.run(testOneInput)
