import Foundation

/// The rules every store applies to every command, inside its transaction: who may, what the
/// data must satisfy, which fields a command owns, and what is written with which audit words.
/// Pure apart from reading through the `CommandContext`, so the SQLite store and the in-memory
/// store cannot disagree.
public enum CommandRules {
    /// The writes and audit event for `command`, or a refusal: `CommandError` (rules, roles,
    /// owned fields), `RecordConflict` (the record changed since it was read).
    public static func prepare(_ command: CaseCommand, in context: some CommandContext) throws -> PreparedCommand {
        guard context.actor.active else { throw CommandError.inactiveAccount }
        let rules = Preparation(context: context, now: stamp(context.now))
        switch command {
        case .createChild(let child): return try rules.createChild(child)
        case .updateChild(let child): return try rules.updateChild(child)
        case .addFlag(let child, let flag): return try rules.addFlag(flag, to: child)
        case .removeFlag(let child, let flag, let reason): return try rules.removeFlag(flag, from: child, reason: reason)
        case .logContact(let contact): return try rules.logContact(contact)
        case .reportMissing(let episode): return try rules.reportMissing(episode)
        case .updateMissingEpisode(let episode): return try rules.updateEpisode(episode)
        case .addIndicator(let indicator): return try rules.addIndicator(indicator)
        case .resolveIndicator(let id, let note): return try rules.resolveIndicator(id, note: note)
        case .saveSafetyPlan(let plan): return try rules.savePlan(plan)
        case .saveAppointment(let appointment): return try rules.saveAppointment(appointment)
        case .createReferral(let referral): return try rules.createReferral(referral)
        case .submitNewReferral(let referral): return try rules.submitNewReferral(referral)
        case .updateReferral(let referral): return try rules.updateReferral(referral)
        case .applyReferral(let id, let step): return try rules.applyReferral(id, step)
        case .acknowledgeAlert(let alert, let child, let since, let note, let gravity):
            return try rules.respond(AlertResponse(alertID: alert, child: child, since: since, kind: .acknowledged, note: note,
                                                   by: context.actor.id, at: rules.now, gravity: gravity))
        case .snoozeAlert(let alert, let child, let since, let until, let note, let gravity):
            return try rules.respond(AlertResponse(alertID: alert, child: child, since: since, kind: .snoozed, until: until,
                                                   note: note, by: context.actor.id, at: rules.now, gravity: gravity))
        case .saveHandover(let handover): return try rules.saveHandover(handover)
        case .acknowledgeHandoverEntry(let handover, let child, let readBack):
            return try rules.acknowledge(handover, child: child, readBack: readBack)
        case .link(let link): return try rules.link(link)
        case .unlink(let id, let reason): return try rules.unlink(id, reason: reason)
        case .saveService(let service): return try rules.saveService(service)
        case .importServices(let services): return try rules.importServices(services)
        case .saveChecklist(let checklist): return try rules.saveChecklist(checklist)
        case .investigation(let command): return try InvestigationRules.prepare(command, in: context, now: rules.now)
        case .lifecycle(let child, let step): return try rules.lifecycle(child, step)
        case .reassign(let child, let team): return try rules.reassign(child, to: team)
        case .saveTransitionPlan(let child, let plan): return try rules.saveTransitionPlan(plan, of: child)
        case .transfer(let child, let command): return try rules.transfer(child, command)
        case .saveClosureReasons(let list): return try rules.saveClosureReasons(list)
        }
    }
}

extension CommandRules {
    /// The time a command stamps on what it writes (who did what when), to the whole second:
    /// a store keeps times as seconds since 1970, and a fraction would not come back exactly, so
    /// the record a command hands back would differ from the one read later (and a step taken
    /// on it would look like a change to its timeline).
    public static func stamp(_ now: Date) -> Date {
        Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
    }
}

/// One command's preparation: the context and the helpers every rule uses.
private struct Preparation<Context: CommandContext> {
    let context: Context
    /// The command's time, to the whole second (`CommandRules.stamp`).
    let now: Date

    var actor: Worker { context.actor }
    var zone: TimeZone { context.unit.timeZone }
    var today: DayDate { DayDate(now, in: zone) }

    // MARK: Helpers

    func require(_ permission: Permission) throws {
        do { try permission.require(actor.role) } catch { throw CommandError.denied(error) }
    }

