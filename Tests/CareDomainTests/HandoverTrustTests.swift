import Foundation
import Testing
@testable import CareDomain

/// Issue 20 on the handover's rules: the order is a rule, not a history (1); a saved card's facts
/// are the records' now, and what changed since it was written is said (3); who writes and who
/// acknowledges (2); what changed in the shift, in words (8). Each failed on the code before it.
@Suite("Handover the unit can trust")
struct HandoverTrustTests {
    typealias F = Fixture
    typealias B = HandoverBuilderTests

    static func report(_ shift: B.Shift, saved: Handover?, now: Date = F.now) -> HandoverReport {
        let alerts = AlertRules.evaluate(snapshot: shift.snapshot, now: now, zone: .gmt)
        return HandoverBuilder.report(window: B.window, snapshot: shift.snapshot, contacts: shift.contacts, alerts: alerts,
                                      saved: saved.map { HandoverState(handover: $0, acknowledgements: []) }, previous: shift.previous,
                                      now: now, zone: .gmt)
    }

    /// The shift with c3 not missing yet: what the outgoing worker saw when saving.
    static func beforeC3WentMissing() -> B.Shift {
        var shift = B.shift()
        shift.snapshot.episodes[ChildID(rawValue: "c3")] = nil
        return shift
    }

    /// (1) Save stable cards, c3 goes missing, save again with her card added (as S does): her
    /// card is first on the saved handover's report, though it was appended last.
    @Test("a child missing after the save is first, before and after the handover is saved again")
    func orderIsARule() throws {
        let before = Self.report(Self.beforeC3WentMissing(), saved: nil)
        #expect(!before.cards.contains { $0.child.rawValue == "c3" })
        var handover = Handover(id: B.window.handoverID, shiftStart: B.window.start, shiftEnd: B.window.end, outgoing: [F.cp.id],
                                entries: before.cards.map(\.entry), savedAt: B.at(2))
        let shown = Self.report(B.shift(), saved: handover)
        #expect(shown.cards.first?.child.rawValue == "c3" && shown.cards.first?.isExtra == true)
        // Saved again with the extra card appended at the end, as the screen's S does.
        handover.entries += shown.cards.filter(\.isExtra).map(\.entry)
        #expect(handover.entries.last?.child.rawValue == "c3")
        let resaved = Self.report(B.shift(), saved: handover)
        #expect(resaved.cards.first?.child.rawValue == "c3", "\(resaved.cards.map(\.child.rawValue))")
        #expect(resaved.cards.map(\.severity) == resaved.cards.map(\.severity).sorted(by: >))
        // A card written as stable for a child now missing is urgent, whatever was written.
        handover.entries = handover.entries.map { entry in
            var entry = entry
            entry.severity = .stable
            return entry
        }
        let rewritten = Self.report(B.shift(), saved: handover)
        #expect(rewritten.cards.first?.child.rawValue == "c3" && rewritten.cards.first?.severity == .urgent)
    }

    @Test("missing children first within urgent, the most recently gone first, then by risk and case number")
    func orderWithinUrgent() {
        var shift = B.shift()
        let c1 = ChildID(rawValue: "c1"), c2 = ChildID(rawValue: "c2")
        shift.snapshot.episodes[c1] = [F.episode(B.quiet(1), lastSeen: B.at(-10), id: "e1")]
        shift.snapshot.episodes[c2] = [F.episode(B.quiet(2), lastSeen: B.at(4), id: "e2")]
        let report = Self.report(shift, saved: nil)
        #expect(report.cards.prefix(3).map(\.child.rawValue) == ["c2", "c3", "c1"])
    }

