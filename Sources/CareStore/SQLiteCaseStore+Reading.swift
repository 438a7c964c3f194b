import CareDomain
import Foundation
import GRDB

/// Reading: the caseload, patches of it, one child's record, pages of contacts. Orders are the
/// ones `CaseloadSnapshot` names (`normalizeOrder()`), the same as the in-memory store's.
extension SQLiteCaseStore {
    /// Refuses what the role table refuses, in the port's words.
    func require(_ permission: Permission) throws {
        do { try permission.require(role) } catch { throw CommandError.denied(error) }
    }

    public func loadCaseload() throws -> CaseloadSnapshot {
        try require(.viewCaseload)
        return try read { db, keys in
            let decoder = RecordCoding.decoder()
            var snapshot = try Self.childParts(of: nil, readable: role.readableClasses, db: db, keys: keys, decoder: decoder)
            var damaged: [DamagedRecord] = []
            let note: DamageHandler = { record, _ in damaged.append(record) }
            snapshot.services = try Self.fetchAll(Service.self, db: db, keys: keys, decoder: decoder, onDamage: note)
            snapshot.checklist = try Self.fetchAll(ReviewChecklist.self, db: db, keys: keys, decoder: decoder, onDamage: note).first
            snapshot.workers = try Self.fetchAll(Worker.self, db: db, keys: keys, decoder: decoder, onDamage: note)
            snapshot.damaged += damaged
            snapshot.normalizeOrder()
            return snapshot
        }
    }

    /// The reads `loadCaseload` makes, as plain SQL (for `scripts/bench-compare.sh`, which times
    /// `sqlite3` reading the same rows). Keep in step with `loadCaseload` and `childParts`.
    public static func caseloadReads(readable: [VisibilityClass]) -> [String] {
        let perChild: [RecordKind] = [.child, .missingEpisode, .indicator, .safetyPlan, .referral, .appointment, .alertResponse]
        let catalogue: [RecordKind] = [.service, .reviewChecklist, .worker]
        let classes = readable.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return perChild.map { "SELECT \(RecordRow.columns) FROM records WHERE kind = '\($0.rawValue)';" }
            + ["SELECT child_id, MAX(sort_at) AS last FROM records WHERE kind = 'contact' AND child_id IS NOT NULL AND class IN (\(classes)) GROUP BY child_id;"]
            + catalogue.map { "SELECT \(RecordRow.columns) FROM records WHERE kind = '\($0.rawValue)' ORDER BY sort_at DESC, updated_at DESC, id;" }
    }

    public func loadPatch(children ids: Set<ChildID>, catalogue: Bool) throws -> SnapshotPatch {
        try require(.viewCaseload)
        return try read { db, keys in
            let decoder = RecordCoding.decoder()
            var part = try Self.childParts(of: ids, readable: role.readableClasses, db: db, keys: keys, decoder: decoder)
            if catalogue {
                var damaged: [DamagedRecord] = []
                let note: DamageHandler = { record, _ in damaged.append(record) }
                part.services = try Self.fetchAll(Service.self, db: db, keys: keys, decoder: decoder, onDamage: note)
                part.checklist = try Self.fetchAll(ReviewChecklist.self, db: db, keys: keys, decoder: decoder, onDamage: note).first
                part.workers = try Self.fetchAll(Worker.self, db: db, keys: keys, decoder: decoder, onDamage: note)
                let aboutNoChild = try Row.fetchCursor(
                    db, sql: "SELECT \(RecordRow.columns) FROM records WHERE kind = ? AND child_id IS NULL",
                    arguments: [RecordKind.alertResponse.rawValue])
                part.responses += try Self.openReadable(AlertResponse.self, aboutNoChild, keys: keys, decoder: decoder, onDamage: note)
                part.damaged += damaged
            }
            part.normalizeOrder()
            return SnapshotPatch(children: ids, part: part, includesCatalogue: catalogue)
        }
    }

