import Foundation
import Testing
@testable import CareDomain

/// What closing does to the rest of the unit's picture: a closed child leaves the default caseload
/// (the closed view shows them), raises no alert and appears once on the handover of the shift it
/// closed; a child closed while missing is never hidden. And the rules every store runs: closure
/// and reopening only by their commands, the transition plan by its own.
@Suite("Closed cases")
struct ClosedCaseTests {
    typealias F = Fixture
    static let window = ShiftPattern.standard.shift(containing: F.now, zone: .gmt)

    /// c1 open; c2 closed an hour ago (this shift); c3 closed last month; c4 closed over an open
    /// missing episode. All with a fresh contact and a plan, so only closure can matter.
    static func snapshot() -> CaseloadSnapshot {
        func closure(_ at: Date) -> Closure { Closure(on: DayDate(at, in: .gmt), reason: "located and stable", at: at) }
        var children = [F.child(1), F.child(2, closure: closure(F.now - F.hour)), F.child(3, closure: closure(F.now - 30 * F.day)),
                        F.child(4, closure: closure(F.now - 2 * F.hour))]
        children[1].flags = [Flag(text: "Test flag", severity: .warning, setBy: F.cp.id, setAt: F.now - F.day)]
        var snapshot = CaseloadSnapshot(children: children.map(ChildSummary.init), workers: F.workers)
        for child in children {
            snapshot.lastContact[child.id] = F.now - 20 * F.day
        }
        snapshot.episodes[children[3].id] = [F.episode(children[3], lastSeen: F.now - 5 * F.hour, id: "e4")]
        return snapshot
    }

    func rows(_ query: CaseloadQuery) -> [String] {
        let snapshot = Self.snapshot()
        return KeyedRows(snapshot: snapshot, today: F.today).scan(query).map(\.child.rawValue).sorted()
    }

    @Test("the default caseload leaves closed cases out but keeps a child closed while missing; the closed view shows every closed case")
    func caseload() {
        #expect(rows(CaseloadQuery()) == ["c1", "c4"])
        #expect(rows(CaseloadQuery(filters: [.closedCases])) == ["c2", "c3", "c4"])
        #expect(rows(CaseloadQuery(filters: [.missingNow])) == ["c4"])
    }

    @Test("a closed child raises no alert (not contact overdue, not a flag); one closed while missing keeps the missing alert")
    func alerts() {
        let alerts = AlertRules.evaluate(snapshot: Self.snapshot(), now: F.now, zone: .gmt)
        #expect(Set(alerts.compactMap(\.child?.rawValue)) == ["c1", "c4"])
        #expect(alerts.filter { $0.child?.rawValue == "c4" }.map(\.rule) == [.missingNow])
        let c4 = AlertRules.evaluate(children: [ChildID(rawValue: "c4"), ChildID(rawValue: "c2")], snapshot: Self.snapshot(), now: F.now, zone: .gmt)
        #expect(c4.map(\.rule) == [.missingNow])
    }

    @Test("the handover lists a child closed this shift once, and not on the next shift; a child closed while missing on both, counted missing")
    func handover() {
        let snapshot = Self.snapshot()
        let alerts = AlertRules.evaluate(snapshot: snapshot, now: F.now, zone: .gmt)
        let report = HandoverBuilder.report(window: Self.window, snapshot: snapshot, contacts: [], alerts: alerts, saved: nil, previous: nil,
                                            now: F.now, zone: .gmt)
        let cards = report.cards.map(\.child.rawValue)
        #expect(cards.filter { $0 == "c2" }.count == 1)
        #expect(!cards.contains("c3"))
        #expect(cards.contains("c4"))
        #expect(report.cards.first { $0.child.rawValue == "c2" }?.reasons.contains("closed this shift") == true)
        #expect(report.strip.missingNow == 1 && report.strip.caseload == 2)

        let next = Self.window.next
        let later = next.start.addingTimeInterval(F.hour)
        let nextReport = HandoverBuilder.report(window: next, snapshot: snapshot, contacts: [], alerts: AlertRules.evaluate(snapshot: snapshot, now: later, zone: .gmt),
                                                saved: nil, previous: nil, now: later, zone: .gmt)
        #expect(!nextReport.cards.map(\.child.rawValue).contains("c2"))
        #expect(nextReport.cards.map(\.child.rawValue).contains("c4"))
    }

