// The annotation-set reader: any bytes split into annotation lines and damaged lines without
// crashing; every decoded line survives encode → decode unchanged and encodes to the same
// bytes again; and a save of what was loaded, loaded and saved again, gives the same bytes.
import FuzzSupport
import ParallaxCore
import ParallaxStore

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzDriver.bytes(data, size)
    let parsed = SetFile.parse(bytes)
    for line in parsed.lines {
        let encoded = AnnotationCodec.encode(line.annotation)
        let again: Annotation
        do throws(AnnotationCodec.LineError) {
            again = try AnnotationCodec.decode(encoded)
        } catch {
            fatalError("line \(line.number): the canonical line does not decode: \(error.message)")
        }
        FuzzDriver.check(again == line.annotation, "line \(line.number): decode(encode(a)) != a")
        FuzzDriver.check(AnnotationCodec.encode(again) == encoded, "line \(line.number): encode is not stable")
    }
    for damaged in parsed.damaged {
        FuzzDriver.check(!damaged.reason.isEmpty, "line \(damaged.line): a damaged line without a reason")
    }
    FuzzDriver.check(parsed.lines.count + parsed.damaged.count <= bytes.count, "more lines than bytes")
    // save ∘ load ∘ save == save: damaged lines are written back verbatim and read back as
    // the same damaged lines, valid ones canonically.
    let saved = SetFile.encode(parsed.lines.map(\.annotation), damaged: parsed.damaged)
    let reloaded = SetFile.parse(saved)
    FuzzDriver.check(reloaded.lines.count == parsed.lines.count, "a save loses or gains annotations")
    FuzzDriver.check(reloaded.damaged.map(\.bytes) == parsed.damaged.map(\.bytes), "a save changes damaged lines")
    let resaved = SetFile.encode(reloaded.lines.map(\.annotation), damaged: reloaded.damaged)
    FuzzDriver.check(resaved == saved, "save ∘ load ∘ save != save")
    return 0
}

FuzzDriver.run(testOneInput)
