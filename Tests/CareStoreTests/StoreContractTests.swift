import CareDomain
import Foundation
import Testing
@testable import CareStore

/// The behaviour of the store port, asserted against the SQLite store and the in-memory store
/// alike, so the dashboard (tested over the in-memory one) sees what a real unit will do.
@Suite struct StoreContractTests {
    // MARK: Looking

    @Test(arguments: StoreKind.allCases)
    func aPreviewIsAuditedOncePerChildPerSessionAndAViewCoversIt(_ kind: StoreKind) throws {
        let unit = try ContractUnit(kind)
        let first = try unit.child(sequence: 1)
        let second = try unit.child(sequence: 2)
        func looks() throws -> [String] {
            try unit.supervisor.auditEvents(child: nil, actor: unit.police.worker.id, since: nil)
                .filter { $0.action == .preview || $0.action == .view }
                .map { "\($0.action.rawValue) \($0.child == first.id ? "first" : "second")" }
        }
        try unit.police.preview(of: first.id)
        try unit.police.preview(of: first.id)
        _ = try unit.police.loadDetail(of: second.id, contactLimit: 1)
        try unit.police.preview(of: second.id)
        #expect(try looks() == ["preview first", "view second"])
        unit.police.lock()
        try unit.police.unlock(passphrase: StoreFixture.police.passphrase)
        try unit.police.preview(of: first.id)
        #expect(try looks() == ["preview first", "view second", "preview first"])
        #expect(throws: CommandError.notFound(kind: .child, id: "no-such-child")) { try unit.police.preview(of: ChildID(rawValue: "no-such-child")) }
    }

    // MARK: Children

    @Test(arguments: StoreKind.allCases)
    func createChildTakesConsecutiveNumbersFromTheCounter(_ kind: StoreKind) throws {
        let unit = try ContractUnit(kind)
        // Whatever number the form put on the draft, the counter decides.
        let numbers = try [42, 42, 7].map { try unit.child(sequence: $0).caseNumber.description }
        #expect(numbers == ["TST-2026-0001", "TST-2026-0002", "TST-2026-0003"])
        #expect(try unit.liaison.loadCaseload().children.map(\.caseNumber.description) == numbers)
    }

