import CareDomain
import Foundation
import GRDB

/// What `CommandRules` reads while the store applies a command: the records as they are inside
/// the command's `BEGIN IMMEDIATE` transaction, and the case-number counter of the same
/// transaction. Lives only as long as that transaction.
final class SQLiteCommandContext: CommandContext {
    let actor: Worker
    let now: Date
    let unit: UnitInfo
    private let db: Database
    private let keys: SessionKeys
    private let decoder = RecordCoding.decoder()

    init(db: Database, keys: SessionKeys, actor: Worker, now: Date, unit: UnitInfo) {
        self.db = db
        self.keys = keys
        self.actor = actor
        self.now = now
        self.unit = unit
    }

    func record(_ kind: RecordKind, id: String) throws -> AnyRecord? {
        try SQLiteCaseStore.fetchAnyRecord(kind, id: id, db: db, keys: keys, decoder: decoder)
    }

    func records(_ kind: RecordKind, child: ChildID) throws -> [AnyRecord] {
        let rows = try Row.fetchCursor(
            db, sql: "SELECT id, version, payload FROM records WHERE kind = ? AND child_id = ?",
            arguments: [kind.rawValue, child.rawValue])
        var records: [AnyRecord] = []
        while let row = try rows.next() {
            records.append(try SQLiteCaseStore.openAnyRecord(
                kind, id: row["id"], version: row["version"], payload: row["payload"], keys: keys, decoder: decoder))
        }
        return records
    }

    func nextCaseNumber(year: Int) throws -> CaseNumber {
        try SQLiteCaseStore.takeCaseNumber(unit: unit.code, year: year, db: db, keys: keys)
    }
}
