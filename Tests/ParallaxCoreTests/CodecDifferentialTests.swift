import Foundation
import Testing
@testable import ParallaxCore
@testable import ParallaxStore
import TestSupport

/// The hand-written line codec against Foundation's `JSONSerialization` on generated lines:
/// escapes of every kind, non-ASCII (Turkish letters, curly quotes, emoji, U+2028, combining
/// marks), unknown fields of every JSON type, members in any order with any whitespace,
/// escaped keys, and damaged lines. The codec must read every line Foundation reads to the
/// same values (or refuse it for a documented stricter rule), refuse every line Foundation
/// refuses, and write lines Foundation reads back to the same values.
@Suite("Annotation codec against JSONSerialization")
struct CodecDifferentialTests {
    typealias Random = SeededRandom

    static let pieces: [String] = [
        "a", "Z", " ", "reverse Nixon", "Aslı", "Aydıntaşbaş", "“", "”", "’", "—", "–", "…", "\u{00A0}",
        "\"", "\\", "/", "\n", "\r", "\t", "\u{0}", "\u{1}", "\u{1F}", "\u{7F}", "\u{2028}", "\u{2029}",
        "e\u{301}", "👍🏽", "👨‍👩‍👧", "🇹🇷", "中文", "𝄞", "\u{FEFF}", "{", "}", "[", "]", ":", ",", "\\u0041",
    ]

    static func text(_ r: inout Random, maxPieces: Int = 12) -> String {
        var s = ""
        for _ in 0..<r.below(maxPieces + 1) { s += r.pick(pieces) }
        return s
    }

    /// A raw JSON value for an unknown field, built from the same pieces.
    static func rawValue(_ r: inout Random, depth: Int = 0) -> String {
        switch r.below(depth > 2 ? 5 : 7) {
        case 0: return "null"
        case 1: return r.chance(0.5) ? "true" : "false"
        case 2: return r.pick(["0", "-1", "12.50", "1e3", "-2.5E-3", "123456789012", "0.1"])
        case 3, 4: return String(decoding: try! JSONSerialization.data(withJSONObject: [text(&r)], options: [.fragmentsAllowed]), as: UTF8.self)
            .dropFirst().dropLast().description
        case 5: return "[" + (0..<r.below(4)).map { _ in rawValue(&r, depth: depth + 1) }.joined(separator: ",") + "]"
        default:
            var keys = Set<String>()
            var members: [String] = []
            for _ in 0..<r.below(4) {
                let k = "k" + String(r.below(20))
                if keys.insert(k).inserted { members.append("\"\(k)\":" + rawValue(&r, depth: depth + 1)) }
            }
            return "{" + members.joined(separator: ",") + "}"
        }
    }

    static func annotation(_ r: inout Random) -> Annotation {
        let idChars = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
        var a = Annotation(
            id: String((0..<26).map { _ in r.pick(idChars) }),
            target: TextTarget(doc: r.pick(["brookings", "lin", "d-\(r.below(9))"]), start: r.below(100_000), end: r.below(100_000),
                               exact: text(&r), prefix: text(&r, maxPieces: 4), suffix: text(&r, maxPieces: 4),
                               hash: String(repeating: r.pick(["ab", "0f", "99"]), count: 32)),
            question: r.pick(["reset-wedge", "q", "x-\(r.below(5))"]), analyst: r.pick(["stent", "aydintasbas", "lin"]),
            stance: r.below(9) - 4,
            confidence: r.chance(0.7) ? r.pick([0.0, 0.5, 0.75, 0.9, 1.0, 0.1, 0.333, 1e-7, 0.30000000000000004]) : nil,
            tags: (0..<r.below(4)).map { _ in r.pick(["evidence", "explicit", "ş", text(&r, maxPieces: 2)]) },
            note: r.chance(0.6) ? text(&r, maxPieces: 20) : "",
            created: "2026-11-23T16:00:0\(r.below(10))Z",
            modified: r.chance(0.5) ? nil : "2026-12-01T09:30:00.125Z")
        for _ in 0..<(r.chance(0.3) ? r.below(4) : 0) {
            a.extra.set(r.pick(["zeta", "alpha", "x-tool", "reviewed_by", "ı-key", "é"]), raw: Array(rawValue(&r).utf8))
        }
        return a
    }

