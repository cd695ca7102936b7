// The HTML reader (libxml2's HTML parser, main-content selection, entity decoding, meta
// tags) through the same entry point as `doc add page.html`, then the planner: a text that
// spans can index, or a refusal that names the file; never a crash or a hang.
import FuzzSupport
import ParallaxCore

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzDriver.checkExtraction(FuzzDriver.bytes(data, size), format: .html, name: "fuzz.html")
    return 0
}

FuzzDriver.run(testOneInput)
