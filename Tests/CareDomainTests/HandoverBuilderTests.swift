import Foundation
import Testing
@testable import CareDomain

/// The handover of one fixed synthetic day shift (2026-11-23 07:00–19:00 UTC, seen at 12:00):
/// which children get a card and why, what the change strip counts, and what a card is filled with.
@Suite("Handover builder")
struct HandoverBuilderTests {
    typealias F = Fixture
    static let window = ShiftPattern.standard.shift(containing: F.now, zone: .gmt)
    static let start = window.start

    static func at(_ hours: Double) -> Date { start.addingTimeInterval(hours * F.hour) }

    /// A child with a fresh contact and a current plan: nothing about them raises an alert.
    static func quiet(_ n: Int, risk: RiskLevel = .medium, opened: DayDate = DayDate(year: 2026, month: 1, day: 10), closure: Closure? = nil) -> Child {
        F.child(n, name: "Test Child\(n)", risk: risk, opened: opened, closure: closure)
    }

    struct Shift {
        var snapshot: CaseloadSnapshot
        var contacts: [ContactStamp]
        var previous: Handover
    }

    /// c1 had contacts this shift and two referral steps; c2 a contact in the shift before only;
    /// c3 went missing at 08:00 with no police report; c4 was located at 10:00; c5 is pinned on the
    /// last handover; c6 is closed (a contact this shift); c7's contact is overdue; c8 opened today.
    static func shift() -> Shift {
        let children = [quiet(1), quiet(2), quiet(3), quiet(4), quiet(5), quiet(6, closure: Closure(on: DayDate(year: 2026, month: 11, day: 1), reason: "test")),
                        quiet(7), quiet(8, opened: F.today)]
        var snapshot = CaseloadSnapshot(children: children.map(ChildSummary.init), workers: F.workers)
        for child in children {
            snapshot.lastContact[child.id] = F.now - 2 * F.hour
            snapshot.plans[child.id] = SafetyPlanSummary(SafetyPlan(id: SafetyPlanID(rawValue: "p\(child.id)"), child: child.id, reviewBy: DayDate(year: 2027, month: 1, day: 1)))
        }
        snapshot.lastContact[children[6].id] = F.now - 8 * F.day
        snapshot.episodes[children[2].id] = [F.episode(children[2], lastSeen: at(1), id: "e3")]
        snapshot.episodes[children[3].id] = [F.episode(children[3], lastSeen: at(-20), police: true, located: at(3), id: "e4")]
        var submitted = F.referral(children[0], F.service(), status: .draft, since: at(0.5), id: "r1")
        submitted.status = .awaitingReview
        submitted.timeline = [Transition(from: .draft, to: .awaitingReview, by: F.cp.id, at: at(4))]
        var approved = F.referral(children[0], F.service(), status: .draft, since: at(-30), id: "r2")
        approved.status = .readyToSend
        approved.timeline = [Transition(from: .draft, to: .awaitingReview, by: F.cp.id, at: at(-29)),
                             Transition(from: .awaitingReview, to: .readyToSend, by: F.liaison.id, at: at(4.5))]
        snapshot.referrals = [submitted, approved]
        snapshot.responses = [AlertResponse(alertID: "contact-overdue:c7", child: children[6].id, since: at(-24), kind: .acknowledged,
                                            note: "test", by: F.cp.id, at: at(3))]
        let contacts = [ContactStamp(child: children[0].id, at: at(2)), ContactStamp(child: children[1].id, at: at(-1)),
                        ContactStamp(child: children[5].id, at: at(3)), ContactStamp(child: children[0].id, at: at(12) - 60),
                        ContactStamp(child: children[1].id, at: at(12))]
        let previous = Handover(id: window.previous.handoverID, shiftStart: window.previous.start, shiftEnd: start, entries: [
            .init(child: children[4].id, severity: .watch, summary: "Pinned words from last night (test)",
                  actions: [.init(text: "Done already (test)", owner: "", done: true), .init(text: "Still to do (test)", owner: "Alex")],
                  pinned: true),
            .init(child: children[1].id, severity: .stable, summary: "Not pinned (test)"),
        ])
        return Shift(snapshot: snapshot, contacts: contacts, previous: previous)
    }

    static func report(_ shift: Shift, saved: HandoverState? = nil) -> HandoverReport {
        let alerts = AlertRules.evaluate(snapshot: shift.snapshot, now: F.now, zone: .gmt)
        return HandoverBuilder.report(window: window, snapshot: shift.snapshot, contacts: shift.contacts, alerts: alerts, saved: saved,
                                      previous: shift.previous, now: F.now, zone: .gmt)
    }

