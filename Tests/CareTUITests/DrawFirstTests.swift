import CareDomain
@testable import CareTUI
import Foundation
import Testing
import TextUI

/// Draw first, finish after: the open builds the rows, the alerts and their split before the
/// first frame, and leaves when each child's alerts next change (`AlertSchedule`) and the
/// referral queue for the loop's next turn (`Dashboard.finishBuilding`). Until then what the
/// dashboard shows must be what a whole one shows, and a tick, a save, another session's
/// change or a key must come out as they would after the build.
@MainActor
@Suite struct DrawFirstTests {
    static let size = Size(width: 120, height: 32)

    /// An app as `care` makes one at sign-in, before its first frame: not stepped.
    func unsteppedApp(user: String = "demo-cp", database: MemoryDatabase) throws -> (App, HeadlessTerminal, TestClock, any CaseStore) {
        let clock = TestClock(Harness.demoNow)
        let store = try InMemoryCaseStore(database: database, account: user, passphrase: Harness.passphrase, clock: clock)
        let terminal = HeadlessTerminal(size: Self.size)
        let app = try App(store: store, terminal: terminal, theme: .default, clock: clock,
                          settings: AppSettings(idleLimit: 90 * 86_400, handoverFolder: FileManager.default.temporaryDirectory.path, settleTime: 0))
        return (app, terminal, clock, store)
    }

    /// A dashboard as the open builds it from `snapshot` at `now`: the alert times and the queue
    /// not built yet.
    func openedDashboard(_ snapshot: CaseloadSnapshot, worker: Worker, at now: Date) -> Dashboard {
        Dashboard(snapshot: snapshot, worker: worker, unitCode: "TST", now: now, zone: .gmt, thresholds: .standard, masked: false)
    }

    /// A signed-in app's store read as the open reads it, with its worker and the clock's time.
    func signedIn() throws -> (h: Harness, snapshot: CaseloadSnapshot, worker: Worker, now: Date) {
        let h = try Harness(children: 120)
        return (h, try h.store.loadCaseload(), h.app.state.worker, h.clock.now())
    }

    func wholeDashboard(_ snapshot: CaseloadSnapshot, worker: Worker, at now: Date) -> Dashboard {
        var dashboard = openedDashboard(snapshot, worker: worker, at: now)
        dashboard.finishBuilding()
        return dashboard
    }

    /// What differs between two dashboards in what they show and keep: rows, counts, alerts and
    /// their split, the queue (when both are built) and the alert times (when `schedule`).
    static func differences(_ kept: Dashboard, _ expected: Dashboard, schedule: Bool = true) -> [String] {
        var failures: [String] = []
        if kept.snapshot != expected.snapshot { failures.append("the snapshot") }
        if kept.allRows != expected.allRows { failures.append("the rows") }
        if Array(kept.rows).map(\.id) != Array(expected.rows).map(\.id) { failures.append("the listed rows") }
        if kept.openCount != expected.openCount { failures.append("the open count \(kept.openCount) vs \(expected.openCount)") }
        if kept.allAlerts != expected.allAlerts {
            failures.append("the alerts: \(Set(kept.allAlerts).symmetricDifference(expected.allAlerts).map(\.id).sorted())")
        }
        if kept.alertVisibility != expected.alertVisibility { failures.append("the alerts' split") }
        if kept.alertCounts != expected.alertCounts { failures.append("the alert counts \(kept.alertCounts) vs \(expected.alertCounts)") }
        if kept.isBuilt, expected.isBuilt {
            if kept.queue != expected.queue { failures.append("the referral queue") }
            if kept.queueCounts != expected.queueCounts { failures.append("the queue counts \(kept.queueCounts) vs \(expected.queueCounts)") }
            if kept.funnel != expected.funnel { failures.append("the funnel") }
        }
        if schedule {
            let a = kept.alertTimes, b = expected.alertTimes
            if a.children != b.children {
                let differing = Set(a.children.keys).union(b.children.keys).filter { a.children[$0] != b.children[$0] }
                failures.append("the alert times of \(differing.count) children")
            }
            if a.next != b.next { failures.append("the soonest alert time \(a.next) vs \(b.next)") }
        }
        return failures
    }

