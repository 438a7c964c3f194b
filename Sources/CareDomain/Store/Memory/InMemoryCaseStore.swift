import Foundation

/// A whole store in memory: the same port, the same `CommandRules`, the same audit and change
/// feed as the SQLite store, with nothing sealed or written to disk. Fast enough that every
/// screen test of the dashboard can have a fresh unit of its own; the same contract tests run
/// against it and the SQLite store.
///
/// An instance is one signed-in session over a `MemoryDatabase`; `session(as:passphrase:)` signs
/// a second worker in to the same data, as a second process would.
public final class InMemoryCaseStore: CaseStore, CaseArchive, @unchecked Sendable {
    public let database: MemoryDatabase
    public let worker: Worker
    let clock: any WallClock

    private let sessionLock = NSLock()
    private var isLocked = false
    /// Children this session opened with `loadDetail`; only those may be refreshed without an event.
    private var viewed: Set<ChildID> = []
    /// Children whose details this session was shown (previewed or viewed) since it was unlocked.
    private var previewed: Set<ChildID> = []

    /// Signs `account` in to `database`.
    public init(database: MemoryDatabase, account: String, passphrase: String, clock: any WallClock = SystemClock()) throws {
        guard let worker = database.worker(named: account) else { throw MemoryStoreError.unknownAccount(account) }
        guard worker.active else { throw MemoryStoreError.accountDisabled(account) }
        guard database.passphrase(of: account) == passphrase else { throw MemoryStoreError.wrongPassphrase(account) }
        self.database = database
        self.worker = worker
        self.clock = clock
        database.append(AuditEvent(at: clock.now(), actor: worker.id, action: .login, summary: "signed in as \(account)"))
    }

    /// A second worker signed in to the same data.
    public func session(as account: String, passphrase: String) throws -> InMemoryCaseStore {
        try InMemoryCaseStore(database: database, account: account, passphrase: passphrase, clock: clock)
    }

    public var unitInfo: UnitInfo { database.unit }

    // MARK: Session

    public func lock() {
        let wasUnlocked = sessionLock.withLock { () -> Bool in
            defer { isLocked = true; viewed = []; previewed = [] }
            return !isLocked
        }
        if wasUnlocked { database.append(AuditEvent(at: clock.now(), actor: worker.id, action: .lock, summary: "locked the session")) }
    }

    public func unlock(passphrase: String) throws {
        guard database.passphrase(of: worker.accountName) == passphrase else {
            database.append(AuditEvent(at: clock.now(), actor: worker.id, action: .loginFailed,
                                       summary: "failed sign-in for \(worker.accountName): wrong passphrase"))
            throw MemoryStoreError.wrongPassphrase(worker.accountName)
        }
        sessionLock.withLock { isLocked = false }
        database.append(AuditEvent(at: clock.now(), actor: worker.id, action: .unlock, summary: "unlocked the session"))
    }

    public func verifyPassphrase(_ passphrase: String, purpose: String) throws {
        try requireUnlocked()
        guard database.passphrase(of: worker.accountName) == passphrase else {
            database.append(AuditEvent(at: clock.now(), actor: worker.id, action: .loginFailed,
                                       summary: "failed sign-in for \(worker.accountName): wrong passphrase"))
            throw MemoryStoreError.wrongPassphrase(worker.accountName)
        }
        database.append(AuditEvent(at: clock.now(), actor: worker.id, action: .unlock, summary: "passphrase given to \(purpose)"))
    }

    public func recordExport(_ summary: String) throws {
        try require(.export)
        database.append(AuditEvent(at: clock.now(), actor: worker.id, action: .export, summary: summary))
    }

    private func requireUnlocked() throws {
        if sessionLock.withLock({ isLocked }) { throw MemoryStoreError.locked }
    }

    /// Drafts need the keys as every other record does (`InMemoryCaseStore+Drafts`).
    func requireDraftsOpen() throws { try requireUnlocked() }

    private func require(_ permission: Permission) throws {
        try requireUnlocked()
        do { try permission.require(worker.role) } catch { throw CommandError.denied(error) }
    }

    // MARK: Reading

    public func loadCaseload() throws -> CaseloadSnapshot {
        try require(.viewCaseload)
        return database.read { tables in
            var snapshot = Self.snapshot(of: tables, children: nil, role: worker.role)
            snapshot.services = tables.all(Service.self)
            snapshot.checklist = tables.all(ReviewChecklist.self).first
            snapshot.closureReasonList = tables.all(ClosureReasonList.self).first
            snapshot.workers = tables.all(Worker.self)
            snapshot.normalizeOrder()
            return snapshot
        }
    }

