// `.qdc` codebook imports (`import qdc`, the pure QDCCodebook.merge): any bytes give a
// codebook with the file's questions added, or problems that each say where in the file; a
// codebook that results breaks none of the codebook's rules, keeps every question it had, and
// exports to a `.qdc` that reads back to the same question ids.
import FuzzSupport
import ParallaxCore

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzDriver.bytes(data, size)
    let base = FuzzDriver.codebook
    let result: QDCImport
    do throws(ImportFailure) {
        result = try QDCCodebook.merge(bytes, path: "fuzz.qdc", into: base)
    } catch {
        FuzzDriver.check(!error.problems.isEmpty, "a refusal with no problem")
        for p in error.problems {
            FuzzDriver.check(p.location?.description.hasPrefix("fuzz.qdc") == true, "a problem that does not say where: \(p)")
        }
        return 0
    }
    let book = result.codebook
    FuzzDriver.check(book.problems().isEmpty, "the merged codebook breaks a rule: \(book.problems())")
    FuzzDriver.check(Array(book.questions.prefix(base.questions.count)) == base.questions, "a question the codebook had changed")
    FuzzDriver.check(book.questions.count == base.questions.count + result.added.count, "added count disagrees")
    let ids = Set(book.questions.map(\.id))
    FuzzDriver.check(result.added.allSatisfy(ids.contains) && result.unchanged.allSatisfy(ids.contains), "an id reported but not there")
    do {
        let exported = try QDCCodebook.export(book)
        let again = try QDCCodebook.read(exported, path: "again.qdc")
        FuzzDriver.check(again.questions.map(\.id) == book.questions.map(\.id), "export then read changes the questions")
    } catch {
        fatalError("the merged codebook does not export and read back: \(error)")
    }
    return 0
}

FuzzDriver.run(testOneInput)
