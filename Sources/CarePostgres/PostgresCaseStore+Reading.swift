import CareCore
import CareDomain
import Foundation
import PostgresNIO

/// Reading records. The caseload is read from the sealed per-child summaries
/// (`PostgresCaseStore+Summaries`), as on the SQLite store; the last contact of a class the role
/// may not open comes from the clear `sort_at` column, so such a note still counts by its time.
extension PostgresCaseStore {
    func require(_ permission: Permission) throws {
        do { try permission.require(role) } catch { throw CommandError.denied(error) }
    }

    public func loadCaseload() throws -> CaseloadSnapshot {
        try require(.viewCaseload)
        return try read { transaction, keys in
            var snapshot = try snapshot(children: nil, transaction, keys: keys)
            try addCatalogue(to: &snapshot, transaction, keys: keys)
            snapshot.normalizeOrder()
            return snapshot
        }
    }

    public func loadPatch(children ids: Set<ChildID>, catalogue: Bool) throws -> SnapshotPatch {
        try require(.viewCaseload)
        return try read { transaction, keys in
            var part = try snapshot(children: ids, transaction, keys: keys)
            if catalogue {
                try addCatalogue(to: &part, transaction, keys: keys)
                var damaged: [DamagedRecord] = []
                part.responses += try Self.fetchAll(AlertResponse.self, transaction, keys: keys, damaged: &damaged).filter { $0.child == nil }
            }
            part.normalizeOrder()
            return SnapshotPatch(children: ids, part: part, includesCatalogue: catalogue)
        }
    }

    private func addCatalogue(to snapshot: inout CaseloadSnapshot, _ transaction: PostgresLink.Transaction, keys: SessionKeys) throws {
        snapshot.services = try Self.fetchAll(Service.self, transaction, keys: keys, damaged: &snapshot.damaged)
        snapshot.checklist = try Self.fetchAll(ReviewChecklist.self, transaction, keys: keys, damaged: &snapshot.damaged).first
        snapshot.closureReasonList = try Self.fetchAll(ClosureReasonList.self, transaction, keys: keys, damaged: &snapshot.damaged).first
        snapshot.workers = try Self.fetchAll(Worker.self, transaction, keys: keys, damaged: &snapshot.damaged)
    }

    /// The child-scoped parts of a snapshot, for every child or only `ids`, as the SQLite store
    /// reads them (`childParts`): each child's entry of each class the reader may read from its
    /// sealed summary (`summarizedEntries`), or from its records where the store keeps no
    /// summaries of that class (yet); the time of a note of a class the reader may not read still
    /// counts, from its clear column, marked in `restrictedLastContact`. A record or summary that
    /// does not open is passed over and listed in `damaged`, so the rest loads.
    private func snapshot(children ids: Set<ChildID>?, _ transaction: PostgresLink.Transaction, keys: SessionKeys) throws -> CaseloadSnapshot {
        var damaged: [DamagedRecord] = []
        let note: DamageHandler = { record, _ in damaged.append(record) }
        var snapshot = CaseloadSnapshot()
        let kept = try Self.summarizedClasses(transaction)
        let readable = role.readableClasses
        for visibility in CaseloadSummaries.classes where readable.contains(visibility) {
            let entries = kept.contains(visibility) && keys.keyring.holds(visibility)
                ? try Self.summarizedEntries(of: ids, visibility, transaction, keys: keys, onDamage: note)
                : try Self.caseloadEntries(of: ids, visibility, transaction, keys: keys, onDamage: note)
            // In case-number order (a child that does not open first), so `normalizeOrder` moves none.
            for (child, entry) in entries.sorted(by: { a, b in
                guard let x = a.value.child?.caseNumber, let y = b.value.child?.caseNumber else {
                    return a.value.child == nil && b.value.child != nil
                }
                return x < y
            }) {
                snapshot.add(entry, of: child)
            }
        }
        for visibility in CaseloadSummaries.classes where !readable.contains(visibility) {
            for (child, time) in try Self.lastContacts(of: ids, visibility, transaction)
            where snapshot.lastContact[child].map({ $0 < time }) ?? true {
                snapshot.lastContact[child] = time
                snapshot.restrictedLastContact.insert(child)
            }
        }
        snapshot.responses = try Self.fetchAll(AlertResponse.self, children: ids, transaction, keys: keys, onDamage: note)
        snapshot.damaged = damaged
        return snapshot
    }

