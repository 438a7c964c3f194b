import CareCore
import CareDomain
import Foundation
import PostgresNIO

/// Rows of `records` on the server: the same clear columns and sealed payload as in the SQLite
/// file, opened and sealed by `RecordOpening`.
extension PostgresCaseStore {
    static func recordRow(_ row: PostgresRandomAccessRow) throws -> RecordRow {
        let kind: String = try row.stored("kind")
        let id: String = try row.stored("id")
        guard let visibility = VisibilityClass(rawValue: try row.stored("class")) else {
            throw StoreError.corrupt("the \(kind) record \(id) names an unknown visibility class")
        }
        guard let seal = RecordRow.Seal(rawValue: Int(try row.stored("seal", as: Int64.self))) else {
            throw StoreError.corrupt("the \(kind) record \(id) names an unknown seal format")
        }
        return RecordRow(
            kind: kind, id: id, childID: try row.stored("child_id", as: String?.self), version: Int(try row.stored("version", as: Int64.self)),
            sortAt: try row.stored("sort_at", as: Double?.self), updatedAt: try row.stored("updated_at"),
            changeSequence: try row.stored("change_seq"), visibility: visibility, seal: seal, payload: try row.bytes("payload"))
    }

    private static func values(_ row: RecordRow) -> [SQLValue] {
        [.text(row.childID), .int(row.version), .real(row.sortAt), .real(row.updatedAt), .bytes(row.payload), .integer(row.changeSequence),
         .text(row.visibility.rawValue), .int(row.seal.rawValue), .text(row.kind), .text(row.id)]
    }

    /// Inserts `row`; `PostgresStoreError.duplicate` when its key is taken.
    static func insertRow(_ row: RecordRow, _ transaction: PostgresLink.Transaction) throws {
        try transaction.query("""
            INSERT INTO records(child_id, version, sort_at, updated_at, payload, change_seq, class, seal, kind, id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            """, values(row))
    }

    /// Replaces the row still at `expectedVersion`; false when there is none (someone saved first).
    static func updateRow(_ row: RecordRow, expectedVersion: Int, _ transaction: PostgresLink.Transaction) throws -> Bool {
        try transaction.execute("""
            UPDATE records SET child_id = $1, version = $2, sort_at = $3, updated_at = $4, payload = $5, change_seq = $6, class = $7, seal = $8
            WHERE kind = $9 AND id = $10 AND version = $11
            """, values(row) + [.int(expectedVersion)]) == 1
    }

    static func fetchRow(_ kind: RecordKind, id: String, _ transaction: PostgresLink.Transaction) throws -> RecordRow? {
        try transaction.query("SELECT \(RecordRow.columns) FROM records WHERE kind = $1 AND id = $2", [.text(kind.rawValue), .text(id)])
            .first.map(recordRow)
    }

    static func fetchRecord<Record: CareRecord>(_ type: Record.Type, id: String, _ transaction: PostgresLink.Transaction, keys: SessionKeys) throws -> Record? {
        try fetchRow(Record.kind, id: id, transaction).map { try RecordOpening.open(Record.self, row: $0, keys: keys, decoder: RecordCoding.decoder()) }
    }

    /// Every record of one kind (optionally one child's) whose class key this session holds,
    /// newest first. A row that does not open is noted in `damaged` and passed over.
    static func fetchAll<Record: CareRecord>(
        _ type: Record.Type, child: ChildID? = nil, _ transaction: PostgresLink.Transaction, keys: SessionKeys,
        damaged: inout [DamagedRecord]
    ) throws -> [Record] {
        let rows: [PostgresRandomAccessRow]
        if let child {
            rows = try transaction.query(
                "SELECT \(RecordRow.columns) FROM records WHERE kind = $1 AND child_id = $2 ORDER BY sort_at DESC NULLS LAST, updated_at DESC, id",
                [.text(Record.kind.rawValue), .text(child.rawValue)])
        } else {
            rows = try transaction.query(
                "SELECT \(RecordRow.columns) FROM records WHERE kind = $1 ORDER BY sort_at DESC NULLS LAST, updated_at DESC, id",
                [.text(Record.kind.rawValue)])
        }
        let decoder = RecordCoding.decoder()
        var records: [Record] = []
        for stored in rows {
            do {
                let row = try recordRow(stored)
                guard keys.keyring.holds(row.visibility) else { continue }
                records.append(try RecordOpening.open(Record.self, row: row, keys: keys, decoder: decoder))
            } catch let error as StoreError where error.isDamage {
                let id = (try? stored.stored("id", as: String.self)) ?? ""
                let child = (try? stored.stored("child_id", as: String?.self)).flatMap { $0 }
                damaged.append(DamagedRecord(kind: Record.kind.rawValue, id: id, child: child.map(ChildID.init(rawValue:))))
            }
        }
        return records
    }

    /// Seals and writes `record` (inserting, or replacing the row at `expectedVersion`); nil when
    /// someone else saved first.
    static func writeRecord(
        _ record: AnyRecord, insert: Bool, expectedVersion: Int, at: Date, changeSequence: Int64, _ transaction: PostgresLink.Transaction,
        keys: SessionKeys
    ) throws -> RecordRow? {
        // A lead from someone who may not read leads goes to the police's drop (`LeadDrop`).
        let row = try LeadDrop.sealedForWriting(
            any: record, at: at, changeSequence: changeSequence, keys: keys, encoder: RecordCoding.encoder()
        ) { try metaBytes(LeadDrop.metaKey, transaction) }
        if insert {
            // ON CONFLICT, not a caught unique violation: an error would abort the transaction
            // the conflict is then read in.
            let inserted = try transaction.execute("""
                INSERT INTO records(child_id, version, sort_at, updated_at, payload, change_seq, class, seal, kind, id)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (kind, id) DO NOTHING
                """, values(row))
            return inserted == 1 ? row : nil
        }
        return try updateRow(row, expectedVersion: expectedVersion, transaction) ? row : nil
    }
}
