import CareDomain
@testable import CareTUI
import Foundation
import Testing
import TextUI

/// A save refreshes only what it changed (`Dashboard.refresh`): the changed child's row moved
/// into place in each kept sort order and filter result, its alerts and alert time worked out
/// again, the queue and the counts gaining and losing only its referrals. Whatever sequence of
/// saves this session and another make, what the dashboard holds must equal a dashboard built
/// from scratch from the store at the same moment.
@MainActor
@Suite struct DashboardRefreshPropertyTests {
    /// Seeded, so a failure names a step that can be replayed. The watching session is a child
    /// protection worker or a liaison (whose queue depends on the children's liaisons).
    @Test(arguments: [(UInt64(1), "demo-cp"), (2, "demo-liaison"), (3, "demo-cp"), (4, "demo-liaison"), (5, "demo-supervisor")])
    func incrementalRefreshEqualsAFullRebuild(seed: UInt64, user: String) throws {
        let h = try Harness(user: user, idleLimit: 90 * 86_400)
        let other = try Harness(user: "demo-supervisor", database: h.database, idleLimit: 90 * 86_400)
        var stream = SeededRandom(seed: seed)
        var saved = (own: 0, others: 0)
        for step in 0..<70 {
            let gap = TimeInterval(stream.int(1...40) * 60)
            h.clock.advance(by: gap)
            other.clock.advance(by: gap)
            other.tick()
            // Mostly this session's own saves (applied from the outcome, as the app does), else
            // another session's, which arrive through the change feed at the next turn.
            let own = stream.int(0...2) != 0
            let session = own ? h : other
            if let command = Self.randomCommand(&stream, in: session), let outcome = try? session.store.perform(command) {
                if own {
                    saved.own += 1
                    h.app.dispatch(.commandFinished(origin: nil, command, .success(outcome)))
                } else {
                    saved.others += 1
                }
            }
            h.tick()
            let failures = try Self.differences(h, step: step)
            #expect(failures.isEmpty, "seed \(seed), \(user), step \(step): \(failures.joined(separator: "; "))")
            if !failures.isEmpty { return }
        }
        // The sequence exercised both paths, not only refused commands.
        #expect(saved.own >= 25 && saved.others >= 8, "seed \(seed): \(saved)")
    }

    /// One save a person could make on a random child of the caseload: a contact, a changed
    /// risk level or liaison, a missing episode opened or closed, a referral drafted or moved
    /// on, an alert acknowledged or snoozed, now and then a new child. Nil when the child has
    /// nothing to act on; a command the store refuses changes nothing.
    static func randomCommand(_ stream: inout SeededRandom, in session: Harness) -> CaseCommand? {
        let snapshot = session.dashboard.snapshot
        let open = snapshot.children.filter(\.isOpen)
        guard !open.isEmpty else { return nil }
        let child = open[stream.int(0...(open.count - 1))]
        let me = session.app.state.worker.id
        let now = session.clock.now()
        switch stream.int(0...11) {
        case 0...2:
            return .logContact(Contact(child: child.id, occurredAt: now, author: me, kind: .phone, location: "Test office",
                                       summary: "Synthetic note \(stream.int(0...999))"))
        case 3:
            guard var record = session.record(of: child.id) else { return nil }
            record.riskLevel = RiskLevel.allCases[stream.int(0...(RiskLevel.allCases.count - 1))]
            return .updateChild(record)
        case 4:
            guard var record = session.record(of: child.id), !snapshot.workers.isEmpty else { return nil }
            record.team.liaison = stream.int(0...2) == 0 ? nil : snapshot.workers[stream.int(0...(snapshot.workers.count - 1))].id
            return .updateChild(record)
        case 5:
            if var episode = snapshot.openEpisode(of: child.id) {
                episode.located = .init(at: now, place: "Test plaza (synthetic)", returnedTo: "Demo Group Home A")
                return .updateMissingEpisode(episode)
            }
            return .reportMissing(MissingEpisode(child: child.id, reportedMissingAt: now, lastSeenAt: now.addingTimeInterval(-3_600),
                                                 lastSeenPlace: "Test bus depot"))
        case 6:
            guard !snapshot.services.isEmpty else { return nil }
            let service = snapshot.services[stream.int(0...(snapshot.services.count - 1))]
            let referral = Referral(child: child.id, service: service.id, reason: "Synthetic reason",
                                    priority: stream.int(0...1) == 0 ? .urgent : .routine,
                                    consent: .init(state: .given, by: "youth", at: now), createdBy: me, createdAt: now)
            return stream.int(0...1) == 0 ? .createReferral(referral) : .submitNewReferral(referral)
        case 7:
            let theirs = snapshot.referrals.filter { $0.child == child.id }
            guard !theirs.isEmpty else { return nil }
            let referral = theirs[stream.int(0...(theirs.count - 1))]
            let steps: [ReferralCommand] = [.submit, .overrideApprove(reason: "Synthetic override"), .send, .accept, .start, .complete,
                                            .decline(reason: "Synthetic")]
            return .applyReferral(referral.id, steps[stream.int(0...(steps.count - 1))])
        case 8, 9:
            let alerts = session.dashboard.allAlerts.filter { $0.child != nil }
            guard !alerts.isEmpty else { return nil }
            let alert = alerts[stream.int(0...(alerts.count - 1))]
            if stream.int(0...1) == 0 {
                return .acknowledgeAlert(alertID: alert.id, child: alert.child, since: alert.since, note: "Synthetic answer")
            }
            return .snoozeAlert(alertID: alert.id, child: alert.child, since: alert.since,
                                until: now.addingTimeInterval(TimeInterval(stream.int(2...90) * 60)), note: "Synthetic snooze")
        case 10:
            guard var record = session.record(of: child.id) else { return nil }
            record.indigenousIdentity = stream.int(0...1) == 0 ? .unknown : record.indigenousIdentity
            record.preferredName = ["Ava Test", "Zed Example", "", "Mia Sample"][stream.int(0...3)]
            return .updateChild(record)
        default:
            guard stream.int(0...2) == 0, let record = session.record(of: child.id) else { return nil }
            var copy = record
            copy.id = .make()
            copy.version = 0
            copy.flags = []
            copy.legalName = "New Test Child \(stream.int(0...999))"
            return .createChild(copy)
        }
    }

