import CareDomain
import CareStore
import Foundation
import Testing

/// A store with damage in it, opened the way a worker opens it: one record that does not open
/// is shown as damaged and every other child opens; random bytes never crash the dashboard.
@Suite(.serialized)
struct DamagedStoreInTmuxTests {
    @Test func aChildRecordThatDoesNotOpenIsShownAsDamagedAndTheRestOfTheCaseloadOpens() throws {
        let demo = try DemoFixture()
        let store = try SQLiteCaseStore.open(options: StoreOptions(path: demo.store), account: "demo-supervisor", passphrase: "demo")
        let children = try store.loadCaseload().children.sorted { $0.caseNumber < $1.caseNumber }
        try store.close()
        let damaged = children[0]
        // Random bytes over the sealed payloads of the child's record and of its caseload
        // summaries, as a failing disk might leave them (with the summary intact, the caseload
        // shows the child from it and the record is found damaged when opened).
        try Shell.run(["sqlite3", demo.store, """
            UPDATE records SET payload = randomblob(length(payload)) WHERE id = '\(damaged.id.rawValue)';
            UPDATE summaries SET payload = randomblob(length(payload)) WHERE child_id = '\(damaged.id.rawValue)';
            PRAGMA wal_checkpoint(TRUNCATE);
            """])

        let tmux = try TmuxSession(command: demo.openCommand(), environment: demo.environment)
        let screen = try tmux.waitFor(timeout: 60) { $0.contains("1 Caseload") }
        // The first child in the demo is missing now, which its row says first.
        #expect(screen.contains("⚠ damaged   MISSING") && screen.contains("record does not open"), "\(screen)")
        #expect(screen.contains("CRITICAL ⚠ KEN-… record does not open — run care check"), "\(screen)")
        #expect(!screen.contains(damaged.displayName))
        try tmux.send("Enter")
        try tmux.waitFor("A supervisor can run `care check`, which names it")

        // Every other child opens as before.
        try tmux.send("/")
        try tmux.type(children[1].caseNumber.description)
        try tmux.send("Enter")
        try tmux.waitFor("(1 of")
        try tmux.send("Enter")
        try tmux.waitFor("── Recent contacts")
        try tmux.send("q")
        try tmux.waitFor("CARE-EXITED 0")

        let check = try CareRun.care("check", "--store", demo.store, "--as", "demo-supervisor", "--passphrase-fd", "3",
                                     inputs: [3: "demo\n"], environment: demo.environment)
        #expect(check.exitCode == 1)
        #expect(check.stdout.contains("child \(damaged.id.rawValue)"), "\(check)")
    }

    /// 5 in CI; `CARE_CORRUPTIONS_TMUX=N` tries more.
    static let dashboardCorruptions = ProcessInfo.processInfo.environment["CARE_CORRUPTIONS_TMUX"].flatMap(Int.init) ?? 5

    @Test func randomBytesNeverCrashTheDashboard() throws {
        var random = SeededRandom(seed: CorruptStoreTests.seed)
        for trial in 0..<Self.dashboardCorruptions {
            let demo = try DemoFixture()
            let offsets = try CorruptStoreTests.corrupt(demo.store, count: 2 + Int(random.next() % 3), random: &random)
            let tmux = try TmuxSession(command: demo.openCommand(), environment: demo.environment)
            // Either the dashboard, or the shell after care said in words why it could not open.
            let screen = try tmux.waitFor(timeout: 60) { $0.contains("1 Caseload") || $0.contains("CARE-EXITED") }
            if screen.contains("1 Caseload") {
                try tmux.send("Enter")
                try tmux.send("q")
                let after = try tmux.waitFor(timeout: 20) { $0.contains("CARE-EXITED") }
                #expect(after.contains("CARE-EXITED 0"), "trial \(trial), bytes at \(offsets):\n\(after)")
            } else {
                #expect(screen.contains("CARE-EXITED 1"), "trial \(trial), bytes at \(offsets):\n\(screen)")
                #expect(screen.contains("care check") || screen.contains("Wrong passphrase"), "trial \(trial), bytes at \(offsets):\n\(screen)")
            }
            #expect(!screen.contains("internal error"), "trial \(trial), bytes at \(offsets):\n\(screen)")
        }
    }
}