    func current<Record: CareRecord>(_ type: Record.Type, _ id: String) throws -> Record {
        guard let found = try context.record(Record.kind, id: id)?.as(Record.self) else {
            throw CommandError.notFound(kind: Record.kind, id: id)
        }
        return found
    }

    /// Refuses to go near a record the actor may not read, before a conflict could hand it
    /// back: a police officer who learns a restricted note's id (the change feed lists it) and
    /// saves a contact under that id must not get the note as "theirs".
    func requireReadable(_ stored: AnyRecord) throws {
        if case .contact(let contact) = stored, contact.visibility == .restricted { try require(.viewRestrictedNotes) }
    }

    /// The stored record a versioned save replaces, after checking nobody saved it since.
    func replacing<Record: CareRecord>(_ record: Record) throws -> Record {
        let stored = try current(Record.self, record.recordID)
        try requireReadable(AnyRecord(stored))
        if stored.version != record.version {
            throw RecordConflict(yours: AnyRecord(record), theirs: AnyRecord(stored))
        }
        return stored
    }

    /// Refuses a new record whose id is taken: that is someone else's record, shown as a conflict.
    func requireNew<Record: CareRecord>(_ record: Record) throws {
        if let stored = try context.record(Record.kind, id: record.recordID) {
            try requireReadable(stored)
            throw RecordConflict(yours: AnyRecord(record), theirs: stored)
        }
    }

    /// The child as stored, refused once another unit accepted their transfer: the sending copy
    /// is read-only. A transfer still pending leaves the child this unit's, open to every edit.
    func requireChild(_ id: ChildID) throws -> Child {
        let child = try current(Child.self, id.rawValue)
        if let transfer = child.transferredOut, transfer.makesReadOnly {
            throw CommandError.invalid(["This child was \(transfer.words(zone: zone)); this copy of the record is read-only."])
        }
        return child
    }

    func refuse<Field>(_ problems: [Problem<Field>]) throws {
        if !problems.isEmpty { throw CommandError.invalid(problems.map(\.message)) }
    }

