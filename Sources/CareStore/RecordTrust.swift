import CareDomain
import Foundation
import GRDB

/// Opening a child's record checks its rows against the trail, as loading the caseload checks
/// each summary: the child's own row, every record filed under the child (drafts included) and
/// the child's summaries, each against the last version the audit trail wrote of it (version,
/// child and row hash). A row put back at an older version — its seal still opens — or changed
/// outside care makes the record untrusted: it is still shown, with the words and the critical
/// alert of a summary behind the trail (`UntrustedChild`), never hidden.
///
/// Each row is one lookup in the trail's index by kind and id, so the cost follows the child's
/// own records, not the caseload. A row deleted outright leaves nothing under the child to look
/// up and is named by `care check` (which walks the whole trail), not here.
extension SQLiteCaseStore {
    static func rowsNotAsTrailed(of child: ChildID, db: Database) throws -> [DamagedRecord] {
        // The child's own row is found by its id (it may carry its own id as its child too).
        let kinds = RecordKind.allCases.filter { $0 != .child }.map(\.rawValue)
        let marks = kinds.map { _ in "?" }.joined(separator: ", ")
        var stored = try Row.fetchAll(db, sql: """
            SELECT \(RecordRow.columns) FROM records WHERE kind IN (\(marks)) AND child_id = ?
            """, arguments: StatementArguments(kinds + [child.rawValue]))
        stored += try Row.fetchAll(
            db, sql: "SELECT \(RecordRow.columns) FROM records WHERE kind = ? AND id = ?", arguments: [RecordKind.child.rawValue, child.rawValue])
        var untrusted: [DamagedRecord] = []
        var rows: [RecordRow] = []
        for entry in stored {
            // A row whose columns do not even read is not as the trail wrote it either.
            guard let row = try? RecordRow(row: entry) else {
                untrusted.append(DamagedRecord(kind: (try? entry.stored("kind", as: String.self)) ?? "record",
                                               id: (try? entry.stored("id", as: String.self)) ?? "", child: child))
                continue
            }
            rows.append(row)
        }
        var summaries: [String: RecordRow] = [:]
        if try db.tableExists("summaries") {
            for entry in try Row.fetchAll(db, sql: "SELECT \(summaryColumns) FROM summaries WHERE child_id = ?", arguments: [child.rawValue]) {
                guard let row = try? summaryRow(entry) else {
                    untrusted.append(DamagedRecord(kind: summaryKind, id: "summary of \(child.rawValue)", child: child))
                    continue
                }
                summaries[row.id] = row
            }
        }
        for row in rows + summaries.values.sorted(by: { $0.id < $1.id }) where try !isAsTrailed(row, db: db) {
            untrusted.append(DamagedRecord(kind: row.kind, id: row.id, child: child))
        }
        // A summary the trail wrote that the table no longer holds.
        let summarized = try summarizedClasses(db)
        for visibility in summaryClasses where summarized.contains(visibility) {
            let id = summaryID(child, visibility)
            if summaries[id] == nil, try latestTrailed(kind: summaryKind, id: id, db: db) != nil {
                untrusted.append(DamagedRecord(kind: summaryKind, id: id, child: child))
            }
        }
        return untrusted
    }

    /// Whether `row` is exactly what the trail last wrote of it.
    static func isAsTrailed(_ row: RecordRow, db: Database) throws -> Bool {
        guard let trailed = try latestTrailed(kind: row.kind, id: row.id, db: db) else { return false }
        return trailed.version == row.version && trailed.childID == row.childID && trailed.rowHash == row.hash
    }

    /// The last entry the trail wrote of one row (by the `audit_rows_by_record` index). The
    /// statement is prepared once per connection: a record checks every row it has this way.
    static func latestTrailed(kind: String, id: String, db: Database) throws -> RecordTrailEntry? {
        try Row.fetchOne(db.cachedStatement(sql: """
            SELECT version, child_id, row_hash FROM audit_rows WHERE kind = ? AND id = ? ORDER BY seq DESC, ord DESC LIMIT 1
            """), arguments: [kind, id]).map { row in
            RecordTrailEntry(kind: kind, id: id, version: try row.stored("version"), childID: try row.stored("child_id"), rowHash: try row.stored("row_hash"))
        }
    }
}
