import CareDomain
import CareTUI
import Foundation
import Testing
import TextUI

/// A sign-in that makes a large store's caseload summaries holds the login screen's loop for
/// a while: the screen draws each report of its progress as it comes, without a key, and says
/// only counts.
@MainActor
@Suite struct SignInProgressScreenTests {
    struct Refused: Error {}

    func login(over terminal: HeadlessTerminal, attempt: @escaping (String, String) throws -> any CaseStore) -> LoginFlow {
        LoginFlow(
            accounts: [AccountChoice(accountName: "demo-cp", role: .childProtection)], unit: "KEN", terminal: terminal,
            theme: .default, clock: TestClock(Harness.demoNow), attempt: attempt)
    }

    @Test func eachReportIsDrawnWhileTheSignInRuns() {
        let terminal = HeadlessTerminal(size: Size(width: 80, height: 24))
        var seen: [String] = []
        let flow = login(over: terminal) { _, _ in
            for done in [0, 12_000, 50_000] {
                SignInProgress.tell(done: done, total: 50_000)
                seen.append(terminal.screen.string())
            }
            throw Refused()
        }
        flow.step(timeoutMilliseconds: 0)
        #expect(!terminal.screen.string().contains("Preparing"))
        terminal.feed("passphrase")
        terminal.feed([.enter])
        flow.step(timeoutMilliseconds: 0)
        #expect(seen.count == 3)
        #expect(seen[0].contains("Preparing the caseload for this version: 0 of 50,000 children…"))
        #expect(seen[1].contains("Preparing the caseload for this version: 12,000 of 50,000 children…"))
        #expect(seen[2].contains("Preparing the caseload for this version: 50,000 of 50,000 children…"))
        #expect(seen.allSatisfy { !$0.contains("•") }, "the passphrase was cleared before the sign-in ran")
        // Refused: the line gives way to the refusal and its wait.
        #expect(flow.state.progress == nil)
        #expect(!terminal.screen.string().contains("Preparing"))
        #expect(terminal.screen.string().contains("Wait"))
    }

    @Test func aReportOutsideASignInDrawsNothing() {
        let terminal = HeadlessTerminal(size: Size(width: 80, height: 24))
        let flow = login(over: terminal) { _, _ in throw Refused() }
        flow.step(timeoutMilliseconds: 0)
        let frames = terminal.frames
        SignInProgress.tell(done: 1, total: 2)
        #expect(terminal.frames == frames)
        #expect(flow.state.progress == nil)
    }
}
