import CareCore
import CareDomain
import Foundation
import GRDB

/// `RecordRow` in the SQLite file: reading a row of `records` and writing one.
extension RecordRow {
    /// A row read with `columns`. An unknown class or seal format is damage, said in words.
    init(row: Row) throws {
        let kind: String = try row.stored("kind")
        let id: String = try row.stored("id")
        guard let visibility = VisibilityClass(rawValue: try row.stored("class")) else {
            throw StoreError.corrupt("the \(kind) record \(id) names an unknown visibility class")
        }
        guard let seal = Seal(rawValue: try row.stored("seal")) else {
            throw StoreError.corrupt("the \(kind) record \(id) names an unknown seal format")
        }
        self.init(
            kind: kind, id: id, childID: try row.stored("child_id"), version: try row.stored("version"), sortAt: try row.stored("sort_at"),
            updatedAt: try row.stored("updated_at"), changeSequence: try row.stored("change_seq"), visibility: visibility, seal: seal,
            payload: try row.stored("payload"))
    }

    private var arguments: StatementArguments {
        [childID, version, sortAt, updatedAt, payload, changeSequence, visibility.rawValue, seal.rawValue, kind, id]
    }

    func insert(_ db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT INTO records(child_id, version, sort_at, updated_at, payload, change_seq, class, seal, kind, id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: arguments)
    }

    /// Replaces the row still at `expectedVersion`; false when there is none (someone saved first).
    func update(_ db: Database, expectedVersion: Int) throws -> Bool {
        try db.cachedStatement(sql: """
            UPDATE records SET child_id = ?, version = ?, sort_at = ?, updated_at = ?, payload = ?, change_seq = ?, class = ?, seal = ?
            WHERE kind = ? AND id = ? AND version = ?
            """).execute(arguments: arguments + [expectedVersion])
        return db.changesCount == 1
    }
}

extension DamagedRecord {
    /// What the clear columns of a row that does not open still say, read as far as they can be
    /// (a row damaged in its columns too is named by its kind and whatever id is left).
    init(_ stored: Row, kind: RecordKind) {
        let id = (try? stored.stored("id", as: String?.self)).flatMap { $0 } ?? ""
        let child = (try? stored.stored("child_id", as: String?.self)).flatMap { $0 }
        self.init(kind: kind.rawValue, id: id, child: child.map(ChildID.init(rawValue:)))
    }
}