    @Test(arguments: StoreKind.allCases)
    func aStaleUpdateIsAConflictCarryingBothVersionsAndWhoSaved(_ kind: StoreKind) throws {
        let unit = try ContractUnit(kind)
        let original = try unit.child()
        var theirs = original
        theirs.placement = "Test foster home"
        let saved: Child = try unit.supervisor.performed(.updateChild(theirs))
        // A view or preview after the save does not make the viewer the one who saved.
        _ = try unit.police.loadDetail(of: original.id, contactLimit: 1)
        try unit.liaison.preview(of: original.id)

        var yours = original
        yours.pronouns = "they/them"
        let before = try unit.footprint()
        #expect {
            try unit.protection.perform(.updateChild(yours))
        } throws: { error in
            guard let conflict = error as? RecordConflict else { return false }
            return conflict.yours == .child(yours) && conflict.theirs == .child(saved) && saved.version == 2
                && conflict.savedBy == "Sam Supervisortest" && conflict.savedAt == Samples.now
        }
        #expect(try unit.footprint() == before)
    }

    @Test(arguments: StoreKind.allCases)
    func updateChildRefusesTheFieldsOtherCommandsOwn(_ kind: StoreKind) throws {
        let unit = try ContractUnit(kind)
        let child = try unit.child()
        var renumbered = child
        renumbered.caseNumber = CaseNumber(unit: "TST", year: 2026, sequence: 99)
        #expect(throws: CommandError.owned("A case number never changes.")) { try unit.supervisor.perform(.updateChild(renumbered)) }
        var flagged = child
        flagged.flags = [Flag(text: "Slipped in through the profile", setBy: unit.supervisor.worker.id, setAt: Samples.when)]
        #expect(throws: CommandError.owned("Flags are added and removed with their own keys, not in the profile.")) {
            try unit.supervisor.perform(.updateChild(flagged))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func flagsAreAddedAndRemovedWithAReason(_ kind: StoreKind) throws {
        let unit = try ContractUnit(kind)
        let child = try unit.child()
        let flag = Flag(text: "Do not approach at Test School", severity: .critical, setBy: .make(), setAt: Samples.when)
        let flagged: Child = try unit.protection.performed(.addFlag(child: child.id, flag))
        #expect(flagged.version == 2)
        #expect(flagged.flags.map(\.text) == [flag.text])
        // Who and when come from the session, not from the caller.
        #expect(flagged.flags.first?.setBy == unit.protection.worker.id)
        #expect(flagged.flags.first?.setAt == Samples.now)

        #expect(throws: CommandError.invalid(["Give the reason for removing the flag."])) {
            try unit.protection.perform(.removeFlag(child: child.id, flag: flag.id, reason: " "))
        }
        let removed: Child = try unit.protection.performed(.removeFlag(child: child.id, flag: flag.id, reason: "School term ended"))
        #expect(removed.version == 3)
        #expect(removed.flags.first?.removal == Flag.Removal(by: unit.protection.worker.id, at: Samples.now, reason: "School term ended"))
        #expect(removed.activeFlags.isEmpty)
        #expect(throws: CommandError.invalid(["This flag was already removed."])) {
            try unit.protection.perform(.removeFlag(child: child.id, flag: flag.id, reason: "again"))
        }
        #expect(try unit.liaison.loadCaseload().children == [ChildSummary(removed)])
    }

    // MARK: Contacts and missing episodes

    @Test(arguments: StoreKind.allCases)
    func policeCannotLogARestrictedContactNorReadOne(_ kind: StoreKind) throws {
        let unit = try ContractUnit(kind)
        let child = try unit.child()
        let before = try unit.footprint()
        #expect(throws: CommandError.denied(PermissionDenied(permission: .viewRestrictedNotes, role: .police))) {
            try unit.police.perform(.logContact(Samples.contact(child: child.id, author: unit.police.worker.id, visibility: .restricted)))
        }
        #expect(try unit.footprint() == before)

        let team: Contact = try unit.police.performed(.logContact(Samples.contact(child: child.id, author: unit.police.worker.id, at: 60)))
        _ = try unit.protection.perform(.logContact(Samples.contact(child: child.id, author: unit.protection.worker.id, visibility: .restricted)))
        let page = try unit.police.loadDetail(of: child.id, contactLimit: 10).contacts
        #expect(page.contacts == [team])
        #expect(page.hiddenRestricted == 1)
        #expect(try unit.liaison.loadDetail(of: child.id, contactLimit: 10).contacts.contacts.count == 2)
    }

    @Test(arguments: StoreKind.allCases)
    func contactsAtTheSameMinuteAreNeitherSkippedNorRepeatedAcrossPages(_ kind: StoreKind) throws {
        let unit = try ContractUnit(kind)
        let child = try unit.child()
        // Five notes at one minute and two a minute later: every page boundary falls inside a
        // run of equal times, where a cursor on time alone would skip or repeat notes.
        var logged: [Contact] = []
        for offset in [0, 0, 0, 0, 0, 60, 60] as [TimeInterval] {
            logged.append(try unit.protection.performed(.logContact(Samples.contact(child: child.id, author: unit.protection.worker.id, at: offset))))
        }
        var page = try unit.protection.loadDetail(of: child.id, contactLimit: 2).contacts
        var read = page.contacts
        while page.hasMore {
            page = try unit.protection.loadContacts(of: child.id, after: try #require(page.cursor), limit: 2)
            read += page.contacts
        }
        #expect(read.map(\.id) == logged.sorted(by: ContactCursor.newer).map(\.id))
        #expect(read == logged.sorted(by: ContactCursor.newer))
    }

    @Test(arguments: StoreKind.allCases)
    func aSecondEpisodeIsRefusedWhileOneIsOpen(_ kind: StoreKind) throws {
        let unit = try ContractUnit(kind)
        let child = try unit.child()
        _ = try unit.police.perform(.reportMissing(Samples.openEpisode(child: child.id)))
        let before = try unit.footprint()
        #expect(throws: CommandError.invalid([
            "This child already has an open missing episode; record the police report or the location on that one.",
        ])) {
            try unit.protection.perform(.reportMissing(Samples.openEpisode(child: child.id)))
        }
        #expect(try unit.footprint() == before)
        #expect(try unit.liaison.loadCaseload().episodes[child.id]?.count == 1)
    }

    @Test(arguments: StoreKind.allCases)
    func locatedBeforeLastSeenIsRefusedInWords(_ kind: StoreKind) throws {
        let unit = try ContractUnit(kind)
        let child = try unit.child()
        var episode: MissingEpisode = try unit.police.performed(.reportMissing(Samples.openEpisode(child: child.id)))
        episode.located = .init(at: episode.lastSeenAt.addingTimeInterval(-600), place: "Test mall", returnedTo: "Test group home")
        #expect {
            try unit.police.perform(.updateMissingEpisode(episode))
        } throws: { error in
            guard case CommandError.invalid(let problems) = error else { return false }
            return problems.count == 1 && problems[0].hasPrefix("Located must be after last seen (")
        }
        #expect(try unit.liaison.loadCaseload().openEpisode(of: child.id)?.version == 1)
    }

    // MARK: The change feed

    @Test(arguments: StoreKind.allCases)
    func theFeedListsWhatEachCommandWroteAndAPatchCatchesUp(_ kind: StoreKind) throws {
        let unit = try ContractUnit(kind)
        let first = try unit.child()
        // Another worker's dashboard, loaded before the changes below.
        var stale = try unit.liaison.loadCaseload()
        let start = try unit.liaison.changeCursor()

        let commands: [(ContractUnit.Session, CaseCommand)] = [
            (unit.protection, .createChild(Samples.newChild(author: unit.protection.worker.id))),
            (unit.police, .logContact(Samples.contact(child: first.id, author: unit.police.worker.id))),
            (unit.protection, .addFlag(child: first.id, Flag(text: "Test flag", setBy: .make(), setAt: Samples.when))),
            (unit.police, .reportMissing(Samples.openEpisode(child: first.id))),
            (unit.supervisor, .saveService(Samples.service())),
            (unit.police, .acknowledgeAlert(alertID: "handover-unacknowledged", child: nil, since: Samples.when, note: "Seen to")),
        ]
        for (session, command) in commands {
            let cursor = try unit.liaison.changeCursor()
            let outcome = try session.perform(command)
            let batch = try unit.liaison.changes(since: cursor)
            #expect(batch.changes == outcome.changes, "\(command.label)")
            #expect(batch.changes.map(\.id) == outcome.saved.map(\.recordID), "\(command.label)")
            #expect(batch.cursor == outcome.changes.last?.sequence, "\(command.label)")
            #expect(try unit.liaison.changeCursor() == batch.cursor, "\(command.label)")
        }

        let batch = try unit.liaison.changes(since: start)
        #expect(batch.changes.map(\.sequence) == batch.changes.map(\.sequence).sorted())
        #expect(batch.touchesCatalogue)
        stale.apply(try unit.liaison.loadPatch(children: batch.children, catalogue: batch.touchesCatalogue))
        #expect(stale == (try unit.liaison.loadCaseload()))
        #expect(stale.children.count == 2)
        #expect(try unit.liaison.changes(since: batch.cursor).changes.isEmpty)
    }

    @Test(arguments: StoreKind.allCases)
    func refreshingARecordWritesNoEventAndNeedsAView(_ kind: StoreKind) throws {
        let unit = try ContractUnit(kind)
        let child = try unit.child()
        #expect(throws: (any Error).self) { try unit.police.refreshDetail(of: child.id, contactLimit: 5) }

        _ = try unit.police.loadDetail(of: child.id, contactLimit: 5)
        let note: Contact = try unit.protection.performed(.logContact(Samples.contact(child: child.id, author: unit.protection.worker.id)))
        let events = try unit.auditCount()
        let refreshed = try unit.police.refreshDetail(of: child.id, contactLimit: 5)
        #expect(refreshed.contacts.contacts == [note])
        #expect(try unit.auditCount() == events)

        // Locking forgets what was viewed: after unlocking, the record is opened (and audited) again.
        unit.police.lock()
        try unit.police.unlock(passphrase: StoreFixture.police.passphrase)
        #expect {
            try unit.police.refreshDetail(of: child.id, contactLimit: 5)
        } throws: { error in
            "\(error)" == "Open the record before refreshing it."
        }
    }

    // MARK: Audit

    @Test(arguments: StoreKind.allCases)
    func everyCommandWritesExactlyOneAuditEvent(_ kind: StoreKind) throws {
        let unit = try ContractUnit(kind)
        let cp = unit.protection, police = unit.police, liaison = unit.liaison, supervisor = unit.supervisor

        /// Performs `command` and checks it added one event, by `session`, about the record it wrote.
        func once(_ session: ContractUnit.Session, _ command: CaseCommand, _ action: AuditAction) throws -> CommandOutcome {
            let before = try unit.auditCount()
            let outcome = try session.perform(command)
            #expect(try unit.auditCount() == before + 1, "\(command.label)")
            let event = try #require(try unit.lastEvent())
            #expect(event.action == action, "\(command.label)")
            #expect(event.actor == session.worker.id, "\(command.label)")
            #expect(event.targetID == outcome.record?.recordID, "\(command.label)")
            #expect(event.summary == outcome.summary, "\(command.label)")
            return outcome
        }

        let child = try #require(try once(cp, .createChild(Samples.newChild(author: cp.worker.id)), .create).record?.as(Child.self))
        let other = try #require(try once(cp, .createChild(Samples.newChild(author: cp.worker.id)), .create).record?.as(Child.self))
        var edited = child
        edited.placement = "Test foster home"
        _ = try once(cp, .updateChild(edited), .update)
        let flag = Flag(text: "Test flag", setBy: cp.worker.id, setAt: Samples.when)
        _ = try once(cp, .addFlag(child: child.id, flag), .update)
        _ = try once(cp, .removeFlag(child: child.id, flag: flag.id, reason: "Resolved"), .update)
        _ = try once(cp, .logContact(Samples.contact(child: child.id, author: cp.worker.id)), .create)
        var episode = try #require(try once(police, .reportMissing(Samples.openEpisode(child: child.id)), .create).record?.as(MissingEpisode.self))
        episode.located = .init(at: Samples.when.addingTimeInterval(3600), place: "Test mall", returnedTo: "Test group home")
        _ = try once(police, .updateMissingEpisode(episode), .update)
        let indicator = try #require(try once(police, .addIndicator(Samples.indicator(child: child.id)), .create).record?.as(RiskIndicator.self))
        _ = try once(cp, .resolveIndicator(indicator.id, note: "Phone returned"), .update)
        _ = try once(cp, .saveSafetyPlan(Samples.plan(child: child.id)), .create)
        _ = try once(cp, .saveAppointment(Samples.appointment(child: child.id)), .create)
        let service = try #require(try once(supervisor, .saveService(Samples.service()), .create).record?.as(Service.self))
        var referral = try #require(try once(cp, .createReferral(Samples.draftReferral(child: child.id, service: service.id, by: cp.worker.id)), .create)
            .record?.as(Referral.self))
        referral.priority = .routine
        _ = try once(cp, .updateReferral(referral), .update)
        _ = try once(cp, .applyReferral(referral.id, .submit), .update)
        _ = try once(police, .acknowledgeAlert(alertID: "contact-overdue:\(child.id)", child: child.id, since: Samples.when, note: "Called"), .acknowledge)
        _ = try once(police, .snoozeAlert(alertID: "court-soon:\(child.id)", child: child.id, since: Samples.when,
                                          until: Samples.now.addingTimeInterval(3600), note: "After court"), .snooze)
        // A shift still on: only a supervisor writes a handover after its shift (issue 20).
        var handover = Samples.handover(child: child.id, from: cp.worker.id, to: liaison.worker.id)
        handover.shiftStart = Samples.now.addingTimeInterval(-3600)
        handover.shiftEnd = Samples.now.addingTimeInterval(3600)
        _ = try once(cp, .saveHandover(handover), .create)
        _ = try once(liaison, .acknowledgeHandoverEntry(handover: handover.id, child: child.id, readBack: "Debrief first"), .acknowledge)
        let link = try #require(try once(police, .link(Samples.link(child: child.id, to: other.id, by: police.worker.id)), .create).record?.as(RecordLink.self))
        _ = try once(police, .unlink(link.id, reason: "Mistaken identity"), .update)
    }

    @Test(arguments: StoreKind.allCases)
    func theCaseloadHoldsWhatTheListNeedsAndTheOpenedRecordTheRest(_ kind: StoreKind) throws {
        let unit = try ContractUnit(kind)
        var child = try unit.child()
        child.placement = "Test placement kept with the record"
        child = try unit.protection.performed(.updateChild(child))
        let kept: RiskIndicator = try unit.protection.performed(.addIndicator(Samples.indicator(child: child.id)))
        let resolved: RiskIndicator = try unit.protection.performed(.addIndicator(RiskIndicator(
            child: child.id, kind: .hotelKeyCardsOrStays, observedOn: DayDate(year: 2026, month: 4, day: 1), source: .worker)))
        let cursor = try unit.police.changeCursor()
        var patched = try unit.police.loadCaseload()
        #expect(patched.openIndicators[child.id]?.count == 2)
        _ = try unit.protection.perform(.resolveIndicator(resolved.id, note: "Test resolution"))

        // Another session sees the change through the feed and a patch, as a fresh load does.
        let changed = Set(try unit.police.changes(since: cursor).changes.compactMap(\.child))
        #expect(changed == [child.id])
        patched.apply(try unit.police.loadPatch(children: changed, catalogue: false))
        for loaded in [try unit.police.loadCaseload(), patched] {
            #expect(loaded.children == [ChildSummary(child)])
            #expect(loaded.openIndicators[child.id] == [OpenIndicator(kept)], "the resolved indicator leaves the caseload")
        }
        // The whole record, resolved indicator and placement included, comes with the opened record.
        let detail = try unit.police.loadDetail(of: child.id, contactLimit: 5)
        #expect(detail.child == child)
        #expect(Set(detail.indicators.map(\.id)) == [kept.id, resolved.id])
        #expect(detail.indicators.first { $0.id == resolved.id }?.resolved == true)
    }

    @Test(arguments: StoreKind.allCases)
    func theCaseloadsLastContactCountsEveryClassForEveryRole(_ kind: StoreKind) throws {
        let unit = try ContractUnit(kind)
        let child = try unit.child()
        let team: Contact = try unit.protection.performed(.logContact(Samples.contact(child: child.id, author: unit.protection.worker.id, at: 0)))
        let restricted: Contact = try unit.protection.performed(.logContact(
            Samples.contact(child: child.id, author: unit.protection.worker.id, at: 3600, visibility: .restricted)))
        #expect(try unit.police.loadCaseload().lastContact[child.id] == restricted.occurredAt)
        #expect(try unit.police.loadCaseload().restrictedLastContact == [child.id])
        #expect(try unit.protection.loadCaseload().lastContact[child.id] == restricted.occurredAt)
        #expect(try unit.liaison.loadCaseload().lastContact[child.id] == restricted.occurredAt)
        // Nor do the handover's counts tell police when restricted notes were written.
        let day = (Samples.when.addingTimeInterval(-60), Samples.when.addingTimeInterval(2 * 3600))
        #expect(try unit.police.contactStamps(from: day.0, to: day.1).filter { $0.child == child.id }.map(\.at) == [team.occurredAt])
        #expect(try unit.protection.contactStamps(from: day.0, to: day.1).filter { $0.child == child.id }.map(\.at)
            == [team.occurredAt, restricted.occurredAt])
    }

    // MARK: Alerts, handover, links

    @Test(arguments: StoreKind.allCases)
    func alertsAreAcknowledgedAndSnoozed(_ kind: StoreKind) throws {
        let unit = try ContractUnit(kind)
        let child = try unit.child()
        let alert = "contact-overdue:\(child.id)"
        let acknowledged: AlertResponse = try unit.police.performed(
            .acknowledgeAlert(alertID: alert, child: child.id, since: Samples.when, note: "  Called the group home  "))
        #expect(acknowledged.kind == .acknowledged)
        #expect(acknowledged.note == "Called the group home")
        #expect(acknowledged.by == unit.police.worker.id)
        #expect(acknowledged.at == Samples.now)
        let until = Samples.now.addingTimeInterval(4 * 3600)
        let snoozed: AlertResponse = try unit.protection.performed(
            .snoozeAlert(alertID: "court-soon:\(child.id)", child: child.id, since: Samples.when, until: until, note: ""))
        #expect(snoozed.kind == .snoozed && snoozed.until == until)

        let before = try unit.footprint()
        #expect(throws: CommandError.invalid(["Say what was done, or why the alert can wait."])) {
            try unit.police.perform(.acknowledgeAlert(alertID: alert, child: child.id, since: Samples.when, note: " "))
        }
        #expect(throws: CommandError.invalid(["Snooze until a time after now."])) {
            try unit.police.perform(.snoozeAlert(alertID: alert, child: child.id, since: Samples.when, until: Samples.when, note: ""))
        }
        #expect(try unit.footprint() == before)
        #expect(Set(try unit.liaison.loadCaseload().responses.map(\.id)) == [acknowledged.id, snoozed.id])
    }

    @Test(arguments: StoreKind.allCases)
    func twoWorkersAcknowledgeOneHandoverWithoutConflict(_ kind: StoreKind) throws {
        let unit = try ContractUnit(kind)
        let first = try unit.child(), second = try unit.child()
        let handover = Handover(
            shiftStart: Samples.when, shiftEnd: Samples.when.addingTimeInterval(8 * 3600),
            outgoing: [unit.supervisor.worker.id], incoming: [unit.protection.worker.id, unit.liaison.worker.id],
            entries: [first, second].map { Handover.Entry(child: $0.id, severity: .watch, summary: "Quiet shift") })
        _ = try unit.supervisor.perform(.saveHandover(handover))

        // Two incoming workers at shift change, each in their own session, neither reloading.
        let cp = try unit.signIn(StoreFixture.protection)
        let liaison = try unit.signIn(StoreFixture.liaison)
        _ = try cp.perform(.acknowledgeHandoverEntry(handover: handover.id, child: first.id, readBack: "Call at noon"))
        _ = try liaison.perform(.acknowledgeHandoverEntry(handover: handover.id, child: second.id, readBack: ""))
        _ = try liaison.perform(.acknowledgeHandoverEntry(handover: handover.id, child: first.id, readBack: "Noted"))
        #expect(throws: CommandError.invalid(["You have already acknowledged this entry."])) {
            try cp.perform(.acknowledgeHandoverEntry(handover: handover.id, child: first.id, readBack: "again"))
        }

        let acknowledgements = try unit.police.handoverAcknowledgements(of: handover.id)
        #expect(acknowledgements.count == 3)
        #expect(Set(acknowledgements.map { "\($0.by == cp.worker.id ? "cp" : "liaison") \($0.child == first.id ? "first" : "second")" })
            == ["cp first", "liaison second", "liaison first"])
        #expect(acknowledgements.map(\.at) == acknowledgements.map(\.at).sorted())
    }

    @Test(arguments: StoreKind.allCases)
    func whoeverSavesAHandoverDuringItsShiftIsAnOutgoingWorker(_ kind: StoreKind) throws {
        let unit = try ContractUnit(kind)
        let child = try unit.child()
        // The store's clock is at Samples.now: one shift still on, one long over.
        let on = Handover(shiftStart: Samples.now.addingTimeInterval(-3600), shiftEnd: Samples.now.addingTimeInterval(3600),
                          outgoing: [unit.supervisor.worker.id], entries: [.init(child: child.id, severity: .watch)])
        let saved: Handover = try unit.protection.performed(.saveHandover(on))
        #expect(saved.outgoing == [unit.supervisor.worker.id, unit.protection.worker.id])
        let over = Handover(shiftStart: Samples.when, shiftEnd: Samples.when.addingTimeInterval(3600), entries: [.init(child: child.id, severity: .watch)])
        // After the shift only a supervisor writes it (issue 20), and that is not a handover given.
        #expect(throws: (any Error).self) { try unit.liaison.perform(.saveHandover(over)) }
        let later: Handover = try unit.supervisor.performed(.saveHandover(over))
        #expect(later.outgoing.isEmpty, "a save after the shift is not a handover given")
    }

    @Test(arguments: StoreKind.allCases)
    func linksAreMadeAndRemovedWithReasons(_ kind: StoreKind) throws {
        let unit = try ContractUnit(kind)
        let child = try unit.child(), other = try unit.child()
        let link: RecordLink = try unit.police.performed(.link(Samples.link(child: child.id, to: other.id, by: .make())))
        #expect(link.createdBy == unit.police.worker.id)
        #expect(try unit.liaison.loadDetail(of: child.id, contactLimit: 1).links == [link])

        #expect(throws: CommandError.invalid(["A record cannot be linked to itself."])) {
            try unit.police.perform(.link(Samples.link(child: child.id, to: child.id, by: .make())))
        }
        let ghost = ChildID.make()
        #expect(throws: CommandError.notFound(kind: .child, id: ghost.rawValue)) {
            try unit.police.perform(.link(Samples.link(child: child.id, to: ghost, by: .make())))
        }
        #expect(throws: CommandError.invalid(["Give the reason for removing the link."])) { try unit.police.perform(.unlink(link.id, reason: "")) }

        let removed: RecordLink = try unit.protection.performed(.unlink(link.id, reason: "Mistaken identity"))
        #expect(removed.removal == RecordLink.Removal(by: unit.protection.worker.id, at: Samples.now, reason: "Mistaken identity"))
        #expect(try unit.liaison.loadDetail(of: child.id, contactLimit: 1).links == [removed])
        #expect(throws: CommandError.invalid(["This link was already removed."])) { try unit.police.perform(.unlink(link.id, reason: "again")) }
    }
}
