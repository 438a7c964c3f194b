import CareDomain
import Foundation
import GRDB

extension SQLiteCaseStore {
    public func loadCaseload() throws -> CaseloadSnapshot {
        try Permission.viewCaseload.require(role)
        return try read { db, keys in
            let decoder = RecordCoding.decoder()
            var snapshot = CaseloadSnapshot()
            snapshot.children = try Self.fetchAll(Child.self, db: db, keys: keys, decoder: decoder)
                .sorted { $0.caseNumber < $1.caseNumber }
            let last = try Row.fetchCursor(db, sql: """
                SELECT child_id, MAX(sort_at) AS last FROM records
                WHERE kind = ? AND child_id IS NOT NULL GROUP BY child_id
                """, arguments: [RecordKind.contact.rawValue])
            while let row = try last.next() {
                if let time = row["last"] as Double? {
                    snapshot.lastContact[ChildID(rawValue: row["child_id"])] = Date(timeIntervalSince1970: time)
                }
            }
            // Newest first, so an open episode and the latest plan come first.
            snapshot.episodes = Dictionary(grouping: try Self.fetchAll(MissingEpisode.self, db: db, keys: keys, decoder: decoder), by: \.child)
            snapshot.indicators = Dictionary(grouping: try Self.fetchAll(RiskIndicator.self, db: db, keys: keys, decoder: decoder), by: \.child)
            for plan in try Self.fetchAll(SafetyPlan.self, db: db, keys: keys, decoder: decoder).reversed() {
                snapshot.plans[plan.child] = plan
            }
            snapshot.referrals = try Self.fetchAll(Referral.self, db: db, keys: keys, decoder: decoder)
            snapshot.appointments = try Self.fetchAll(Appointment.self, db: db, keys: keys, decoder: decoder)
                .sorted { $0.at < $1.at }
            snapshot.services = try Self.fetchAll(Service.self, db: db, keys: keys, decoder: decoder)
                .sorted { $0.name < $1.name }
            snapshot.workers = try Self.fetchAll(Worker.self, db: db, keys: keys, decoder: decoder)
                .sorted { $0.displayName < $1.displayName }
            return snapshot
        }
    }

    /// Writes the `view` event in its own committed transaction first: if that fails, the record
    /// is not shown.
    public func loadDetail(of child: ChildID, contactLimit: Int) throws -> ChildDetail {
        try Permission.viewCaseload.require(role)
        try write { db, keys in
            let exists = try Bool.fetchOne(
                db, sql: "SELECT EXISTS(SELECT 1 FROM records WHERE kind = ? AND id = ?)",
                arguments: [RecordKind.child.rawValue, child.rawValue]) ?? false
            guard exists else { throw StoreError.recordNotFound(kind: RecordKind.child.rawValue, id: child.rawValue) }
            try appendEvent(
                db, keys: keys, action: .view, targetKind: .child, targetID: child.rawValue, child: child,
                summary: "viewed the child's record")
        }
        return try read { db, keys in
            let decoder = RecordCoding.decoder()
            guard let record = try Self.fetchRecord(Child.self, id: child.rawValue, db: db, keys: keys) else {
                throw StoreError.recordNotFound(kind: RecordKind.child.rawValue, id: child.rawValue)
            }
            return ChildDetail(
                child: record,
                contacts: try contactPage(child, before: nil, limit: contactLimit, db: db, keys: keys, decoder: decoder),
                episodes: try Self.fetchAll(MissingEpisode.self, child: child, db: db, keys: keys, decoder: decoder),
                indicators: try Self.fetchAll(RiskIndicator.self, child: child, db: db, keys: keys, decoder: decoder)
                    .sorted { $0.observedOn > $1.observedOn },
                plan: try Self.fetchAll(SafetyPlan.self, child: child, db: db, keys: keys, decoder: decoder).first,
                referrals: try Self.fetchAll(Referral.self, child: child, db: db, keys: keys, decoder: decoder),
                appointments: try Self.fetchAll(Appointment.self, child: child, db: db, keys: keys, decoder: decoder)
                    .sorted { $0.at < $1.at })
        }
    }

    public func loadContacts(of child: ChildID, before: Date, limit: Int) throws -> ContactPage {
        try Permission.viewCaseload.require(role)
        return try read { db, keys in
            try contactPage(child, before: before, limit: limit, db: db, keys: keys, decoder: RecordCoding.decoder())
        }
    }