    @Test("the first frame shows the caseload, the counts and the alerts a whole dashboard shows, and says the queue is being built")
    func theFirstFrameShowsWhatAWholeDashboardShows() throws {
        let (app, terminal, _, _) = try unsteppedApp(database: Harness.makeDatabase(children: 120))
        #expect(!app.state.dashboard.isBuilt, "the open left the alert times and the queue for the next turn")
        app.drawFirstFrame()
        let first = terminal.screen.lines()
        let opened = app.state.dashboard
        #expect(first.joined(separator: "\n").contains(ReferralQueuePane.building))

        app.step(timeoutMilliseconds: 0)
        #expect(app.state.dashboard.isBuilt)
        let whole = app.state.dashboard
        #expect(Self.differences(opened, whole, schedule: false).isEmpty, "\(Self.differences(opened, whole, schedule: false))")
        #expect(!whole.queue.isEmpty, "the demo unit has referrals to list")
        let second = terminal.screen.lines()
        #expect(!second.joined(separator: "\n").contains(ReferralQueuePane.building))

        // Cell for cell, everything outside the referral pane is the same in both frames.
        let referrals = try #require(MainScreen.paneAreas(size: Self.size, focus: whole.focus)[.referrals])
        for y in 0..<Self.size.height {
            let inPane = (referrals.y..<referrals.bottom).contains(y)
            let a = inPane ? Self.outside(referrals, line: first[y]) : first[y]
            let b = inPane ? Self.outside(referrals, line: second[y]) : second[y]
            #expect(a == b, "line \(y) differs:\n\(first[y])\n\(second[y])")
        }

        // Every child missing now is listed and alerted on from the first frame.
        let missing = opened.snapshot.children.filter { opened.snapshot.openEpisode(of: $0.id) != nil }.map(\.id)
        #expect(!missing.isEmpty, "the demo unit has children missing now")
        let listed = Set(Array(opened.rows).map(\.id))
        let alerted = Set(opened.alerts.compactMap(\.child))
        for child in missing {
            #expect(listed.contains(child) && alerted.contains(child), "\(child.rawValue) is missing now and not shown")
        }
    }

    static func outside(_ pane: Rect, line: String) -> String {
        let characters = Array(line)
        return String(characters.prefix(pane.x)) + String(characters.dropFirst(pane.right))
    }

    @Test("the alert times built after the first frame equal a whole build's, from the moment the alerts were evaluated")
    func theScheduleBuiltAfterTheFirstFrameEqualsAWholeBuild() throws {
        let (_, snapshot, worker, now) = try signedIn()
        var opened = openedDashboard(snapshot, worker: worker, at: now)
        // What the app does before the build: the last handover and the pattern alerts come in
        // (later, here past midnight), moving the dashboard's clock without evaluating the
        // children's alerts again.
        opened.setLastHandover(nil, now: now.addingTimeInterval(3 * 3_600))
        opened.setPatternAlerts([], now: now.addingTimeInterval(3 * 3_600))
        #expect(opened.alertTimes.children.isEmpty, "nothing scheduled before the build")
        opened.finishBuilding()
        let expected = wholeDashboard(snapshot, worker: worker, at: now)
        #expect(expected.alertTimes.children.count >= snapshot.children.count)
        let failures = Self.differences(opened, expected)
        #expect(failures.isEmpty, "\(failures)")
        // Built from the later moment instead, the times would differ: the test can tell.
        let later = wholeDashboard(snapshot, worker: worker, at: now.addingTimeInterval(3 * 3_600))
        #expect(later.alertTimes.children != expected.alertTimes.children)
    }