    @Test("cards go to the children who changed, who have a warning alert, or who were pinned, most urgent first")
    func selection() {
        let report = Self.report(Self.shift())
        #expect(report.cards.map(\.child.rawValue) == ["c3", "c5", "c7", "c1", "c4", "c8"])
        let reasons = Dictionary(uniqueKeysWithValues: report.cards.map { ($0.child.rawValue, $0.reasons) })
        #expect(reasons["c3"] == ["missing now", "changed this shift", "critical alert"])
        #expect(reasons["c5"] == ["pinned last shift"])
        #expect(reasons["c7"] == ["warning alert"])
        #expect(reasons["c1"] == ["changed this shift"])
        #expect(reasons["c4"] == ["changed this shift"])
        #expect(reasons["c8"] == ["new case"])
        #expect(report.cards.map(\.entry.severity) == [.urgent, .watch, .watch, .stable, .stable, .stable])
        #expect(report.cards.allSatisfy { $0.acknowledgements.isEmpty } && report.saved == nil)
    }

    @Test("the change strip counts what happened inside the shift and nothing outside it")
    func strip() {
        let strip = Self.report(Self.shift()).strip
        #expect(strip.caseload == 7)
        #expect(strip.missingNow == 1)
        #expect(strip.newCases == 1)
        #expect(strip.contactsLogged == 3)
        #expect(strip.missingOpened == 1)
        #expect(strip.located == 1)
        #expect(strip.newReferrals == 1)
        #expect(strip.referralDecisions == 1)
        // c3's one missing alert (its police report part of it); c7's lapse began before the shift.
        #expect(strip.alertsRaised == 1)
        #expect(strip.alertsAnswered == 1)
    }

    @Test("a card is filled from the record: what to do about each alert, and the contingency for a missing child")
    func prefill() throws {
        let report = Self.report(Self.shift())
        let card = try #require(report.cards.first { $0.child.rawValue == "c3" })
        let missing = card.entry
        // Hours missing and the police report are the card's facts, computed when shown (issue 20).
        #expect(card.facts.contains("missing 4h (last seen 08:00, Testville bus depot (fictional))"), "\(card.facts)")
        #expect(card.facts.contains("no police report recorded"))
        #expect(!missing.summary.contains("Missing 4h"))
        #expect(missing.actions.map(\.text).contains("Report to police and record the occurrence number"))
        #expect(missing.contingencies.map(\.condition) == ["If located"])
        let pinned = try #require(report.cards.first { $0.child.rawValue == "c5" }).entry
        #expect(pinned.summary == "Pinned words from last night (test)" && pinned.pinned)
        #expect(pinned.actions.map(\.text) == ["Still to do (test)"])
    }

    /// c3, missing since 08:00, whose own record no longer opens: it dropped out of the
    /// handover and of "missing now". Now it keeps an urgent card, first, saying so and what is
    /// known of the episode, proposed or beside a saved handover that lacks it; the strip counts
    /// it missing and counts the records that do not open.
    @Test("a child whose record does not open keeps a card and its count, and the strip counts what does not open")
    func unreadableChild() throws {
        var shift = Self.shift()
        let c3 = ChildID(rawValue: "c3")
        shift.snapshot.children.removeAll { $0.id == c3 }
        shift.snapshot.damaged = [DamagedRecord(kind: RecordKind.child.rawValue, id: c3.rawValue, child: c3)]
        let report = Self.report(shift)
        #expect(report.strip.missingNow == 1)
        #expect(report.strip.caseload == 7)
        #expect(report.strip.recordsNotOpening == 1)
        let card = try #require(report.cards.first)
        #expect(card.child == c3 && card.entry.severity == .urgent)
        #expect(card.entry.summary.contains("does not open — run care check"), "\(card.entry.summary)")
        #expect(card.facts.contains("missing 4h (last seen 08:00, Testville bus depot (fictional))"), "\(card.facts)")
        #expect(card.reasons == ["missing now", "record does not open", "changed this shift", "critical alert"])

        let handover = Handover(id: Self.window.handoverID, shiftStart: Self.window.start, shiftEnd: Self.window.end, outgoing: [F.cp.id],
                                entries: [.init(child: ChildID(rawValue: "c2"), severity: .watch, summary: "Added by hand (test)")])
        let saved = Self.report(shift, saved: HandoverState(handover: handover, acknowledgements: []))
        #expect(saved.cards.map(\.child.rawValue) == ["c3", "c2"])
        #expect(saved.cards.first?.isExtra == true)
    }

    /// In the order of the rule (issue 20), not the order saved: c3 is missing now.
    @Test("a saved handover shows its own cards with their acknowledgements, however the records moved")
    func saved() {
        let shift = Self.shift()
        let handover = Handover(id: Self.window.handoverID, shiftStart: Self.window.start, shiftEnd: Self.window.end, outgoing: [F.cp.id], entries: [
            .init(child: ChildID(rawValue: "c2"), severity: .watch, summary: "Added by hand (test)"),
            .init(child: ChildID(rawValue: "c3"), severity: .urgent, summary: "Edited (test)"),
        ])
        let ack = HandoverAcknowledgement(handover: handover.id, child: ChildID(rawValue: "c3"), by: F.liaison.id, at: F.now, readBack: "ok")
        let report = Self.report(shift, saved: HandoverState(handover: handover, acknowledgements: [ack]))
        #expect(report.cards.map(\.child.rawValue) == ["c3", "c2"])
        #expect(report.cards.map(\.entry.summary) == ["Edited (test)", "Added by hand (test)"])
        #expect(report.cards[1].acknowledgements.isEmpty && report.cards[0].acknowledgements == [ack])
        #expect(report.cards[1].reasons.isEmpty && report.cards[0].reasons.first == "missing now")
    }

