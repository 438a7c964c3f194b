import CareDomain
import CareTUI
import Foundation
import Testing
import TextUI

/// The dashboard re-evaluates only the children whose alerts are due (`AlertSchedule`) and those
/// the change feed names. Whatever the clock and the other sessions do, what it shows must equal
/// evaluating every rule over the whole caseload from scratch.
@MainActor
@Suite struct AlertSchedulePropertyTests {
    static func describe(_ alerts: [Alert]) -> [String] {
        alerts.map { "\($0.id) \($0.severity) \($0.message)" }.sorted()
    }

    /// The clock re-splits only the children that are due, so a snooze's end must be one of the
    /// child's due times, at the instant `AlertResponse.answers` stops holding (`now < until`).
    @Test("a snoozed alert is back in the pane at the snooze's end, by the clock alone")
    func aSnoozedAlertComesBackWhenItsSnoozeEnds() throws {
        let h = try Harness(idleLimit: 90 * 86_400)
        let alert = try #require(h.dashboard.alertVisibility.shown.first { $0.rule == .referralNoResponse })
        let command = CaseCommand.snoozeAlert(alertID: alert.id, child: alert.child, since: alert.since,
                                              until: h.clock.now().addingTimeInterval(5 * 60), note: "Synthetic snooze")
        let outcome = try h.store.perform(command)
        h.app.dispatch(.commandFinished(origin: nil, command, .success(outcome)))
        h.tick()
        #expect(!h.dashboard.alertVisibility.shown.contains { $0.id == alert.id })
        h.clock.advance(by: 4 * 60)
        h.tick()
        #expect(!h.dashboard.alertVisibility.shown.contains { $0.id == alert.id })
        h.clock.advance(by: 60)
        h.tick()
        #expect(h.dashboard.alertVisibility.shown.contains { $0.id == alert.id })
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func incrementalAlertsEqualAFullEvaluation(seed: UInt64) throws {
        let h = try Harness(idleLimit: 90 * 86_400)
        let other = try Harness(user: "demo-police", database: h.database, idleLimit: 90 * 86_400)
        // Seeded, so a failure names a step that can be replayed.
        var stream = SeededRandom(seed: seed)
        for step in 0..<160 {
            // Mostly single minutes and short gaps; now and then hours, across shift changes and midnights.
            let gap: TimeInterval = switch stream.int(0...9) {
            case 0...4: 60
            case 5...7: TimeInterval(stream.int(2...90) * 60)
            default: TimeInterval(stream.int(2...14) * 3_600 + stream.int(0...59) * 60)
            }
            h.clock.advance(by: gap)
            other.clock.advance(by: gap)
            if stream.int(0...5) == 0 {
                // Another session changes a child: a contact, or a child located.
                let open = other.dashboard.snapshot.children.filter(\.isOpen)
                let child = open[stream.int(0...(open.count - 1))]
                if let episode = other.dashboard.snapshot.openEpisode(of: child.id) {
                    var located = episode
                    located.located = .init(at: other.clock.now(), place: "Test plaza (synthetic)", returnedTo: "Demo Group Home A")
                    _ = try other.store.perform(.updateMissingEpisode(located))
                } else {
                    _ = try other.store.perform(.logContact(Contact(child: child.id, occurredAt: other.clock.now(), author: other.app.state.worker.id,
                                                                    kind: .inPerson, location: "Test office", summary: "Synthetic note")))
                }
                other.tick()
            }
            h.tick()
            let now = h.clock.now()
            let full = AlertRules.evaluate(snapshot: h.dashboard.snapshot, now: now, thresholds: .standard,
                                           handover: h.dashboard.lastHandover, zone: .gmt)
            let shown = Self.describe(h.dashboard.allAlerts)
            let expected = Self.describe(full)
            let extra = Set(shown).subtracting(expected).sorted(), missing = Set(expected).subtracting(shown).sorted()
            #expect(shown == expected, "seed \(seed), step \(step), \(TimeText.format(now, zone: .gmt)): extra \(extra), missing \(missing)")
            if shown != expected { return }
        }
    }
}