    public func loadPatch(children ids: Set<ChildID>, catalogue: Bool) throws -> SnapshotPatch {
        try require(.viewCaseload)
        return database.read { tables in
            var part = Self.snapshot(of: tables, children: ids, role: worker.role)
            if catalogue {
                part.services = tables.all(Service.self)
                part.checklist = tables.all(ReviewChecklist.self).first
                part.closureReasonList = tables.all(ClosureReasonList.self).first
                part.workers = tables.all(Worker.self)
                part.responses += tables.all(AlertResponse.self).filter { $0.child == nil }
            }
            part.normalizeOrder()
            return SnapshotPatch(children: ids, part: part, includesCatalogue: catalogue)
        }
    }

    /// The child-scoped parts of a snapshot, for every child or only `ids`: each child's entries
    /// (`CaseloadEntry`) made from its records, as the SQLite store seals them, one per class the
    /// role may read. The last contact is the last of every class: a note the role may not read
    /// counts by its time, marked in `restrictedLastContact`.
    private static func snapshot(of tables: MemoryDatabase.Tables, children ids: Set<ChildID>?, role: Role) -> CaseloadSnapshot {
        func wanted(_ child: ChildID?) -> Bool { ids == nil || (child.map { ids!.contains($0) } ?? false) }
        var lastContact: [VisibilityClass: [ChildID: Date]] = [:]
        for contact in tables.all(Contact.self) where wanted(contact.child) {
            if lastContact[contact.visibilityClass]?[contact.child].map({ $0 < contact.occurredAt }) ?? true {
                lastContact[contact.visibilityClass, default: [:]][contact.child] = contact.occurredAt
            }
        }
        let episodes = Dictionary(grouping: tables.all(MissingEpisode.self).filter { wanted($0.child) }, by: \.child)
        let indicators = Dictionary(grouping: tables.all(RiskIndicator.self).filter { wanted($0.child) }, by: \.child)
        let plans = Dictionary(tables.all(SafetyPlan.self).filter { wanted($0.child) }.map { ($0.child, $0) }, uniquingKeysWith: { a, _ in a })
        let referrals = Dictionary(grouping: tables.all(Referral.self).filter { wanted($0.child) }, by: \.child)
        let appointments = Dictionary(grouping: tables.all(Appointment.self).filter { wanted($0.child) }, by: \.child)
        var snapshot = CaseloadSnapshot()
        for child in tables.all(Child.self) where wanted(child.id) {
            let id = child.id
            snapshot.add(.team(child: child, episodes: episodes[id] ?? [], indicators: indicators[id] ?? [], plan: plans[id],
                               referrals: referrals[id] ?? [], appointments: appointments[id] ?? [],
                               lastContact: lastContact[.team]?[id]), of: id)
            for visibility in role.readableClasses where visibility != .team {
                if let last = lastContact[visibility]?[id] { snapshot.add(.restricted(lastContact: last), of: id) }
            }
            // A note the role may not open still counts, by its time alone (the SQLite store
            // reads it from a clear column): the last contact and its alerts are the unit's.
            for (visibility, times) in lastContact where !role.mayRead(visibility) {
                if let time = times[id], snapshot.lastContact[id].map({ $0 < time }) ?? true {
                    snapshot.lastContact[id] = time
                    snapshot.restrictedLastContact.insert(id)
                }
            }
        }
        snapshot.responses = tables.all(AlertResponse.self).filter { ids == nil || wanted($0.child) }
        return snapshot
    }

    public func preview(of child: ChildID) throws {
        try require(.viewCaseload)
        guard database.read({ $0.record(.child, child.rawValue) }) != nil else {
            throw CommandError.notFound(kind: .child, id: child.rawValue)
        }
        guard sessionLock.withLock({ previewed.insert(child).inserted }) else { return }
        database.append(AuditEvent(at: clock.now(), actor: worker.id, action: .preview, targetKind: .child, targetID: child.rawValue,
                                   child: child, summary: "previewed the child's details"))
    }

