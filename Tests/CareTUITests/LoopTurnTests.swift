import CareDomain
import CareTUI
import Foundation
import Testing
import TextUI

/// Every state of the app waits for input, a timer or the change feed: over two seconds of a
/// session nobody touches, the frame loop turns a handful of times, not thousands. (A locked
/// screen turned 6,000–10,000 times a second, a core per worker who walked away: the preview of
/// the child selected when it locked fell due at once, every turn.)
///
/// The real loop runs over a terminal whose waits pass on the test's clock, so the turns are
/// counted without waiting for them.
@MainActor
@Suite struct LoopTurnTests {
    /// At most this many turns in two seconds: the change feed's poll once a second, the minute
    /// hand, and the odd preview or query.
    static let handful = 6

    func harness(wall: Bool = false) throws -> (Harness, SimulatedWaitTerminal) {
        var simulated: SimulatedWaitTerminal?
        let h = try Harness(wall: wall, around: { terminal, clock in
            let terminal = SimulatedWaitTerminal(around: terminal, clock: clock)
            simulated = terminal
            return terminal
        })
        return (h, try #require(simulated))
    }

    func countTurns(_ h: Harness, _ terminal: SimulatedWaitTerminal) -> Int {
        terminal.runFor(seconds: 2)
        h.app.run()
        #expect(h.app.state.quitRequested, "the loop ran to the end of the two seconds")
        return terminal.turns
    }

    @Test func aLockedSessionWaits() throws {
        let (h, terminal) = try harness()
        h.press(.ctrl("x"))
        #expect(h.locked)
        let turns = countTurns(h, terminal)
        #expect(turns >= 1 && turns <= Self.handful, "\(turns) turns in 2 s while locked")
    }

    @Test func aSessionLockedWhileTheSelectionRestedOnAChildWaits() throws {
        let (h, terminal) = try harness()
        h.press(.char("j"))
        h.clock.advance(by: 0.1)
        h.press(.ctrl("x"))
        #expect(h.locked)
        let turns = countTurns(h, terminal)
        #expect(turns <= Self.handful, "\(turns) turns in 2 s while locked")
    }

    @Test func anIdleSignedInDashboardWaitsAndStillReadsTheChangeFeed() throws {
        let (h, terminal) = try harness()
        h.rest()
        let polls = h.app.state.changeCursor
        let turns = countTurns(h, terminal)
        #expect(turns >= 2 && turns <= Self.handful, "\(turns) turns in 2 s on the idle dashboard")
        #expect(h.app.state.changeCursor == polls, "nothing changed, so nothing was read")
        #expect(!h.locked)
    }

    @Test func anOpenQuestionWaits() throws {
        let (h, terminal) = try harness()
        h.press(.char("n"), .tab, .tab, .tab)
        h.type("half a synthetic note")
        h.press(.ctrl("d"))
        guard h.front is QuestionScreen else {
            Issue.record("Ctrl-D on a form with typing did not ask")
            return
        }
        let turns = countTurns(h, terminal)
        #expect(turns <= Self.handful, "\(turns) turns in 2 s with a question open")
    }

    @Test func theWallWaits() throws {
        let (h, terminal) = try harness(wall: true)
        let turns = countTurns(h, terminal)
        #expect(turns >= 1 && turns <= Self.handful, "\(turns) turns in 2 s on the wall")
    }

    /// The sign-in screen over a terminal that runs on the test clock; every passphrase is wrong.
    func signIn() -> (LoginFlow, SimulatedWaitTerminal) {
        let clock = TestClock(Harness.demoNow)
        let terminal = SimulatedWaitTerminal(around: HeadlessTerminal(size: Size(width: 80, height: 24)), clock: clock)
        let login = LoginFlow(
            accounts: [AccountChoice(accountName: "demo-cp", role: .childProtection)], unit: "KEN", terminal: terminal,
            theme: .default, clock: clock) { _, _ in throw CancellationError() }
        return (login, terminal)
    }

    @Test func theSignInScreenWaits() throws {
        let (login, terminal) = signIn()
        terminal.runFor(seconds: 2)
        #expect(login.run() == nil)
        #expect(terminal.turns <= Self.handful, "\(terminal.turns) turns in 2 s at sign-in")
    }

    @Test func theSignInCountdownWakesOnceASecond() throws {
        let (login, terminal) = signIn()
        terminal.screen.feed("wrong")
        terminal.screen.feed([.enter])
        login.step(timeoutMilliseconds: 0)
        #expect(login.state.retryAfter != nil)
        terminal.runFor(seconds: 2)
        _ = login.run()
        #expect(terminal.turns >= 2 && terminal.turns <= Self.handful, "\(terminal.turns) turns in 2 s of countdown")
    }
}
