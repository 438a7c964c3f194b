import CareCore
import CareDomain
import Foundation
import PostgresNIO

/// The sealed per-child caseload summaries on the server (`CaseloadSummaries`, in the same
/// `summaries` table and format as the SQLite file's, so `care migrate` carries them byte for
/// byte): written in the transaction of every change to a child's records and listed in its
/// audit event, read by the caseload instead of every record, checked by `care check`.
extension PostgresCaseStore {
    /// What to do with a record that does not open: throw (where a summary is written, as the
    /// SQLite store refuses), or note it and go on (reading the caseload, checking the store).
    typealias DamageHandler = RecordDamageHandler
    static func refuseDamage(_ record: DamagedRecord, _ error: StoreError) throws { try CareCore.refuseDamage(record, error) }

    // MARK: Which classes are kept

    /// The classes whose summaries are complete (the `summaries` setting in `meta`). A store
    /// made on the server before it kept summaries has none until a sign-in
    /// (`buildMissingSummaries`); a migrated store brings the SQLite file's setting.
    static func summarizedClasses(_ transaction: PostgresLink.Transaction) throws -> Set<VisibilityClass> {
        CaseloadSummaries.kept(fromSetting: try metaText("summaries", transaction))
    }

    static func markSummarized(_ classes: Set<VisibilityClass>, _ transaction: PostgresLink.Transaction) throws {
        try transaction.query(
            "INSERT INTO meta(key, value) VALUES ('summaries', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
            [.bytes(Data(CaseloadSummaries.setting(classes).utf8))])
    }

    // MARK: Writing

    /// Writes the summaries the transaction's written records change, made again from the
    /// child's records as they now stand in the transaction; their rows, for the audit event that
    /// closes it. `changeSequence` is the last one the transaction took.
    static func refreshSummaries(
        after records: [any CareRecord], at now: Date, changeSequence: Int64, _ transaction: PostgresLink.Transaction, keys: SessionKeys
    ) throws -> [RecordRow] {
        let kept = try summarizedClasses(transaction)
        guard !kept.isEmpty else { return [] }
        let touched = CaseloadSummaries.touched(by: records, kept: kept, keys: keys)
        var rows: [RecordRow] = []
        for visibility in CaseloadSummaries.classes {
            guard let children = touched[visibility] else { continue }
            // A large import reads every child's records once rather than a long list of ids.
            let entries = try caseloadEntries(of: children.count > 2_000 ? nil : children, visibility, transaction, keys: keys)
            for child in children.sorted() {
                guard let entry = entries[child] else { continue }
                rows.append(try writeSummary(entry, of: child, visibility, at: now, changeSequence: changeSequence, transaction, keys: keys))
            }
        }
        return rows
    }

    /// Seals `entry` as the summary of `child` for `visibility`, one version past the stored one.
    static func writeSummary(
        _ entry: CaseloadEntry, of child: ChildID, _ visibility: VisibilityClass, at now: Date, changeSequence: Int64,
        _ transaction: PostgresLink.Transaction, keys: SessionKeys
    ) throws -> RecordRow {
        let stored = try transaction.query(
            "SELECT version FROM summaries WHERE child_id = $1 AND class = $2", [.text(child.rawValue), .text(visibility.rawValue)]
        ).first?.stored("version", as: Int64.self)
        let row = try CaseloadSummaries.sealed(
            entry, of: child, visibility, version: Int(stored ?? 0) + 1, at: now, changeSequence: changeSequence, keys: keys)
        try transaction.query("""
            INSERT INTO summaries(child_id, class, version, updated_at, change_seq, payload) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (child_id, class) DO UPDATE SET version = EXCLUDED.version, updated_at = EXCLUDED.updated_at,
                change_seq = EXCLUDED.change_seq, payload = EXCLUDED.payload
            """, [.text(child.rawValue), .text(visibility.rawValue), .int(row.version), .real(row.updatedAt), .integer(row.changeSequence),
                  .bytes(row.payload)])
        return row
    }

