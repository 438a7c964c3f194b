import Foundation
import Testing
@testable import CareDomain

/// Issue 20 on the alerts: an answer holds only for what was answered (5), one alert per missing
/// episode naming every unmet step (6), facts counted whatever their class (7), words not rule
/// ids (10), and the property that a child missing now always has an alert on every list.
@Suite("Alerts the unit can trust")
struct AlertTrustTests {
    typealias F = Fixture

    static func quiet(_ n: Int = 1, risk: RiskLevel = .medium) -> (Child, CaseloadSnapshot) {
        let child = F.child(n, risk: risk)
        let plan = SafetyPlan(id: SafetyPlanID(rawValue: "p\(n)"), child: child.id, reviewBy: DayDate(year: 2027, month: 1, day: 1))
        return (child, CaseloadSnapshot(children: [ChildSummary(child)], lastContact: [child.id: F.now - F.hour], plans: [child.id: SafetyPlanSummary(plan)], workers: F.workers))
    }

    static func alerts(_ snapshot: CaseloadSnapshot, at now: Date = F.now) -> [Alert] {
        AlertRules.evaluate(snapshot: snapshot, now: now, zone: .gmt)
    }

    static func answer(_ alert: Alert, _ kind: AlertResponse.Kind = .acknowledged, by worker: Worker = F.cp, at: Date = F.now, note: String = "seen (test)") -> AlertResponse {
        AlertResponse(alertID: alert.id, child: alert.child, since: alert.since, kind: kind,
                      until: kind == .snoozed ? at.addingTimeInterval(8 * F.hour) : nil, note: note, by: worker.id, at: at, gravity: alert.gravity)
    }

    // MARK: (6) One alert per missing episode

    @Test("one alert per missing episode, hours from the time last seen, naming the missing police report")
    func oneAlertPerEpisode() throws {
        var (child, snapshot) = Self.quiet()
        snapshot.episodes[child.id] = [F.episode(child, lastSeen: F.now - 5 * F.hour, reported: F.now - 4 * F.hour)]
        let missing = Self.alerts(snapshot).filter { $0.child == child.id && $0.severity == .critical }
        #expect(missing.count == 1, "\(missing.map(\.message))")
        #expect(missing.first?.message == "missing 5h — no police report — no contact with placement")
        #expect(missing.first?.rule == .missingNow && missing.first?.id == "missing:e1")
    }

    @Test("the missing alert names the contact with the placement until one since the time last seen is noted")
    func placementStep() throws {
        var (child, snapshot) = Self.quiet()
        var episode = F.episode(child, lastSeen: F.now - 5 * F.hour, police: true)
        episode.placementContact = .init(at: F.now - 6 * F.hour, note: ContactID(rawValue: "n-earlier"))
        snapshot.episodes[child.id] = [episode]
        #expect(Self.alerts(snapshot).first { $0.rule == .missingNow }?.message == "missing 5h — police occurrence TEST-0001 — no contact with placement")
        episode.placementContact = .init(at: F.now - 4 * F.hour, note: ContactID(rawValue: "n-test"))
        snapshot.episodes[child.id] = [episode]
        let alerts = Self.alerts(snapshot).filter { $0.child == child.id && $0.severity == .critical }
        #expect(alerts.map(\.message) == ["missing 5h — police occurrence TEST-0001 — placement contacted"])
    }

    // MARK: (5) An answer holds only for what was answered

    @Test("an acknowledged child missing now stays listed, marked answered, and counted critical")
    func missingStaysListed() throws {
        var (child, snapshot) = Self.quiet()
        snapshot.episodes[child.id] = [F.episode(child, lastSeen: F.now - 3 * F.hour, police: true)]
        let alert = try #require(Self.alerts(snapshot).first { $0.rule == .missingNow })
        snapshot.responses = [Self.answer(alert)]
        let visibility = AlertVisibility(Self.alerts(snapshot), responses: snapshot.responses, now: F.now)
        #expect(visibility.shown.contains { $0.id == alert.id })
        #expect(visibility.hidden.isEmpty)
        #expect(visibility.answered[alert.id]?.by == F.cp.id)
        #expect(!visibility.unanswered.contains { $0.id == alert.id })
        #expect(visibility.shown.filter { $0.severity == .critical }.count == 1, "the header's critical count does not drop")
    }