    @Test("a tick before the build gives what it gives after it, and every alert due by then", arguments: [60, 10_800, 108_000] as [TimeInterval])
    func aTickBeforeTheBuildGivesWhatItGivesAfter(seconds: TimeInterval) throws {
        let (_, snapshot, worker, now) = try signedIn()
        let later = now.addingTimeInterval(seconds)
        var early = openedDashboard(snapshot, worker: worker, at: now)
        var built = wholeDashboard(snapshot, worker: worker, at: now)
        early.advance(to: later)
        built.advance(to: later)
        #expect(early.isBuilt)
        let failures = Self.differences(early, built)
        #expect(failures.isEmpty, "\(failures)")
        // And both are what evaluating every rule afresh says now.
        let fresh = AlertRules.evaluate(snapshot: snapshot, now: later, thresholds: .standard, handover: nil, zone: .gmt)
        #expect(early.allAlerts == fresh)
        if seconds > 3_600 {
            let before = AlertRules.evaluate(snapshot: snapshot, now: now, thresholds: .standard, handover: nil, zone: .gmt)
            #expect(before != fresh, "the alerts move on over \(seconds) s, so a tick that skipped them would be seen")
        }
    }

    @Test("a save before the build gives what it gives after it", arguments: [0, 1, 2])
    func aSaveBeforeTheBuildGivesWhatItGivesAfter(kind: Int) throws {
        let (h, snapshot, worker, now) = try signedIn()
        var early = openedDashboard(snapshot, worker: worker, at: now)
        var built = wholeDashboard(snapshot, worker: worker, at: now)
        let child = try #require(snapshot.children.first { $0.isOpen && snapshot.openEpisode(of: $0.id) == nil })
        let command: CaseCommand = switch kind {
        case 0:
            // A referral: the queue, its counts and the funnel change.
            .submitNewReferral(Referral(child: child.id, service: try #require(snapshot.services.first).id, reason: "Synthetic reason",
                                        priority: .urgent, consent: .init(state: .given, by: "youth", at: now), createdBy: worker.id, createdAt: now))
        case 1:
            // A child reported missing: their row, their alerts and their alert time change.
            .reportMissing(MissingEpisode(child: child.id, reportedMissingAt: now, lastSeenAt: now.addingTimeInterval(-3_600),
                                          lastSeenPlace: "Test bus depot"))
        default:
            .logContact(Contact(child: child.id, occurredAt: now, author: worker.id, kind: .phone, location: "Test office", summary: "Synthetic note"))
        }
        let outcome = try h.store.perform(command)
        let saved = now.addingTimeInterval(60)
        early.apply(saved: outcome.saved, now: saved)
        built.apply(saved: outcome.saved, now: saved)
        #expect(early.isBuilt)
        let failures = Self.differences(early, built)
        #expect(failures.isEmpty, "\(failures)")
        // The kept dashboard is what the store holds now.
        let fresh = wholeDashboard(try h.store.loadCaseload(), worker: worker, at: saved)
        let againstStore = Self.differences(early, fresh, schedule: false)
        #expect(againstStore.isEmpty, "\(againstStore)")
    }

    @Test("another session's change read before the build gives what it gives after it")
    func anotherSessionsChangeBeforeTheBuild() throws {
        let h = try Harness(children: 120)
        let other = try Harness(user: "demo-supervisor", database: h.database)
        let snapshot = try h.store.loadCaseload()
        let worker = h.app.state.worker
        let now = h.clock.now()
        var early = openedDashboard(snapshot, worker: worker, at: now)
        var built = wholeDashboard(snapshot, worker: worker, at: now)
        let child = try #require(snapshot.children.first { $0.isOpen && snapshot.openEpisode(of: $0.id) == nil })
        _ = try other.store.perform(.reportMissing(MissingEpisode(child: child.id, reportedMissingAt: now, lastSeenAt: now.addingTimeInterval(-600),
                                                                  lastSeenPlace: "Test bus depot")))
        let patch = try h.store.loadPatch(children: [child.id], catalogue: false)
        early.apply(patch, now: now)
        built.apply(patch, now: now)
        let failures = Self.differences(early, built)
        #expect(failures.isEmpty, "\(failures)")
        #expect(early.alerts.contains { $0.child == child.id }, "the child reported missing by another session is alerted on")
    }

