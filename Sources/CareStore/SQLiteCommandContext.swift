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

    /// The record as it is now. One of a class the actor's role may not read is refused as that
    /// role's refusal, never opened: the rules would refuse it anyway (`requireReadable`), and
    /// the session holds no key to it.
    func record(_ kind: RecordKind, id: String) throws -> AnyRecord? {
        guard let row = try SQLiteCaseStore.fetchRow(kind, id: id, db: db) else { return nil }
        try requireReadable(row)
        return try SQLiteCaseStore.openAnyRecord(row, keys: keys, decoder: decoder)
    }

    /// The child's records of `kind` the actor may read (no rule needs the others).
    func records(_ kind: RecordKind, child: ChildID) throws -> [AnyRecord] {
        let rows = try Row.fetchCursor(
            db, sql: "SELECT \(RecordRow.columns) FROM records WHERE kind = ? AND child_id = ?",
            arguments: [kind.rawValue, child.rawValue])
        var records: [AnyRecord] = []
        while let stored = try rows.next() {
            let row = try RecordRow(row: stored)
            guard keys.keyring.holds(row.visibility), actor.role.mayRead(row.visibility) else { continue }
            records.append(try SQLiteCaseStore.openAnyRecord(row, keys: keys, decoder: decoder))
        }
        return records
    }

    private func requireReadable(_ row: RecordRow) throws {
        let permission = row.visibility.permission
        do { try permission.require(actor.role) } catch { throw CommandError.denied(error) }
        guard keys.keyring.holds(row.visibility) else { throw StoreError.classNotHeld(row.visibility) }
    }

    func nextCaseNumber(year: Int) throws -> CaseNumber {
        try SQLiteCaseStore.takeCaseNumber(unit: unit.code, year: year, db: db, keys: keys)
    }
}