    @Test("an answered alert comes back with its earlier note when a fourth episode makes the pattern worse")
    func moreEpisodes() throws {
        var (child, snapshot) = Self.quiet()
        snapshot.episodes[child.id] = (1...3).map { F.episode(child, lastSeen: F.now - Double($0) * 10 * F.day, located: F.now - Double($0) * 10 * F.day + F.hour, debriefed: true, id: "e\($0)") }
        let three = try #require(Self.alerts(snapshot).first { $0.rule == .repeatedMissing })
        snapshot.responses = [Self.answer(three, note: "discussed at supervision (test)")]
        #expect(AlertVisibility(Self.alerts(snapshot), responses: snapshot.responses, now: F.now).hidden.map(\.id) == [three.id])
        snapshot.episodes[child.id]! += [F.episode(child, lastSeen: F.now - 2 * F.day, located: F.now - 2 * F.day + F.hour, debriefed: true, id: "e4")]
        let visibility = AlertVisibility(Self.alerts(snapshot), responses: snapshot.responses, now: F.now)
        let four = try #require(visibility.shown.first { $0.rule == .repeatedMissing })
        #expect(four.message.hasPrefix("4 missing episodes"))
        #expect(visibility.earlier[four.id]?.note == "discussed at supervision (test)")
    }

    @Test("a snoozed alert comes back when the risk rises")
    func higherRisk() throws {
        let (child, base) = Self.quiet(risk: .high)
        var snapshot = base
        snapshot.plans = [:]
        let high = try #require(Self.alerts(snapshot).first { $0.rule == .safetyPlanDue })
        snapshot.responses = [Self.answer(high, .snoozed)]
        #expect(AlertVisibility(Self.alerts(snapshot), responses: snapshot.responses, now: F.now).hidden.count == 1)
        snapshot.children = [ChildSummary(F.child(1, risk: .critical))]
        #expect(child.riskLevel == .high)
        let visibility = AlertVisibility(Self.alerts(snapshot), responses: snapshot.responses, now: F.now)
        #expect(visibility.shown.contains { $0.rule == .safetyPlanDue && $0.message.hasPrefix("critical risk") })
    }

    @Test("an answer to a missing alert holds until the next threshold of hours missing")
    func longerMissing() throws {
        var (child, snapshot) = Self.quiet()
        snapshot.episodes[child.id] = [F.episode(child, lastSeen: F.now - 3 * F.hour, police: true)]
        let atThree = try #require(Self.alerts(snapshot).first { $0.rule == .missingNow })
        snapshot.responses = [Self.answer(atThree, note: "search under way (test)")]
        let atFive = AlertVisibility(Self.alerts(snapshot, at: F.now + 2 * F.hour), responses: snapshot.responses, now: F.now + 2 * F.hour)
        #expect(atFive.answered[atThree.id] != nil, "5 h is short of the 6 h threshold")
        let atSeven = AlertVisibility(Self.alerts(snapshot, at: F.now + 4 * F.hour), responses: snapshot.responses, now: F.now + 4 * F.hour)
        #expect(atSeven.answered[atThree.id] == nil)
        #expect(atSeven.earlier[atThree.id]?.note == "search under way (test)")
        #expect(atSeven.shown.contains { $0.id == atThree.id })
    }

    // MARK: (7) Role-blind facts

    @Test("a last contact the reader may not open counts, and the words say it was a restricted note")
    func restrictedLastContact() throws {
        var (child, snapshot) = Self.quiet(risk: .critical)
        snapshot.lastContact[child.id] = F.now - 21 * F.hour
        snapshot.restrictedLastContact = [child.id]
        #expect(!Self.alerts(snapshot).contains { $0.rule == .contactOverdue }, "21 h is inside a day")
        snapshot.lastContact[child.id] = F.now - 29 * F.hour
        let overdue = try #require(Self.alerts(snapshot).first { $0.rule == .contactOverdue })
        #expect(overdue.message.hasPrefix("last contact 29h ago (restricted note)"), "\(overdue.message)")
    }

    // MARK: (10) Words, not rule ids