    /// (3) A card saved at 09:00 said nothing of what came after; at 12:00 its facts line is the
    /// records' (located, with no hours missing) and the card says what changed since.
    @Test("a saved card's facts are computed now and say what changed after it was written")
    func liveFacts() throws {
        var shift = B.shift()
        let c3 = ChildID(rawValue: "c3")
        shift.snapshot.lastContact[c3] = B.at(1.5)
        let written = Handover(id: B.window.handoverID, shiftStart: B.window.start, shiftEnd: B.window.end, outgoing: [F.cp.id],
                               entries: [.init(child: c3, severity: .urgent, summary: "Missing 1h, no police report (written at 09:00, test).")],
                               savedAt: B.at(2))
        let missing = try #require(Self.report(shift, saved: written).cards.first)
        #expect(missing.facts.contains("missing 4h (last seen 08:00, Testville bus depot (fictional))"), "\(missing.facts)")
        #expect(missing.facts.contains("no police report recorded"))
        #expect(missing.factsAsOf == F.now)
        #expect(missing.sinceWritten.isEmpty)

        var episode = try #require(shift.snapshot.episodes[c3]?.first)
        episode.policeReport = .init(service: "Test Police (fictional)", occurrenceNumber: "TEST-0042", reportedAt: B.at(3))
        episode.located = .init(at: B.at(4), place: "Sample shelter (fictional)", returnedTo: "Demo Group Home A")
        shift.snapshot.episodes[c3] = [episode]
        let later = F.now.addingTimeInterval(7 * F.hour)
        let card = try #require(Self.report(shift, saved: written, now: later).cards.first { $0.child == c3 })
        #expect(card.entry.summary == "Missing 1h, no police report (written at 09:00, test).", "what the author wrote is kept")
        #expect(!card.facts.contains("missing"), "\(card.facts)")
        #expect(card.factsAsOf == later)
        #expect(card.sinceWritten == ["police report recorded 10:00, after this card was written",
                                      "located 11:00, after this card was written"])
        #expect(!card.isMissingNow && card.severity == .urgent)
    }

    /// (8) "changed this shift" says what changed.
    @Test("what changed in the shift is said in words")
    func whatChanged() throws {
        var shift = B.shift()
        let c4 = ChildID(rawValue: "c4")
        var episode = F.episode(B.quiet(4), lastSeen: B.at(1.5), located: B.at(3), debriefed: true, id: "e4b")
        episode.debrief = .init(on: B.at(3.25), by: F.cp.id)
        shift.snapshot.episodes[c4] = [episode]
        let report = Self.report(shift, saved: nil)
        let card = try #require(report.cards.first { $0.child == c4 })
        #expect(card.changes == ["missing 08:30 → located 10:00 → debriefed 10:15"])
        let c1 = try #require(report.cards.first { $0.child.rawValue == "c1" })
        #expect(c1.changes == ["2 contacts logged", "referral drafted", "referral sent for review", "referral approved"], "\(c1.changes)")
    }

    /// (8) The profile's changes come from the child's own short history (which fields, when,
    /// by whom; no values), so every role reading the handover sees them without the audit
    /// trail: in the shift's lines, and after a saved card as what changed since it was written.
    @Test("profile changes are said as which fields changed, in the shift and after a card was written")
    func profileChanges() throws {
        var shift = B.shift()
        let c2 = ChildID(rawValue: "c2")
        let index = try #require(shift.snapshot.children.firstIndex { $0.id == c2 })
        shift.snapshot.children[index].profileChanges = [
            ProfileChange(fields: ["pronouns"], at: B.at(-3), by: F.cp.id),
            ProfileChange(fields: ["legal name", "placement"], at: B.at(2.5), by: F.cp.id),
            ProfileChange(fields: ["risk level"], at: B.at(4.25), by: F.supervisor.id),
        ]
        let report = Self.report(shift, saved: nil)
        let card = try #require(report.cards.first { $0.child == c2 }, "a profile change is a change in the shift")
        #expect(card.reasons.contains("changed this shift"))
        #expect(card.changes == ["legal name and placement changed 09:30", "risk level changed 11:15"], "\(card.changes)")
        // A flag set in the shift is said too, without its words (the alert carries them).
        shift.snapshot.children[index].activeFlags = [Flag(text: "Test flag words", setBy: F.cp.id, setAt: B.at(5))]
        let flagged = try #require(Self.report(shift, saved: nil).cards.first { $0.child == c2 })
        #expect(flagged.changes.last == "flag set 12:00", "\(flagged.changes)")

        let written = Handover(id: B.window.handoverID, shiftStart: B.window.start, shiftEnd: B.window.end, outgoing: [F.cp.id],
                               entries: [card.entry], savedAt: B.at(3))
        let later = try #require(Self.report(shift, saved: written).cards.first { $0.child == c2 })
        #expect(later.sinceWritten == ["risk level changed 11:15, after this card was written"])
    }

    /// (6) on the card: the facts line names the contact with the placement, met or not, and the
    /// shift's line and "since written" place it among the episode's steps.
    @Test("the facts line says whether the placement was contacted since the child was last seen")
    func placementContactOnTheCard() throws {
        var shift = B.shift()
        let c3 = ChildID(rawValue: "c3")
        let written = Handover(id: B.window.handoverID, shiftStart: B.window.start, shiftEnd: B.window.end, outgoing: [F.cp.id],
                               entries: [.init(child: c3, severity: .urgent, summary: "Missing (test).")], savedAt: B.at(2))
        let before = try #require(Self.report(shift, saved: written).cards.first)
        #expect(before.facts.contains("no police report recorded · no contact with placement"), "\(before.facts)")
        var episode = try #require(shift.snapshot.episodes[c3]?.first)
        episode.placementContact = .init(at: B.at(0.5), note: ContactID(rawValue: "n-before-last-seen"))
        shift.snapshot.episodes[c3] = [episode]
        #expect(try #require(Self.report(shift, saved: written).cards.first).facts.contains("no contact with placement"),
                "a contact before the time last seen is not one about this episode")
        episode.placementContact = .init(at: B.at(3.5), note: ContactID(rawValue: "n-test"))
        shift.snapshot.episodes[c3] = [episode]
        let after = try #require(Self.report(shift, saved: written).cards.first)
        #expect(after.facts.contains("no police report recorded · placement contacted 10:30"), "\(after.facts)")
        #expect(after.sinceWritten.last == "placement contacted 10:30, after this card was written", "\(after.sinceWritten)")
        #expect(after.changes.first == "missing 08:00 → placement contacted 10:30", "\(after.changes)")
    }

    /// (2) Police read the handover; only its outgoing workers and supervisors save it once
    /// saved; nobody acknowledges their own.
    @Test("who saves, edits and acknowledges a handover")
    func authorship() {
        let saved = Handover(id: B.window.handoverID, shiftStart: B.window.start, shiftEnd: B.window.end, outgoing: [F.cp.id])
        let during = B.at(3), after = B.window.end.addingTimeInterval(F.hour)
        #expect(HandoverAuthorship.saveRefusal(stored: nil, shiftEnd: B.window.end, actor: F.police, now: during)?.contains("cannot edit or acknowledge a handover") == true)
        #expect(HandoverAuthorship.saveRefusal(stored: nil, shiftEnd: B.window.end, actor: F.liaison, now: during) == nil)
        #expect(HandoverAuthorship.saveRefusal(stored: nil, shiftEnd: B.window.end, actor: F.liaison, now: after) != nil, "the shift is over")
        #expect(HandoverAuthorship.saveRefusal(stored: saved, shiftEnd: B.window.end, actor: F.liaison, now: during) != nil, "not an author")
        #expect(HandoverAuthorship.saveRefusal(stored: saved, shiftEnd: B.window.end, actor: F.cp, now: after) == nil)
        #expect(HandoverAuthorship.saveRefusal(stored: saved, shiftEnd: B.window.end, actor: F.supervisor, now: after) == nil)
        #expect(HandoverAuthorship.acknowledgeRefusal(saved, actor: F.cp) == "You wrote this handover: the incoming worker acknowledges its cards.")
        #expect(HandoverAuthorship.acknowledgeRefusal(saved, actor: F.liaison) == nil)
        #expect(HandoverAuthorship.acknowledgeRefusal(saved, actor: F.police) != nil)
    }
}
