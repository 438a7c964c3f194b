import Foundation
import Testing
@testable import CareDomain

/// Each time rule is checked one minute either side of its threshold.
@Suite("Alert rules")
struct AlertRulesTests {
    typealias F = Fixture
    static let justUnder = -F.minute
    static let justOver = F.minute

    func alerts(_ snapshot: CaseloadSnapshot, at now: Date = F.now, handover: HandoverState? = nil) -> [Alert] {
        AlertRules.evaluate(snapshot: snapshot, now: now, handover: handover, zone: .gmt)
    }

    func rules(_ snapshot: CaseloadSnapshot, at now: Date = F.now, handover: HandoverState? = nil) -> Set<AlertRule> {
        Set(alerts(snapshot, at: now, handover: handover).map(\.rule))
    }

    /// A child seen a moment ago, with a current plan, so only the rule under test can fire.
    func quiet(_ n: Int = 1, risk: RiskLevel = .medium, born: DayDate = DayDate(year: 2011, month: 5, day: 5), flags: [Flag] = []) -> (Child, CaseloadSnapshot) {
        let child = F.child(n, risk: risk, born: born, flags: flags)
        let plan = SafetyPlan(id: SafetyPlanID(rawValue: "p\(n)"), child: child.id, reviewBy: DayDate(year: 2027, month: 1, day: 1))
        return (child, CaseloadSnapshot(children: [ChildSummary(child)], lastContact: [child.id: F.now - F.hour], plans: [child.id: SafetyPlanSummary(plan)], workers: F.workers))
    }

    @Test("a quiet child raises nothing")
    func quietChild() {
        #expect(alerts(quiet().1).isEmpty)
    }

    @Test("an open episode is critical and says whether police were told")
    func missingNow() throws {
        var (child, snapshot) = quiet()
        snapshot.episodes[child.id] = [F.episode(child, lastSeen: F.now - 14 * F.hour, police: true)]
        let alert = try #require(alerts(snapshot).first)
        #expect(alert.rule == .missingNow)
        #expect(alert.severity == .critical)
        #expect(alert.message == "missing 14h — police occurrence TEST-0001 — no contact with placement")
        #expect(alert.id == "missing:e1")
        #expect(!rules(snapshot).contains(.missingPoliceNotTold))
    }

    /// One alert per episode (issue 20): past two hours from the time last seen with no police
    /// report, the missing alert says so and rises a level, so an earlier answer no longer holds.
    @Test("missing with no police report says so only after two hours", arguments: [(justUnder, false), (justOver, true)])
    func policeNotTold(offset: TimeInterval, fires: Bool) throws {
        var (child, snapshot) = quiet()
        snapshot.episodes[child.id] = [F.episode(child, lastSeen: F.now - 2 * F.hour - offset, reported: F.now - F.hour)]
        let missing = alerts(snapshot).filter { $0.severity == .critical }
        #expect(missing.count == 1 && missing.first?.rule == .missingNow)
        let alert = try #require(missing.first)
        #expect(alert.message.contains(" — no police report —") == fires, "\(alert.message)")
        #expect((alert.level > 0) == fires)
        #expect(!rules(snapshot).contains(.missingPoliceNotTold), "no second alert for the same child")
    }

    @Test("contact is overdue after the cadence of the risk level", arguments: RiskLevel.allCases)
    func contactOverdue(risk: RiskLevel) {
        let cadence = AlertThresholds.standard.cadence(for: risk)
        for (offset, fires) in [(Self.justUnder, false), (Self.justOver, true)] {
            var (child, snapshot) = quiet(risk: risk)
            snapshot.lastContact[child.id] = F.now - cadence - offset
            #expect(rules(snapshot).contains(.contactOverdue) == fires, "\(risk) at \(offset)")
        }
    }