    /// Makes every child's summary of each class the session holds that is not kept yet, in the
    /// sign-in's transaction, with one audit event listing them: a store made on the server
    /// before it kept summaries, at its next sign-in; the restricted class's, at the first
    /// sign-in of someone who holds its key. A few thousand children at a time, as the SQLite
    /// store makes them, so a large unit's records are not all held at once, telling the sign-in
    /// screen after each batch (`SignInProgress`).
    static func buildMissingSummaries(
        _ transaction: PostgresLink.Transaction, keys: SessionKeys, actor: String, now: Date, batchSize: Int = 2_000
    ) throws {
        var kept = try summarizedClasses(transaction)
        let missing = CaseloadSummaries.classes.filter { !kept.contains($0) && keys.keyring.holds($0) }
        guard !missing.isEmpty else { return }
        let sequence = try changeCounter(transaction)
        var rows: [RecordRow] = []
        var children = Set<ChildID>()
        for visibility in missing {
            var batches: [Set<ChildID>?] = [nil]
            if visibility == .team {
                let ids = try transaction.query("SELECT id FROM records WHERE kind = $1 ORDER BY id", [.text(RecordKind.child.rawValue)])
                    .map { ChildID(rawValue: try $0.stored("id")) }
                batches = stride(from: 0, to: ids.count, by: max(1, batchSize)).map { Set(ids[$0..<min($0 + max(1, batchSize), ids.count)]) }
            }
            let total = batches.reduce(0) { $0 + ($1?.count ?? 0) }
            var done = 0
            if total > 0 { SignInProgress.tell(done: 0, total: total) }
            for batch in batches {
                for (child, entry) in try caseloadEntries(of: batch, visibility, transaction, keys: keys).sorted(by: { $0.key < $1.key }) {
                    rows.append(try writeSummary(entry, of: child, visibility, at: now, changeSequence: sequence, transaction, keys: keys))
                    children.insert(child)
                }
                guard let batch else { continue }
                done += batch.count
                SignInProgress.tell(done: done, total: total)
            }
            kept.insert(visibility)
        }
        try markSummarized(kept, transaction)
        try appendEvent(transaction, keys: keys, AuditLinking.Pending(
            action: .update, actor: actor, at: now,
            summary: "made the caseload summaries (\(missing.map(\.records).joined(separator: ", "))) of \(children.count) children",
            rows: rows))
    }

    // MARK: Made from the records

    /// The entries of `visibility` made from the records (of `ids`, or of every child): what a
    /// summary must hold, and what a child's summary is replaced with when it cannot be trusted.
    /// A record that does not open goes to `onDamage` (by default it is refused).
    static func caseloadEntries(
        of ids: Set<ChildID>?, _ visibility: VisibilityClass, _ transaction: PostgresLink.Transaction, keys: SessionKeys,
        onDamage: DamageHandler = refuseDamage
    ) throws -> [ChildID: CaseloadEntry] {
        let last = try lastContacts(of: ids, visibility, transaction)
        guard visibility == .team else { return CaseloadSummaries.restrictedEntries(lastContact: last) }
        let source = TeamRecords(ids: ids, transaction: transaction, keys: keys)
        return CaseloadSummaries.teamEntries(try CaseloadSummaries.teamRecords(from: source, damaged: onDamage), lastContact: last)
    }

    /// This server's read of one kind of the team records of `ids` (of every child when nil).
    private struct TeamRecords: TeamRecordSource {
        let ids: Set<ChildID>?
        let transaction: PostgresLink.Transaction
        let keys: SessionKeys

        func records<Record: CareRecord>(_ type: Record.Type, damaged: RecordDamageHandler) throws -> [Record] {
            try PostgresCaseStore.fetchAll(type, children: ids, transaction, keys: keys, onDamage: damaged)
        }
    }

    /// The time of each child's last contact of `visibility`, from the clear `sort_at` column.
    static func lastContacts(of ids: Set<ChildID>?, _ visibility: VisibilityClass, _ transaction: PostgresLink.Transaction) throws -> [ChildID: Date] {
        let (filter, values) = childFilter(ids, column: "child_id", after: 2)
        var last: [ChildID: Date] = [:]
        for row in try transaction.query("""
            SELECT child_id, MAX(sort_at) AS last FROM records
            WHERE kind = $1 AND class = $2 AND child_id IS NOT NULL \(filter) GROUP BY child_id
            """, [.text(RecordKind.contact.rawValue), .text(visibility.rawValue)] + values) {
            if let time = try row.stored("last", as: Double?.self) {
                last[ChildID(rawValue: try row.stored("child_id"))] = Date(timeIntervalSince1970: time)
            }
        }
        return last
    }

    /// Every record of one kind that belongs to one of `children` (to any child, and to none,
    /// when nil) whose class key this session holds, in no particular order.
    static func fetchAll<Record: CareRecord>(
        _ type: Record.Type, children ids: Set<ChildID>?, _ transaction: PostgresLink.Transaction, keys: SessionKeys,
        onDamage: DamageHandler
    ) throws -> [Record] {
        let (filter, values) = childFilter(ids, column: "child_id", after: 1)
        let decoder = RecordCoding.decoder()
        var records: [Record] = []
        for stored in try transaction.query(
            "SELECT \(RecordRow.columns) FROM records WHERE kind = $1 \(filter)", [.text(Record.kind.rawValue)] + values) {
            do {
                let row = try recordRow(stored)
                guard keys.keyring.holds(row.visibility) else { continue }
                records.append(try RecordOpening.open(Record.self, row: row, keys: keys, decoder: decoder))
            } catch let error as StoreError where error.isDamage {
                let id = (try? stored.stored("id", as: String.self)) ?? ""
                let child = (try? stored.stored("child_id", as: String?.self)).flatMap { $0 }
                try onDamage(DamagedRecord(kind: Record.kind.rawValue, id: id, child: child.map(ChildID.init(rawValue:))), error)
            }
        }
        return records
    }

