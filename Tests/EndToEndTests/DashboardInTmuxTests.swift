import Foundation
import Testing

/// The real `care` binary in tmux: what a person sees at 120×32, after a resize to a too-small
/// window and back, and after quitting.
@Suite(.serialized)
struct DashboardInTmuxTests {
    @Test func demoShowsFourPanesSurvivesResizeAndQuitRestoresTheShell() throws {
        let scratch = try Fixture.scratchDirectory()
        let store = scratch + "/demo.care"
        let env = Fixture.environment(scratch: scratch)
        let tmux = try TmuxSession(command: "\(Fixture.careBinary) demo --store \(store)", width: 120, height: 32, environment: env)

        let screen = try tmux.waitFor(timeout: 60) { $0.contains("1 Caseload") && $0.contains("4 Alerts") }
        for title in ["1 Caseload", "2 Child", "3 Referral queue", "4 Alerts"] {
            #expect(screen.contains(title), "missing pane title \(title)")
        }
        #expect(screen.contains("CARE · KEN unit"))

        try tmux.resize(width: 50, height: 12)
        let small = try tmux.waitFor("needs a terminal of at least")
        #expect(small.contains("50×12"))
        #expect(!small.contains("1 Caseload"))

        try tmux.resize(width: 120, height: 32)
        let restored = try tmux.waitFor { $0.contains("1 Caseload") && $0.contains("4 Alerts") }
        #expect(!restored.contains("needs a terminal"))
        let lines = restored.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count >= 31)

        try tmux.send("q")
        let after = try tmux.waitFor("CARE-EXITED")
        #expect(after.contains("CARE-EXITED 0"))
        // The alternate screen is gone: no pane of the dashboard is left on the shell's screen.
        #expect(!after.contains("Caseload"))
    }
}