    public func viewReferral(_ referral: ReferralID, of child: ChildID) throws {
        try require(.viewCaseload)
        guard database.read({ $0.record(.referral, referral.rawValue) }) != nil else {
            throw CommandError.notFound(kind: .referral, id: referral.rawValue)
        }
        database.append(AuditEvent(at: clock.now(), actor: worker.id, action: .view, targetKind: .referral, targetID: referral.rawValue,
                                   child: child, summary: "viewed a referral in full"))
    }

    public func viewAlert(_ alertID: String, of child: ChildID) throws {
        try require(.viewCaseload)
        guard database.read({ $0.record(.child, child.rawValue) }) != nil else {
            throw CommandError.notFound(kind: .child, id: child.rawValue)
        }
        database.append(AuditEvent(at: clock.now(), actor: worker.id, action: .view, targetKind: .child, targetID: child.rawValue,
                                   child: child, summary: "read an alert in full"))
    }

    public func viewHandover(children: [ChildID], shift: String) throws {
        try require(.viewCaseload)
        for child in children {
            database.append(AuditEvent(at: clock.now(), actor: worker.id, action: .view, targetKind: .child, targetID: child.rawValue,
                                       child: child, summary: "viewed the child's card on the handover of \(shift)"))
        }
    }

    public func loadDetail(of child: ChildID, contactLimit: Int) throws -> ChildDetail {
        try require(.viewCaseload)
        guard database.read({ $0.record(.child, child.rawValue) }) != nil else {
            throw CommandError.notFound(kind: .child, id: child.rawValue)
        }
        database.append(AuditEvent(at: clock.now(), actor: worker.id, action: .view, targetKind: .child, targetID: child.rawValue,
                                   child: child, summary: "viewed the child's record"))
        sessionLock.withLock {
            viewed.insert(child)
            previewed.insert(child)
        }
        return try detail(of: child, contactLimit: contactLimit)
    }

    public func refreshDetail(of child: ChildID, contactLimit: Int) throws -> ChildDetail {
        try require(.viewCaseload)
        guard sessionLock.withLock({ viewed.contains(child) }) else { throw MemoryStoreError.notViewed }
        return try detail(of: child, contactLimit: contactLimit)
    }

    private func detail(of child: ChildID, contactLimit: Int) throws -> ChildDetail {
        let role = worker.role
        return try database.read { tables in
            guard let record = tables.record(.child, child.rawValue)?.as(Child.self) else {
                throw CommandError.notFound(kind: .child, id: child.rawValue)
            }
            return ChildDetail(
                child: record,
                contacts: Self.contactPage(tables, child, after: .start, limit: contactLimit, role: role),
                episodes: tables.all(MissingEpisode.self).filter { $0.child == child }.sorted(by: CaseloadSnapshot.newerEpisode),
                indicators: tables.all(RiskIndicator.self).filter { $0.child == child }.sorted(by: CaseloadSnapshot.newerIndicator),
                plan: tables.all(SafetyPlan.self).first { $0.child == child },
                referrals: tables.all(Referral.self).filter { $0.child == child }.sorted(by: CaseloadSnapshot.newerReferral),
                appointments: tables.all(Appointment.self).filter { $0.child == child }.sorted(by: CaseloadSnapshot.soonerAppointment),
                links: tables.all(RecordLink.self).filter { $0.child == child }.sorted { ($0.createdAt, $0.id.rawValue) > ($1.createdAt, $1.id.rawValue) })
        }
    }

    public func loadContacts(of child: ChildID, after cursor: ContactCursor, limit: Int) throws -> ContactPage {
        try require(.viewCaseload)
        let role = worker.role
        return database.read { Self.contactPage($0, child, after: cursor, limit: limit, role: role) }
    }

    /// Newest first after `cursor`; restricted notes are counted, not returned, for a role that
    /// may not read them.
    private static func contactPage(_ tables: MemoryDatabase.Tables, _ child: ChildID, after cursor: ContactCursor, limit: Int, role: Role) -> ContactPage {
        let mayReadRestricted = role.may(.viewRestrictedNotes)
        let all = tables.all(Contact.self).filter { $0.child == child && cursor.precedes($0) }.sorted(by: ContactCursor.newer)
        var page = ContactPage()
        var hidden = 0
        for contact in all {
            if contact.visibility == .restricted && !mayReadRestricted {
                hidden += 1
                continue
            }
            if page.contacts.count == max(limit, 0) {
                page.hasMore = true
                break
            }
            page.contacts.append(contact)
            page.hiddenRestricted = hidden
        }
        if !page.hasMore { page.hiddenRestricted = hidden }
        return page
    }