    // MARK: Looks at a record, audited first

    public func preview(of child: ChildID) throws {
        try require(.viewCaseload)
        guard !session.hasPreviewed(child.rawValue) else { return }
        try audited(.preview, of: child, "previewed the child's details")
        session.notePreviewed(child.rawValue)
    }

    public func viewReferral(_ referral: ReferralID, of child: ChildID) throws {
        try require(.viewCaseload)
        try write { transaction, keys in
            let filed = try transaction.query(
                "SELECT child_id FROM records WHERE kind = $1 AND id = $2", [.text(RecordKind.referral.rawValue), .text(referral.rawValue)]
            ).first?.stored("child_id", as: String?.self)
            guard filed == child.rawValue else { throw CommandError.notFound(kind: .referral, id: referral.rawValue) }
            try appendEvent(transaction, keys: keys, action: .view, targetKind: .referral, targetID: referral.rawValue, child: child,
                            summary: "viewed a referral in full")
        }
    }

    /// The alert reader's `view` event, committed before an alert about `child` is shown whole
    /// (as the SQLite store's `viewAlert`).
    public func viewAlert(_ alertID: String, of child: ChildID) throws {
        try require(.viewCaseload)
        try write { transaction, keys in
            let named = try transaction.query(
                "SELECT 1 FROM records WHERE (kind = $1 AND id = $2) OR child_id = $2 LIMIT 1",
                [.text(RecordKind.child.rawValue), .text(child.rawValue)]
            ).first != nil
            guard named else { throw CommandError.notFound(kind: .child, id: child.rawValue) }
            try appendEvent(transaction, keys: keys, action: .view, targetKind: .child, targetID: child.rawValue, child: child,
                            summary: "read an alert in full")
        }
    }

    public func viewHandover(children: [ChildID], shift: String) throws {
        try require(.viewCaseload)
        try write { transaction, keys in
            for child in children {
                try appendEvent(transaction, keys: keys, action: .view, targetKind: .child, targetID: child.rawValue, child: child,
                                summary: "viewed the child's card on the handover of \(shift)")
            }
        }
    }

    public func loadDetail(of child: ChildID, contactLimit: Int) throws -> ChildDetail {
        try require(.viewCaseload)
        try audited(.view, of: child, "viewed the child's record")
        session.noteViewed(child.rawValue)
        return try detail(of: child, contactLimit: contactLimit)
    }

    public func refreshDetail(of child: ChildID, contactLimit: Int) throws -> ChildDetail {
        try require(.viewCaseload)
        _ = try session.keys()
        guard session.hasViewed(child.rawValue) else { throw StoreError.notViewed }
        return try detail(of: child, contactLimit: contactLimit)
    }

    /// Commits the audit event of a look at `child`'s record before anything of it is read.
    private func audited(_ action: AuditAction, of child: ChildID, _ summary: String) throws {
        try write { transaction, keys in
            guard try transaction.query(
                "SELECT 1 FROM records WHERE kind = $1 AND id = $2", [.text(RecordKind.child.rawValue), .text(child.rawValue)]).first != nil
            else { throw CommandError.notFound(kind: .child, id: child.rawValue) }
            try appendEvent(transaction, keys: keys, action: action, targetKind: .child, targetID: child.rawValue, child: child, summary: summary)
        }
    }

    private func detail(of child: ChildID, contactLimit: Int) throws -> ChildDetail {
        try read { transaction, keys in
            guard let record = try Self.fetchRecord(Child.self, id: child.rawValue, transaction, keys: keys) else {
                throw CommandError.notFound(kind: .child, id: child.rawValue)
            }
            var damaged: [DamagedRecord] = []
            func fetch<Record: CareRecord>(_ type: Record.Type) throws -> [Record] {
                try Self.fetchAll(type, child: child, transaction, keys: keys, damaged: &damaged)
            }
            let contacts = try contactPage(child, after: .start, limit: contactLimit, transaction, keys: keys)
            return ChildDetail(
                child: record,
                contacts: contacts,
                episodes: try fetch(MissingEpisode.self).sorted(by: CaseloadSnapshot.newerEpisode),
                indicators: try fetch(RiskIndicator.self).sorted(by: CaseloadSnapshot.newerIndicator),
                plan: try fetch(SafetyPlan.self).first,
                referrals: try fetch(Referral.self).sorted(by: CaseloadSnapshot.newerReferral),
                appointments: try fetch(Appointment.self).sorted(by: CaseloadSnapshot.soonerAppointment),
                links: try fetch(RecordLink.self).sorted { ($0.createdAt, $0.id.rawValue) > ($1.createdAt, $1.id.rawValue) },
                damaged: damaged + contacts.damaged)
        }
    }

