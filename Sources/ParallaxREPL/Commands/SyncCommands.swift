import ParallaxCore
import ParallaxStore

/// `sync`: share the sets through the clone's git remote (see ``Sync``).
enum SyncCommands {
    static let all = [sync]

    static let sync = Command(
        "sync", group: "Team review",
        arguments: [ArgumentSpec("MESSAGE", optional: true, repeated: true)],
        summary: "commit the changed sets, merge the team's through git, push",
        help: """
        In a git clone of the team's repository: commits the sets that changed (the message
        names each set with what was added, changed and removed; MESSAGE, if given, is its
        first line), fetches, merges the upstream branch with Parallax's merge driver (set up
        in this clone if missing, with this executable's path, and in .gitattributes), and
        pushes. Sets the merge changed are read again. Where two coders changed the same thing
        differently, the merge is committed here with the set holding ours and the conflicts
        recorded; nothing is pushed until `conflicts` and `resolve` have settled them and
        `sync` runs again. Refused, with nothing changed, outside a git repository, with
        uncommitted changes outside the annotations folder, while another session writes a
        set, with unresolved conflicts, or when the branch has no upstream (it says what to run).

        examples:
          sync
          sync coded the Brookings transcript
        """
    ) { inv, session in
        let message = inv.positionals.isEmpty ? nil : inv.positionals.map(\.text).joined(separator: " ")
        let report = try Sync(store: session.store, driverCommand: Sync.driverCommand(executable: Sync.runningExecutable))
            .run(message: message)
        if report.configuredDriver { session.print("configured the Parallax merge driver in this clone") }
        if report.concludedMerge { session.print("committed the merge that was in progress") }
        if let c = report.committed {
            let sets = c.sets.map { "\($0.set) (\($0.long))" } + c.others
            session.print("committed " + sets.joined(separator: ", "))
        }
        if !report.conflicts.isEmpty {
            let n = report.conflicts.reduce(0) { $0 + $1.count }
            let sets = report.conflicts.map { "set \($0.set) (\($0.count))" }.joined(separator: ", ")
            session.print("merged \(report.upstream) with \(n) merge conflict\(n == 1 ? "" : "s") in \(sets); the sets hold ours")
            session.print("committed here, not pushed. Next: `conflicts set:\(report.conflicts[0].set)` to see them, "
                          + "`resolve ID ours|theirs|base` to settle each, then `sync`")
            return
        }
        if report.merged {
            let sets = report.mergedSets.isEmpty ? "no set changed" : "changed " + report.mergedSets.map { "set \($0)" }.joined(separator: ", ")
            session.print("merged \(report.upstream): \(sets)")
        } else {
            session.print("\(report.upstream) had nothing new")
        }
        session.print(report.pushed > 0 ? "pushed \(report.pushed) commit\(report.pushed == 1 ? "" : "s") to \(report.upstream)"
                      : "nothing to push: \(report.upstream) is up to date")
    }
}