    /// `AND <column> = ANY($n)` with the ids bound as one array (`n` the next placeholder after
    /// `after`), or nothing when `ids` is nil.
    static func childFilter(_ ids: Set<ChildID>?, column: String, after: Int) -> (String, [SQLValue]) {
        guard let ids else { return ("", []) }
        return ("AND \(column) = ANY($\(after + 1))", [.texts(ids.map(\.rawValue))])
    }

    // MARK: Reading

    /// A row of `summaries` read with `CaseloadSummaries.columns`, as the `RecordRow` it is
    /// sealed as.
    static func summaryRow(_ stored: PostgresRandomAccessRow) throws -> RecordRow {
        try CaseloadSummaries.row(
            childID: try stored.stored("child_id"), visibility: try stored.stored("class"),
            version: Int(try stored.stored("version", as: Int64.self)), updatedAt: try stored.stored("updated_at"),
            changeSequence: try stored.stored("change_seq"), payload: try stored.bytes("payload"))
    }

    /// The entries of `visibility` from the sealed summaries. A child whose summary is not the
    /// one the trail last wrote, does not open, or (for the team) is missing is read from its
    /// records instead and, when the summary was tampered with, named in `onDamage`; `care check`
    /// says why.
    static func summarizedEntries(
        of ids: Set<ChildID>?, _ visibility: VisibilityClass, _ transaction: PostgresLink.Transaction, keys: SessionKeys,
        onDamage: DamageHandler
    ) throws -> [ChildID: CaseloadEntry] {
        var entries: [ChildID: CaseloadEntry] = [:]
        var unopened = Set<ChildID>()
        let trail = try trailedSummaries(of: ids, visibility, transaction)
        var seen = Set<String>()
        let (filter, values) = childFilter(ids, column: "child_id", after: 1)
        for stored in try transaction.query(
            "SELECT \(CaseloadSummaries.columns) FROM summaries WHERE class = $1 \(filter)", [.text(visibility.rawValue)] + values) {
            let row: RecordRow
            do {
                row = try summaryRow(stored)
            } catch let error as StoreError where error.isDamage {
                if let child = (try? stored.stored("child_id", as: String?.self)) ?? nil { unopened.insert(ChildID(rawValue: child)) }
                continue
            }
            seen.insert(row.id)
            let child = ChildID(rawValue: row.childID ?? "")
            guard CaseloadSummaries.isTrailed(row, trail[row.id]) else {
                unopened.insert(child)
                try onDamage(DamagedRecord(kind: CaseloadSummaries.kind, id: row.id, child: child),
                             .sealBroken(kind: CaseloadSummaries.kind, id: row.id))
                continue
            }
            if let entry = try? CaseloadSummaries.open(row, keys: keys) {
                entries[child] = entry
            } else {
                unopened.insert(child)
            }
        }
        // A summary the trail wrote and the table no longer holds was deleted: the same.
        for id in trail.keys where !seen.contains(id) {
            guard let child = CaseloadSummaries.child(ofID: id, visibility) else { continue }
            unopened.insert(child)
            try onDamage(DamagedRecord(kind: CaseloadSummaries.kind, id: id, child: child), .sealBroken(kind: CaseloadSummaries.kind, id: id))
        }
        if visibility == .team {
            let (filter, values) = childFilter(ids, column: "id", after: 1)
            for row in try transaction.query("SELECT id FROM records WHERE kind = $1 \(filter)", [.text(RecordKind.child.rawValue)] + values) {
                let child = ChildID(rawValue: try row.stored("id"))
                if entries[child] == nil { unopened.insert(child) }
            }
        }
        if !unopened.isEmpty {
            for child in unopened { entries[child] = nil }
            for (child, entry) in try caseloadEntries(of: unopened, visibility, transaction, keys: keys, onDamage: onDamage) {
                entries[child] = entry
            }
        }
        return entries
    }

    /// The version and row hash the trail last wrote of each summary of `visibility` (of the
    /// children `ids`, or all), by summary id.
    static func trailedSummaries(
        of ids: Set<ChildID>?, _ visibility: VisibilityClass, _ transaction: PostgresLink.Transaction
    ) throws -> [String: CaseloadSummaries.Trailed] {
        var values: [SQLValue] = [.text(CaseloadSummaries.kind), .text("\(visibility.rawValue)/%")]
        var filter = ""
        if let ids {
            values.append(.texts(ids.map { CaseloadSummaries.id($0, visibility) }))
            filter = "AND id = ANY($3)"
        }
        var trailed: [String: CaseloadSummaries.Trailed] = [:]
        for row in try transaction.query("""
            SELECT DISTINCT ON (id) id, version, row_hash FROM audit_rows
            WHERE kind = $1 AND id LIKE $2 \(filter) ORDER BY id, seq DESC
            """, values) {
            trailed[try row.stored("id")] = CaseloadSummaries.Trailed(
                version: Int(try row.stored("version", as: Int64.self)), hash: try row.bytes("row_hash"))
        }
        return trailed
    }
}