    /// What differs between the session's dashboard and one built from scratch from its store
    /// now: the snapshot, every row, the list under each sort and some filters, the counts,
    /// the alerts and their split, the referral queue and its counts.
    static func differences(_ h: Harness, step: Int) throws -> [String] {
        var failures: [String] = []
        let state = h.app.state
        var full = Dashboard(snapshot: try h.store.loadCaseload(), worker: state.worker, unitCode: state.unit.code, now: state.now,
                             zone: state.unit.timeZone, thresholds: state.settings.thresholds, masked: false)
        full.setLastHandover(state.dashboard.lastHandover, now: state.now)
        // Read apart from the snapshot (a supervisor's), like the last handover.
        full.setPatternAlerts(state.dashboard.patternAlerts, now: state.now)
        full.showReferrals(state.dashboard.referralView)
        let kept = state.dashboard
        if kept.snapshot != full.snapshot { failures.append("the snapshot differs") }
        let keptRows = Dictionary(kept.allRows.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let fullRows = Dictionary(full.allRows.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        if kept.allRows.count != full.allRows.count || keptRows != fullRows { failures.append("the rows differ") }
        if kept.openCount != full.openCount { failures.append("open count \(kept.openCount) vs \(full.openCount)") }
        if kept.allAlerts != full.allAlerts {
            failures.append("alerts differ: \(Set(kept.allAlerts).symmetricDifference(full.allAlerts).map(\.id).sorted())")
        }
        if kept.alertVisibility != full.alertVisibility {
            let k = kept.alertVisibility, f = full.alertVisibility
            failures.append("the alerts' split differs: shown \(Set(k.shown).symmetricDifference(f.shown).map { "\($0.id) \($0.rule) \($0.child?.rawValue ?? "-")" }), hidden \(Set(k.hidden).symmetricDifference(f.hidden).map(\.id))")
        }
        if kept.alertCounts != full.alertCounts { failures.append("alert counts \(kept.alertCounts) vs \(full.alertCounts)") }
        if kept.queue != full.queue { failures.append("the referral queue differs") }
        if kept.queueCounts != full.queueCounts { failures.append("queue counts \(kept.queueCounts) vs \(full.queueCounts)") }
        if kept.funnel != full.funnel { failures.append("the funnel differs") }

        // The lists under each sort and a few filters, typed forward as a person would so the
        // kept results are narrowed; then back to what the session showed.
        let shown = kept.query
        for sort in CaseloadQuery.Sort.allCases {
            for text in ["", "a", "ar", "e"] {
                var query = CaseloadQuery(text: text, sort: sort, includeClosed: text == "e")
                if step % 3 == 0 { query.toggle(.highAndCritical) }
                h.app.state.dashboard.query = query
                h.app.state.dashboard.applyQuery()
                full.query = query
                full.applyQuery()
                let keptIDs = h.app.state.dashboard.rows.map(\.id), fullIDs = full.rows.map(\.id)
                if keptIDs != fullIDs { failures.append("the list sorted by \(sort) filtered by \"\(text)\" differs") }
            }
        }
        h.app.state.dashboard.query = shown
        h.app.state.dashboard.applyQuery()
        return failures
    }
}