    @Test("the aging-out alert names the transition plan's items not done; a referral and a done plan silence it")
    func agingOut() throws {
        var child = F.child(1, born: DayDate(year: 2008, month: 12, day: 20))
        var plan = TransitionPlan()
        for item in [TransitionPlan.Item.housing, .income, .educationOrWork, .documents] {
            plan.entries[plan.entries.firstIndex { $0.item == item }!].state = .done
        }
        child.transitionPlan = plan
        var snapshot = CaseloadSnapshot(children: [ChildSummary(child)], lastContact: [child.id: F.now - F.hour],
                                        plans: [child.id: SafetyPlanSummary(SafetyPlan(id: SafetyPlanID(rawValue: "p1"), child: child.id, reviewBy: DayDate(year: 2027, month: 1, day: 1)))],
                                        workers: F.workers)
        let alert = try #require(AlertRules.evaluate(snapshot: snapshot, now: F.now, zone: .gmt).first { $0.rule == .agingOut })
        #expect(alert.message == "turns 18 in 27 days (2026-12-20) — no Youth-In-Transition referral; transition plan not done: a doctor, a Youth-In-Transition worker, a person the youth trusts")

        snapshot.services = [F.service(.youthInTransition)]
        snapshot.referrals = [F.referral(child, F.service(.youthInTransition), status: .accepted)]
        let withReferral = try #require(AlertRules.evaluate(snapshot: snapshot, now: F.now, zone: .gmt).first { $0.rule == .agingOut })
        #expect(withReferral.message.hasSuffix("— transition plan not done: a doctor, a Youth-In-Transition worker, a person the youth trusts"))

        for index in plan.entries.indices { plan.entries[index].state = .done }
        child.transitionPlan = plan
        snapshot.children = [ChildSummary(child)]
        #expect(!AlertRules.evaluate(snapshot: snapshot, now: F.now, zone: .gmt).contains { $0.rule == .agingOut })
    }
}

/// `CommandRules` on the lifecycle commands, through a context of plain values: the checks every
/// store runs inside its transaction.
@Suite("Lifecycle command rules")
struct LifecycleCommandRuleTests {
    typealias F = Fixture

    struct Context: CommandContext {
        var actor: Worker
        var now: Date = F.now
        var unit = UnitInfo(code: "TST", timeZone: .gmt)
        var stored: [AnyRecord]

        func record(_ kind: RecordKind, id: String) throws -> AnyRecord? { stored.first { $0.kind == kind && $0.recordID == id } }
        func records(_ kind: RecordKind, child: ChildID) throws -> [AnyRecord] { stored.filter { $0.kind == kind && $0.childID == child } }
        func nextCaseNumber(year: Int) throws -> CaseNumber { CaseNumber(unit: "TST", year: year, sequence: 99) }
    }

    static func stored(_ child: Child, extra: [AnyRecord] = []) -> [AnyRecord] {
        var child = child
        child.version = 3
        return [AnyRecord(child)] + F.workers.map(AnyRecord.init) + extra
    }

    func prepare(_ command: CaseCommand, by actor: Worker, _ stored: [AnyRecord]) throws -> Child {
        let prepared = try CommandRules.prepare(command, in: Context(actor: actor, stored: stored))
        return try #require(prepared.writes.first?.record.as(Child.self))
    }

    @Test("closure and reopening never ride on a profile save, not even a supervisor's; the plan neither")
    func notByProfile() throws {
        let stored = Self.stored(F.child(1))
        var closed = try #require(stored[0].as(Child.self))
        closed.closure = Closure(on: F.today, reason: "located and stable")
        #expect(throws: CommandError.self) { try prepare(.updateChild(closed), by: F.supervisor, stored) }
        var planned = try #require(stored[0].as(Child.self))
        planned.transitionPlan = TransitionPlan()
        #expect(throws: CommandError.self) { try prepare(.updateChild(planned), by: F.supervisor, stored) }

        var closedRecord = F.child(1, closure: Closure(on: F.today, reason: "died"))
        closedRecord.version = 3
        var reopened = closedRecord
        reopened.closure = nil
        #expect(throws: CommandError.self) { try prepare(.updateChild(reopened), by: F.supervisor, Self.stored(closedRecord)) }
        let byCommand = try prepare(.lifecycle(child: closedRecord.id, .reopen(reason: "Returned to the region (test)")), by: F.cp, Self.stored(closedRecord))
        #expect(byCommand.isOpen && byCommand.reopening?.by == F.cp.id && byCommand.version == 4)
    }

