import CareDomain
import Foundation
import GRDB

extension SQLiteCaseStore {
    /// Inserts many new records in one transaction — the fast path for generated demo data and
    /// imports. Each is stored as created (version 0 becomes 1; a higher version is kept) and
    /// put in the change feed, and one `create` audit event summarises the import instead of
    /// one per record. A record that already exists fails the whole import, so an import never
    /// changes a record (a referral's status included). Case-number counters move past the
    /// imported children's numbers. Supervisors only.
    ///
    /// Internal: it writes records as they are, without `CommandRules`, so only the demo
    /// generator (`DemoStore`) and tests that need records no command would make call it.
    @discardableResult
    func importRecords(_ records: [any CareRecord], summary: String? = nil) throws -> Int {
        try Permission.manageAccounts.require(role)
        return try write { db, keys in
            let encoder = RecordCoding.encoder()
            let now = clock.now()
            var counts: [RecordKind: Int] = [:]
            var rows: [RecordRow] = []
            rows.reserveCapacity(records.count)
            let first = try Self.reserveChangeSequences(db, count: records.count)
            for (offset, record) in records.enumerated() {
                rows.append(try Self.insertImported(record, at: now, changeSequence: first + Int64(offset), db: db, keys: keys, encoder: encoder))
                counts[type(of: record).kind, default: 0] += 1
            }
            try Self.raiseCounters(past: records.compactMap { $0 as? Child }, db: db, keys: keys)
            rows += try Self.refreshSummaries(
                after: records, at: now, changeSequence: first + Int64(max(0, records.count - 1)), db: db, keys: keys)
            let breakdown = RecordKind.allCases.compactMap { kind in counts[kind].map { "\($0) \(kind.rawValue)" } }
            try appendEvent(
                db, keys: keys, action: .create,
                summary: summary ?? "imported \(records.count) records (\(breakdown.joined(separator: ", ")))", rows: rows)
            return records.count
        }
    }

    private static func insertImported<Record: CareRecord>(
        _ record: Record, at: Date, changeSequence: Int64, db: Database, keys: SessionKeys, encoder: JSONEncoder
    ) throws -> RecordRow {
        var stored = record
        stored.version = max(record.version, 1)
        do {
            return try insertRow(stored, at: at, changeSequence: changeSequence, db: db, keys: keys, encoder: encoder)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw StoreError.invalid("The import holds \(Record.kind.rawValue) \(record.recordID), which is already in the store.")
        }
    }
}