    @Test("an alert's audit words name its rule in words, never its key")
    func ruleWords() {
        #expect(AlertRule.words(forAlertID: "police-not-told:e1") == "missing, police not told")
        #expect(AlertRule.words(forAlertID: "missing:e1") == "missing now")
        #expect(AlertRule.words(forAlertID: "contact-overdue:c1") == "contact overdue")
        #expect(AlertRule.words(forAlertID: "nonsense") == "an alert")
    }

    // MARK: The property

    /// Random sequences of causes (a child reported missing, located, a police report, a
    /// contact with the placement, time passing, risk changing, a contact) and answers (acknowledged or snoozed, by any role):
    /// after every step, each child missing now has a shown alert on every role's list, and the
    /// critical count covers them all.
    @Test("a child missing now always has an alert on every role's list", arguments: [UInt64(1), 7, 20, 2026])
    func missingChildAlwaysListed(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        let children = (1...5).map { F.child($0, risk: RiskLevel.allCases[$0 % RiskLevel.allCases.count]) }
        var snapshot = CaseloadSnapshot(children: children.map(ChildSummary.init), workers: F.workers)
        for child in children { snapshot.lastContact[child.id] = F.now - F.hour }
        var now = F.now
        var episodes = 0
        for step in 0..<300 {
            let index = random.int(0...(children.count - 1))
            let child = children[index]
            switch random.int(0...8) {
            case 0 where snapshot.openEpisode(of: child.id) == nil:
                episodes += 1
                let lastSeen = now.addingTimeInterval(-Double(random.int(0...600)) * F.minute)
                snapshot.episodes[child.id, default: []].insert(F.episode(child, lastSeen: lastSeen, reported: now, id: "e\(episodes)"), at: 0)
            case 1:
                if var open = snapshot.openEpisode(of: child.id), let at = snapshot.episodes[child.id]?.firstIndex(where: \.isOpen) {
                    open.located = .init(at: now, place: "Sample shelter (fictional)", returnedTo: "Demo Group Home A")
                    snapshot.episodes[child.id]![at] = open
                }
            case 2:
                if var open = snapshot.openEpisode(of: child.id), let at = snapshot.episodes[child.id]?.firstIndex(where: \.isOpen) {
                    open.policeReport = .init(service: "Test Police (fictional)", occurrenceNumber: "TEST-\(step)", reportedAt: now)
                    snapshot.episodes[child.id]![at] = open
                }
            case 3:
                now = now.addingTimeInterval(Double(random.int(1...720)) * F.minute)
            case 4:
                if let at = snapshot.children.firstIndex(where: { $0.id == child.id }) {
                    snapshot.children[at] = ChildSummary(F.child(index + 1, risk: random.pick(RiskLevel.allCases)))
                }
            case 5:
                snapshot.lastContact[child.id] = now
                snapshot.restrictedLastContact = random.chance(0.5) ? [child.id] : []
            case 6:
                // A contact with the placement, noted on the open episode (its alert's words change).
                if var open = snapshot.openEpisode(of: child.id), let at = snapshot.episodes[child.id]?.firstIndex(where: \.isOpen) {
                    open.placementContact = .init(at: now, note: ContactID(rawValue: "n\(step)"))
                    snapshot.episodes[child.id]![at] = open
                }
            default:
                // Anyone answers any alert they see, acknowledged or snoozed.
                let shown = AlertVisibility(Self.alerts(snapshot, at: now), responses: snapshot.responses, now: now).shown
                if !shown.isEmpty {
                    let alert = random.pick(shown)
                    snapshot.responses.append(Self.answer(alert, random.chance(0.5) ? .acknowledged : .snoozed, by: random.pick(F.workers), at: now))
                }
            }
            let alerts = Self.alerts(snapshot, at: now)
            let missing = snapshot.children.filter { snapshot.openEpisode(of: $0.id) != nil }.map(\.id)
            // Every role's list is this one: the rules read the same records for every role (the
            // last contact counts whatever its class, `RestrictedNotesTests`), and answers by any
            // role are in `responses`.
            let visibility = AlertVisibility(alerts, responses: snapshot.responses, now: now)
            for id in missing {
                #expect(visibility.shown.contains { $0.child == id && $0.rule == .missingNow }, "seed \(seed) step \(step): \(id) missing and not listed")
            }
            #expect(visibility.shown.filter { $0.severity == .critical }.count >= missing.count)
        }
    }
}
