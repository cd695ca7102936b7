// The journal parser: any bytes give entries, damaged lines and a torn flag without crashing;
// each `put` and each `memo` survives its codec's round trip; and the entries (puts, deletes,
// memos and memo deletions) written out again as a journal parse back to the same entries.
import FuzzSupport
import ParallaxCore
import ParallaxStore

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzDriver.bytes(data, size)
    let parsed = Journal.parse(bytes)
    // Torn when the last line has no line feed (or a batch is cut short).
    FuzzDriver.check(parsed.torn || bytes.isEmpty || bytes.last == 0x0A, "torn flag disagrees with the last byte")
    var rewritten: [UInt8] = []
    var comparable: [JournalEntry] = []
    for entry in parsed.entries {
        switch entry {
        case .put(let a):
            let encoded = AnnotationCodec.encode(a)
            do throws(AnnotationCodec.LineError) {
                let again = try AnnotationCodec.decode(encoded)
                FuzzDriver.check(again == a, "put: decode(encode(a)) != a")
            } catch {
                fatalError("put: the canonical line does not decode: \(error.message)")
            }
            rewritten += Array("put ".utf8) + encoded + [0x0A]
            comparable.append(entry)
        case .memo(let m):
            let encoded = RecordCodec.encode(.memo(m))
            do throws(AnnotationCodec.LineError) {
                let again = try RecordCodec.decode(encoded)
                FuzzDriver.check(again == .memo(m), "memo: decode(encode(m)) != m")
            } catch {
                fatalError("memo: the canonical line does not decode: \(error.message)")
            }
            rewritten += Array("memo ".utf8) + encoded + [0x0A]
            comparable.append(entry)
        case .deleteMemo(let id):
            guard !id.utf8.contains(0x0A), !id.unicodeScalars.contains("\u{FFFD}") else { continue }
            rewritten += Array("unmemo ".utf8) + Array(id.utf8) + [0x0A]
            comparable.append(entry)
        case .delete(let id):
            // An id that holds a line feed or replaced bytes cannot be written back as it was read.
            guard !id.utf8.contains(0x0A), !id.unicodeScalars.contains("\u{FFFD}") else { continue }
            rewritten += Array("delete ".utf8) + Array(id.utf8) + [0x0A]
            comparable.append(entry)
        }
    }
    let again = Journal.parse(rewritten)
    FuzzDriver.check(again.entries == comparable, "entries written back do not parse to the same entries")
    FuzzDriver.check(again.damaged.isEmpty && !again.torn, "entries written back parse with damage")
    return 0
}

FuzzDriver.run(testOneInput)