    func words(_ text: String, else message: String) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { throw CommandError.invalid([message]) }
        return trimmed
    }

    func created<Record: CareRecord>(_ record: Record, _ summary: String, action: AuditAction = .create) -> PreparedCommand {
        var stored = record
        stored.version = 1
        return PreparedCommand(
            writes: [.init(record: AnyRecord(stored), isNew: true)], action: action,
            target: RecordRef(stored), child: stored.childID, summary: summary)
    }

    func updated<Record: CareRecord>(_ record: Record, from stored: Record, _ summary: String, action: AuditAction = .update) -> PreparedCommand {
        var next = record
        next.version = stored.version + 1
        return PreparedCommand(
            writes: [.init(record: AnyRecord(next), isNew: false)], action: action,
            target: RecordRef(next), child: next.childID, summary: summary)
    }

    /// New (version 0) or a change to the version read.
    func saved<Record: CareRecord>(_ record: Record, _ summary: String, check: (Record?) throws -> Void = { _ in }) throws -> PreparedCommand {
        if record.version == 0 {
            try requireNew(record)
            try check(nil)
            return created(record, summary)
        }
        let stored = try replacing(record)
        try check(stored)
        return updated(record, from: stored, summary)
    }

    // MARK: Children

    func createChild(_ draft: Child) throws -> PreparedCommand {
        try require(.createChild)
        try requireNew(draft)
        guard draft.flags.isEmpty else { throw CommandError.owned("Flags are added once the record exists, with the flag key.") }
        guard draft.closure == nil else { throw CommandError.owned("A new case cannot start closed.") }
        guard draft.closureRequest == nil, draft.reopening == nil, draft.transitionPlan == nil, draft.transferredOut == nil,
              draft.formerCaseNumbers == nil else {
            throw CommandError.owned("A closure request, a reopening or a transition plan is made on the record once it exists.")
        }
        if draft.team.police != nil || draft.team.liaison != nil || (draft.team.childProtection.map { $0 != actor.id } ?? false) {
            try require(.reassign)
        }
        try refuse(ChildRules.problems(draft, today: today))
        var child = draft
        child.profileChanges = nil
        child.caseNumber = try context.nextCaseNumber(year: today.year)
        return created(child, "child record created (\(child.caseNumber))")
    }

    func updateChild(_ child: Child) throws -> PreparedCommand {
        try require(.viewCaseload)
        let stored = try replacing(child)
        _ = try requireChild(stored.id)
        if child.caseNumber != stored.caseNumber { throw CommandError.owned("A case number never changes.") }
        if child.transferredOut != stored.transferredOut || child.formerCaseNumbers != stored.formerCaseNumbers {
            throw CommandError.owned("A transfer is recorded by `care transfer`, not in the profile.")
        }
        if child.flags != stored.flags { throw CommandError.owned("Flags are added and removed with their own keys, not in the profile.") }
        if child.closure != stored.closure || child.closureRequest != stored.closureRequest || child.reopening != stored.reopening {
            throw CommandError.owned("A case closes by a request a supervisor approves, and reopens by its own command, not in the profile.")
        }
        if child.transitionPlan != stored.transitionPlan { throw CommandError.owned("The transition plan is saved with its own form.") }
        try SavePermissions.checkChildUpdate(child, stored: stored, role: actor.role)
        try refuse(ChildRules.problems(child, today: today).introduced(comparedWith: ChildRules.problems(stored, today: today)))
        let changed = ChildRules.changes(from: stored, to: child, zone: zone)
        let summary = changed.isEmpty ? "profile saved, nothing changed" : "profile updated: " + changed.joined(separator: "; ")
        // The record's own short history of what changed (no values), in this transaction:
        // whatever the form carried is replaced by the stored history and this save.
        var next = child
        next.profileChanges = stored.profileChanges
        let fields = ChildRules.changedFields(from: stored, to: child)
        if !fields.isEmpty {
            next.profileChanges = ProfileChange.appending(ProfileChange(fields: fields, at: now, by: actor.id), to: stored.profileChanges ?? [])
        }
        return updated(next, from: stored, summary)
    }

    func addFlag(_ flag: Flag, to id: ChildID) throws -> PreparedCommand {
        try require(.setFlag)
        var child = try requireChild(id)
        if child.flags.contains(where: { $0.id == flag.id }) { throw CommandError.owned("This flag is already on the record.") }
        var added = flag
        added.setBy = actor.id
        added.setAt = now
        added.removal = nil
        try refuse(FlagRules.problems(added))
        let stored = child
        child.flags.append(added)
        return updated(child, from: stored, "flag added (\(added.severity.rawValue)): \(added.text)")
    }

    func removeFlag(_ flagID: FlagID, from id: ChildID, reason: String) throws -> PreparedCommand {
        try require(.setFlag)
        var child = try requireChild(id)
        guard let index = child.flags.firstIndex(where: { $0.id == flagID }) else { throw CommandError.notFound(kind: .child, id: flagID.rawValue) }
        guard child.flags[index].removal == nil else { throw CommandError.invalid(["This flag was already removed."]) }
        let stored = child
        child.flags[index].removal = .init(by: actor.id, at: now, reason: reason)
        try refuse(FlagRules.problems(child.flags[index]))
        return updated(child, from: stored, "flag removed: \(child.flags[index].text) — \(reason)")
    }

    // MARK: Contacts, episodes, indicators, plans, appointments

    func logContact(_ draft: Contact) throws -> PreparedCommand {
        try require(.logContact)
        // Nobody writes what they could not read back.
        if draft.visibility == .restricted { try require(.viewRestrictedNotes) }
        try requireNew(draft)
        _ = try requireChild(draft.child)
        var contact = draft
        contact.author = actor.id
        try refuse(ContactRules.problems(contact, now: now))
        var prepared = created(contact, "contact logged (\(contact.kind.rawValue)\(contact.visibility == .restricted ? ", restricted" : ""))")
        // A contact with the placement while the child is missing is a step of the search: the
        // open episode says so in the same transaction, for every role (not the note's words).
        if contact.kind == .placement,
           let episode = try context.records(.missingEpisode, child: contact.child).compactMap({ $0.as(MissingEpisode.self) }).first(where: \.isOpen),
           contact.occurredAt >= episode.lastSeenAt, contact.occurredAt >= (episode.placementContact?.at ?? .distantPast) {
            var next = episode
            next.placementContact = .init(at: contact.occurredAt, note: contact.id)
            next.version = episode.version + 1
            prepared.writes.append(.init(record: AnyRecord(next), isNew: false))
            prepared.summary += "; placement contact noted on the missing episode"
        }
        return prepared
    }

    /// The latest contact note with the placement the actor may read since `episode`'s time last
    /// seen: one logged before the episode was reported (the placement rang to say she had not
    /// come back) counts too.
    func placementContact(since episode: MissingEpisode) throws -> MissingEpisode.PlacementContact? {
        try context.records(.contact, child: episode.child).compactMap { $0.as(Contact.self) }
            .filter { $0.kind == .placement && $0.occurredAt >= episode.lastSeenAt && actor.role.mayRead($0.visibilityClass) }
            .max { ($0.occurredAt, $0.id.rawValue) < ($1.occurredAt, $1.id.rawValue) }
            .map { .init(at: $0.occurredAt, note: $0.id) }
    }

    func reportMissing(_ episode: MissingEpisode) throws -> PreparedCommand {
        try require(.recordMissing)
        try requireNew(episode)
        _ = try requireChild(episode.child)
        if episode.isOpen { try requireNoOtherOpenEpisode(episode) }
        try refuse(MissingEpisodeRules.problems(episode, now: now, zone: zone))
        var opened = episode
        opened.placementContact = try placementContact(since: episode)
        return created(opened, episode.policeReport == nil ? "missing episode opened" : "missing episode opened, police report recorded")
    }

    func updateEpisode(_ episode: MissingEpisode) throws -> PreparedCommand {
        try require(.recordMissing)
        let stored = try replacing(episode)
        if episode.child != stored.child { throw CommandError.owned("An episode stays with the child it was reported for.") }
        if stored.located != nil && episode.located == nil {
            throw CommandError.invalid(["A located episode cannot be reopened; report the child missing again instead."])
        }
        if episode.isOpen { try requireNoOtherOpenEpisode(episode) }
        let before = MissingEpisodeRules.problems(stored, now: now, zone: zone)
        try refuse(MissingEpisodeRules.problems(episode, now: now, zone: zone).introduced(comparedWith: before))
        var parts: [String] = []
        if episode.policeReport != stored.policeReport { parts.append(stored.policeReport == nil ? "police report recorded" : "police report corrected") }
        if episode.located != stored.located { parts.append(stored.located == nil ? "child located" : "located details corrected") }
        if episode.debrief != stored.debrief { parts.append("debrief recorded") }
        if episode.notes != stored.notes || episode.description != stored.description || episode.believedWith != stored.believedWith
            || episode.vehicle != stored.vehicle { parts.append("search details updated") }
        if parts.isEmpty { parts.append("missing episode updated") }
        // The contact notes keep it, not the form: a form read before the note was logged
        // must not take it away.
        var next = episode
        next.placementContact = stored.placementContact
        if next.lastSeenAt != stored.lastSeenAt, next.placementContacted == nil { next.placementContact = try placementContact(since: next) }
        return updated(next, from: stored, parts.joined(separator: ", "))
    }

    func requireNoOtherOpenEpisode(_ episode: MissingEpisode) throws {
        let others = try context.records(.missingEpisode, child: episode.child).compactMap { $0.as(MissingEpisode.self) }
        if others.contains(where: { $0.isOpen && $0.id != episode.id }) {
            throw CommandError.invalid(["This child already has an open missing episode; record the police report or the location on that one."])
        }
    }

    func addIndicator(_ indicator: RiskIndicator) throws -> PreparedCommand {
        try require(.addIndicator)
        try requireNew(indicator)
        _ = try requireChild(indicator.child)
        try refuse(IndicatorRules.problems(indicator, today: today))
        return created(indicator, "indicator added: \(indicator.kind.label)")
    }

    func resolveIndicator(_ id: IndicatorID, note: String) throws -> PreparedCommand {
        try require(.addIndicator)
        var indicator = try current(RiskIndicator.self, id.rawValue)
        guard !indicator.resolved else { throw CommandError.invalid(["This indicator is already resolved."]) }
        let why = try words(note, else: "Say why the indicator is resolved.")
        let stored = indicator
        indicator.resolved = true
        indicator.note = indicator.note.isEmpty ? "Resolved: \(why)" : "\(indicator.note) — resolved: \(why)"
        return updated(indicator, from: stored, "indicator resolved: \(indicator.kind.label)")
    }

    func savePlan(_ plan: SafetyPlan) throws -> PreparedCommand {
        try require(.editSafetyPlan)
        _ = try requireChild(plan.child)
        return try saved(plan, "safety plan saved") { stored in
            if let stored, stored.child != plan.child { throw CommandError.owned("A safety plan stays with its child.") }
            if stored == nil, let existing = try context.records(.safetyPlan, child: plan.child).first {
                // One plan per child: a second new plan would hide the first.
                throw RecordConflict(yours: AnyRecord(plan), theirs: existing)
            }
        }
    }

    func saveAppointment(_ appointment: Appointment) throws -> PreparedCommand {
        try require(.logContact)
        _ = try requireChild(appointment.child)
        return try saved(appointment, "\(appointment.kind.rawValue) appointment saved") { stored in
            if let stored, stored.child != appointment.child { throw CommandError.owned("An appointment stays with its child.") }
        }
    }

    // MARK: Referrals

    /// A new draft as the store keeps it: the unit's checklist questions, who drafted it and
    /// when, a consent given with it recorded as the actor's.
    func newReferral(_ draft: Referral) throws -> Referral {
        try require(.createReferral)
        try requireNew(draft)
        _ = try requireChild(draft.child)
        _ = try current(Service.self, draft.service.rawValue)
        guard draft.status == .draft, draft.timeline.isEmpty, draft.review.decision == nil, draft.review.reviewer == nil else {
            throw CommandError.owned("A new referral starts as a draft; its steps are taken one by one.")
        }
        if draft.review.requiredBySupervisor { try require(.overrideReview) }
        var referral = draft
        referral.reason = draft.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        referral.createdBy = actor.id
        referral.createdAt = now
        referral.review = CulturalSafetyReview(required: false, requiredBySupervisor: draft.review.requiredBySupervisor,
                                               checklist: try unitChecklist().blankItems)
        referral.consent = recorded(draft.consent, replacing: nil)
        try refuse(ReferralRules.problems(referral, now: now))
        return referral
    }

    /// The unit's checklist as stored, or the default questions in a store made before it was kept.
    func unitChecklist() throws -> ReviewChecklist {
        try context.record(.reviewChecklist, id: ReviewChecklist.unitID.rawValue)?.as(ReviewChecklist.self) ?? ReviewChecklist()
    }

    /// A consent as stored: a changed one is recorded by the actor; pending carries no one and no time.
    func recorded(_ consent: Referral.Consent, replacing stored: Referral.Consent?) -> Referral.Consent {
        guard consent != stored else { return consent }
        var kept = consent
        kept.by = consent.by.trimmingCharacters(in: .whitespacesAndNewlines)
        kept.recordedBy = actor.id
        if consent.state == .pending {
            kept.by = ""
            kept.at = nil
            kept.recordedBy = stored == nil ? nil : actor.id
        }
        return kept
    }

    func createReferral(_ draft: Referral) throws -> PreparedCommand {
        let referral = try newReferral(draft)
        return created(referral, "referral drafted (\(referral.priority.rawValue))")
    }

    func submitNewReferral(_ draft: Referral) throws -> PreparedCommand {
        let referral = try newReferral(draft)
        let child = try requireChild(referral.child)
        let service = try current(Service.self, referral.service.rawValue)
        let submitted: Referral
        do {
            submitted = try ReferralWorkflow.apply(.submit, to: referral, child: child, service: service, actor: actor, now: now)
        } catch {
            throw CommandError.referral(error)
        }
        return created(submitted, "referral drafted (\(referral.priority.rawValue)) and submitted: draft → \(submitted.status.rawValue)")
    }

    func updateReferral(_ referral: Referral) throws -> PreparedCommand {
        try require(.createReferral)
        let stored = try replacing(referral)
        if stored.status.isFinal { throw CommandError.referral(.finalStatus(stored.status)) }
        guard referral.status == stored.status, referral.timeline == stored.timeline, referral.review == stored.review else {
            throw CommandError.owned("A referral's status, timeline and review change only through its workflow steps.")
        }
        if referral.child != stored.child { throw CommandError.owned("A referral stays with its child.") }
        if referral.service != stored.service {
            guard stored.status == .draft else {
                throw CommandError.owned("The service can change only while the referral is a draft; withdraw it and refer again.")
            }
            _ = try current(Service.self, referral.service.rawValue)
        }
        if referral.createdBy != stored.createdBy || referral.createdAt != stored.createdAt {
            throw CommandError.owned("Who drafted a referral, and when, never changes.")
        }
        var next = referral
        next.reason = referral.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        next.consent = recorded(referral.consent, replacing: stored.consent)
        try refuse(ReferralRules.problems(next, now: now).introduced(comparedWith: ReferralRules.problems(stored, now: now)))
        var parts: [String] = []
        if next.consent != stored.consent { parts.append("consent \(next.consent.state.rawValue)") }
        if next.reason != stored.reason { parts.append("reason") }
        if next.priority != stored.priority { parts.append("priority \(next.priority.rawValue)") }
        if next.service != stored.service { parts.append("service") }
        return updated(next, from: stored, "referral updated" + (parts.isEmpty ? "" : ": " + parts.joined(separator: ", ")))
    }

    func applyReferral(_ id: ReferralID, _ step: ReferralCommand) throws -> PreparedCommand {
        let stored = try current(Referral.self, id.rawValue)
        let child = try requireChild(stored.child)
        let service = try current(Service.self, stored.service.rawValue)
        let next: Referral
        do {
            next = try ReferralWorkflow.apply(step, to: stored, child: child, service: service, actor: actor, now: now)
        } catch {
            throw CommandError.referral(error)
        }
        let summary = next.status == stored.status
            ? "referral: \(step.verb)"
            : "referral \(stored.status.rawValue) → \(next.status.rawValue)"
        return updated(next, from: stored, summary)
    }

    // MARK: Alerts, handover, links, catalogue

    func respond(_ response: AlertResponse) throws -> PreparedCommand {
        try require(.acknowledgeAlert)
        if let child = response.child { _ = try requireChild(child) }
        try refuse(AlertResponseRules.problems(response, now: now))
        var stored = response
        stored.note = response.note.trimmingCharacters(in: .whitespacesAndNewlines)
        switch response.kind {
        case .acknowledged:
            return created(stored, "alert acknowledged (\(AlertRule.words(forAlertID: response.alertID)))", action: .acknowledge)
        case .snoozed:
            return created(stored, "alert snoozed until \(TimeText.format(response.until ?? now, zone: zone)) (\(AlertRule.words(forAlertID: response.alertID)))",
                           action: .snooze)
        }
    }

    func saveHandover(_ handover: Handover) throws -> PreparedCommand {
        try require(.editHandover)
        guard handover.shiftEnd > handover.shiftStart else { throw CommandError.invalid(["A shift ends after it starts."]) }
        if Set(handover.entries.map(\.child)).count != handover.entries.count {
            throw CommandError.invalid(["A handover has one card per child."])
        }
        var handover = handover
        let stored = handover.version == 0 ? nil : try current(Handover.self, handover.id.rawValue)
        if let refusal = HandoverAuthorship.saveRefusal(stored: stored, shiftEnd: handover.shiftEnd, actor: actor, now: now) {
            throw CommandError.invalid([refusal])
        }
        // Who handed over: whoever writes it while its shift is still on is an outgoing worker;
        // a supervisor's save after the shift keeps the authors it had.
        handover.outgoing = stored?.outgoing ?? handover.outgoing
        if now < handover.shiftEnd, !handover.outgoing.contains(actor.id) { handover.outgoing.append(actor.id) }
        handover.savedAt = now
        return try saved(handover, "handover saved (\(handover.entries.count) cards)")
    }

    func acknowledge(_ id: HandoverID, child: ChildID, readBack: String) throws -> PreparedCommand {
        try require(.editHandover)
        let handover = try current(Handover.self, id.rawValue)
        guard handover.entries.contains(where: { $0.child == child }) else {
            throw CommandError.invalid(["This handover has no entry for that child."])
        }
        if let refusal = HandoverAuthorship.acknowledgeRefusal(handover, actor: actor) { throw CommandError.invalid([refusal]) }
        let earlier = try context.records(.handoverAcknowledgement, child: child)
            .compactMap { $0.as(HandoverAcknowledgement.self) }
            .filter { $0.handover == id && $0.by == actor.id }
        if !earlier.isEmpty { throw CommandError.invalid(["You have already acknowledged this entry."]) }
        let acknowledgement = HandoverAcknowledgement(
            handover: id, child: child, by: actor.id, at: now, readBack: readBack.trimmingCharacters(in: .whitespacesAndNewlines))
        return created(acknowledgement, "handover entry acknowledged", action: .acknowledge)
    }

    func link(_ draft: RecordLink) throws -> PreparedCommand {
        try require(.linkRecords)
        try requireNew(draft)
        _ = try requireChild(draft.child)
        guard try context.record(draft.target.kind, id: draft.target.id) != nil else {
            throw CommandError.notFound(kind: draft.target.kind, id: draft.target.id)
        }
        if draft.target == RecordRef(kind: .child, id: draft.child.rawValue) {
            throw CommandError.invalid(["A record cannot be linked to itself."])
        }
        var link = draft
        link.note = try words(draft.note, else: "Say why these records are linked.")
        link.createdBy = actor.id
        link.createdAt = now
        link.removal = nil
        return created(link, "linked to a \(link.target.kind.words)")
    }

    func unlink(_ id: LinkID, reason: String) throws -> PreparedCommand {
        try require(.linkRecords)
        var link = try current(RecordLink.self, id.rawValue)
        guard link.isActive else { throw CommandError.invalid(["This link was already removed."]) }
        let why = try words(reason, else: "Give the reason for removing the link.")
        let stored = link
        link.removal = .init(by: actor.id, at: now, reason: why)
        return updated(link, from: stored, "link removed")
    }

    func saveService(_ service: Service) throws -> PreparedCommand {
        try require(.editCatalogue)
        try refuse(ServiceRules.problems(service))
        return try saved(service, "service saved: \(service.name)")
    }

    /// Every service or none: one bad service, or one saved by someone else since it was read,
    /// refuses the whole import.
    func importServices(_ services: [Service]) throws -> PreparedCommand {
        try require(.editCatalogue)
        guard let first = services.first else { throw CommandError.invalid(["The catalogue lists no services."]) }
        if Set(services.map(\.id)).count != services.count {
            throw CommandError.invalid(["The catalogue lists the same service twice."])
        }
        var writes: [PreparedCommand.Write] = []
        var added = 0
        for service in services {
            if let problem = ServiceRules.problems(service).first {
                throw CommandError.invalid(["\(service.name.isEmpty ? "A service" : service.name): \(problem.message)"])
            }
            let prepared = try saved(service, "")
            if prepared.writes.first?.isNew == true { added += 1 }
            writes += prepared.writes
        }
        return PreparedCommand(
            writes: writes, action: .update, target: RecordRef(first), child: nil,
            summary: "services catalogue imported: \(added) new, \(services.count - added) updated")
    }

    func saveChecklist(_ checklist: ReviewChecklist) throws -> PreparedCommand {
        try require(.editCatalogue)
        guard checklist.id == ReviewChecklist.unitID else { throw CommandError.owned("A unit has one review checklist.") }
        var cleaned = checklist
        cleaned.questions = checklist.questions.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        if let problem = ChecklistRules.problems(cleaned).first { throw CommandError.invalid([problem]) }
        return try saved(cleaned, "review checklist saved (\(cleaned.questions.count) questions)")
    }

    func saveClosureReasons(_ list: ClosureReasonList) throws -> PreparedCommand {
        try require(.editClosureReasons)
        guard list.id == ClosureReasonList.unitID else { throw CommandError.owned("A unit has one list of closure reasons.") }
        var cleaned = list
        cleaned.reasons = ClosureReasonList.cleaned(list.reasons)
        if !cleaned.problems.isEmpty { throw CommandError.invalid(cleaned.problems) }
        // The unit's words, not a child's: the audit names how many, as the checklist's does.
        return try saved(cleaned, "closure reasons saved (\(cleaned.reasons.count) reasons)")
    }

    // MARK: The case's life

    func lifecycle(_ id: ChildID, _ command: LifecycleCommand) throws -> PreparedCommand {
        let stored = try requireChild(id)
        let blocks = ClosureBlock.blocks(
            episodes: try context.records(.missingEpisode, child: id).compactMap { $0.as(MissingEpisode.self) },
            referrals: try context.records(.referral, child: id).compactMap { $0.as(Referral.self) })
        let next: Child
        do {
            next = try CaseLifecycle.apply(command, to: stored, blocks: blocks, actor: actor, now: now, zone: zone)
        } catch {
            switch error {
            case .denied(let denied): throw CommandError.denied(denied)
            case .invalid(let problems): throw CommandError.invalid(problems)
            default: throw CommandError.invalid([error.description])
            }
        }
        let summary: String
        switch command {
        case .requestClosure(let reason, _, let on):
            // The unit's choice only: an "other" reason's words stay in the sealed record.
            summary = "closure requested (\(reason.choice), on \(on))" + (blocks.isEmpty ? "" : "; blocked by \(blocks.count)")
        case .approveClosure(_, let over):
            summary = "closure approved, case closed" + ((over ?? "").isEmpty ? "" : " over \(blocks.count) block\(blocks.count == 1 ? "" : "s") with a reason")
        case .rejectClosure: summary = "closure rejected, with a comment"
        case .reopen: summary = "case reopened, with a reason"
        }
        return updated(next, from: stored, summary)
    }

    func reassign(_ id: ChildID, to team: Team) throws -> PreparedCommand {
        try require(.reassign)
        var child = try requireChild(id)
        guard team != child.team else { throw CommandError.invalid(["The child already has this team."]) }
        let slots: [(WorkerID?, WorkerID?, Role)] = [
            (team.childProtection, child.team.childProtection, .childProtection), (team.police, child.team.police, .police),
            (team.liaison, child.team.liaison, .liaison),
        ]
        var changed: [String] = []
        for (new, old, role) in slots where new != old {
            changed.append(role.title)
            guard let new else { continue }
            guard let worker = try context.record(.worker, id: new.rawValue)?.as(Worker.self) else {
                throw CommandError.notFound(kind: .worker, id: new.rawValue)
            }
            guard worker.active else { throw CommandError.invalid(["\(worker.displayName)'s account is disabled; choose someone who is working."]) }
            // A supervisor may carry a case in any place on the team; anyone else only in their own.
            guard worker.role == role || worker.role == .supervisor else {
                throw CommandError.invalid(["\(worker.displayName) is \(worker.role.personWithArticle), not \(role.personWithArticle)."])
            }
        }
        let stored = child
        child.team = team
        return updated(child, from: stored, "reassigned: " + changed.joined(separator: ", "))
    }

    func saveTransitionPlan(_ plan: TransitionPlan, of id: ChildID) throws -> PreparedCommand {
        try require(.editTransitionPlan)
        var child = try requireChild(id)
        let stored = child
        if (stored.transitionPlan?.revision ?? 0) != plan.revision {
            var yours = stored
            yours.transitionPlan = plan
            throw RecordConflict(yours: AnyRecord(yours), theirs: AnyRecord(stored))
        }
        let sixteenth = stored.birth.eighteenth.adding(years: TransitionPlan.fromAge - 18)
        if today < sixteenth {
            throw CommandError.invalid(["A transition plan is kept from \(TransitionPlan.fromAge) (\(sixteenth))."])
        }
        var next = plan
        next.entries = TransitionPlan.Item.allCases.map { item in
            var entry = plan.entry(item)
            entry.owner = entry.owner.trimmingCharacters(in: .whitespacesAndNewlines)
            entry.detail = entry.detail.trimmingCharacters(in: .whitespacesAndNewlines)
            return entry
        }
        if !next.problems.isEmpty { throw CommandError.invalid(next.problems) }
        next.revision = plan.revision + 1
        next.updatedBy = actor.id
        next.updatedAt = now
        child.transitionPlan = next
        let done = next.entries.count { $0.state == .done }
        return updated(child, from: stored, "transition plan saved (\(done) of \(next.entries.count) done)")
    }

    /// A step of a transfer on the sending unit's copy (`TransferWorkflow`). A child missing
    /// now is not sent away: the unit that is looking for them keeps the case until located.
    func transfer(_ id: ChildID, _ command: TransferCommand) throws -> PreparedCommand {
        let stored = try current(Child.self, id.rawValue)
        let missing = try context.records(.missingEpisode, child: id).compactMap { $0.as(MissingEpisode.self) }.contains(where: \.isOpen)
        let next: Child
        do {
            next = try TransferWorkflow.apply(command, to: stored, missingNow: missing, actor: actor, now: now, zone: zone)
        } catch {
            switch error {
            case .denied(let denied): throw CommandError.denied(denied)
            case .invalid(let problems): throw CommandError.invalid(problems)
            default: throw CommandError.invalid([error.description])
            }
        }
        // The words of a reason stay in the sealed record, as a closure's do.
        let receiver = next.transferredOut?.receiver ?? "another unit"
        let summary = switch command {
        case .send: "transfer to \(receiver) sent, pending its answer; consent recorded"
        case .revoke: "transfer to \(receiver) revoked, with a reason; case open here"
        case .accepted(_, _, _, let there): "transfer to \(receiver) accepted there as \(there); case closed, this copy read-only"
        case .rejected: "transfer to \(receiver) rejected there, with a reason; case open here"
        }
        return updated(next, from: stored, summary)
    }
}
