import CareDomain
import Foundation
import GRDB

/// The sealed per-child summaries (`summaries`): for each child and each visibility class with
/// entries (team, restricted), the `CaseloadEntry` made from that child's records of that class,
/// sealed under the class's key with every clear column bound in, written in the same
/// transaction as any change to those records and listed in that change's audit event, so the
/// trail keeps each summary's row hash and `care check` compares it with the records.
///
/// A summary's row is a `RecordRow` of kind `summary` whose id is `<class>/<child id>`: it is
/// sealed, hashed and trailed by the code every record goes through.
extension SQLiteCaseStore {
    static let summaryKind = CaseloadSummaries.kind

    /// The classes a child can have a summary of.
    static let summaryClasses = CaseloadSummaries.classes

    static func summaryID(_ child: ChildID, _ visibility: VisibilityClass) -> String { CaseloadSummaries.id(child, visibility) }

    static let summaryColumns = CaseloadSummaries.columns

    /// A row of `summaries` read with `summaryColumns`, as the `RecordRow` it is sealed as.
    static func summaryRow(_ stored: Row) throws -> RecordRow {
        try CaseloadSummaries.row(
            childID: try stored.stored("child_id"), visibility: try stored.stored("class"), version: try stored.stored("version"),
            updatedAt: try stored.stored("updated_at"), changeSequence: try stored.stored("change_seq"), payload: try stored.stored("payload"))
    }

    /// The entry a summary row holds (`CaseloadSummaries.open`).
    static func openSummary(_ row: RecordRow, keys: SessionKeys) throws -> CaseloadEntry {
        try CaseloadSummaries.open(row, keys: keys)
    }

    /// The same, sharing repeated text with the summaries `interner` decoded before.
    static func openSummary(_ row: RecordRow, keys: SessionKeys, interner: inout TextInterner) throws -> CaseloadEntry {
        try CaseloadSummaries.open(row, keys: keys, interner: &interner)
    }

    // MARK: Which classes are summarized

    /// The classes whose summaries are complete: every child's summary of that class is kept. A
    /// store made before summaries has none until its first sign-in with write access
    /// (`buildMissingSummaries`); a store opened read-only then loads from its records.
    static func summarizedClasses(_ db: Database) throws -> Set<VisibilityClass> {
        guard try db.tableExists("summaries"),
              let text = try String.fetchOne(db, sql: "SELECT CAST(value AS TEXT) FROM meta WHERE key = 'summaries'")
        else { return [] }
        return CaseloadSummaries.kept(fromSetting: text)
    }

    static func markSummarized(_ classes: Set<VisibilityClass>, db: Database) throws {
        let text = CaseloadSummaries.setting(classes)
        try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES ('summaries', ?)", arguments: [text])
    }

    // MARK: Writing

    /// Writes the summaries a transaction's written records change (the classes
    /// `CaseloadEntry.classes(changedBy:)` names, of the classes kept), made again from the
    /// child's records as they now stand in the transaction. Returns their rows, for the audit
    /// event that closes the transaction. `changeSequence` is the last one the transaction took.
    static func refreshSummaries(
        after records: [any CareRecord], at now: Date, changeSequence: Int64, db: Database, keys: SessionKeys
    ) throws -> [RecordRow] {
        let kept = try summarizedClasses(db)
        guard !kept.isEmpty else { return [] }
        let touched = CaseloadSummaries.touched(by: records, kept: kept, keys: keys)
        var rows: [RecordRow] = []
        for visibility in summaryClasses {
            guard let children = touched[visibility] else { continue }
            // A large import reads every child's records once rather than in chunks of ids.
            let entries = try caseloadEntries(of: children.count > 2_000 ? nil : children, visibility, db: db, keys: keys)
            for child in children.sorted() {
                guard let entry = entries[child] else { continue }
                rows.append(try writeSummary(entry, of: child, visibility, at: now, changeSequence: changeSequence, db: db, keys: keys))
            }
        }
        return rows
    }

