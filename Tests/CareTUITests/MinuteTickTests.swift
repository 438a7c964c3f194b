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
        // An open episode with no police report, reported under two hours ago: its
        // "police not told" alert must appear on its own once two hours have passed.
        let pending = h.dashboard.snapshot.episodes.values.joined().filter {
            $0.isOpen && $0.policeReport == nil && now.timeIntervalSince($0.reportedMissingAt) < 2 * 3_600
        }
        let next = try #require(pending.map { $0.reportedMissingAt.addingTimeInterval(2 * 3_600) }.min())
        let before = h.dashboard.alerts.filter { $0.rule == .missingPoliceNotTold }.count
        h.clock.advance(by: next.timeIntervalSince(now) - 60)
        h.tick()
        #expect(h.dashboard.alerts.filter { $0.rule == .missingPoliceNotTold }.count == before, "not a minute early")
        h.clock.advance(by: 120)
        h.tick()
        let after = h.dashboard.alerts.filter { $0.rule == .missingPoliceNotTold }.count
        #expect(after == before + 1)
        #expect(h.screen.contains("4 Alerts (\(h.dashboard.alerts.count))"))
    }
}
