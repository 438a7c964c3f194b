import CareDomain
import Foundation
import Testing
@testable import CareStore

/// Issue 20, the two parts of "what changed" and "every unmet step" the records did not hold:
/// a child's record keeps which profile fields changed, when and by whom (no values), written
/// with the edit; a contact note with the placement while the child is missing is noted on the
/// open episode, so the missing alert and the handover say "no contact with placement" until
/// there is one, the same for every role. Against both stores.
@Suite struct ProfileChangesAndPlacementContactTests {
    static let hour: TimeInterval = 3600

    // MARK: Profile changes

    @Test(arguments: StoreKind.allCases)
    func aProfileEditKeepsWhichFieldsChangedWhenAndByWhomAndNoValue(_ kind: StoreKind) throws {
        let unit = try ContractUnit(kind)
        let original = try unit.child()
        #expect(original.profileChanges == nil)
        var edit = original
        edit.legalName = "Renamedtest Qwxyz"
        edit.placement = "Second test group home"
        // Whatever history a form carries is not what is kept.
        edit.profileChanges = [ProfileChange(fields: ["invented by the form"], at: Samples.when, by: unit.police.worker.id)]
        let first: Child = try unit.protection.performed(.updateChild(edit))
        #expect(first.profileChanges == [ProfileChange(fields: ["legal name", "placement"], at: Samples.now, by: unit.protection.worker.id)])

        var risk = first
        risk.riskLevel = .critical
        let second: Child = try unit.supervisor.performed(.updateChild(risk))
        let unchanged: Child = try unit.supervisor.performed(.updateChild(second))
        #expect(unchanged.profileChanges?.map(\.fields) == [["legal name", "placement"], ["risk level"]], "a save that changed nothing adds nothing")
        #expect(unchanged.profileChanges?.last?.by == unit.supervisor.worker.id)

        // No value, old or new, is in the history.
        let history = String(decoding: try JSONEncoder().encode(unchanged.profileChanges), as: UTF8.self)
        for value in [original.legalName, edit.legalName, original.placement, edit.placement, "critical", "high"] {
            #expect(!history.contains(value), "\(value) in \(history)")
        }
        // Whoever reads the profile reads it, from the caseload's summaries: police too.
        for session in [unit.police, unit.liaison, unit.protection] {
            let summary = try #require(try session.loadCaseload().children.first { $0.id == original.id })
            #expect(summary.profileChanges == unchanged.profileChanges ?? [])
        }
        if let store = unit.supervisor as? SQLiteCaseStore {
            #expect(try store.verify().isHealthy, "the summaries say what the records say")
        }
    }

    @Test func theHistoryKeepsOnlyTheLastFewChanges() throws {
        let unit = try ContractUnit(.memory)
        var child = try unit.child()
        for index in 0..<(ProfileChange.kept + 3) {
            child.pronouns = "test pronouns \(index)"
            child = try unit.protection.performed(.updateChild(child))
        }
        #expect(child.profileChanges?.count == ProfileChange.kept)
    }

    // MARK: Contact with the placement

    static func missingAlert(_ session: ContractUnit.Session) throws -> String {
        let snapshot = try session.loadCaseload()
        let alerts = AlertRules.evaluate(snapshot: snapshot, now: Samples.now, zone: ContractUnit.timeZone)
        return try #require(alerts.first { $0.rule == .missingNow }).message
    }

    static func placementNote(_ child: ChildID, by worker: WorkerID, at offset: TimeInterval, visibility: Contact.Visibility = .team) -> Contact {
        var note = Samples.contact(child: child, author: worker, at: offset, visibility: visibility)
        note.kind = .placement
        note.summary = "Rang the test group home: not back yet (test)"
        return note
    }

    @Test(arguments: StoreKind.allCases)
    func aPlacementContactAfterTheTimeLastSeenMeetsTheStepForEveryRoleEvenInARestrictedNote(_ kind: StoreKind) throws {
        let unit = try ContractUnit(kind)
        let child = try unit.child()
        let episode: MissingEpisode = try unit.protection.performed(.reportMissing(Samples.openEpisode(child: child.id)))
        #expect(episode.placementContact == nil)
        for session in [unit.police, unit.protection] {
            let message = try Self.missingAlert(session)
            #expect(message.hasSuffix(" — no contact with placement"), "\(message)")
        }
        // A note with the placement from before the time last seen, and one with the youth, do not count.
        _ = try unit.protection.perform(.logContact(Self.placementNote(child.id, by: unit.protection.worker.id, at: -2 * Self.hour)))
        _ = try unit.protection.perform(.logContact(Samples.contact(child: child.id, author: unit.protection.worker.id, at: 600)))
        #expect(try Self.missingAlert(unit.police).hasSuffix(" — no contact with placement"))

        // A restricted note with the placement: police may not read it, yet the step is met for them too.
        let outcome = try unit.protection.perform(.logContact(Self.placementNote(child.id, by: unit.protection.worker.id, at: 1200, visibility: .restricted)))
        let note = try #require(outcome.record?.as(Contact.self))
        #expect(outcome.saved.count == 2, "the note and the episode, in one transaction")
        for session in [unit.police, unit.protection, unit.liaison] {
            let stored = try #require(try session.loadCaseload().episodes[child.id]?.first)
            #expect(stored.placementContacted == .init(at: Samples.when.addingTimeInterval(1200), note: note.id))
            let message = try Self.missingAlert(session)
            #expect(message == "missing 2d 1h — no police report — placement contacted", "\(message)")
        }
        let event = try #require(try unit.lastEvent())
        #expect(event.summary.contains("placement contact noted on the missing episode") && !event.summary.contains("not back yet"))

        // An episode saved again without it (its version current) keeps it: the notes own it.
        var current = try #require(try unit.protection.loadCaseload().episodes[child.id]?.first)
        current.placementContact = nil
        current.policeReport = .init(service: "Test Police Service", occurrenceNumber: "TP-0002", reportedAt: Samples.now)
        let updated: MissingEpisode = try unit.police.performed(.updateMissingEpisode(current))
        #expect(updated.placementContacted?.note == note.id)
        if let store = unit.supervisor as? SQLiteCaseStore {
            #expect(try store.verify().isHealthy, "the summaries say what the records say")
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aPlacementContactLoggedBeforeTheReportCounts(_ kind: StoreKind) throws {
        let unit = try ContractUnit(kind)
        let child = try unit.child()
        // Last seen an hour before `when`; the placement rang half an hour later, then she was reported.
        _ = try unit.protection.perform(.logContact(Self.placementNote(child.id, by: unit.protection.worker.id, at: -0.5 * Self.hour)))
        let episode: MissingEpisode = try unit.police.performed(.reportMissing(Samples.openEpisode(child: child.id)))
        #expect(episode.placementContacted?.at == Samples.when.addingTimeInterval(-0.5 * Self.hour))
        #expect(try Self.missingAlert(unit.liaison).hasSuffix(" — placement contacted"))
    }
}
