import Foundation
import Testing

/// Attack 3 through the real binary: a copy of the store taken right after one's own sign-in,
/// put back after the dashboard showed a record and quit. The dashboard noted its head at quit,
/// so every `care check` on this machine fails and says so until a supervisor accepts it.
@Suite struct AnchorInTmuxTests {
    @Test func aDashboardSessionErasedByACopyIsNamedByEveryCheck() throws {
        let demo = try DemoFixture()
        let copy = demo.scratch + "/copy.care"
        let tmux = try TmuxSession(command: demo.openCommand(), environment: demo.environment)
        _ = try tmux.waitFor(timeout: 60) { $0.contains("1 Caseload") && $0.contains("4 Alerts") }
        try Shell.run(["sqlite3", demo.store, ".backup \(copy)"])
        // A full view of the first child, then quit.
        try tmux.send("Enter")
        _ = try tmux.waitFor("── Recent contacts")
        try tmux.send("q")
        let quit = try tmux.waitFor("CARE-EXITED")
        #expect(quit.contains("CARE-EXITED 0"))
        try Shell.run(["sqlite3", demo.store, ".restore \(copy)"])

        for _ in 0..<2 {
            let check = try CareRun.run(
                [Fixture.careBinary, "check", "--as", "demo-supervisor", "--store", demo.store, "--passphrase-fd", "0"],
                inputs: [0: "demo\n"], environment: demo.environment)
            #expect(check.exitCode == 1, "\(check)")
            #expect(check.stdout.contains("this machine: This store"), "\(check)")
        }
        let accept = try CareRun.run(
            [Fixture.careBinary, "anchor", "accept", "--as", "demo-supervisor", "--store", demo.store, "--passphrase-fd", "0"],
            inputs: [0: "demo\n"], environment: demo.environment)
        #expect(accept.succeeded && accept.stdout.contains("as restored on purpose"), "\(accept)")
        let after = try CareRun.run(
            [Fixture.careBinary, "check", "--as", "demo-supervisor", "--store", demo.store, "--passphrase-fd", "0"],
            inputs: [0: "demo\n"], environment: demo.environment)
        #expect(after.exitCode == 0, "\(after)")
    }
}
