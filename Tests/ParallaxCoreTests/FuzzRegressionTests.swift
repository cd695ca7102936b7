import Foundation
import Testing
import ParallaxCore
import TestSupport

/// Inputs that once broke the core, found by the libFuzzer harnesses in `Fuzz/` or by the
/// property tests; each stays here so the bug cannot come back.
@Suite("Regressions found by fuzzing and property tests")
struct FuzzRegressionTests {
    /// Property test (canonical save): a stance or offset of `Int.min` was written but read
    /// back as "integer out of range", because the reader accumulated the magnitude before
    /// applying the sign.
    @Test("Int.min and Int.max survive a save and a load")
    func extremeIntegers() throws {
        var a = Fixtures.sampleAnnotation()
        a.stance = Int.min
        a.target.start = Int.max
        a.target.end = Int.min
        let line = AnnotationCodec.encode(a)
        #expect(String(decoding: line, as: UTF8.self).contains("\"stance\":-9223372036854775808"))
        #expect(try AnnotationCodec.decode(line) == a)
        // One past either end is still refused, with the member named.
        let over = String(decoding: line, as: UTF8.self).replacingOccurrences(of: "-9223372036854775808", with: "-9223372036854775809")
        #expect(throws: AnnotationCodec.LineError.self) { try AnnotationCodec.decode(Array(over.utf8)) }
    }
}