    /// Seals `entry` as the summary of `child` for `visibility`, one version past the stored one.
    static func writeSummary(
        _ entry: CaseloadEntry, of child: ChildID, _ visibility: VisibilityClass, at now: Date, changeSequence: Int64,
        db: Database, keys: SessionKeys
    ) throws -> RecordRow {
        let stored = try Int.fetchOne(
            db, sql: "SELECT version FROM summaries WHERE child_id = ? AND class = ?", arguments: [child.rawValue, visibility.rawValue])
        let row = try CaseloadSummaries.sealed(
            entry, of: child, visibility, version: (stored ?? 0) + 1, at: now, changeSequence: changeSequence, keys: keys)
        try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO summaries(child_id, class, version, updated_at, change_seq, payload) VALUES (?, ?, ?, ?, ?, ?)
            """).execute(arguments: [child.rawValue, visibility.rawValue, row.version, row.updatedAt, row.changeSequence, row.payload])
        return row
    }

    /// Makes every child's summary of each class the session holds that is not kept yet, in the
    /// sign-in's transaction, with one audit event listing them: a store made before summaries,
    /// at its first sign-in with write access; the restricted class's, at the first sign-in of
    /// someone who holds its key.
    ///
    /// The team's summaries are made `summaryBatch` children at a time, keeping only each
    /// row's trail entry: made all at once, every record of 50,000 children was decoded and
    /// held together, and the first sign-in peaked at 1,286 MB (docs/benchmarks.md). After each
    /// batch the sign-in screen hears how many children are done (`SignInProgress`).
    static func buildMissingSummaries(db: Database, keys: SessionKeys, actor: String, now: Date, batchSize: Int = summaryBatch) throws {
        guard try db.tableExists("summaries") else { return }
        var kept = try summarizedClasses(db)
        let missing = summaryClasses.filter { !kept.contains($0) && keys.keyring.holds($0) }
        guard !missing.isEmpty else { return }
        let sequence = try Int64.fetchOne(db, sql: "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'changes'") ?? 0
        var entries: [RecordTrailEntry] = []
        var children = Set<ChildID>()
        for visibility in missing {
            let batches = try summaryBatches(visibility, size: batchSize, db: db)
            let total = batches.reduce(0) { $0 + ($1?.count ?? 0) }
            var done = 0
            if total > 0 { SignInProgress.tell(done: 0, total: total) }
            for batch in batches {
                for (child, entry) in try caseloadEntries(of: batch, visibility, db: db, keys: keys).sorted(by: { $0.key < $1.key }) {
                    entries.append(try writeSummary(entry, of: child, visibility, at: now, changeSequence: sequence, db: db, keys: keys).trailEntry)
                    children.insert(child)
                }
                guard let batch else { continue }
                done += batch.count
                SignInProgress.tell(done: done, total: total)
            }
            kept.insert(visibility)
        }
        try markSummarized(kept, db: db)
        try AuditLog(keys: keys).append(db, AuditLog.NewEvent(
            action: .update, actor: actor, at: now,
            summary: "made the caseload summaries (\(missing.map(\.records).joined(separator: ", "))) of \(children.count) children",
            entries: entries))
    }

    /// How many children's team summaries are made together at a first sign-in.
    static let summaryBatch = 2_000

    /// The children whose summaries of `visibility` are made together: the team's in batches of
    /// `size` child records (a damaged one included: its summary says so); the
    /// restricted class's, made from the clear `sort_at` column only, in one (nil: every child).
    static func summaryBatches(_ visibility: VisibilityClass, size: Int = summaryBatch, db: Database) throws -> [Set<ChildID>?] {
        guard visibility == .team else { return [nil] }
        let ids = try String.fetchAll(db, sql: "SELECT id FROM records WHERE kind = ? ORDER BY id", arguments: [RecordKind.child.rawValue])
        return stride(from: 0, to: ids.count, by: max(1, size)).map { start in
            Set(ids[start..<min(start + max(1, size), ids.count)].map(ChildID.init(rawValue:)))
        }
    }

    // MARK: Made from the records

    /// The entries of `visibility` made from the records (of `ids`, or of every child): the
    /// team's for each child record, the restricted class's for each child with a restricted
    /// contact. What a summary must hold, and what a child's summary is replaced with when it
    /// does not open.
    ///
    /// A record that does not open goes to `onDamage` (by default it is refused, as a rule
    /// needs it): loading names it in the snapshot, `care check` leaves that child out.
    static func caseloadEntries(
        of ids: Set<ChildID>?, _ visibility: VisibilityClass, db: Database, keys: SessionKeys,
        onDamage: DamageHandler = refuseDamage
    ) throws -> [ChildID: CaseloadEntry] {
        let last = try lastContacts(of: ids, visibility, db: db)
        guard visibility == .team else { return CaseloadSummaries.restrictedEntries(lastContact: last) }
        let source = TeamRecords(ids: ids, db: db, keys: keys, decoder: RecordCoding.decoder())
        return CaseloadSummaries.teamEntries(try CaseloadSummaries.teamRecords(from: source, damaged: onDamage), lastContact: last)
    }

    /// This file's read of one kind of the team records of `ids` (of every child when nil).
    private struct TeamRecords: TeamRecordSource {
        let ids: Set<ChildID>?
        let db: Database
        let keys: SessionKeys
        let decoder: JSONDecoder

        func records<Record: CareRecord>(_ type: Record.Type, damaged: RecordDamageHandler) throws -> [Record] {
            try SQLiteCaseStore.fetchAll(type, children: ids, db: db, keys: keys, decoder: decoder, onDamage: damaged)
        }
    }

    /// The time of each child's last contact of `visibility`, from the clear `sort_at` column
    /// (nothing sealed is opened).
    static func lastContacts(of ids: Set<ChildID>?, _ visibility: VisibilityClass, db: Database) throws -> [ChildID: Date] {
        var last: [ChildID: Date] = [:]
        try forEachChunk(of: ids, db: db) { filter, arguments in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT child_id, MAX(sort_at) AS last FROM records
                WHERE kind = ? AND class = ? AND child_id IS NOT NULL \(filter)
                GROUP BY child_id
                """, arguments: [RecordKind.contact.rawValue, visibility.rawValue] + arguments)
            while let row = try rows.next() {
                if let time = try row.stored("last", as: Double?.self) {
                    last[ChildID(rawValue: try row.stored("child_id"))] = Date(timeIntervalSince1970: time)
                }
            }
        }
        return last
    }
}
