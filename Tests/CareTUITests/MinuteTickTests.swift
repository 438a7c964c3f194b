import CareDomain
import CareTUI
import Foundation
import Testing

/// The screen keeps time without a key press: durations and time-based alerts move on.
@MainActor
@Suite struct MinuteTickTests {
    @Test func timeBasedAlertsMoveOnWithoutAKeyPress() throws {
        let h = try Harness(idleLimit: 24 * 3_600)
        let now = Harness.demoNow
        // An open episode with no police report, last seen under two hours ago: its missing
        // alert must say "no police report" on its own once two hours have passed.
        let pending = h.dashboard.snapshot.episodes.values.joined().filter {
            $0.isOpen && $0.policeReport == nil && now.timeIntervalSince($0.lastSeenAt) < 2 * 3_600
        }
        let next = try #require(pending.map { $0.lastSeenAt.addingTimeInterval(2 * 3_600) }.min())
        let unmet = { h.dashboard.alerts.filter { $0.rule == .missingNow && $0.message.contains(" — no police report —") }.count }
        let before = unmet()
        h.clock.advance(by: next.timeIntervalSince(now) - 60)
        h.tick()
        #expect(unmet() == before, "not a minute early")
        h.clock.advance(by: 120)
        h.tick()
        let after = unmet()
        #expect(after == before + 1)
        #expect(h.screen.contains("4 Alerts (\(h.dashboard.alerts.count))"))
    }
}
