import CareDomain
import Foundation
import GRDB

/// Commands and the change feed. Every rule lives in `CommandRules`; the store only gives the
/// rules a view of its transaction, writes what they prepared, stamps the feed and appends the
/// audit event, all in one `BEGIN IMMEDIATE` transaction.
extension SQLiteCaseStore {
    public func perform(_ command: CaseCommand) throws -> CommandOutcome {
        try write { db, keys in
            let now = clock.now()
            // The worker as stored now, not as at sign-in: an account a supervisor disabled
            // since then is refused by the rules (`inactiveAccount`).
            let actor = try Self.fetchRecord(Worker.self, id: worker.id.rawValue, db: db, keys: keys) ?? worker
            let context = SQLiteCommandContext(db: db, keys: keys, actor: actor, now: now, unit: unitInfo)
            let prepared: PreparedCommand
            do {
                prepared = try CommandRules.prepare(command, in: context)
            } catch let conflict as RecordConflict {
                throw try Self.namingTheSaver(of: conflict, db: db, keys: keys)
            }
            let encoder = RecordCoding.encoder()
            let first = try Self.reserveChangeSequences(db, count: prepared.writes.count)
            var changes: [RecordChange] = []
            var rows: [RecordRow] = []
            for (offset, write) in prepared.writes.enumerated() {
                let sequence = first + Int64(offset)
                let written: RecordRow?
                do {
                    written = try Self.writeAnyRow(
                        write.record, insert: write.isNew, expectedVersion: write.expectedVersion, at: now,
                        changeSequence: sequence, db: db, keys: keys, encoder: encoder)
                } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                    written = nil
                }
                guard let written else {
                    // The rules read the record in this same transaction, so only a row changed
                    // under it gets here; it is still someone else's save, shown as a conflict.
                    var yours = write.record
                    yours.version = write.expectedVersion
                    let theirs = try context.record(write.record.kind, id: write.record.recordID) ?? yours
                    throw try Self.namingTheSaver(of: RecordConflict(yours: yours, theirs: theirs), db: db, keys: keys)
                }
                rows.append(written)
                changes.append(RecordChange(
                    kind: write.record.kind, id: write.record.recordID, child: write.record.childID, sequence: sequence))
            }
            rows += try Self.refreshSummaries(
                after: prepared.writes.map(\.record.record), at: now, changeSequence: first + Int64(max(0, prepared.writes.count - 1)),
                db: db, keys: keys)
            try appendEvent(
                db, keys: keys, action: prepared.action, at: now, targetKind: prepared.target.kind,
                targetID: prepared.target.id, child: prepared.child, summary: prepared.summary, rows: rows)
            return CommandOutcome(saved: prepared.writes.map(\.record), changes: changes, summary: prepared.summary)
        }
    }

    /// Fills in who saved the other version and when: the last event that wrote that record
    /// (the trail keeps each written row; views write none).
    static func namingTheSaver(of conflict: RecordConflict, db: Database, keys: SessionKeys) throws -> RecordConflict {
        var named = conflict
        guard let seq = try Int64.fetchOne(db, sql: """
            SELECT seq FROM audit_rows WHERE kind = ? AND id = ? ORDER BY seq DESC LIMIT 1
            """, arguments: [conflict.theirs.kind.rawValue, conflict.theirs.recordID]),
            let row = try Row.fetchOne(db, sql: "SELECT \(AuditRow.columns) FROM audit WHERE seq = ?", arguments: [seq])
        else { return named }
        let event = try AuditLog(keys: keys).event(try AuditLog.auditRow(row))
        if let actor = event.actor {
            named.savedBy = try fetchRecord(Worker.self, id: actor.rawValue, db: db, keys: keys)?.displayName
        }
        named.savedAt = event.at
        return named
    }

    /// The `changes` counter in `meta`: the sequence of the latest row written by any process.
    public func changeCursor() throws -> Int64 {
        try read { db, _ in
            try Int64.fetchOne(db, sql: "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'changes'") ?? 0
        }
    }

    /// Every record written after `cursor`, oldest change first. A record written twice since
    /// then is listed once, at its latest sequence.
    public func changes(since cursor: Int64) throws -> ChangeBatch {
        try read { db, _ in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT kind, id, child_id, change_seq FROM records WHERE change_seq > ? ORDER BY change_seq
                """, arguments: [cursor])
            var changes: [RecordChange] = []
            while let row = try rows.next() {
                guard let kind = RecordKind(rawValue: try row.stored("kind")) else {
                    throw StoreError.corrupt("a record has an unknown kind")
                }
                changes.append(RecordChange(
                    kind: kind, id: try row.stored("id"), child: (try row.stored("child_id", as: String?.self)).map(ChildID.init(rawValue:)),
                    sequence: try row.stored("change_seq")))
            }
            return ChangeBatch(changes: changes, cursor: changes.last?.sequence ?? max(cursor, 0))
        }
    }
}