    /// The parts of a snapshot that belong to children: every child's (`ids` nil, with the
    /// alert responses about no child too) or only those of `ids`. The last contact is the last
    /// one of a class the reader may see (for police, restricted notes do not move it). A record
    /// that does not open is passed over and listed in `damaged`, so the rest loads.
    static func childParts(
        of ids: Set<ChildID>?, readable: [VisibilityClass], db: Database, keys: SessionKeys, decoder: JSONDecoder
    ) throws -> CaseloadSnapshot {
        var damaged: [DamagedRecord] = []
        // In no SQL order: `normalizeOrder` sorts every part, and an ORDER BY would make SQLite
        // sort the sealed payloads too.
        func fetch<Record: CareRecord>(_ type: Record.Type) throws -> [Record] {
            try fetchAll(type, children: ids, db: db, keys: keys, decoder: decoder, onDamage: { record, _ in damaged.append(record) })
        }
        var snapshot = CaseloadSnapshot()
        snapshot.children = try fetch(Child.self)
        try forEachChunk(of: ids, db: db) { filter, arguments in
            let last = try Row.fetchCursor(db, sql: """
                SELECT child_id, MAX(sort_at) AS last FROM records
                WHERE kind = ? AND child_id IS NOT NULL AND class IN (\(databaseQuestionMarks(count: readable.count))) \(filter)
                GROUP BY child_id
                """, arguments: StatementArguments([RecordKind.contact.rawValue] + readable.map(\.rawValue)) + arguments)
            while let row = try last.next() {
                if let time = (try row.stored("last", as: Double?.self)) {
                    snapshot.lastContact[ChildID(rawValue: try row.stored("child_id"))] = Date(timeIntervalSince1970: time)
                }
            }
        }
        snapshot.episodes = Dictionary(grouping: try fetch(MissingEpisode.self), by: \.child)
        snapshot.indicators = Dictionary(grouping: try fetch(RiskIndicator.self), by: \.child)
        for plan in try fetch(SafetyPlan.self) { snapshot.plans[plan.child] = plan }
        snapshot.referrals = try fetch(Referral.self)
        snapshot.appointments = try fetch(Appointment.self)
        snapshot.responses = try fetch(AlertResponse.self)
        snapshot.damaged = damaged
        return snapshot
    }

    /// Every record of one kind that belongs to one of `children` (to any child, and to none,
    /// when nil), opened in bulk, in no particular order.
    static func fetchAll<Record: CareRecord>(
        _ type: Record.Type, children: Set<ChildID>?, db: Database, keys: SessionKeys, decoder: JSONDecoder,
        onDamage: DamageHandler = refuseDamage
    ) throws -> [Record] {
        var records: [Record] = []
        try forEachChunk(of: children, db: db) { filter, arguments in
            let rows = try Row.fetchCursor(
                db, sql: "SELECT \(RecordRow.columns) FROM records WHERE kind = ? \(filter)",
                arguments: [Record.kind.rawValue] + arguments)
            records += try openReadable(Record.self, rows, keys: keys, decoder: decoder, onDamage: onDamage)
        }
        return records
    }

    /// Calls `body` with an `AND child_id IN (...)` filter for each chunk of `ids` (SQLite limits
    /// the arguments of one statement), or once with no filter when `ids` is nil. An empty set
    /// calls it not at all.
    private static func forEachChunk(
        of ids: Set<ChildID>?, db: Database, _ body: (String, StatementArguments) throws -> Void
    ) throws {
        guard let ids else { return try body("", []) }
        let all = ids.map(\.rawValue)
        for start in stride(from: 0, to: all.count, by: 500) {
            let chunk = Array(all[start..<min(start + 500, all.count)])
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
            try body("AND child_id IN (\(marks))", StatementArguments(chunk))
        }
    }

    /// Writes the `preview` event in its own committed transaction, the first time this session
    /// shows the child's details since it was unlocked; if that fails, the details are not shown.
    public func preview(of child: ChildID) throws {
        try require(.viewCaseload)
        guard !session.hasPreviewed(child.rawValue) else { return }
        try audited(.preview, of: child, "previewed the child's details")
        session.notePreviewed(child.rawValue)
    }

    /// Writes the `view` event in its own committed transaction first: if that fails, the record
    /// is not shown.
    public func loadDetail(of child: ChildID, contactLimit: Int) throws -> ChildDetail {
        try require(.viewCaseload)
        try audited(.view, of: child, "viewed the child's record")
        session.noteViewed(child.rawValue)
        return try detail(of: child, contactLimit: contactLimit)
    }

    /// Commits the audit event of a look at `child`'s record before anything of it is read.
    private func audited(_ action: AuditAction, of child: ChildID, _ summary: String) throws {
        if let readOnlyReason {
            throw StoreError.readOnly("\(readOnlyReason), so a view of a record cannot be audited and is not shown")
        }
        try write { db, keys in
            let exists = try Bool.fetchOne(
                db, sql: "SELECT EXISTS(SELECT 1 FROM records WHERE kind = ? AND id = ?)",
                arguments: [RecordKind.child.rawValue, child.rawValue]) ?? false
            guard exists else { throw CommandError.notFound(kind: .child, id: child.rawValue) }
            try appendEvent(db, keys: keys, action: action, targetKind: .child, targetID: child.rawValue, child: child, summary: summary)
        }
    }