    public func loadContacts(of child: ChildID, after cursor: ContactCursor, limit: Int) throws -> ContactPage {
        try require(.viewCaseload)
        return try read { transaction, keys in try contactPage(child, after: cursor, limit: limit, transaction, keys: keys) }
    }

    /// The contacts after `cursor`, newest first by (time, id), the page filled by
    /// `ContactPaging` (CareCore), as on the SQLite store.
    private func contactPage(
        _ child: ChildID, after cursor: ContactCursor, limit: Int, _ transaction: PostgresLink.Transaction, keys: SessionKeys
    ) throws -> ContactPage {
        let time = cursor.occurredAt.timeIntervalSince1970
        // The first page's cursor is the end of time, past what a double compares well with.
        let rows = try transaction.query("""
            SELECT \(RecordRow.columns) FROM records
            WHERE kind = $1 AND child_id = $2 AND (sort_at < $3 OR (sort_at = $3 AND id < $4))
            ORDER BY sort_at DESC, id DESC
            """, [.text(RecordKind.contact.rawValue), .text(child.rawValue), .real(time), .text(cursor.id.rawValue)])
        var paging = ContactPaging(limit: limit, keys: keys, role: role)
        for stored in rows {
            let damage = { DamagedRecord(kind: RecordKind.contact.rawValue, id: (try? stored.stored("id", as: String.self)) ?? "", child: child) }
            guard try paging.take({ try Self.recordRow(stored) }, damage: damage) else { break }
        }
        return paging.finished
    }

    // MARK: Handovers

    public func handoverAcknowledgements(of handover: HandoverID) throws -> [HandoverAcknowledgement] {
        try require(.viewCaseload)
        return try read { transaction, keys in
            guard let stored = try Self.fetchRecord(Handover.self, id: handover.rawValue, transaction, keys: keys) else { return [] }
            let children = Set(stored.entries.map(\.child))
            var damaged: [DamagedRecord] = []
            return try Self.fetchAll(HandoverAcknowledgement.self, transaction, keys: keys, damaged: &damaged)
                .filter { $0.handover == handover && children.contains($0.child) }
                .sorted { ($0.at, $0.id.rawValue) < ($1.at, $1.id.rawValue) }
        }
    }

    public func loadHandover(_ id: HandoverID) throws -> HandoverState? {
        try require(.viewCaseload)
        let acknowledgements = try handoverAcknowledgements(of: id)
        return try read { transaction, keys in
            try Self.fetchRecord(Handover.self, id: id.rawValue, transaction, keys: keys)
                .map { HandoverState(handover: $0, acknowledgements: acknowledgements) }
        }
    }

    /// From the clear columns only (child and time), for the classes the reader may see.
    public func contactStamps(from start: Date, to end: Date) throws -> [ContactStamp] {
        try require(.viewCaseload)
        let readable = role.readableClasses.map(\.rawValue)
        return try read { transaction, _ in
            try transaction.query("""
                SELECT child_id, sort_at FROM records
                WHERE kind = $1 AND sort_at >= $2 AND sort_at < $3 AND child_id IS NOT NULL AND class = ANY(string_to_array($4, ','))
                ORDER BY sort_at, child_id
                """, [.text(RecordKind.contact.rawValue), .real(start.timeIntervalSince1970), .real(end.timeIntervalSince1970),
                      .text(readable.joined(separator: ","))]
            ).map { ContactStamp(child: ChildID(rawValue: try $0.stored("child_id")), at: Date(timeIntervalSince1970: try $0.stored("sort_at"))) }
        }
    }
}
