import CareDomain
import Foundation
import GRDB

extension SQLiteCaseStore {
    /// Writes `record` exactly as given, without `CommandRules`: for tests that only need records
    /// on disk (a referral already sent, a handover already acknowledged). Not public: people
    /// change records only through `perform`, whose rules no caller can step around.
    ///
    /// Version 0 is inserted (stored as 1); any other version must be the stored one (stored
    /// plus one), or the save is a `RecordConflict`. Audited and in the change feed like a
    /// command.
    @discardableResult
    func save<Record: CareRecord>(_ record: Record, summary: String) throws -> Record {
        let isNew = record.version == 0
        return try write { db, keys in
            let stored = try Self.fetchRecord(Record.self, id: record.recordID, db: db, keys: keys)
            switch (stored, isNew) {
            case (nil, false):
                throw CommandError.notFound(kind: Record.kind, id: record.recordID)
            case (let theirs?, _) where theirs.version != record.version:
                throw try Self.namingTheSaver(of: RecordConflict(yours: AnyRecord(record), theirs: AnyRecord(theirs)), db: db, keys: keys)
            default:
                break
            }
            let now = clock.now()
            var saved = record
            saved.version = record.version + 1
            let sequence = try Self.reserveChangeSequences(db, count: 1)
            guard let row = try Self.writeRow(
                saved, insert: isNew, expectedVersion: record.version, at: now,
                changeSequence: sequence, db: db, keys: keys, encoder: RecordCoding.encoder())
            else { throw StoreError.busy }
            let summaries = try Self.refreshSummaries(after: [saved], at: now, changeSequence: sequence, db: db, keys: keys)
            try appendEvent(
                db, keys: keys, action: isNew ? .create : .update, at: now, targetKind: Record.kind,
                targetID: record.recordID, child: record.childID, summary: summary, rows: [row] + summaries)
            return saved
        }
    }
}