    @Test("children taken out of the caseload leave every other child its alert time, through the clock too")
    func childrenGoneLeaveTheOthersTheirAlertTimes() throws {
        let (_, snapshot, worker, now) = try signedIn()
        var kept = wholeDashboard(snapshot, worker: worker, at: now)
        // Two children gone (a patch naming them without their records), in the middle of the rows.
        let gone = [snapshot.children[10].id, snapshot.children[40].id]
        kept.apply(SnapshotPatch(children: Set(gone), part: CaseloadSnapshot(), includesCatalogue: false), now: now)
        var after = snapshot
        after.children.removeAll { gone.contains($0.id) }
        for id in gone {
            after.lastContact[id] = nil
            after.episodes[id] = nil
            after.openIndicators[id] = nil
            after.plans[id] = nil
        }
        after.referrals.removeAll { gone.contains($0.child) }
        after.appointments.removeAll { gone.contains($0.child) }
        var failures = Self.differences(kept, wholeDashboard(after, worker: worker, at: now), schedule: false)
        // Rows keep their places apart from the two taken out, so the times are compared by child.
        let expected = wholeDashboard(after, worker: worker, at: now).alertTimes
        if kept.alertTimes.children != expected.children { failures.append("the alert times after children went") }
        #expect(failures.isEmpty, "\(failures)")
        // A day later every child due has moved on, each found by its own row.
        let later = now.addingTimeInterval(86_400)
        kept.advance(to: later)
        let fresh = wholeDashboard(after, worker: worker, at: later)
        #expect(Set(kept.allAlerts) == Set(fresh.allAlerts))
        #expect(kept.alertTimes.children == fresh.alertTimes.children)
        #expect(kept.alertTimes.next == fresh.alertTimes.next)
    }

    @Test("a key pressed before the build acts on the whole referral queue")
    func aKeyBeforeTheBuildActsOnTheWholeQueue() throws {
        // A liaison signs in to the queue: what awaits their review.
        let (app, _, _, store) = try unsteppedApp(user: "demo-liaison", database: Harness.makeDatabase(children: 120))
        #expect(app.state.dashboard.focus == .referrals && !app.state.dashboard.isBuilt)
        let expected = wholeDashboard(try store.loadCaseload(), worker: app.state.worker, at: app.state.now)
        try #require(expected.queue.count >= 2, "the liaison has referrals to move through")
        // On a queue not built yet, `j` would have nothing to move to.
        app.dispatch(.key(.char("j")))
        #expect(app.state.dashboard.isBuilt)
        #expect(app.state.dashboard.queue == expected.queue)
        #expect(app.state.dashboard.referralScroll.selection == 1)
        #expect(app.state.dashboard.selectedReferral == expected.queue[1])
    }

    @Test("the frame a save before the build draws shows the whole queue")
    func aSaveDispatchedBeforeTheFirstTurn() throws {
        let (app, terminal, clock, store) = try unsteppedApp(database: Harness.makeDatabase(children: 120))
        app.drawFirstFrame()
        let dashboard = app.state.dashboard
        let child = try #require(dashboard.snapshot.children.first { $0.isOpen })
        let now = clock.now()
        let referral = Referral(child: child.id, service: try #require(dashboard.snapshot.services.first).id, reason: "Synthetic reason",
                                priority: .urgent, consent: .init(state: .given, by: "youth", at: now), createdBy: app.state.worker.id, createdAt: now)
        let command = CaseCommand.createReferral(referral)
        let outcome = try store.perform(command)
        app.dispatch(.commandFinished(origin: nil, command, .success(outcome)))
        #expect(app.state.dashboard.isBuilt)
        #expect(app.state.dashboard.snapshot.referrals.contains { $0.id == referral.id })
        let fresh = wholeDashboard(try store.loadCaseload(), worker: app.state.worker, at: now)
        #expect(app.state.dashboard.queueCounts == fresh.queueCounts)
        #expect(app.state.dashboard.funnel == fresh.funnel)
        app.step(timeoutMilliseconds: 0)
        #expect(!terminal.screen.lines().joined(separator: "\n").contains(ReferralQueuePane.building))
    }
}