    /// The record again, without a second `view` event: only for a child this session viewed
    /// since it was last unlocked, so nobody reads a record whose opening is not in the trail.
    public func refreshDetail(of child: ChildID, contactLimit: Int) throws -> ChildDetail {
        try require(.viewCaseload)
        _ = try session.keys()
        guard session.hasViewed(child.rawValue) else { throw StoreError.notViewed }
        return try detail(of: child, contactLimit: contactLimit)
    }

    private func detail(of child: ChildID, contactLimit: Int) throws -> ChildDetail {
        try read { db, keys in
            let decoder = RecordCoding.decoder()
            guard let record = try Self.fetchRecord(Child.self, id: child.rawValue, db: db, keys: keys) else {
                throw CommandError.notFound(kind: .child, id: child.rawValue)
            }
            // The child's part of a snapshot, put in the snapshot's orders, so the record pane
            // and the caseload never order the same records differently.
            var part = try Self.childParts(of: [child], readable: role.readableClasses, db: db, keys: keys, decoder: decoder)
            part.normalizeOrder()
            var damaged = part.damaged
            let links = try Self.fetchAll(RecordLink.self, child: child, db: db, keys: keys, decoder: decoder,
                                          onDamage: { record, _ in damaged.append(record) })
            let contacts = try contactPage(child, after: .start, limit: contactLimit, db: db, keys: keys, decoder: decoder)
            return ChildDetail(
                child: record,
                contacts: contacts,
                episodes: part.episodes[child] ?? [],
                indicators: part.indicators[child] ?? [],
                plan: part.plans[child],
                referrals: part.referrals,
                appointments: part.appointments,
                links: links.sorted { ($0.createdAt, $0.id.rawValue) > ($1.createdAt, $1.id.rawValue) },
                damaged: damaged + contacts.damaged)
        }
    }

    public func loadContacts(of child: ChildID, after cursor: ContactCursor, limit: Int) throws -> ContactPage {
        try require(.viewCaseload)
        return try read { db, keys in
            try contactPage(child, after: cursor, limit: limit, db: db, keys: keys, decoder: RecordCoding.decoder())
        }
    }

    /// The contacts after `cursor`, newest first by (time, id): two contacts at the same minute
    /// on either side of a page boundary are neither skipped nor shown twice. A note of a class
    /// this session holds no key to (a restricted note, for the police role) is counted, never
    /// opened: the page fills with the notes it may read. A note that does not open is passed
    /// over and listed in `damaged`, counted like the hidden ones.
    func contactPage(
        _ child: ChildID, after cursor: ContactCursor, limit: Int, db: Database, keys: SessionKeys, decoder: JSONDecoder
    ) throws -> ContactPage {
        let time = cursor.occurredAt.timeIntervalSince1970
        let rows = try Row.fetchCursor(db, sql: """
            SELECT \(RecordRow.columns) FROM records
            WHERE kind = ? AND child_id = ? AND (sort_at < ? OR (sort_at = ? AND id < ?))
            ORDER BY sort_at DESC, id DESC
            """, arguments: [RecordKind.contact.rawValue, child.rawValue, time, time, cursor.id.rawValue])
        var page = ContactPage()
        var hidden = 0
        var damaged: [DamagedRecord] = []
        while let stored = try rows.next() {
            let contact: Contact
            do {
                let row = try RecordRow(row: stored)
                guard keys.keyring.holds(row.visibility), role.mayRead(row.visibility) else {
                    hidden += 1
                    continue
                }
                contact = try Self.openRecord(Contact.self, row: row, keys: keys, decoder: decoder)
            } catch let error as StoreError where error.isDamage {
                damaged.append(DamagedRecord(stored, kind: .contact))
                continue
            }
            if page.contacts.count == max(limit, 0) {
                page.hasMore = true
                break
            }
            page.contacts.append(contact)
            page.hiddenRestricted = hidden
            page.damaged = damaged
        }
        if !page.hasMore {
            page.hiddenRestricted = hidden
            page.damaged = damaged
        }
        return page
    }

    /// The acknowledgements of the handover's entries, oldest first. They are found through the
    /// entries' children (the handover id is sealed inside each), so an acknowledgement of an
    /// entry since removed from the handover is not listed.
    public func handoverAcknowledgements(of handover: HandoverID) throws -> [HandoverAcknowledgement] {
        try require(.viewCaseload)
        return try read { db, keys in
            guard let stored = try Self.fetchRecord(Handover.self, id: handover.rawValue, db: db, keys: keys) else { return [] }
            let children = Set(stored.entries.map(\.child))
            return try Self.fetchAll(HandoverAcknowledgement.self, children: children, db: db, keys: keys, decoder: RecordCoding.decoder())
                .filter { $0.handover == handover }
                .sorted { ($0.at, $0.id.rawValue) < ($1.at, $1.id.rawValue) }
        }
    }
}