    /// Contacts older than `before`, newest first. Visibility is sealed, so for a role that may
    /// not see restricted notes the page is filled by opening rows until `limit` visible ones are
    /// found, counting the restricted ones passed over on the way.
    func contactPage(
        _ child: ChildID, before: Date?, limit: Int, db: Database, keys: SessionKeys, decoder: JSONDecoder
    ) throws -> ContactPage {
        let mayReadRestricted = role.may(.viewRestrictedNotes)
        let rows = try Row.fetchCursor(db, sql: """
            SELECT id, version, payload FROM records
            WHERE kind = ? AND child_id = ? AND sort_at < ? ORDER BY sort_at DESC, id DESC
            """, arguments: [RecordKind.contact.rawValue, child.rawValue, (before ?? .distantFuture).timeIntervalSince1970])
        var page = ContactPage()
        var hidden = 0
        while let row = try rows.next() {
            let contact = try Self.openRecord(
                Contact.self, id: row["id"], version: row["version"], payload: row["payload"], keys: keys, decoder: decoder)
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

    public func save<Record: CareRecord>(_ record: Record, summary: String) throws -> Record {
        let isNew = record.version == 0
        try SavePolicy.permission(for: Record.kind, isNew: isNew).require(role)
        return try write { db, keys in
            let stored = try Self.fetchRecord(Record.self, id: record.recordID, db: db, keys: keys)
            if let stored { try SavePolicy.checkMayReplace(stored, role: role) }
            switch (stored, isNew) {
            case (nil, false):
                throw StoreError.recordNotFound(kind: Record.kind.rawValue, id: record.recordID)
            case (let theirs?, _) where theirs.version != record.version:
                throw try conflict(yours: record, theirs: theirs, db: db, keys: keys)
            default:
                break
            }
            if let new = record as? Child, let old = stored as? Child {
                try SavePolicy.checkChildUpdate(new, stored: old, role: role)
            }
            let now = clock.now()
            var saved = record
            saved.version = record.version + 1
            let written = try Self.writeRow(
                saved, insert: isNew, expectedVersion: record.version, at: now, db: db, keys: keys, encoder: RecordCoding.encoder())
            guard written else {
                let theirs = try Self.fetchRecord(Record.self, id: record.recordID, db: db, keys: keys)
                throw try conflict(yours: record, theirs: theirs ?? record, db: db, keys: keys)
            }
            if let worker = saved as? Worker {
                try db.execute(
                    sql: "UPDATE accounts SET account_name = ?, role = ?, active = ? WHERE id = ?",
                    arguments: [worker.accountName, worker.role.rawValue, worker.active ? 1 : 0, worker.id.rawValue])
            }
            try appendEvent(
                db, keys: keys, action: isNew ? .create : .update, at: now, targetKind: Record.kind,
                targetID: record.recordID, child: record.childID, summary: summary)
            try bumpChangeCounter(db)
            return saved
        }
    }

    /// A conflict carrying both versions, and who saved theirs and when, from the audit trail.
    private func conflict<Record: CareRecord>(
        yours: Record, theirs: Record, db: Database, keys: SessionKeys
    ) throws -> VersionConflict<Record> {
        let last = try Row.fetchOne(db, sql: """
            SELECT actor, at FROM audit WHERE target_kind = ? AND target_id = ? ORDER BY seq DESC LIMIT 1
            """, arguments: [Record.kind.rawValue, yours.recordID])
        var savedBy: String?
        if let actor = last?["actor"] as String? {
            savedBy = try Self.fetchRecord(Worker.self, id: actor, db: db, keys: keys)?.displayName
        }
        let savedAt = (last?["at"] as Double?).map(Date.init(timeIntervalSince1970:))
        return VersionConflict(yours: yours, theirs: theirs, savedBy: savedBy, savedAt: savedAt)
    }

    public func appendAudit(_ action: AuditAction, child: ChildID?, summary: String) throws {
        try write { db, keys in
            try appendEvent(db, keys: keys, action: action, child: child, summary: summary)
        }
    }

    /// The `changes` counter in `meta`, incremented by every transaction that changes records or
    /// accounts (not by audit-only writes such as views and logins, which change nothing shown).
    public func changeToken() throws -> Int64 {
        guard !session.isClosed else { throw StoreError.closed }
        return try StoreDatabase.mapErrors {
            try dbQueue.read { db in
                try Int64.fetchOne(db, sql: "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'changes'") ?? 0
            }
        }
    }
}
