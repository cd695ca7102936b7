// Measures re-anchoring on a ~100 MB text built from the corpus vocabulary.
//
//   swift run -c release AnchoringBenchmark [megabytes] [targets]
//
// The text is a random sequence of the corpus's words (drawn by position, so word frequencies
// follow the corpus), in ~100-word paragraphs: realistic letters and punctuation, including
// curly quotes and Turkish letters, without whole passages repeating.
import Foundation
import ParallaxCore
import ParallaxStore
import BenchSupport

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let megabytes = arguments.first ?? 100
let targetCount = arguments.dropFirst().first ?? 100_000
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
let corpus = try Corpus.load(from: root.appendingPathComponent("Corpus").path)
let words = corpus.documents.flatMap { $0.text.string.split(whereSeparator: \.isWhitespace).map { Array($0.utf8) } }

func seconds(_ d: Duration) -> String {
    let c = d.components
    return String(format: "%.3f s", Double(c.seconds) + Double(c.attoseconds) / 1e18)
}

func measure<T>(_ label: String, _ body: () throws -> T) rethrows -> T {
    let clock = ContinuousClock()
    var result: T?
    let elapsed = try clock.measure { result = try body() }
    print("\(label): \(seconds(elapsed))")
    return result!
}

var random = SplitMix64(state: 7)
let bytes: [UInt8] = measure("generate \(megabytes) MB") {
    var out: [UInt8] = []
    out.reserveCapacity(megabytes << 20 + 4096)
    var inParagraph = 0
    while out.count < megabytes << 20 {
        out += words[random.below(words.count)]
        inParagraph += 1
        if inParagraph == 100 { out.append(0x0A); inParagraph = 0 } else { out.append(0x20) }
    }
    return out
}
let old = try measure("index old text (ScalarText)") { try ScalarText(utf8: bytes, origin: "bench") }

let targets: [TextTarget] = measure("make \(targetCount) targets") {
    (0..<targetCount).map { _ in
        let length = 5 + random.below(146)
        let start = random.below(old.scalarCount - length)
        let (s, e) = old.widenedToGraphemes(start, start + length)
        return TextTarget(doc: "bench", start: s, end: e, text: old, hash: "old")
    }
}

/// Edits in old UTF-8 offsets, applied together; `map` gives where an old offset went.
struct Edits {
    var insertions: [(at: Int, bytes: [UInt8])] = []
    var deletion: Range<Int>? = nil

    func apply(to old: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(old.count + insertions.reduce(0) { $0 + $1.bytes.count })
        var from = 0
        for cut in cuts() {
            out += old[from..<cut.at]
            out += cut.bytes
            from = cut.skip
        }
        out += old[from...]
        return out
    }

    private func cuts() -> [(at: Int, bytes: [UInt8], skip: Int)] {
        var cuts = insertions.map { ($0.at, $0.bytes, $0.at) }
        if let d = deletion { cuts.append((d.lowerBound, [], d.upperBound)) }
        return cuts.sorted { $0.0 < $1.0 }
    }

    /// Where old offset `offset` lies in the new text, for an offset outside the deletion.
    func map(_ offset: Int) -> Int {
        var shift = 0
        for i in insertions where i.at <= offset { shift += i.bytes.count }
        if let d = deletion, d.upperBound <= offset { shift -= d.count }
        return offset + shift
    }

    /// Whether an edit falls inside or at the edges of old range `[start, end]`.
    func touches(_ start: Int, _ end: Int) -> Bool {
        if insertions.contains(where: { $0.at >= start && $0.at <= end }) { return true }
        if let d = deletion, d.lowerBound <= end && d.upperBound >= start { return true }
        return false
    }
}

func run(_ label: String, _ edits: Edits) throws {
    let newBytes = edits.apply(to: bytes)
    let new = try ScalarText(utf8: newBytes, origin: "bench")
    let anchor = Reanchorer(text: new, hash: label)
    let results = measure("batch, \(label), \(targetCount) targets") { anchor.reanchor(targets) }
    var outcomes: [String: Int] = [:]
    var right = 0, wrong = 0, lost = 0
    for (t, r) in zip(targets, results) {
        let key = r.placement.map { "\($0.method.rawValue)\($0.confidence == .low ? " (low)" : "")" }
            ?? "orphan: \(r.orphan!.reason)"
        outcomes[key, default: 0] += 1
        let a = old.utf8Offset(ofScalar: t.start), b = old.utf8Offset(ofScalar: t.end)
        guard !edits.touches(a, b) else { continue }
        guard let p = r.placement else { lost += 1; continue }
        if p.start == new.scalarOffset(ofUTF8: edits.map(a)) { right += 1 } else { wrong += 1 }
    }
    print("  " + outcomes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
    print("  untouched targets: \(right) placed right, \(wrong) placed wrong, \(lost) orphaned")
}

// Edit 1: a paragraph inserted near the start.
let at = old.utf8Offset(ofScalar: 1000)
let note = Array("An editor’s note inserted near the start, after publication — with “quotes”.\n".utf8)
var edits = Edits(insertions: [(at, note)])
try run("insertion near the start", edits)

// Edit 2: also ~140 KB deleted in the middle and a word inserted at 500 random places.
let middle = bytes.count / 2
let deleteStart = bytes[..<middle].lastIndex(of: 0x0A)! + 1
let deleteEnd = bytes[(deleteStart + 140_000)...].firstIndex(of: 0x0A)! + 1
edits.deletion = deleteStart..<deleteEnd
for _ in 0..<500 {
    var p = random.below(bytes.count - 20)
    while bytes[p] != 0x20 || edits.deletion!.contains(p) { p = (p + 1) % (bytes.count - 20) }
    edits.insertions.append((p + 1, Array("changed ".utf8)))
}
try run("insertion + \((deleteEnd - deleteStart) / 1024) KB deleted + 500 words inserted", edits)

// Edit 3: a 1 MB insertion near the start (far beyond the local window).
let big = Array(repeating: Array("Inserted filler, not from the corpus: lorem ipsum dolor. ".utf8), count: 18_000).flatMap { $0 }
try run("1 MB inserted near the start", Edits(insertions: [(at, big)]))

let edited = Edits(insertions: [(at, note)]).apply(to: bytes)
let new1 = try ScalarText(utf8: edited, origin: "bench")
let anchor1 = Reanchorer(text: new1, hash: "new1")

// Single targets that need the whole text: an exact search, and a fuzzy search with seeds.
let far = targets.max { $0.start < $1.start }!
var moved = far
moved.start = 0; moved.end = far.end - far.start
measure("one target moved far away (exact search of the whole text)") { _ = anchor1.reanchor(moved) }
var changed = far
changed.exact = String(changed.exact.reversed().prefix(3)) + changed.exact.dropFirst(3)
changed.start = 0; changed.end = far.end - far.start
let fuzzy = measure("one target changed and moved far away (fuzzy, seed scan of the whole text)") { anchor1.reanchor(changed) }
print("  → \(fuzzy)")
let gone = TextTarget(doc: "bench", start: 10, end: 40, exact: "Quoted text that is nowhere at all in it",
                      prefix: "", suffix: "", hash: "old")
let orphan = measure("one target that is nowhere (orphan after every step)") { anchor1.reanchor(gone) }
print("  → \(orphan)")
