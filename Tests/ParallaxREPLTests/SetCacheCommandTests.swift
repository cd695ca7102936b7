import Foundation
import Testing
import ParallaxCore
import ParallaxStore
import ParallaxREPL
import TestSupport

/// What a session keeps per set revision (agreement tallies, id orders, diff digests) is
/// made again after any change: the next `agree`, `setdiff` and `list` answer as a fresh
/// computation over the sets as they are now.
@Suite("REPL: per-set caches follow changes")
struct SetCacheCommandTests {
    static func session() throws -> (Session, StringSink) {
        let (session, out, _) = try AgreementCommandTests.session()
        return (session, out)
    }

    func run(_ session: Session, _ out: StringSink, _ line: String) throws -> String {
        out.clear()
        try session.registry.run(line, in: session)
        return out.text
    }

    func agree(_ session: Session, _ out: StringSink) throws -> AgreementReport {
        try JSONDecoder().decode(AgreementReport.self, from: Data(try run(session, out, "agree baseline derived --json").utf8))
    }

    /// The report the core computes from the sets as they are now.
    func expectedAgreement(_ session: Session) throws -> AgreementReport {
        try AgreementReport(codebook: session.store.codebook, coders: ["baseline", "derived"],
                            codings: Coding.placed(in: [try session.store.set("baseline"), try session.store.set("derived")]))
    }

    func expectedDiff(_ session: Session) throws -> SetDiff {
        SetDiff(old: SetContents(try session.store.set("baseline")), new: SetContents(try session.store.set("derived")),
                oldName: "baseline", newName: "derived")
    }

    func setdiff(_ session: Session, _ out: StringSink) throws -> SetDiff {
        try JSONDecoder().decode(SetDiff.self, from: Data(try run(session, out, "setdiff baseline derived --json").utf8))
    }

    @Test("agree, setdiff and list after edit, undo, redo, add and delete")
    func followChanges() throws {
        let (session, out) = try Self.session()
        defer { try? session.close() }
        let first = try agree(session, out)
        #expect(first == (try expectedAgreement(session)))
        #expect(try agree(session, out) == first)
        let firstDiff = try setdiff(session, out)
        #expect(firstDiff == (try expectedDiff(session)))
        _ = try run(session, out, "use derived")
        let firstList = try run(session, out, "list --json")

        // A stance moved on a unit both coders coded.
        let derived = try session.store.set("derived")
        let baselineUnits = Set(try session.store.set("baseline").byID.values.map { $0.question + "/" + $0.analyst })
        let target = try #require(derived.annotations.first { baselineUnits.contains($0.question + "/" + $0.analyst) })
        let values = try #require(session.store.codebook.question(target.question)).values
        let stance = try #require(values.first { $0 != target.stance })
        _ = try run(session, out, "edit \(target.id) stance:\(stance)")
        let edited = try agree(session, out)
        #expect(edited != first)
        #expect(edited == (try expectedAgreement(session)))
        let editedDiff = try setdiff(session, out)
        #expect(editedDiff != firstDiff)
        #expect(editedDiff == (try expectedDiff(session)))
        #expect(try run(session, out, "list --json") != firstList)

        _ = try run(session, out, "undo")
        #expect(try agree(session, out) == first)
        #expect(try setdiff(session, out) == firstDiff)
        #expect(try run(session, out, "list --json") == firstList)
        _ = try run(session, out, "redo")
        #expect(try agree(session, out) == edited)
        #expect(try setdiff(session, out) == editedDiff)

        // An annotation added, then deleted.
        let added = Fixtures.sampleAnnotation(id: "01CACHEADDED00000000000000", stance: 1)
        try session.store.add(added, to: "derived")
        let withAdded = try agree(session, out)
        #expect(withAdded != edited)
        #expect(withAdded == (try expectedAgreement(session)))
        #expect(try setdiff(session, out) == (try expectedDiff(session)))
        #expect(try run(session, out, "list --json").contains(added.id))
        _ = try run(session, out, "delete \(added.id)")
        #expect(try agree(session, out) == edited)
        #expect(try setdiff(session, out) == editedDiff)
        #expect(!(try run(session, out, "list --json").contains(added.id)))
    }

    @Test("list with filters and limits answers as the set sorted afresh")
    func listFilters() throws {
        let (session, out) = try Self.session()
        defer { try? session.close() }
        let set = try session.store.set("baseline")
        for line in ["list set:baseline", "list set:baseline analyst:stent", "list set:baseline question:reset-wedge --all",
                     "list set:baseline,derived tag:evidence --all"] {
            let text = try run(session, out, line)
            #expect(!text.isEmpty, "\(line)")
        }
        let json = try run(session, out, "list set:baseline analyst:stent --json")
        let ids = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]).compactMap { $0["id"] as? String }
        let expected = set.annotations.filter { $0.analyst == "stent" }.map(\.id)
        #expect(ids == expected)
        #expect(!ids.isEmpty)
    }
}