    public func auditTrail(of child: ChildID) throws -> [AuditEvent] {
        try auditEvents(child: child, actor: nil, since: nil)
    }

    public func auditEvents(child: ChildID?, actor: WorkerID?, since: Date?) throws -> [AuditEvent] {
        try require(.readAudit)
        return database.auditEvents().filter { event in
            (child.map { event.child == $0 } ?? true) && (actor.map { event.actor == $0 } ?? true) && (since.map { event.at >= $0 } ?? true)
        }
    }

    public func handoverAcknowledgements(of handover: HandoverID) throws -> [HandoverAcknowledgement] {
        try require(.viewCaseload)
        return database.read { tables in
            tables.all(HandoverAcknowledgement.self).filter { $0.handover == handover }.sorted { ($0.at, $0.id.rawValue) < ($1.at, $1.id.rawValue) }
        }
    }

    public func loadHandover(_ id: HandoverID) throws -> HandoverState? {
        try require(.viewCaseload)
        return database.read { tables in
            guard let handover = tables.record(.handover, id.rawValue)?.as(Handover.self) else { return nil }
            let acknowledgements = tables.all(HandoverAcknowledgement.self).filter { $0.handover == id }
                .sorted { ($0.at, $0.id.rawValue) < ($1.at, $1.id.rawValue) }
            return HandoverState(handover: handover, acknowledgements: acknowledgements)
        }
    }

    public func contactStamps(from start: Date, to end: Date) throws -> [ContactStamp] {
        try require(.viewCaseload)
        return database.read { tables in
            tables.all(Contact.self).filter { $0.occurredAt >= start && $0.occurredAt < end && worker.role.mayRead($0.visibilityClass) }
                .map { ContactStamp(child: $0.child, at: $0.occurredAt) }
                .sorted { ($0.at, $0.child.rawValue) < ($1.at, $1.child.rawValue) }
        }
    }

    // MARK: Commands and the change feed

    public func perform(_ command: CaseCommand) throws -> CommandOutcome {
        try requireUnlocked()
        let now = clock.now()
        return try database.write { tables in
            let context = MemoryCommandContext(tables: tables, actor: worker, now: now, unit: database.unit)
            let prepared: PreparedCommand
            do {
                prepared = try CommandRules.prepare(command, in: context)
            } catch var conflict as RecordConflict {
                // The last event that wrote the record: a view or preview after the save did not make it.
                let last = tables.audit.last {
                    $0.targetKind == conflict.theirs.kind && $0.targetID == conflict.theirs.recordID && $0.action != .view
                        && $0.action != .preview
                }
                conflict.savedBy = last?.actor.flatMap { tables.record(.worker, $0.rawValue)?.as(Worker.self)?.displayName }
                conflict.savedAt = last?.at
                throw conflict
            }
            tables.caseCounters = context.caseCounters
            var changes: [RecordChange] = []
            for write in prepared.writes {
                changes.append(tables.put(write.record))
            }
            tables.audit.append(AuditEvent(
                sequence: Int64(tables.audit.count + 1), at: now, actor: worker.id, action: prepared.action,
                targetKind: prepared.target.kind, targetID: prepared.target.id, child: prepared.child, summary: prepared.summary))
            return CommandOutcome(saved: prepared.writes.map(\.record), changes: changes, summary: prepared.summary)
        }
    }

    public func changeCursor() throws -> Int64 {
        try requireUnlocked()
        return database.read { $0.sequence }
    }

    public func changes(since cursor: Int64) throws -> ChangeBatch {
        try requireUnlocked()
        return database.read { tables in
            let changes = tables.changes.filter { $0.sequence > cursor }
            return ChangeBatch(changes: changes, cursor: changes.last?.sequence ?? max(cursor, 0))
        }
    }
}

/// Refusals of the in-memory store that are not about a command.
public enum MemoryStoreError: ErrorInWords, Equatable, Sendable {
    case unknownAccount(String)
    case accountDisabled(String)
    case wrongPassphrase(String)
    case locked
    case notViewed

    public var description: String {
        switch self {
        case .unknownAccount(let name): "No account named \"\(name)\" in this store."
        case .accountDisabled(let name): "The account \"\(name)\" is disabled; ask a supervisor."
        case .wrongPassphrase(let name): "Wrong passphrase for account \"\(name)\"."
        case .locked: "The store is locked; enter your passphrase to unlock it."
        case .notViewed: "Open the record before refreshing it."
        }
    }
}