    @Test("the store's rules find the open missing episode and refuse approval over it without a reason")
    func blocksFromTheRecords() throws {
        var child = F.child(1)
        child.closureRequest = ClosureRequest(reason: ClosureReason(choice: "died"), note: "", closeOn: F.today, requestedBy: F.cp.id,
                                              requestedAt: F.now - F.hour)
        let stored = Self.stored(child, extra: [AnyRecord(F.episode(child, lastSeen: F.now - F.hour))])
        #expect(throws: CommandError.self) { try prepare(.lifecycle(child: child.id, .approveClosure(comment: "", overBlocks: nil)), by: F.supervisor, stored) }
        let closed = try prepare(.lifecycle(child: child.id, .approveClosure(comment: "", overBlocks: "Confirmed by coroner (test)")), by: F.supervisor, stored)
        #expect(!closed.isOpen)
    }

    @Test("reassignment: a supervisor only, to an active worker of the slot's role")
    func reassign() throws {
        let child = F.child(1)
        let newWorker = Worker(id: WorkerID(rawValue: "w-cp2"), accountName: "t-cp2", displayName: "Riley Testworker-Two", role: .childProtection, unit: "TST")
        var gone = newWorker
        gone.active = false
        let stored = Self.stored(child, extra: [AnyRecord(newWorker)])
        let team = Team(childProtection: newWorker.id)
        #expect(throws: CommandError.denied(PermissionDenied(permission: .reassign, role: .childProtection))) {
            try prepare(.reassign(child: child.id, team: team), by: F.cp, stored)
        }
        #expect(try prepare(.reassign(child: child.id, team: team), by: F.supervisor, stored).team == team)
        #expect(throws: CommandError.self) { try prepare(.reassign(child: child.id, team: Team(childProtection: F.police.id)), by: F.supervisor, stored) }
        #expect(throws: CommandError.self) {
            try prepare(.reassign(child: child.id, team: team), by: F.supervisor, Self.stored(child, extra: [AnyRecord(gone)]))
        }
    }

    @Test("the transition plan: from 16, by child protection, liaison or supervisor, against the revision read")
    func transitionPlan() throws {
        let youth = F.child(1, born: DayDate(year: 2009, month: 1, day: 1))
        var plan = TransitionPlan()
        plan.entries[0].state = .underway
        plan.entries[0].owner = "the youth"
        let saved = try prepare(.saveTransitionPlan(child: youth.id, plan), by: F.liaison, Self.stored(youth))
        #expect(saved.transitionPlan?.revision == 1 && saved.transitionPlan?.entries[0].owner == "the youth" && saved.transitionPlan?.updatedBy == F.liaison.id)
        #expect(throws: CommandError.self) { try prepare(.saveTransitionPlan(child: youth.id, plan), by: F.police, Self.stored(youth)) }
        #expect(throws: RecordConflict.self) { try prepare(.saveTransitionPlan(child: youth.id, plan), by: F.cp, Self.stored(saved)) }
        let young = F.child(2, born: DayDate(year: 2012, month: 1, day: 1))
        #expect(throws: CommandError.self) { try prepare(.saveTransitionPlan(child: young.id, plan), by: F.cp, Self.stored(young)) }
        var ownerless = TransitionPlan()
        ownerless.entries[1].state = .done
        #expect(throws: CommandError.self) { try prepare(.saveTransitionPlan(child: youth.id, ownerless), by: F.cp, Self.stored(youth)) }
    }
}

@Suite("Case flow figures")
struct CaseFlowFigureTests {
    typealias F = Fixture

    @Test("open at each month's end, closed in each month, and the median days open, readable without colour")
    func figures() {
        let children = [
            F.child(1, opened: DayDate(year: 2026, month: 6, day: 1)),
            F.child(2, opened: DayDate(year: 2026, month: 7, day: 1), closure: Closure(on: DayDate(year: 2026, month: 9, day: 30), reason: "died")),
            F.child(3, opened: DayDate(year: 2026, month: 10, day: 1), closure: Closure(on: DayDate(year: 2026, month: 10, day: 11), reason: "died")),
            F.child(4, opened: DayDate(year: 2026, month: 11, day: 20)),
        ].map(ChildSummary.init)
        let figures = CaseFlowFigures(children: children, today: F.today, months: 6)
        #expect(figures.months.map { "\($0.month):\($0.open)/\($0.closed)" } == ["6:1/0", "7:2/0", "8:2/0", "9:1/1", "10:1/1", "11:2/0"])
        #expect(figures.medianDaysOpen == (10 + 91) / 2 && figures.closedCount == 2)
        let lines = figures.lines(width: 80)
        #expect(lines[4].hasPrefix("2026-09") && lines[4].contains("#") && lines[4].contains("x") && lines[4].hasSuffix("  1"))
        #expect(CaseFlowFigures(children: [], today: F.today).medianDaysOpen == nil)
    }
}
