import CareDomain
import CareTUI
import Foundation
import Testing
import TextUI

/// A link gone silent ends the session: a cursor-position query unanswered for the limit locks
/// the screen, and the idle lock's time after that ends the program as a hang-up does. (One
/// session was still there after 780 s of silence, then locked and spinning.)
///
/// The real loop runs over a terminal whose waits pass on the test's clock and which answers
/// queries while the link is up.
@MainActor
@Suite struct SilentLinkTests {
    func harness(limit: TimeInterval? = 300, idle: TimeInterval = 600) throws -> (Harness, SimulatedWaitTerminal) {
        var simulated: SimulatedWaitTerminal?
        let h = try Harness(idleLimit: idle, silentLinkLimit: limit, around: { terminal, clock in
            let terminal = SimulatedWaitTerminal(around: terminal, clock: clock)
            simulated = terminal
            return terminal
        })
        return (h, try #require(simulated))
    }

    func lockTimes(_ h: Harness) -> [TimeInterval] {
        h.database.auditEvents().filter { $0.action == .lock }.map { $0.at.timeIntervalSince(Harness.demoNow) }
    }

    @Test func anUnansweredQueryLocksThenTheSessionEnds() throws {
        let (h, terminal) = try harness()
        // The link is up for two and a half minutes, then silent.
        terminal.answering = { $0.timeIntervalSince(Harness.demoNow) < 150 }
        terminal.runFor(seconds: 3_600)
        h.app.run()
        let ended = h.clock.now().timeIntervalSince(Harness.demoNow)
        // Asked at start and after each quiet minute; the query near 180 s is not answered, so the
        // screen locks 300 s later and the session ends 600 s after that.
        let lastAnswered = terminal.asked.map { $0.timeIntervalSince(Harness.demoNow) }.filter { $0 < 150 }.last ?? 0
        let unanswered = try #require(terminal.asked.map { $0.timeIntervalSince(Harness.demoNow) }.first { $0 >= 150 })
        #expect(unanswered >= lastAnswered + 60 && unanswered <= lastAnswered + 61)
        let locks = lockTimes(h)
        #expect(locks.count == 1)
        #expect(abs((locks.first ?? 0) - (unanswered + 300)) < 1, "locked \(locks) after the query at \(unanswered)")
        #expect(abs(ended - (unanswered + 300 + 600)) < 1, "ended at \(ended)")
        #expect(h.screen.contains("has not answered for 5 minutes"))
        #expect(h.app.state.quitRequested)
    }

    @Test func aFormKeepsWhatWasTypedBehindTheSilentLock() throws {
        let (h, terminal) = try harness()
        h.press(.char("n"), .tab, .tab, .tab)
        h.type("half a synthetic note")
        terminal.answering = { $0.timeIntervalSince(Harness.demoNow) < 30 }
        terminal.runFor(seconds: 500)
        h.app.run()
        #expect(h.locked)
        #expect(!h.screen.contains("half a synthetic note"))
        #expect(h.app.state.screens.contains { ($0 as? FormScreen)?.value(of: "summary") == "half a synthetic note" })
    }

    @Test func aTerminalThatAnswersKeepsTheSessionUntilTheIdleLock() throws {
        let (h, terminal) = try harness()
        terminal.runFor(seconds: 1_500)
        h.app.run()
        let locks = lockTimes(h)
        #expect(locks.count == 1)
        #expect(abs((locks.first ?? 0) - 600) < 1, "the idle lock at 10 minutes, nothing sooner")
        #expect(h.screen.contains("Locked after 10 minutes"))
        #expect(h.clock.now().timeIntervalSince(Harness.demoNow) >= 1_500, "still running: the link is up")
    }

    @Test func aTerminalThatNeverAnsweredIsNotJudgedBySilence() throws {
        let (h, terminal) = try harness()
        terminal.answering = { _ in false }
        terminal.runFor(seconds: 1_500)
        h.app.run()
        #expect(lockTimes(h).map { abs($0 - 600) < 1 } == [true], "only the idle lock")
        #expect(h.clock.now().timeIntervalSince(Harness.demoNow) >= 1_500)
    }

    @Test func theWatchCanBeTurnedOff() throws {
        let (h, terminal) = try harness(limit: nil)
        terminal.answering = { $0.timeIntervalSince(Harness.demoNow) < 1 }
        terminal.runFor(seconds: 1_500)
        h.app.run()
        #expect(terminal.asked.isEmpty, "no query sent")
        #expect(lockTimes(h).map { abs($0 - 600) < 1 } == [true])
    }

    @Test func atSignInASilentLinkEndsTheProgram() throws {
        let clock = TestClock(Harness.demoNow)
        let terminal = SimulatedWaitTerminal(around: HeadlessTerminal(size: Size(width: 80, height: 24)), clock: clock)
        terminal.answering = { $0.timeIntervalSince(Harness.demoNow) < 10 }
        let login = LoginFlow(
            accounts: [AccountChoice(accountName: "demo-cp", role: .childProtection)], unit: "KEN", terminal: terminal,
            theme: .default, clock: clock, silentLinkLimit: 300) { _, _ in throw CancellationError() }
        terminal.runFor(seconds: 3_600)
        #expect(login.run() == nil)
        let ended = clock.now().timeIntervalSince(Harness.demoNow)
        #expect(abs(ended - 360) < 1, "asked after a quiet minute, gone 300 s later: ended at \(ended)")
    }
}