    @Test("a child missing since the handover was saved gets a card beside it while the shift is current")
    func missingSinceSaved() {
        let shift = Self.shift()
        let alerts = AlertRules.evaluate(snapshot: shift.snapshot, now: F.now, zone: .gmt)
        for (window, shown) in [(Self.window, true), (Self.window.previous.previous, false)] {
            let handover = Handover(id: window.handoverID, shiftStart: window.start, shiftEnd: window.end, entries: [
                .init(child: ChildID(rawValue: "c1"), severity: .stable, summary: "Saved before c3 went missing (test)"),
            ])
            let report = HandoverBuilder.report(window: window, snapshot: shift.snapshot, contacts: shift.contacts, alerts: alerts,
                                                saved: HandoverState(handover: handover, acknowledgements: []), previous: nil, now: F.now, zone: .gmt)
            let extra = report.cards.filter(\.isExtra)
            #expect(extra.map(\.child.rawValue) == (shown ? ["c3"] : []), "\(window.longLabel)")
            #expect(report.saved?.entries.count == 1, "the extra card is not part of the saved handover")
        }
    }

    @Test("contacts per day count the last 14 days in the unit's zone, oldest first")
    func contactsPerDay() {
        let stamps = [ContactStamp(child: ChildID(rawValue: "c1"), at: F.now), ContactStamp(child: ChildID(rawValue: "c1"), at: F.now - F.hour),
                      ContactStamp(child: ChildID(rawValue: "c2"), at: F.now - 13 * F.day), ContactStamp(child: ChildID(rawValue: "c2"), at: F.now - 14 * F.day)]
        let counts = HandoverBuilder.contactsPerDay(stamps, now: F.now, zone: .gmt)
        #expect(counts.count == 14)
        #expect(counts.first == 1 && counts.last == 2 && counts.reduce(0, +) == 3)
    }
}

@Suite("Shift pattern")
struct ShiftPatternTests {
    typealias F = Fixture
    static let toronto = TimeZone(identifier: "America/Toronto")!

    static func local(_ day: Int, _ hour: Int, _ minute: Int = 0, month: Int = 11, zone: TimeZone = toronto) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.date(from: DateComponents(year: 2026, month: month, day: day, hour: hour, minute: minute))!
    }

    @Test("07:00 starts the day shift; 06:59 is still the night that began at 19:00 the evening before")
    func dayAndNight() {
        let pattern = ShiftPattern.standard
        let night = pattern.shift(containing: Self.local(23, 6, 59), zone: Self.toronto)
        #expect(night.start == Self.local(22, 19) && night.end == Self.local(23, 7))
        #expect(night.label == "Night shift 19:00–07:00")
        let day = pattern.shift(containing: Self.local(23, 7), zone: Self.toronto)
        #expect(day.start == Self.local(23, 7) && day.label == "Day shift 07:00–19:00")
        #expect(day.previous == night && night.next == day)
        #expect(day.handoverID.rawValue == "shift-\(Int(Self.local(23, 7).timeIntervalSince1970))")
    }

    @Test("three shifts from config each run to the next start")
    func threeShifts() throws {
        let pattern = ShiftPattern(starts: try [#require(ShiftPattern.minutes("23:00")), #require(ShiftPattern.minutes("07:00")), #require(ShiftPattern.minutes("15:00"))])
        let late = pattern.shift(containing: Self.local(23, 2), zone: Self.toronto)
        #expect(late.start == Self.local(22, 23) && late.end == Self.local(23, 7))
        #expect(late.label == "Shift 23:00–07:00")
        #expect(late.next.end == Self.local(23, 15))
        #expect(ShiftPattern.minutes("24:00") == nil && ShiftPattern.minutes("7") == nil)
    }

    @Test("the night the clocks go back is thirteen hours long")
    func daylightSaving() {
        let night = ShiftPattern.standard.shift(containing: Self.local(1, 3, month: 11), zone: Self.toronto)
        #expect(night.end.timeIntervalSince(night.start) == 13 * F.hour)
        #expect(night.label == "Night shift 19:00–07:00")
    }

    @Test("a shift counted from a moment inside it keeps its end")
    func starting() {
        let day = ShiftPattern.standard.shift(containing: Self.local(23, 12), zone: Self.toronto)
        let from = day.starting(at: Self.local(23, 15))
        #expect(from.start == Self.local(23, 15) && from.end == day.end)
        #expect(day.starting(at: Self.local(24, 15)) == day)
    }
}