    @Test("default cadences are the table's: 1, 2, 7 and 14 days")
    func cadences() {
        let t = AlertThresholds.standard
        #expect([t.cadence(for: .critical), t.cadence(for: .high), t.cadence(for: .medium), t.cadence(for: .low)]
            == [1, 2, 7, 14].map { Double($0) * F.day })
    }

    @Test("a missing child does not also raise contact overdue")
    func missingSuppressesContact() {
        var (child, snapshot) = quiet()
        snapshot.lastContact[child.id] = F.now - 30 * F.day
        snapshot.episodes[child.id] = [F.episode(child, lastSeen: F.now - F.hour, police: true)]
        #expect(!rules(snapshot).contains(.contactOverdue))
    }

    @Test("three episodes in 90 days below high risk is a pattern", arguments: [(justUnder, true), (justOver, false)])
    func repeatedMissing(offset: TimeInterval, fires: Bool) {
        var (child, snapshot) = quiet()
        let located = F.now - 5 * F.day
        snapshot.episodes[child.id] = [
            F.episode(child, lastSeen: F.now - 90 * F.day - offset, located: located, debriefed: true, id: "e1"),
            F.episode(child, lastSeen: F.now - 30 * F.day, located: located, debriefed: true, id: "e2"),
            F.episode(child, lastSeen: F.now - 10 * F.day, located: located, debriefed: true, id: "e3"),
        ]
        #expect(rules(snapshot).contains(.repeatedMissing) == fires)
        snapshot.children[0].riskLevel = .high
        #expect(!rules(snapshot).contains(.repeatedMissing))
    }

    @Test("a debrief is overdue 72 hours after the child was located", arguments: [(justUnder, false), (justOver, true)])
    func debriefOverdue(offset: TimeInterval, fires: Bool) {
        var (child, snapshot) = quiet()
        snapshot.episodes[child.id] = [F.episode(child, lastSeen: F.now - 5 * F.day, police: true, located: F.now - 72 * F.hour - offset)]
        #expect(rules(snapshot).contains(.debriefOverdue) == fires)
        snapshot.episodes[child.id] = [F.episode(child, lastSeen: F.now - 5 * F.day, police: true, located: F.now - 80 * F.hour, debriefed: true)]
        #expect(!rules(snapshot).contains(.debriefOverdue))
    }

    @Test("high and critical children need a plan; others do not", arguments: RiskLevel.allCases)
    func planMissing(risk: RiskLevel) {
        var (child, snapshot) = quiet(risk: risk)
        snapshot.plans[child.id] = nil
        #expect(rules(snapshot).contains(.safetyPlanDue) == (risk >= .high))
    }

    @Test("a plan is due the day after its review date", arguments: [(justUnder, false), (justOver, true)])
    func planReviewPassed(offset: TimeInterval, fires: Bool) {
        var (child, snapshot) = quiet(risk: .low)
        snapshot.plans[child.id]?.reviewBy = DayDate(year: 2026, month: 11, day: 22)
        let midnight = F.today.startOfDay(in: .gmt)!
        #expect(rules(snapshot, at: midnight + offset).contains(.safetyPlanDue) == fires)
    }

    @Test("a referral awaiting review over two days", arguments: [(justUnder, false), (justOver, true)])
    func awaitingReview(offset: TimeInterval, fires: Bool) {
        var (child, snapshot) = quiet()
        snapshot.services = [F.service()]
        snapshot.referrals = [F.referral(child, F.service(), status: .awaitingReview, since: F.now - 2 * F.day - offset)]
        #expect(rules(snapshot).contains(.referralAwaitingReview) == fires)
    }

    @Test("a referral sent over seven days ago with no response", arguments: [(justUnder, false), (justOver, true)])
    func noResponse(offset: TimeInterval, fires: Bool) {
        var (child, snapshot) = quiet()
        snapshot.services = [F.service()]
        snapshot.referrals = [F.referral(child, F.service(), status: .sent, since: F.now - 7 * F.day - offset)]
        let found = alerts(snapshot).first { $0.rule == .referralNoResponse }
        #expect((found != nil) == fires)
        #expect(found.map { $0.severity == .info } ?? true)
        snapshot.referrals[0].status = .waitlisted
        #expect(!rules(snapshot).contains(.referralNoResponse))
    }

    @Test("aging out: an 18th birthday within 90 days", arguments: [(justUnder, false), (justOver, true)])
    func agingOutBoundary(offset: TimeInterval, fires: Bool) {
        // Born 2009-02-22: 18 on 2027-02-22, which is 91 days after 2026-11-23 and 90 after the 24th.
        let (_, snapshot) = quiet(born: DayDate(year: 2009, month: 2, day: 22))
        let midnight = DayDate(year: 2026, month: 11, day: 24).startOfDay(in: .gmt)!
        #expect(rules(snapshot, at: midnight + offset).contains(.agingOut) == fires)
    }

    @Test("a Youth-In-Transition referral silences aging out unless declined or withdrawn", arguments: Referral.Status.allCases)
    func agingOutReferral(status: Referral.Status) {
        var (child, snapshot) = quiet(born: DayDate(year: 2009, month: 1, day: 10))
        let transition = F.service(.youthInTransition, id: "yit")
        snapshot.services = [transition, F.service()]
        snapshot.referrals = [F.referral(child, transition, status: status, since: F.now - F.hour)]
        #expect(rules(snapshot).contains(.agingOut) == (status == .declined || status == .withdrawn))
        snapshot.referrals = [F.referral(child, F.service(), status: .active, since: F.now - F.hour)]
        #expect(rules(snapshot).contains(.agingOut))
    }

    @Test("court within seven days, not after and not past", arguments: [(justUnder, true), (justOver, false)])
    func courtSoon(offset: TimeInterval, fires: Bool) {
        var (child, snapshot) = quiet()
        snapshot.appointments = [Appointment(child: child.id, kind: .court, at: F.now + 7 * F.day + offset)]
        #expect(rules(snapshot).contains(.courtSoon) == fires)
        snapshot.appointments = [Appointment(child: child.id, kind: .court, at: F.now - F.minute),
                                 Appointment(child: child.id, kind: .medical, at: F.now + F.day)]
        #expect(!rules(snapshot).contains(.courtSoon))
    }

    @Test("a handover not acknowledged an hour into the incoming shift", arguments: [(justUnder, false), (justOver, true)])
    func handover(offset: TimeInterval, fires: Bool) {
        let (first, snapshot) = quiet()
        let second = F.child(2)
        // The outgoing shift ended (and the incoming one began) an hour ago, give or take a minute.
        let end = F.now - F.hour - offset
        let handover = Handover(shiftStart: end - 12 * F.hour, shiftEnd: end, entries: [
            .init(child: first.id, severity: .watch), .init(child: second.id, severity: .urgent),
        ])
        var state = HandoverState(handover: handover, acknowledgements: [
            HandoverAcknowledgement(handover: handover.id, child: first.id, by: F.cp.id, at: end),
        ])
        #expect(rules(snapshot, handover: state).contains(.handoverNotAcknowledged) == fires)
        state.acknowledgements.append(HandoverAcknowledgement(handover: handover.id, child: second.id, by: F.police.id, at: F.now))
        #expect(!rules(snapshot, handover: state).contains(.handoverNotAcknowledged))
    }

    @Test("the handover alert ends with the incoming shift")
    func handoverAlertEnds() {
        let (child, snapshot) = quiet()
        let end = F.now - 12 * F.hour - F.minute
        let handover = Handover(shiftStart: end - 12 * F.hour, shiftEnd: end, entries: [.init(child: child.id, severity: .watch)])
        #expect(!rules(snapshot, handover: HandoverState(handover: handover, acknowledgements: [])).contains(.handoverNotAcknowledged))
        #expect(rules(snapshot, at: F.now - 2 * F.minute, handover: HandoverState(handover: handover, acknowledgements: []))
            .contains(.handoverNotAcknowledged))
    }

    @Test("a manual flag raises an alert at its own severity until removed")
    func flags() throws {
        let flag = Flag(id: FlagID(rawValue: "f1"), text: "Do not approach at school — test flag", severity: .critical, setBy: F.cp.id, setAt: F.now - F.day)
        var (child, snapshot) = quiet(flags: [flag])
        let alert = try #require(alerts(snapshot).first)
        #expect(alert.rule == .flag && alert.severity == .critical && alert.message == flag.text && alert.id == "flag:f1")
        child.flags[0].removal = .init(by: F.supervisor.id, at: F.now, reason: "resolved")
        snapshot.children[0] = ChildSummary(child)
        #expect(alerts(snapshot).isEmpty)
    }

    /// A closed case raises nothing (no plan due, no court, no contact overdue), except that a
    /// child closed while missing (a supervisor closed over the episode) keeps the missing alert.
    @Test("closed cases raise nothing but the missing alert of a child missing now")
    func closedCases() {
        var (child, snapshot) = quiet(risk: .critical)
        snapshot.plans = [:]
        snapshot.lastContact = [:]
        snapshot.episodes[child.id] = [F.episode(child, lastSeen: F.now - 5 * F.hour)]
        snapshot.appointments = [Appointment(child: child.id, kind: .court, at: F.now + F.day)]
        #expect(alerts(snapshot).count > 1)
        snapshot.children[0].closedOn = F.today
        #expect(alerts(snapshot).map(\.rule) == [.missingNow])
        snapshot.episodes = [:]
        #expect(alerts(snapshot).isEmpty)
    }

    /// A child whose own record does not open (only its id is left) while its missing episode
    /// does: the child used to drop out of the alerts altogether (5 critical became 4). Now the
    /// damage is a critical alert of its own, first, and the episode raises "missing now" as for
    /// any child, in the whole evaluation and in the one for the children a change touched.
    @Test("a child whose record does not open stays in the alerts: the damage, and a missing episode that opens")
    func unreadableChild() throws {
        let (other, base) = quiet(2)
        let damaged = F.child(1)
        var snapshot = base
        snapshot.damaged = [DamagedRecord(kind: RecordKind.child.rawValue, id: damaged.id.rawValue, child: damaged.id)]
        snapshot.episodes[damaged.id] = [F.episode(damaged, lastSeen: F.now - 14 * F.hour, police: true)]
        let found = alerts(snapshot)
        #expect(found.map(\.child) == [damaged.id, damaged.id], "the quiet child still raises nothing")
        #expect(found.map(\.severity) == [.critical, .critical])
        #expect(found.first?.message == "record does not open — run care check", "\(found)")
        #expect(found.contains { $0.rule == .missingNow && $0.message == "missing 14h — police occurrence TEST-0001 — no contact with placement" })
        let touched = AlertRules.evaluate(children: [damaged.id, other.id], snapshot: snapshot, now: F.now, zone: .gmt)
        #expect(touched == found)
    }

    @Test("critical first, then the longest-standing")
    func ordering() {
        var (child, snapshot) = quiet(risk: .critical)
        snapshot.lastContact[child.id] = F.now - 3 * F.day
        snapshot.plans = [:]
        let other = F.child(2, risk: .medium)
        snapshot.children.append(ChildSummary(other))
        snapshot.lastContact[other.id] = F.now - F.hour
        snapshot.episodes[other.id] = [F.episode(other, lastSeen: F.now - 5 * F.hour, id: "e2")]
        let list = alerts(snapshot)
        #expect(list.map(\.severity) == list.map(\.severity).sorted(by: >))
        #expect(list.prefix(1).map(\.rule) == [.missingNow])
        #expect(list.filter { $0.severity == .critical }.count == 1, "one alert for the one missing episode")
        let warnings = list.filter { $0.severity == .warning }
        #expect(warnings.map(\.since) == warnings.map(\.since).sorted())
    }

    @Test("thresholds are configurable")
    func configurable() {
        var (child, snapshot) = quiet()
        snapshot.lastContact[child.id] = F.now - 3 * F.day
        var thresholds = AlertThresholds()
        #expect(!AlertRules.evaluate(snapshot: snapshot, now: F.now, thresholds: thresholds, zone: .gmt).contains { $0.rule == .contactOverdue })
        thresholds.contactCadence[.medium] = 2 * F.day
        #expect(AlertRules.evaluate(snapshot: snapshot, now: F.now, thresholds: thresholds, zone: .gmt).contains { $0.rule == .contactOverdue })
    }
}
