import Foundation
import Testing
@testable import ParallaxREPL
import TestSupport

@Suite("Progress on slow work")
struct ProgressTests {
    func session(progress: Bool) throws -> (Session, StringSink) {
        let err = StringSink()
        let s = try Session(options: SessionOptions(corpusDirectory: Fixtures.corpusDirectory,
                                                    annotationsDirectory: Fixtures.annotationsDirectory(), set: "alice"),
                            out: StringSink(), err: err)
        s.showsProgress = progress
        return (s, err)
    }

    @Test("shown after a second on a terminal, then cleared")
    func slow() throws {
        let (s, err) = try session(progress: true)
        let value = s.withProgress("loading set big") { usleep(1_400_000); return 42 }
        #expect(value == 42)
        #expect(err.text.hasPrefix("\rloading set big… 1."))
        #expect(err.text.hasSuffix("\r\u{1B}[K"))
    }

    @Test("nothing for quick work, and nothing ever when not on a terminal")
    func quickOrPiped() throws {
        let (quick, quickErr) = try session(progress: true)
        quick.withProgress("quick") { usleep(100_000) }
        #expect(quickErr.text.isEmpty)
        let (piped, pipedErr) = try session(progress: false)
        piped.withProgress("slow but piped") { usleep(1_300_000) }
        #expect(pipedErr.text.isEmpty)
    }
}