    static func object(_ line: [UInt8]) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(line), options: [])) as? [String: Any]
    }

    /// Checks that Foundation's reading of a line agrees with the codec's annotation.
    static func expectAgreement(_ o: [String: Any], _ a: Annotation, _ line: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
        func same(_ key: String, _ value: String) {
            // Compare bytes: String's == would call canonically equivalent texts equal.
            #expect((o[key] as? String).map(foundationBytes) == foundationBytes(value),
                    "\(key) of \(String(decoding: line, as: UTF8.self))", sourceLocation: sourceLocation)
        }
        same("id", a.id); same("doc", a.target.doc); same("exact", a.target.exact)
        same("prefix", a.target.prefix); same("suffix", a.target.suffix); same("hash", a.target.hash)
        same("question", a.question); same("analyst", a.analyst); same("created", a.created); same("modified", a.modified)
        if o["note"] != nil { same("note", a.note) } else { #expect(a.note.isEmpty, sourceLocation: sourceLocation) }
        #expect((o["start"] as? NSNumber)?.intValue == a.target.start, sourceLocation: sourceLocation)
        #expect((o["end"] as? NSNumber)?.intValue == a.target.end, sourceLocation: sourceLocation)
        #expect((o["stance"] as? NSNumber)?.intValue == a.stance, sourceLocation: sourceLocation)
        #expect(sameDouble((o["confidence"] as? NSNumber)?.doubleValue, a.confidence), sourceLocation: sourceLocation)
        #expect(((o["tags"] as? [String]) ?? []).map(foundationBytes) == a.tags.map(foundationBytes), sourceLocation: sourceLocation)
        let own = Set(AnnotationCodec.requiredKeys + ["confidence", "tags", "note"])
        let unknown = o.keys.filter { !own.contains($0) }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        #expect(unknown == a.extra.fields.map(\.key), sourceLocation: sourceLocation)
        for (key, raw) in a.extra.fields {
            let theirs = o[key].map { try? JSONSerialization.data(withJSONObject: [$0], options: [.sortedKeys, .fragmentsAllowed]) }
            let ours = (try? JSONSerialization.jsonObject(with: Data(raw), options: [.fragmentsAllowed]))
                .map { try? JSONSerialization.data(withJSONObject: [$0], options: [.sortedKeys, .fragmentsAllowed]) }
            #expect(theirs != nil && theirs == ours, "extra \(key)", sourceLocation: sourceLocation)
        }
    }

    /// A string's bytes without U+FEFF, for comparing with Foundation: swift-corelibs-foundation's
    /// `JSONSerialization` drops a U+FEFF written as UTF-8 inside a string, though not one
    /// written `\ufeff` (JSON and Python's `json` keep both, as the codec does: see
    /// ``byteOrderMarkInStrings()``), so both sides are compared without it.
    static func foundationBytes(_ value: String) -> [UInt8] {
        var out = String.UnicodeScalarView()
        out.append(contentsOf: value.unicodeScalars.filter { $0 != "\u{FEFF}" })
        return Array(String(out).utf8)
    }

    /// Foundation on Linux reads some numbers one or two units in the last place off
    /// (`0.30000000000000004` as `0.3000000000000001`); the codec reads them correctly rounded,
    /// as ``correctlyRoundedNumbers()`` checks against the standard library.
    static func sameDouble(_ theirs: Double?, _ ours: Double?) -> Bool {
        guard let theirs, let ours else { return theirs == nil && ours == nil }
        return abs(theirs - ours) <= 4 * ours.ulp
    }

    @Test("U+FEFF inside a string is kept, read and written (Foundation on Linux drops it)")
    func byteOrderMarkInStrings() throws {
        let line = Array(#"{"id":"A","doc":"d","start":0,"end":1,"exact":"\#u{FEFF}x","prefix":"\ufeff","suffix":"","hash":"h","question":"q","analyst":"a","stance":0,"created":"2026-11-23T16:00:00Z","modified":"2026-11-23T16:00:00Z"}"#.utf8)
        let a = try AnnotationCodec.decode(line)
        #expect(Array(a.target.exact.unicodeScalars) == ["\u{FEFF}", "x"])
        #expect(Array(a.target.prefix.unicodeScalars) == ["\u{FEFF}"])
        #expect(AnnotationCodec.encode(a).count == line.count - 3)  // `\ufeff` written as its 3 UTF-8 bytes
    }

    @Test("numbers are read correctly rounded, as the standard library reads them")
    func correctlyRoundedNumbers() throws {
        for text in ["0.30000000000000004", "0.1", "1e-7", "0.333", "2.2250738585072014e-308", "0.9999999999999999", "1.00000000000000011102230246251565"] {
            let line = Array(#"{"id":"A","doc":"d","start":0,"end":1,"exact":"x","prefix":"","suffix":"","hash":"h","question":"q","analyst":"a","stance":0,"confidence":\#(text),"created":"2026-11-23T16:00:00Z","modified":"2026-11-23T16:00:00Z"}"#.utf8)
            #expect(try AnnotationCodec.decode(line).confidence == Double(text)!, "\(text)")
        }
    }

    @Test("canonical lines: Foundation reads what the codec writes, the codec reads it back byte for byte")
    func canonical() throws {
        var r = Random(state: 1)
        for _ in 0..<3000 {
            let a = Self.annotation(&r)
            let line = AnnotationCodec.encode(a)
            let o = try #require(Self.object(line), "Foundation refused \(String(decoding: line, as: UTF8.self))")
            Self.expectAgreement(o, a, line)
            let back = try AnnotationCodec.decode(line)
            #expect(AnnotationCodec.encode(back) == line)
            #expect(Array(back.note.utf8) == Array(a.note.utf8) && Array(back.target.exact.utf8) == Array(a.target.exact.utf8))
        }
    }

    /// Writes a line the way another tool might: members shuffled, whitespace anywhere,
    /// strings escaped by Foundation (`\/`, `\u00e9`…) or by hand, keys sometimes escaped.
    static func foreign(_ a: Annotation, _ r: inout Random) -> [UInt8] {
        func ws() -> String { r.chance(0.3) ? r.pick([" ", "\t", "\n", "\r\n", "  "]).replacingOccurrences(of: "\n", with: r.chance(0.5) ? "\n" : " ") : "" }
        func str(_ s: String) -> String {
            if r.chance(0.5) {
                return String(decoding: try! JSONSerialization.data(withJSONObject: [s], options: []), as: UTF8.self).dropFirst().dropLast().description
            }
            var out = "\""
            for u in s.unicodeScalars {
                switch u {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "/": out += r.chance(0.5) ? "\\/" : "/"
                default:
                    if u.value < 0x20 || r.chance(0.1) {
                        if u.value > 0xFFFF {
                            let v = u.value - 0x10000
                            out += String(format: "\\u%04X\\u%04x", 0xD800 + (v >> 10), 0xDC00 + (v & 0x3FF))
                        } else {
                            out += String(format: r.chance(0.5) ? "\\u%04x" : "\\u%04X", u.value)
                        }
                    } else {
                        out.unicodeScalars.append(u)
                    }
                }
            }
            return out + "\""
        }
        func key(_ k: String) -> String {
            r.chance(0.05) ? "\"" + k.unicodeScalars.map { String(format: "\\u%04x", $0.value) }.joined() + "\"" : str(k)
        }
        var members: [(String, String)] = [
            ("id", str(a.id)), ("doc", str(a.target.doc)), ("start", "\(a.target.start)"), ("end", "\(a.target.end)"),
            ("exact", str(a.target.exact)), ("prefix", str(a.target.prefix)), ("suffix", str(a.target.suffix)),
            ("hash", str(a.target.hash)), ("question", str(a.question)), ("analyst", str(a.analyst)),
            ("stance", "\(a.stance)"), ("created", str(a.created)), ("modified", str(a.modified)),
        ]
        if let c = a.confidence { members.append(("confidence", r.chance(0.2) ? String(format: "%.17e", c) : "\(c)")) }
        else if r.chance(0.2) { members.append(("confidence", "null")) }
        if !a.tags.isEmpty || r.chance(0.2) { members.append(("tags", "[" + ws() + a.tags.map(str).joined(separator: ws() + "," + ws()) + ws() + "]")) }
        if !a.note.isEmpty || r.chance(0.2) { members.append(("note", str(a.note))) }
        for (k, raw) in a.extra.fields { members.append((k, String(decoding: raw, as: UTF8.self))) }
        for i in stride(from: members.count - 1, to: 0, by: -1) { members.swapAt(i, r.below(i + 1)) }
        let body = members.map { ws() + key($0.0) + ws() + ":" + ws() + $0.1 + ws() }.joined(separator: ",")
        return Array((ws() + "{" + body + "}" + ws()).replacingOccurrences(of: "\n", with: " ").utf8)
    }

    @Test("lines written by other tools read as Foundation reads them")
    func foreignLines() throws {
        var r = Random(state: 2)
        for _ in 0..<3000 {
            let a = Self.annotation(&r)
            let line = Self.foreign(a, &r)
            let o = try #require(Self.object(line), "Foundation refused \(String(decoding: line, as: UTF8.self))")
            let decoded = try AnnotationCodec.decode(line)
            Self.expectAgreement(o, decoded, line)
            // And the canonical form of what was read is the canonical form of the original.
            #expect(AnnotationCodec.encode(decoded) == AnnotationCodec.encode(a), "\(String(decoding: line, as: UTF8.self))")
        }
    }

    /// Rules by which the codec is stricter than JSON itself.
    /// (Invalid UTF-8 and lone surrogates make a line damaged even where a lenient reader
    /// would substitute U+FFFD.)
    static let stricter = ["invalid UTF-8", "lone surrogate", "control character", "appears twice", "missing", "expected an integer", "expected a string", "expected a number",
                           "expected '['", "integer out of range", "number out of range", "nesting deeper", "expected '{'"]

    @Test("damaged lines: whatever Foundation refuses the codec refuses; what it reads, the codec reads alike or refuses by a stated rule")
    func damaged() throws {
        var r = Random(state: 3)
        var agreed = 0, refusedByBoth = 0
        for _ in 0..<4000 {
            var line = AnnotationCodec.encode(Self.annotation(&r))
            switch r.below(4) {
            case 0: line = Array(line.prefix(r.below(line.count)))                          // cut short
            case 1: line[r.below(line.count)] = UInt8(r.below(256))                      // one byte changed
            case 2: line.insert(r.pick(Array("\"\\{}[],:0 \u{1}".utf8) + [0xC3, 0xFF, 0xED]), at: r.below(line.count + 1))
            default: line.remove(at: r.below(line.count))                                // one byte removed
            }
            let theirs = Self.object(line)
            var decoded: Annotation?
            var failure: AnnotationCodec.LineError?
            do throws(AnnotationCodec.LineError) { decoded = try AnnotationCodec.decode(line) } catch { failure = error }
            if let a = decoded {
                let o = try #require(theirs, "the codec read a line Foundation refuses: \(String(decoding: line, as: UTF8.self))")
                Self.expectAgreement(o, a, line)
                agreed += 1
            } else if let failure, theirs != nil {
                #expect(Self.stricter.contains { failure.message.contains($0) },
                        "refused \(String(decoding: line, as: UTF8.self)): \(failure.message)")
            } else {
                refusedByBoth += 1
            }
        }
        #expect(agreed > 100 && refusedByBoth > 1000)
    }

    @Test("parallel parsing of a big file equals decoding line by line, numbers and damaged lines included")
    func parallelParse() throws {
        var r = Random(state: 4)
        var file: [UInt8] = [0xEF, 0xBB, 0xBF]
        var expected: [(Int, Annotation?)] = []
        var number = 0
        while file.count < 3 * SetFile.parallelThreshold {
            number += 1
            switch r.below(50) {
            case 0: file += Array("  \t".utf8)                              // blank
            case 1: file += Array("{\"id\":".utf8); expected.append((number, nil))
            default:
                let a = Self.annotation(&r)
                file += AnnotationCodec.encode(a)
                expected.append((number, a))
            }
            file += r.chance(0.1) ? [0x0D, 0x0A] : [0x0A]
        }
        let parsed = SetFile.parse(file)
        #expect(parsed.lines.map(\.number) == expected.filter { $0.1 != nil }.map(\.0))
        #expect(parsed.damaged.map(\.line) == expected.filter { $0.1 == nil }.map(\.0))
        for (line, e) in zip(parsed.lines, expected.compactMap(\.1)) {
            #expect(AnnotationCodec.encode(line.annotation) == AnnotationCodec.encode(e))
        }
    }

    @Test("saving streams the same bytes as encoding, sorted by id, damaged lines last")
    func save() throws {
        var r = Random(state: 5)
        var set = AnnotationSet(name: "big")
        var all: [Annotation] = []
        for i in 0..<9000 {
            var a = Self.annotation(&r)
            if i % 7 == 0 { a.id = String(a.id.prefix(16)) + "Z" }     // shared 16-byte prefixes
            if i % 11 == 0 { a.id = String(a.id.prefix(r.below(6) + 1)) }  // short ids
            set.byID[a.id] = a
        }
        all = Array(set.byID.values)
        set.damaged = [DamagedLine(line: 3, bytes: Array("{broken".utf8), reason: "test")]
        let dir = Fixtures.temporaryDirectory("parallax-save")
        try SetFile.save(set, to: dir + "/big.jsonl", fs: PosixFileSystem())
        let written = try #require(Fixtures.bytes(dir + "/big.jsonl"))
        #expect(written == SetFile.encode(all, damaged: set.damaged))
        var expected: [UInt8] = []
        for a in all.sorted(by: { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }) { expected += AnnotationCodec.encode(a) + [0x0A] }
        expected += Array("{broken\n".utf8)
        #expect(written == expected)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["big.jsonl"])
    }
}
