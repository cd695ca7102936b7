// The PDF reader (poppler's GLib interface from memory, the layout into paragraphs, running
// heads, the XMP packet and the Info dictionary) through the same entry point as
// `doc add report.pdf`, then the planner. poppler itself is not instrumented, so coverage
// counts Parallax's side; AddressSanitizer still watches every call into poppler.
import FuzzSupport
import ParallaxCore

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzDriver.checkExtraction(FuzzDriver.bytes(data, size), format: .pdf, name: "fuzz.pdf")
    return 0
}

FuzzDriver.run(testOneInput)
